"""Write actions for the shared kernel: organisations, people, site configuration, roles, tokens.

Each action checks permission, applies the rules, saves in one transaction and writes one audit
row, as every action in SaferHub does.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.colours import contrast_ratio
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import ApiToken, Organisation, Person, PersonAlias, SiteConfiguration
from saferhub.core.models.tokens import TOKEN_PREFIX_LENGTH, hash_token
from saferhub.core.names import normalise_name, split_honorific
from saferhub.core.permissions import Role, require
from saferhub.core.site import forget_site_configuration
from saferhub.core.updates import apply_fields

ORGANISATION_FIELDS = ["name", "short_name", "kind", "parent", "aliases", "website"]
PERSON_FIELDS = ["honorific", "name", "is_councillor", "organisation", "job_title", "email", "phone", "user"]
SITE_FIELDS = [
    "council_name", "service_name", "partnership", "brand_colour", "accent_colour",
    "contact_email", "contact_phone", "accessibility_footer", "holiday_region",
]


ERROR_CODE = "core.invalid_value"


def _full_clean(instance, exclude: list[str] | None = None) -> None:
    writes.full_clean(instance, code=ERROR_CODE, exclude=exclude)


@transaction.atomic
def create_organisation(*, acting_user: Actor, **data: Any) -> Organisation:
    """Create an organisation (a council, the Partnership, an agency)."""
    require(acting_user, "core.manage_people")
    return writes.create_with_audit(Organisation(), allowed=ORGANISATION_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="core.organisation.created", error_code=ERROR_CODE)


@transaction.atomic
def update_organisation(org: Organisation, *, acting_user: Actor, **data: Any) -> Organisation:
    """Change an organisation's details."""
    require(acting_user, "core.manage_people")
    return writes.update_with_audit(org, allowed=ORGANISATION_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="core.organisation.updated", error_code=ERROR_CODE)


@transaction.atomic
def create_person(*, acting_user: Actor, **data: Any) -> Person:
    """Create a person. A name given with its honorific ("Cllr Emma Corlett") is split."""
    require(acting_user, "core.manage_people")
    if "name" in data and not data.get("honorific"):
        honorific, bare = split_honorific(data["name"])
        if honorific:
            data = {**data, "honorific": honorific, "name": bare}
    return writes.create_with_audit(Person(), allowed=PERSON_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="core.person.created", error_code=ERROR_CODE, check=_check_name)


def _check_name(person: Person) -> None:
    if not (person.name or "").strip():
        raise RuleViolation("Enter the person's name.", code="core.name_required", field="name")


@transaction.atomic
def update_person(person: Person, *, acting_user: Actor, **data: Any) -> Person:
    """Change a person's details (personal data: every change is audited with old and new values)."""
    require(acting_user, "core.manage_people")
    return writes.update_with_audit(person, allowed=PERSON_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="core.person.updated", error_code=ERROR_CODE)


@transaction.atomic
def add_person_alias(person: Person, *, name: str, note: str = "", acting_user: Actor) -> PersonAlias:
    """Record another spelling of a person's name, so that documents using it resolve to them."""
    require(acting_user, "core.manage_people")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise RuleViolation("Enter the alias.", code="core.alias_required", field="name")
    if normalise_name(cleaned) == normalise_name(person.name):
        raise RuleViolation("The alias is the person's own name.", code="core.alias_same_as_name", field="name")
    existing = PersonAlias.objects.filter(name__iexact=cleaned).select_related("person").first()
    if existing:
        if existing.person_id == person.pk:
            return existing
        raise RuleViolation(
            f"“{cleaned}” is already an alias of {existing.person.display_name}; one alias can name only one person.",
            code="core.alias_taken", field="name",
        )
    if Person.objects.annotate(lname=Lower("name")).filter(lname=cleaned.lower()).exclude(pk=person.pk).exists():
        raise RuleViolation(
            f"“{cleaned}” is another person's name, so it cannot be an alias.", code="core.alias_is_person", field="name"
        )
    alias = PersonAlias.objects.create(person=person, name=cleaned, note=note)
    audit.record("core.person.alias_added", actor=acting_user, target=person, data={"alias": cleaned, "note": note})
    return alias


@transaction.atomic
def update_site_configuration(*, acting_user: Actor, **data: Any) -> SiteConfiguration:
    """Change the council's name, colours and partnership-wide settings."""
    require(acting_user, "core.manage_site")
    config = SiteConfiguration.objects.select_for_update(of=("self",)).get_or_create(pk=1)[0]
    fields, before = apply_fields(config, SITE_FIELDS, data)
    try:
        ratio = contrast_ratio(config.brand_colour, "#ffffff")
    except ValueError as exc:
        raise RuleViolation(str(exc), code="core.colour_format", field="brand_colour") from exc
    if ratio < 4.5:
        raise RuleViolation(
            f"White header text on {config.brand_colour} has a contrast ratio of {ratio:.2f}:1; "
            "WCAG 2.2 AA needs at least 4.5:1. Choose a darker brand colour.",
            code="core.colour_contrast", field="brand_colour",
        )
    try:
        contrast_ratio(config.accent_colour, "#ffffff")
    except ValueError as exc:
        raise RuleViolation(str(exc), code="core.colour_format", field="accent_colour") from exc
    from saferhub.core.calendar import SUPPORTED_REGIONS

    if config.holiday_region not in SUPPORTED_REGIONS:
        raise RuleViolation(
            f"Choose a bank-holiday region: {', '.join(SUPPORTED_REGIONS)}.", code="core.holiday_region",
            field="holiday_region",
        )
    _full_clean(config)
    config.save(update_fields=[*fields, "updated_at"])
    audit.record("core.site.updated", actor=acting_user, target=config,
                 data=audit.changes(before, audit.snapshot(config, fields)))
    transaction.on_commit(forget_site_configuration)
    return config


@transaction.atomic
def set_user_roles(user, *, roles: list[str], acting_user: Actor):
    """Give a user exactly these roles (least privilege: anything not listed is removed)."""
    require(acting_user, "core.manage_site")
    wanted = {Role(r) for r in roles}
    before = sorted(user.groups.values_list("name", flat=True))
    role_labels = {r.label for r in Role}
    keep = [g for g in user.groups.all() if g.name not in role_labels]
    groups = [Group.objects.get_or_create(name=r.label)[0] for r in wanted]
    user.groups.set(keep + groups)
    if hasattr(user, "_saferhub_roles"):
        del user._saferhub_roles
    audit.record("core.user.roles_set", actor=acting_user, target=user,
                 data={"old": before, "new": sorted(r.label for r in wanted)})
    return user


@transaction.atomic
def create_api_token(user, *, name: str, acting_user: Actor) -> tuple[ApiToken, str]:
    """Create a bearer token for ``user``; the raw token is returned once and never stored."""
    require(acting_user, "core.manage_site")
    raw = ApiToken.generate_raw()
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:TOKEN_PREFIX_LENGTH], key_hash=hash_token(raw))
    audit.record("core.api_token.created", actor=acting_user, target=token, data={"user": user.get_username()})
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, acting_user: Actor) -> ApiToken:
    require(acting_user, "core.manage_site")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record("core.api_token.revoked", actor=acting_user, target=token)
    return token


def _check_partnership(partnership: Organisation) -> None:
    from saferhub.core.models import OrganisationKind

    if partnership is None or partnership.kind != OrganisationKind.PARTNERSHIP:
        raise RuleViolation("Choose a Community Safety Partnership: staff work for a partnership, not another "
                            "kind of organisation.", code="core.partnership_kind", field="partnership")


@transaction.atomic
def add_partnership_member(*, user, partnership: Organisation, role: str, acting_user: Actor,
                           starts_on=None, ends_on=None, permission: str = "core.manage_site"):
    """Record that ``user`` works for ``partnership`` in ``role`` (again, with new dates, if already recorded).

    An app that lets its own managers keep its team (DHR's review team) passes its own ``permission``."""
    from saferhub.core import partnerships
    from saferhub.core.models import PartnershipMembership

    require(acting_user, permission, partnership)
    _check_partnership(partnership)
    if not role:
        raise RuleViolation("Name the role the person works for the partnership in.", code="core.partnership_role",
                            field="role")
    if starts_on and ends_on and ends_on < starts_on:
        raise RuleViolation("The membership cannot end before it starts.", code="core.partnership_dates",
                            field="ends_on")
    row = PartnershipMembership.objects.select_for_update().filter(user=user, partnership=partnership,
                                                                   role=role).first()
    created = row is None
    if created:
        row = PartnershipMembership(user=user, partnership=partnership, role=role)
    elif (row.starts_on, row.ends_on) == (starts_on, ends_on):
        return row
    row.starts_on, row.ends_on = starts_on, ends_on
    _full_clean(row)
    row.save()
    audit.record("core.partnership_member.added" if created else "core.partnership_member.changed",
                 actor=acting_user, target=row,
                 data={"user": user.get_username(), "partnership": partnership.pk, "role": role,
                       "starts_on": starts_on.isoformat() if starts_on else None,
                       "ends_on": ends_on.isoformat() if ends_on else None})
    partnerships.forget(user)
    return row


@transaction.atomic
def remove_partnership_member(*, user, partnership: Organisation, role: str, acting_user: Actor,
                              permission: str = "core.manage_site") -> int:
    """Stop ``user`` working for ``partnership`` in ``role``; returns how many rows went."""
    from saferhub.core import partnerships
    from saferhub.core.models import PartnershipMembership

    require(acting_user, permission, partnership)
    removed = 0
    for row in PartnershipMembership.objects.select_for_update().filter(user=user, partnership=partnership,
                                                                         role=role):
        audit.record("core.partnership_member.removed", actor=acting_user, target=row,
                     data={"user": user.get_username(), "partnership": partnership.pk, "role": role})
        row.delete()
        removed += 1
    partnerships.forget(user)
    return removed


@transaction.atomic
def ensure_home_partnership(*, acting_user: Actor) -> Organisation:
    """The home partnership (see ``core.partnerships``), created as an organisation if it does not exist yet."""
    from saferhub.core import partnerships
    from saferhub.core.models import OrganisationKind

    found = partnerships.home_partnership()
    if found is not None:
        return found
    return create_organisation(name=partnerships.home_partnership_name(), kind=OrganisationKind.PARTNERSHIP,
                               acting_user=acting_user)
