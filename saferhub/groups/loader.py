"""Load a partnership's bodies from a YAML data file, through the actions, in one transaction.

A body already registered (it has a register entry) is left unchanged, so loading twice changes
nothing. A file that breaks a rule loads nothing; the error names the body and the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.loading import DataFileError, data_date
from saferhub.core.models import Organisation, Person
from saferhub.governance.models import Committee
from saferhub.groups import actions
from saferhub.groups.models import BodyProfile

DATA_FILE = Path(__file__).parent / "data" / "norfolk_groups.yaml"
BODY_KEYS = {"kind", "parent", "reports_every_months", "governed_by_partnership", "role_text"}
PROFILE_KEYS = {"secretariat", "secretariat_team", "managed_by", "aliases", "note"}


class GroupsDataError(DataFileError):
    """The data file cannot be loaded; the message says where and why."""


@dataclass
class GroupsLoadReport:
    bodies: int = 0
    versions: int = 0
    members: int = 0
    chairs: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"Loaded {self.bodies} bodies, {self.versions} Terms of Reference versions, {self.members} members "
                f"and {self.chairs} chairs.")
        if self.skipped:
            text += " Already registered, left unchanged: " + ", ".join(self.skipped) + "."
        return text


def _date(value: Any, where: str) -> dt.date:
    return data_date(value, where, error=GroupsDataError)


def _organisation(name: str, where: str) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        raise GroupsDataError(f"{where}: no organisation called {name!r} (add it under organisations).")
    return org


def _person(name: str, where: str) -> Person:
    person = Person.objects.filter(name=name).first()
    if person is None:
        raise GroupsDataError(f"{where}: no person called {name!r} (add them under people).")
    return person


def _profile(row: dict, where: str) -> dict:
    out = {k: row[k] for k in PROFILE_KEYS if k in row}
    if "secretariat" in out:
        out["secretariat"] = _organisation(out["secretariat"], where)
    return out


def _load_body(row: dict, slugs: dict[str, Committee], report: GroupsLoadReport) -> None:
    slug = row.get("slug") or ""
    where = f"Body {slug or row.get('name', '?')}"
    existing = Committee.objects.filter(slug=slug).first()
    if existing is not None and BodyProfile.objects.filter(body=existing).exists():
        slugs[slug] = existing
        report.skipped.append(str(existing))
        return
    parent = None
    if row.get("parent"):
        parent = slugs.get(row["parent"]) or Committee.objects.filter(slug=row["parent"]).first()
        if parent is None:
            raise GroupsDataError(f"{where}: parent {row['parent']!r} is not registered above it.")
    register = {k: row[k] for k in BODY_KEYS - {"parent"} if k in row}
    if "public" in row:
        register["is_public"] = bool(row["public"])
    if row.get("existing"):
        if existing is None:
            raise GroupsDataError(f"{where}: marked existing, but no committee has that slug (run load_committee_data).")
        actions.set_register_entry(existing, acting_user=SYSTEM, **register, **_profile(row, where),
                                   **({"parent": parent} if parent else {}))
        body = existing
    else:
        if existing is not None:
            raise GroupsDataError(f"{where}: a committee with that slug exists; mark it `existing: true`.")
        body = actions.register_body(
            name=row["name"], short_name=row.get("short_name", ""), slug=slug,
            organisation=_organisation(row["organisation"], where), parent=parent, acting_user=SYSTEM,
            **register, **_profile(row, where),
        )
    slugs[slug] = body
    report.bodies += 1
    for tor in row.get("tor", []):
        tor = dict(tor)
        required = [
            {"name": r["name"], "organisation": _organisation(r["organisation"], where) if r.get("organisation") else None,
             "organisation_kind": r.get("organisation_kind", "")}
            for r in tor.pop("required_members", [])
        ]
        version = str(tor.pop("version"))
        start = _date(tor.pop("in_force_from"), where)
        end = _date(tor.pop("in_force_to"), where) if tor.get("in_force_to") else None
        tor.pop("in_force_to", None)
        if "review_date" in tor:
            tor["review_date"] = _date(tor["review_date"], where)
        actions.add_tor_version(body, version=version, in_force_from=start, in_force_to=end,
                                required_members=required, acting_user=SYSTEM, **tor)
        report.versions += 1
    for m in row.get("members", []):
        actions.add_member(body, person=_person(m["person"], where), start_date=_date(m["start_date"], where),
                           organisation=_organisation(m["organisation"], where) if m.get("organisation") else None,
                           kind=m.get("kind", "member"),
                           end_date=_date(m["end_date"], where) if m.get("end_date") else None,
                           note=m.get("note", ""), acting_user=SYSTEM)
        report.members += 1
    for c in row.get("chairs", []):
        person = _person(c["person"], where)
        date = _date(c["date"], where)
        if c.get("method") != "simple_majority" and not body.group_memberships.filter(person=person).exists():
            # A chair known from the documents sits on the body (choice G3).
            actions.add_member(body, person=person, start_date=date, note="Chair named in the documents.",
                               acting_user=SYSTEM)
            report.members += 1
        actions.elect_chair(body, person=person, date=date, method=c["method"], co_chair=bool(c.get("co_chair")),
                            votes_for=c.get("votes_for"), votes_against=c.get("votes_against"),
                            evidence=c.get("evidence", ""), acting_user=SYSTEM)
        report.chairs += 1


@transaction.atomic
def load_groups(path: Path = DATA_FILE) -> GroupsLoadReport:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GroupsDataError(f"Cannot read {path}: {exc}") from exc
    report = GroupsLoadReport()
    for org in data.get("organisations", []):
        if not Organisation.objects.filter(name=org["name"]).exists():
            core_actions.create_organisation(acting_user=SYSTEM, **org)
    for p in data.get("people", []):
        if not Person.objects.filter(name=p["name"]).exists():
            if p.get("organisation"):
                p = {**p, "organisation": _organisation(p["organisation"], f"Person {p['name']}")}
            core_actions.create_person(acting_user=SYSTEM, **p)
    slugs: dict[str, Committee] = {}
    for row in data.get("bodies", []):
        try:
            _load_body(row, slugs, report)
        except RuleViolation as exc:
            raise GroupsDataError(f"Body {row.get('slug')}: {exc.text} [{exc.rule_code}]") from exc
    return report
