"""Load a partnership's committees, people and meeting history from a readable YAML file.

Everything goes through the actions, as the system actor, in one transaction: a file that breaks a
rule loads nothing, and the error names the rule and the record. Loading a file whose committees
already exist changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM, SystemActor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.loading import DataFileError, data_date
from saferhub.core.models import Organisation, Person, SiteConfiguration
from saferhub.governance import actions
from saferhub.governance.models import Committee, Meeting, SeatGroup


@dataclass
class LoadReport:
    organisations: int = 0
    people: int = 0
    committees: int = 0
    memberships: int = 0
    meetings: int = 0
    attendance: int = 0
    decisions: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{self.organisations} organisations", f"{self.people} people", f"{self.committees} committees",
            f"{self.memberships} memberships", f"{self.meetings} meetings", f"{self.attendance} attendance records",
            f"{self.decisions} decisions",
        ]
        text = "Loaded " + ", ".join(parts) + "."
        if self.skipped:
            text += " Already present, left unchanged: " + ", ".join(self.skipped) + "."
        return text


def _date(value: Any, where: str) -> dt.date:
    return data_date(value, where, error=DataFileError)


def _time(value: Any, where: str) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, int):  # YAML reads 10:00 as sexagesimal 600
        return dt.time(value // 60, value % 60)
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"{where}: {value!r} is not a time (write it as HH:MM).") from None


def read_data_file(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path} is not UTF-8 text.") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{path} must contain a mapping at the top level.")
    return data


class _Loader:
    def __init__(self, data: dict, actor: SystemActor):
        self.data = data
        self.actor = actor
        self.report = LoadReport()
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.committees: dict[str, Committee] = {}

    def org(self, key: str, where: str) -> Organisation:
        if key not in self.orgs:
            raise DataFileError(f"{where}: unknown organisation {key!r}.")
        return self.orgs[key]

    def person(self, key: str, where: str) -> Person:
        if key not in self.people:
            raise DataFileError(f"{where}: unknown person {key!r}.")
        return self.people[key]

    def run(self) -> LoadReport:
        for entry in self.data.get("organisations", []):
            self.load_organisation(entry)
        for entry in self.data.get("people", []):
            self.load_person(entry)
        if "site" in self.data:
            self.load_site(self.data["site"])
        for entry in self.data.get("committees", []):
            self.load_committee(entry)
        return self.report

    def load_organisation(self, entry: dict) -> None:
        key = entry["key"]
        existing = Organisation.objects.filter(name=entry["name"]).first()
        if existing:
            self.orgs[key] = existing
            return
        self.orgs[key] = core_actions.create_organisation(
            acting_user=self.actor, name=entry["name"], short_name=entry.get("short_name", ""), kind=entry["kind"],
            aliases=list(entry.get("aliases", [])),
        )
        self.report.organisations += 1

    def load_person(self, entry: dict) -> None:
        key = entry["key"]
        org = self.org(entry["organisation"], f"person {key}") if entry.get("organisation") else None
        existing = Person.objects.filter(name=entry["name"], organisation=org).first()
        if existing:
            self.people[key] = existing
            if entry.get("party") and existing.is_councillor:
                actions.set_councillor_party(existing, party=entry["party"], acting_user=self.actor)
            return
        person = core_actions.create_person(
            acting_user=self.actor, name=entry["name"], honorific=entry.get("honorific", ""),
            is_councillor=bool(entry.get("councillor", False)), organisation=org,
            job_title=entry.get("job_title", ""), email=entry.get("email", ""), phone=entry.get("phone", ""),
        )
        for alias in entry.get("aliases", []):
            core_actions.add_person_alias(person, name=alias, note=f"Seen in the seed documents ({key}).",
                                          acting_user=self.actor)
        if entry.get("party"):  # only where the documents name it (Norfolk's do not)
            actions.set_councillor_party(person, party=entry["party"], acting_user=self.actor)
        self.people[key] = person
        self.report.people += 1

    def load_site(self, entry: dict) -> None:
        values = {k: v for k, v in entry.items() if k != "partnership"}
        if entry.get("partnership"):
            values["partnership"] = self.org(entry["partnership"], "site")
        if SiteConfiguration.objects.filter(pk=1, council_name=values.get("council_name")).exists():
            return
        core_actions.update_site_configuration(acting_user=self.actor, **values)

    def load_committee(self, entry: dict) -> None:
        key = entry["key"]
        existing = Committee.objects.filter(slug=entry["slug"]).first()
        if existing:
            self.committees[key] = existing
            self.report.skipped.append(existing.name)
            return
        where = f"committee {key}"
        fields = {
            name: entry[name]
            for name in [
                "name", "short_name", "slug", "role_text", "legal_basis", "quorum", "meeting_frequency_months",
                "substitutes_per_member", "co_opted_members_allowed", "co_opted_members_vote",
                "civic_year_start_month", "civic_year_start_day", "recommendation_response_months",
                "default_venue", "contact_name", "contact_phone", "contact_email",
            ]
            if name in entry
        }
        fields["organisation"] = self.org(entry["organisation"], where)
        if entry.get("parent"):
            fields["parent"] = self.committees[entry["parent"]]
        if entry.get("scrutinises"):
            fields["scrutinises"] = self.org(entry["scrutinises"], where)
        if entry.get("default_start_time"):
            fields["default_start_time"] = _time(entry["default_start_time"], where)
        committee = actions.create_committee(acting_user=self.actor, **fields)
        self.committees[key] = committee
        self.report.committees += 1

        groups: dict[str, SeatGroup] = {}
        for position, g in enumerate(entry.get("seat_groups", []), start=1):
            groups[g["key"]] = actions.add_seat_group(
                committee, name=g["name"], seats=g["seats"],
                organisation=self.org(g["organisation"], where) if g.get("organisation") else None,
                organisation_kind=g.get("organisation_kind", ""), seats_per_organisation=g.get("seats_per_organisation", 1),
                voting=g.get("voting", True), chair_eligible=g.get("chair_eligible", False),
                vice_chair_eligible=g.get("vice_chair_eligible", False), position=position, note=g.get("note", ""),
                acting_user=self.actor,
            )
        seats = {}
        for s in entry.get("seats", []):
            seats[s["number"]] = actions.add_seat(
                committee, group=groups[s["group"]], organisation=self.org(s["organisation"], where),
                number=s["number"], acting_user=self.actor,
            )
        for m in entry.get("memberships", []):
            place = f"{where}, membership of {m['person']}"
            actions.appoint_member(
                committee, person=self.person(m["person"], place), role=m["role"],
                seat=seats.get(m.get("seat")), start_date=_date(m["from"], place),
                end_date=_date(m["to"], place) if m.get("to") else None, note=m.get("evidence", ""),
                acting_user=self.actor,
            )
            self.report.memberships += 1
        meetings: dict[dt.date, Meeting] = {}
        for m in entry.get("meetings", []):
            meetings[_date(m["date"], where)] = self.load_meeting(committee, m, meetings)
        for m in entry.get("meetings", []):
            if m.get("postponed_to"):
                day = _date(m["date"], where)
                target = _date(m["postponed_to"], f"{where}, meeting {day}")
                if target not in meetings:
                    raise DataFileError(f"{where}, meeting {day}: postponed to {target}, which is not in the file.")
                actions.postpone_meeting(meetings[day], to_meeting=meetings[target], acting_user=self.actor)

    def load_meeting(self, committee: Committee, m: dict, earlier: dict[dt.date, Meeting]) -> Meeting:
        day = _date(m["date"], f"committee {committee.slug}")
        where = f"{committee.slug}, meeting {day}"
        notes = [n for n in (m.get("note", ""), f"Source: {m['source']}" if m.get("source") else "") if n]
        meeting = actions.schedule_meeting(
            committee, date=day, date_precision=m.get("precision", "day"), start_time=_time(m.get("time"), where),
            venue=m.get("venue", committee.default_venue), livestream_url=m.get("livestream", ""),
            note="\n".join(notes), acting_user=self.actor,
        )
        self.report.meetings += 1
        items = {}
        for position, item in enumerate(m.get("items", []), start=1):
            confirms = []
            for c in item.get("confirms", []):
                target = _date(c, where)
                if target not in earlier:
                    raise DataFileError(f"{where}: item {item.get('number')} confirms minutes of {target}, which is not loaded.")
                confirms.append(earlier[target])
            items[position] = (item, actions.add_agenda_item(
                meeting, title=item["title"], kind=item.get("kind", "report"), number=str(item.get("number", "")),
                description=item.get("description", ""), page=item.get("page"), position=position,
                minute_text=item.get("minute", ""), confirms=confirms, acting_user=self.actor,
            ))
        for index, a in enumerate(m.get("attendance", []), start=1):
            person = self.person(a["person"], where)
            actions.record_attendance(
                meeting, person=person, status=a["status"], role=a.get("role"),
                substitute_for=self.person(a["substitute_for"], where) if a.get("substitute_for") else None,
                title=a.get("title", ""), recorded_name=a.get("recorded_as", ""), note=a.get("note", ""),
                position=index, acting_user=self.actor,
            )
            self.report.attendance += 1
        if m.get("chair"):
            chair = m["chair"]
            actions.record_chair(meeting, person=self.person(chair["person"], where), capacity=chair["capacity"],
                                 note=chair.get("note", ""), acting_user=self.actor)
        if m.get("attendance"):
            actions.finalise_attendance(
                meeting, declared_at=_time(m.get("declared_inquorate_at"), where), acting_user=self.actor
            )
        elif m.get("outcome"):
            actions.record_outcome_without_attendance(
                meeting, status=m["outcome"], evidence=m.get("evidence", ""), acting_user=self.actor
            )
        elif m.get("evidence") and not m.get("postponed_to"):
            actions.update_meeting(meeting, note="\n".join([*notes, m["evidence"]]), acting_user=self.actor)
        for d in m.get("declarations", []):
            item = None
            if d.get("item"):
                item = next((obj for spec, obj in items.values() if str(spec.get("number")) == str(d["item"])), None)
            actions.record_declaration(
                meeting, person=self.person(d["person"], where), interest_type=d["type"], nature=d["nature"],
                agenda_item=item, during_meeting=d.get("during_meeting", False), acting_user=self.actor,
            )
        for spec, item in items.values():
            for sequence, d in enumerate(spec.get("decisions", []), start=1):
                recommendations = [
                    {"text": r["text"], "addressee_organisation": self.org(r["to"], where)}
                    if r["to"] in self.orgs else {"text": r["text"], "addressee_committee": self.committees[r["to"]]}
                    for r in d.get("recommendations", [])
                ]
                actions.record_decision(item, verb=d["verb"], text=d["text"], sequence=sequence,
                                        recommendations=recommendations, acting_user=self.actor)
                self.report.decisions += 1
        for e in m.get("elections", []):
            actions.elect_office_holder(committee, office=e["office"], person=self.person(e["person"], where),
                                        meeting=meeting, acting_user=self.actor)
        if m.get("finished"):
            finished = _time(m["finished"], where)
            meeting.refresh_from_db()
            if meeting.finished_at != finished:
                actions.update_meeting(meeting, finished_at=finished, acting_user=self.actor)
        meeting.refresh_from_db()
        if meeting.took_place:
            actions.publish_meeting_record(meeting, acting_user=self.actor)
        return meeting


def load_committee_data(data: dict, *, actor: SystemActor = SYSTEM) -> LoadReport:
    """Load ``data`` (a parsed data file) in one transaction; raise ``DataFileError`` on bad data."""
    try:
        with transaction.atomic():
            return _Loader(data, actor).run()
    except RuleViolation as exc:
        raise DataFileError(f"A record breaks a rule: {exc.text}") from exc
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"The data file is missing a required value ({exc}).") from exc
