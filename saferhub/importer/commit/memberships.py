"""The committee and its seats and memberships over time, from the documents' membership tables."""

from __future__ import annotations

import datetime as dt
import re

from saferhub.core import actions as core_actions
from saferhub.core.models import Organisation
from saferhub.governance import actions as gov
from saferhub.governance.models import Committee
from saferhub.importer.commit.base import _d
from saferhub.importer.parsing.extract import committee_key


class MembershipsMixin:
    # -- committee --------------------------------------------------------------------------
    def committee(self, name: str) -> Committee:
        key = committee_key(name)
        found = next((c for c in Committee.objects.all()
                      if key in {committee_key(c.name), committee_key(c.short_name or "")}), None)
        committee = found or self.create_committee(name)
        self.seats_from_present(committee, name)
        return committee

    def seats_from_present(self, committee: Committee, name: str) -> None:
        """The seats the officer confirmed on the review page (``importer.seats``): one member's seat for each
        councillor present at the meeting proposed, from that meeting's date; nothing without that answer."""
        from saferhub.importer.models import ImportFlag
        from saferhub.importer.seats import ANSWER

        flag = next((f for f in self.batch.flags.filter(kind="seats_proposed", status=ImportFlag.Status.RESOLVED,
                                                         resolution=ANSWER)
                     if committee_key(f.ref.get("committee", "")) == committee_key(name)), None)
        if flag is None or committee.seats.exists():
            return
        names, day = flag.ref["names"], _d(flag.ref["date"])
        with self.attempt(f"The seats of {committee.name} proposed from the Present list", flag.source):
            group = gov.add_seat_group(committee, name="Members (from the minutes)", seats=len(names),
                                       organisation=committee.organisation, seats_per_organisation=len(names),
                                       chair_eligible=True, vice_chair_eligible=True, acting_user=self.actor,
                                       note=f"Proposed from the Present list of {day:%-d %B %Y}, confirmed on import.")
            rows, labels = [], []
            for person_name in names:
                seat = gov.add_seat(committee, group=group, organisation=committee.organisation, acting_user=self.actor)
                rows.append(dict(person=self.person(person_name, councillor=True), role="member", seat=seat,
                                 start_date=day, end_date=None,
                                 note=f"Seat proposed from the Present list of {day:%-d %B %Y}; confirmed by the officer"))
                labels.append((f"The membership of {person_name}", flag.source))
            self.bulk(gov.appoint_members, committee, rows, labels)
            self.flag("seats_created", f"{committee.name}: {len(names)} members' seats were created from the Present "
                      f"list of {day:%-d %B %Y}, as chosen on the review page.", flag.source, "info")

    def create_committee(self, name: str) -> Committee:
        snapshots = self.x.get("snapshots", [])
        rows = snapshots[-1]["rows"] if snapshots else []
        county = next((r["body"] for r in rows if "county council" in r["body"].lower()), None)
        owner = self.org(county) if county else (self.org(rows[0]["body"]) if rows else None)
        if owner is None:  # one placeholder owner for every committee created without a membership table
            owner = Organisation.objects.filter(name="Council (from imported documents)").first() or \
                core_actions.create_organisation(name="Council (from imported documents)", kind="other",
                                                 acting_user=self.actor)
        quorum = 1
        for m in self.x["meetings"]:
            stated = m.get("quorum_stated")
            if stated:
                quorum = _number(stated) or quorum
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]
        committee = gov.create_committee(name=name, slug=slug, organisation=owner, quorum=max(1, quorum),
                                         acting_user=self.actor)
        self.flag("committee_created", f"The committee “{name}” was not in SaferHub, so it was created from the "
                  f"documents (quorum {committee.quorum}); check its Terms of Reference settings.", "", "info")
        self.build_memberships(committee, snapshots)
        return committee

    def build_memberships(self, committee: Committee, snapshots: list[dict]) -> None:
        if not snapshots:
            return
        counts: dict[str, int] = {}
        for row in snapshots[-1]["rows"]:
            counts[row["body"]] = counts.get(row["body"], 0) + 1
        groups = {}
        county = [b for b in counts if "county council" in b.lower()]
        if county:
            groups["county"] = gov.add_seat_group(committee, name="County Council members", seats=counts[county[0]],
                                                  organisation=self.org(county[0]),
                                                  seats_per_organisation=counts[county[0]], chair_eligible=True,
                                                  acting_user=self.actor)
        others = [b for b in counts if b not in county]
        if others:
            groups["district"] = gov.add_seat_group(committee, name="District Council members", seats=len(others),
                                                    organisation_kind="district_council", vice_chair_eligible=True,
                                                    acting_user=self.actor)
        seats = {}
        for row in snapshots[-1]["rows"]:
            org = self.org(row["body"])
            group = groups["county"] if row["body"] in county else groups["district"]
            with self.attempt(f"A seat for {row['body']}", row["source"]):
                seats[f"{row['body']}#{row['ordinal']}"] = gov.add_seat(committee, group=group, organisation=org,
                                                                         acting_user=self.actor)
        first_meeting = min((_d(m["date"]) for m in self.x["meetings"] if m["status"] != "scheduled"),
                            default=_d(snapshots[0]["date"]))
        timeline = build_timeline(snapshots, self.x["meetings"], first_meeting)
        rows, labels = [], []
        for iv in timeline:
            seat = seats.get(iv["seat"])
            person = self.person(iv["name"], councillor=True)
            if seat is None or person is None:
                continue
            rows.append(dict(person=person, role=iv["role"], seat=seat, start_date=iv["start"], end_date=iv["end"],
                             note=f"From imported documents: {iv['source']}"[:300]))
            labels.append((f"The membership of {iv['name']}", iv["source"]))
            if iv.get("inferred"):  # no membership table shows it: say so, with the reason and source
                self.flag("membership_inferred", f"{iv['name']} was placed as {iv['role']} on a seat for "
                          f"{iv['seat'].split('#')[0]} from {iv['start']:%-d %B %Y} because {iv['inferred']}; no "
                          "membership table shows it. Check it.", iv["source"].split(" (")[0], "info")
        if rows:
            self.bulk(gov.appoint_members, committee, rows, labels)


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _number(text: str) -> int | None:
    text = str(text).strip().lower()
    return int(text) if text.isdigit() else WORDS.get(text)

def build_timeline(snapshots: list[dict], meetings: list[dict], first: dt.date) -> list[dict]:
    """Memberships over time from successive membership tables (see norfolk.yaml choice C1): a
    place starts at the first document that shows it (or the first meeting imported, for the first
    table), or earlier where minutes show the person in that role, and ends the day before a later
    table shows someone else."""
    evidence: dict[tuple[str, str], list[dt.date]] = {}
    for m in meetings:
        day = _d(m["date"])
        for a in m["apologies"]:
            evidence.setdefault((a["name"], a["kind"]), []).append(day)
        for p in m["present"]:
            evidence.setdefault((p["name"], "any"), []).append(day)
    out: list[dict] = []
    keys = []
    for snap in snapshots:
        for row in snap["rows"]:
            key = f"{row['body']}#{row['ordinal']}"
            if key not in keys:
                keys.append(key)
    for key in keys:
        for role, field in (("member", "member"), ("substitute", "substitute")):
            current = None
            for index, snap in enumerate(snapshots):
                day = _d(snap["date"])
                row = next((r for r in snap["rows"] if f"{r['body']}#{r['ordinal']}" == key), None)
                name = row[field] if row else None
                if current and current["name"] == name:
                    continue
                start = first if index == 0 else day
                if index > 0 and name:
                    previous = _d(snapshots[index - 1]["date"])
                    seen = [d for d in evidence.get((name, role), []) + evidence.get((name, "any"), [])
                            if previous < d < day]
                    if seen:
                        start = min(seen)
                if current:
                    current["end"] = start - dt.timedelta(days=1)
                    out.append(current)
                    current = None
                if name:
                    current = {"seat": key, "role": role, "name": name, "start": min(start, day), "end": None,
                               "source": row["source"]}
            if current:
                out.append(current)
    return _changes_after_last_table(out, snapshots, meetings)


def _changes_after_last_table(out: list[dict], snapshots: list[dict], meetings: list[dict]) -> list[dict]:
    """Minutes later than the last membership table can show changes: "Cllr X who was substituted by
    Cllr Y" makes X the member and Y the named substitute; a councillor present for a council whose
    place is vacant, or whose member is neither present nor sending apologies, takes that place."""
    last = _d(snapshots[-1]["date"])

    def current(seat: str, role: str, day: dt.date):
        return next((iv for iv in out if iv["seat"] == seat and iv["role"] == role and iv["start"] <= day
                     and (iv["end"] is None or day <= iv["end"])), None)

    def place(seat: str, role: str, name: str, day: dt.date, source: str, reason: str):
        holder = current(seat, role, day)
        if holder and holder["name"] == name:
            return
        if holder:
            holder["end"] = day - dt.timedelta(days=1)
        for iv in out:  # the person's other place ends
            if iv["name"] == name and (iv["end"] is None or iv["end"] >= day) and iv["start"] < day:
                iv["end"] = day - dt.timedelta(days=1)
        out.append({"seat": seat, "role": role, "name": name, "start": day, "end": None,
                    "source": source + " (inferred from the minutes)", "inferred": reason})

    def seat_of(name: str, day: dt.date):
        iv = next((iv for iv in out if iv["name"] == name and iv["start"] <= day
                   and (iv["end"] is None or day <= iv["end"])), None)
        return iv["seat"] if iv else None

    for m in sorted(meetings, key=lambda m: m["date"]):
        day = _d(m["date"])
        if day <= last or not m["present"]:
            continue
        source = f"{m['source']['path']}:{m['source']['lines'][0]}"
        for s in m["substitutes"]:
            if not s.get("stated"):
                continue
            seat = seat_of(s["for"], day)
            if seat:
                why = f"the minutes say {s['name']} substituted for {s['for']}"
                place(seat, "member", s["for"], day, source, why)
                place(seat, "substitute", s["name"], day, source, why)
        named = {p["name"] for p in m["present"]} | {a["name"] for a in m["apologies"]}
        for p in m["present"]:
            if seat_of(p["name"], day) or not p.get("body"):
                continue
            seats = sorted({iv["seat"] for iv in out if iv["seat"].startswith(p["body"] + "#")})
            vacant = [s for s in seats if current(s, "member", day) is None]
            absent = [s for s in seats if current(s, "member", day) and current(s, "member", day)["name"] not in named]
            choice = (vacant or absent or [None])[0]
            if choice:
                place(choice, "member", p["name"], day, source, f"present for {p['body']}, whose place was "
                      + ("vacant" if choice in vacant else "held by someone neither present nor sending apologies"))
    return out
