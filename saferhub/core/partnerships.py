"""Which partnerships a member of staff works for: the one home of that answer (reads only).

A partnership is a ``core.Organisation`` of kind ``partnership``. Staff are linked to one through
``PartnershipMembership`` rows (user, partnership, service role, dated). Apps with private records per
partnership call ``partnership_ids(user, role)`` and scope every staff read to it; a record of another
partnership is answered with 404, the same as a missing one.

The *home* partnership is the one this installation serves first (the site configuration's partnership, else
the organisation named by ``settings.SAFERHUB_HOME_PARTNERSHIP``, else the only partnership there is): the
public forms file into it and the public statistics are its own.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from saferhub.core.models import Organisation, OrganisationKind, PartnershipMembership

#: The partnership Norfolk's data files name (dhr/data/norfolk.yaml, asb/data/norfolk.yaml).
DEFAULT_HOME_PARTNERSHIP = "Norfolk Countywide Community Safety Partnership"


def home_partnership_name() -> str:
    return getattr(settings, "SAFERHUB_HOME_PARTNERSHIP", "") or DEFAULT_HOME_PARTNERSHIP


def home_partnership() -> Organisation | None:
    """The partnership the installation serves first, or ``None`` before one exists."""
    from saferhub.core.site import get_site_configuration

    config = get_site_configuration()
    if config.partnership_id:
        return Organisation.objects.filter(pk=config.partnership_id).first()
    partnerships = Organisation.objects.filter(kind=OrganisationKind.PARTNERSHIP)
    named = partnerships.filter(name=home_partnership_name()).first()
    if named is not None:
        return named
    only = list(partnerships.order_by("pk")[:2])
    return only[0] if len(only) == 1 else None


def current_memberships(user, on: dt.date | None = None):
    """The user's memberships in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return PartnershipMembership.objects.filter(user=user).filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def partnership_ids(user, role: str | None = None) -> frozenset[int]:
    """The partnerships ``user`` works for today in ``role`` (any role when ``None``); cached per request.

    This says nothing about the role itself: callers also check the user holds it (``has_role``)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return frozenset()
    cache = user.__dict__.setdefault("_partnership_ids", {})
    if role not in cache:
        rows = current_memberships(user)
        if role is not None:
            rows = rows.filter(role=role)
        cache[role] = frozenset(rows.values_list("partnership_id", flat=True))
    return cache[role]


def forget(user) -> None:
    """Drop the cached answer after a membership changes (the actions call this)."""
    user.__dict__.pop("_partnership_ids", None)
