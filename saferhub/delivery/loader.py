"""Load a partnership's plan from a YAML data file (``data/norfolk_plan.yaml``), through the actions,
as the system actor, in one transaction: the plan, themes, outcomes and measures, priorities, and the
delivery plan versions with their rows, owners and stable identities. A plan already loaded (same slug)
is left unchanged. A file that breaks a rule loads nothing; the error names where and which rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.loading import DataFileError, data_date
from saferhub.core.models import Organisation
from saferhub.delivery import actions
from saferhub.delivery.models import Plan
from saferhub.governance.models import Committee

DATA_FILE = Path(__file__).parent / "data" / "norfolk_plan.yaml"


class PlanDataError(DataFileError):
    """The data file cannot be loaded; the message says where and why."""


@dataclass
class PlanLoadReport:
    outcomes: int = 0
    measures: int = 0
    versions: int = 0
    actions: int = 0
    duties: int = 0
    funds: int = 0
    skipped: bool = False

    def summary(self) -> str:
        if self.skipped:
            return "The plan is already loaded; left unchanged."
        return (f"Loaded {self.outcomes} outcomes, {self.measures} measures, {self.versions} versions, "
                f"{self.actions} action rows, {self.duties} statutory duties and {self.funds} funds.")


def _organisation(name: str, kind: str | None, where: str) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        if kind is None:
            raise PlanDataError(f"{where}: no organisation named {name!r} (load the committee data first, or "
                                "give its kind to create it).")
        org = core_actions.create_organisation(name=name, kind=kind, acting_user=SYSTEM)
    return org


def _owners(vocabulary: dict[str, Any]) -> dict[str, list]:
    resolved: dict[str, list] = {}
    for key, spec in vocabulary.items():
        where = f"owners.{key}"
        if "body" in spec:
            body = Committee.objects.filter(slug=spec["body"]).first()
            if body is None:
                raise PlanDataError(f"{where}: no partnership group {spec['body']!r} (load the groups data first).")
            resolved[key] = [body]
        elif "organisations" in spec:
            resolved[key] = [_organisation(n, spec.get("kind"), where) for n in spec["organisations"]]
        else:
            resolved[key] = [_organisation(spec["organisation"], spec.get("kind"), where)]
    return resolved


def _date(value, where: str) -> dt.date | None:
    return data_date(value, where, error=PlanDataError, optional=True)


def _parties(keys, owners: dict[str, list], where: str) -> list:
    parties = []
    for key in keys or []:
        if key not in owners:
            raise PlanDataError(f"{where}: owner {key!r} is not in the owners list.")
        parties.extend(p for p in owners[key] if p not in parties)
    return parties


@transaction.atomic
def load_plan(path: Path = DATA_FILE) -> PlanLoadReport:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    report = PlanLoadReport()
    spec = data["plan"]
    if Plan.objects.filter(slug=spec["slug"]).exists():
        report.skipped = True
        return report
    where = "plan"
    try:
        partnership = Organisation.objects.filter(name=spec.get("partnership", "")).first()
        plan = actions.create_strategic_plan(
            slug=spec["slug"], title=spec["title"], start_year=spec["start_year"], end_year=spec["end_year"],
            subtitle=spec.get("subtitle", ""), partnership=partnership, extended=spec.get("extended", False),
            extension_note=spec.get("extension_note", ""), measures_note=spec.get("measures_note", ""),
            source=spec.get("source", ""), acting_user=SYSTEM)
        owners = _owners(data.get("owners", {}))
        outcomes, themes = {}, {}
        for t in data["themes"]:
            where = f"theme {t['number']}"
            theme = themes[t["number"]] = actions.add_theme(plan, number=t["number"], title=t["title"],
                                                             acting_user=SYSTEM)
            for o in t.get("outcomes", []):
                where = f"outcome {o['number']}"
                outcome = outcomes[o["number"]] = actions.add_outcome(
                    plan, theme=theme, number=o["number"], title=o["title"], appendix_number=o.get("appendix"),
                    wording_variants=o.get("variants", []), note=o.get("note", ""), acting_user=SYSTEM)
                report.outcomes += 1
                for m in o.get("measures", []):
                    actions.add_measure(outcome, name=m["name"], direction=m.get("direction", "not_stated"),
                                        geography=m.get("geography", "locality"), data_source=m.get("source", ""),
                                        data_quality_note=m.get("note", ""), source_ref=m.get("ref", ""),
                                        acting_user=SYSTEM)
                    report.measures += 1
        for p in data.get("priorities", []):
            where = f"priority {p['title']}"
            actions.add_priority(plan, title=p["title"], theme=themes.get(p.get("theme")),
                                 sub_areas=p.get("sub_areas", []), note=data.get("priorities_note", ""),
                                 acting_user=SYSTEM)
        for d in data.get("duties", []):
            where = f"duty {d.get('slug') or d.get('title')}"
            actions.add_duty(plan, title=d["title"], slug=d.get("slug", ""), frequency=d.get("frequency", "annual"),
                             description=d.get("description", ""), source=d.get("source", ""),
                             first_due=_date(d.get("first_due"), where), acting_user=SYSTEM)
            report.duties += 1
        for f in data.get("funds", []):
            where = f"fund {f.get('name')}"
            provider = _parties([f["provider"]], owners, where)[0] if f.get("provider") else None
            manager = _parties([f["managed_by"]], owners, where)[0] if f.get("managed_by") else None
            if manager is not None and not isinstance(manager, Committee):
                raise PlanDataError(f"{where}: managed_by must be a partnership group.")
            actions.add_fund(plan, name=f["name"], amount=Decimal(str(f["amount"])), provider=provider,
                             managed_by=manager, source=f.get("source", ""), note=f.get("note", ""),
                             acting_user=SYSTEM)
            report.funds += 1
        sections = {str(k): v for k, v in (data.get("sections") or {}).items()}
        versions: dict[str, Any] = {}
        rows_by_key: dict[str, dict] = {}
        for v in data.get("versions", []):
            where = f"version {v['key']}"
            version = versions[v["key"]] = actions.create_version(
                plan, title=v["title"], stage=v["stage"], label=v["label"], version_date=_date(v.get("date"), where),
                previous=versions.get(v.get("previous")), source=v.get("source", ""),
                is_partial=v.get("partial", False), acting_user=SYSTEM)
            report.versions += 1
            for a in v.get("actions", []):
                key = a.get("key") or a.get("copy")
                where = f"version {v['key']}, action {a.get('n')}"
                row = {**rows_by_key.get(a.get("copy"), {}), **a, "key": key}
                rows_by_key.setdefault(key, row)
                section = sections.get(str(row["n"]).split(".")[0], [])
                actions.add_version_row(
                    version, key=key, number=str(row["n"]), action=row["action"],
                    success_measure=row.get("measure", ""), owner_text=row.get("owner", ""),
                    owners=_parties(row.get("owners"), owners, where), due=str(row.get("due", "")),
                    theme=row.get("theme", ""), update=a.get("update", ""),
                    outcomes=[outcomes[n] for n in section if n in outcomes], note=a.get("note", ""),
                    acting_user=SYSTEM)
                report.actions += 1
            if v.get("publish"):
                actions.publish_version(version, acting_user=SYSTEM)
    except RuleViolation as exc:
        raise PlanDataError(f"{where}: {exc.text} ({exc.rule_code})") from None
    except KeyError as exc:
        raise PlanDataError(f"{where}: missing {exc}") from None
    return report
