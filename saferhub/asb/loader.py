"""Load a partnership's ASB configuration from YAML through the actions (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from saferhub.asb import actions
from saferhub.asb.config import stored_settings
from saferhub.asb.models import PeerReviewRota
from saferhub.core import actions as core_actions
from saferhub.core.actors import Actor
from saferhub.core.loading import DataFileError, read_yaml
from saferhub.core.models import Organisation, Person

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "norfolk.yaml"


DATA_DIR = DEFAULT_FILE.parent


class ConfigError(DataFileError, ValueError):
    """The ASB configuration file cannot be loaded (the message says where and why)."""


def _route(spec: dict[str, Any], area, acting_user: Actor, where: str, partnership=None) -> None:
    """One qualifying route (``rules.routes``): partnership-wide under ``routes``, an area's under its
    ``local_routes``. ``min_count`` or ``min_distinct_reporters`` is the N."""
    if not isinstance(spec, dict) or not spec.get("name"):
        raise ConfigError(f"{where}: a route needs a name.")
    n = spec.get("min_count", spec.get("min_distinct_reporters", 1 if spec.get("kind") in ("hate", "discretion") else 5))
    actions.save_local_route(area=area, name=spec["name"], acting_user=acting_user,
                             kind=spec.get("kind", "reporters"), min_distinct_reporters=n,
                             window_months=spec.get("window_months", 6), window_days=spec.get("window_days"),
                             description=spec.get("description", ""), partnership=partnership)


def _organisation(name: str, kind: str | None, actor: Actor) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        for candidate in Organisation.objects.exclude(aliases=[]):
            if name in (candidate.aliases or []):
                return candidate
        if kind is None:
            raise ConfigError(f"Organisation {name!r} is not in the configuration's bodies.")
        org = core_actions.create_organisation(name=name, kind=kind, acting_user=actor)
    return org


def _person(spec: dict[str, Any] | None, organisation: Organisation | None, actor: Actor) -> Person | None:
    if not spec:
        return None
    person = Person.objects.filter(name=spec["name"]).first()
    if person is None:
        person = core_actions.create_person(name=spec["name"], job_title=spec.get("job_title", ""),
                                            email=spec.get("email", ""), organisation=organisation, acting_user=actor)
    return person


def _partnership(name: str | None, actor: Actor) -> Organisation:
    """The partnership the file configures: ``partnership:`` names it (created if new), else the home one."""
    from saferhub.core.models import OrganisationKind

    if not name:
        return core_actions.ensure_home_partnership(acting_user=actor)
    name = " ".join(str(name).split())
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        return core_actions.create_organisation(name=name, kind=OrganisationKind.PARTNERSHIP, acting_user=actor)
    if org.kind != OrganisationKind.PARTNERSHIP:
        raise ConfigError(f"partnership: {name!r} is an organisation of another kind, not a partnership.")
    return org


@transaction.atomic
def load_config(path: Path | str = DEFAULT_FILE, *, acting_user: Actor) -> dict[str, int]:
    data = read_yaml(path, error=ConfigError)
    if not data:
        raise ConfigError(f"{path}: the configuration file is empty.")
    partnership = _partnership(data.get("partnership"), acting_user)
    kinds: dict[str, str] = {}
    bodies = 0
    for spec in data.get("bodies", []):
        org = _organisation(spec["name"], spec.get("core_kind", "other"), acting_user)
        kinds[spec["name"]] = spec.get("core_kind", "other")
        actions.save_relevant_body(organisation=org, kind=spec["kind"], acting_user=acting_user,
                                   signed_information_sharing=spec.get("signed_information_sharing", True))
        bodies += 1
    settings_data = dict(data.get("settings", {}))
    pcc = settings_data.pop("pcc_office", None)
    if pcc:
        settings_data["pcc_office"] = _organisation(pcc, "opcc", acting_user)
    actions.update_asb_settings(stored_settings(partnership), partnership=partnership, acting_user=acting_user,
                                **settings_data)
    police = Organisation.objects.filter(kind="police").order_by("id").first()
    areas = 0
    for position, spec in enumerate(data.get("areas", [])):
        councils = [_organisation(n, kinds.get(n), acting_user) for n in spec.get("councils", [])]
        area = actions.save_opt_area(
            code=spec["code"], name=spec["name"], councils=councils,
            spoc=_person(spec.get("spoc"), councils[0] if councils else None, acting_user),
            inspector=_person(spec.get("inspector"), police, acting_user),
            email=spec.get("email", ""), phone=spec.get("phone", ""), position=position, acting_user=acting_user,
            partnership=partnership,
        )
        for i, route in enumerate(spec.get("local_routes", [])):
            _route(route, area, acting_user, f"areas[{position}].local_routes[{i}]")
        areas += 1
    routes = 0
    for i, route in enumerate(data.get("routes", [])):
        _route(route, None, acting_user, f"routes[{i}]", partnership)
        routes += 1
    reviewers = 0
    for position, spec in enumerate(data.get("peer_reviewers", [])):
        council = _organisation(spec["council"], kinds.get(spec["council"]), acting_user)
        person = _person({"name": spec["name"], "job_title": "Peer reviewer, ASB Case Reviews"}, council, acting_user)
        actions.nominate_peer_reviewer(council=council, person=person, position=position, acting_user=acting_user)
        reviewers += 1
    PeerReviewRota.objects.get_or_create(name="county")
    return {"bodies": bodies, "areas": areas, "peer_reviewers": reviewers, "routes": routes}
