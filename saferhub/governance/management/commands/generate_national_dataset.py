"""Generate a synthetic national dataset for benchmarks: hundreds of councils, their committees,
ten civic years of meetings and millions of attendance rows.

This is benchmark data, not a record of anything: everything is fictional and marked so. For speed
it is written with bulk inserts rather than through the actions (the actions' rules are exercised by
the test suite); every row still satisfies the model constraints.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from saferhub.core.models import Organisation, Person
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Membership,
    Seat,
    SeatGroup,
)

MARK = "[synthetic]"
COMMITTEE_DEFAULT_COLUMNS = [
    "role_text", "legal_basis", "meeting_frequency_months", "substitutes_per_member", "co_opted_members_allowed",
    "co_opted_members_vote", "civic_year_start_month", "civic_year_start_day", "recommendation_response_months",
    "default_venue", "inquorate_minute_template", "contact_name", "contact_phone", "contact_email", "is_active",
    "kind", "governed_by_partnership", "is_public",
]
COMMITTEE_DEFAULTS = (
    "", "", 3, 1, True, False, 5, 1, 2, "Council Chamber",
    "Only {present} of the {quorum} voting members needed were present; declared inquorate at {declared_at}.",
    "", "", "", True,
    "scrutiny_committee", False, True,
)
VERBS = ["NOTED", "AGREED", "ENDORSED", "COMMENDED"]


class Command(BaseCommand):
    help = "Generate fictional councils, committees, meetings and attendance at national scale for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=350)
        parser.add_argument("--committees", type=int, default=15, help="Committees per council.")
        parser.add_argument("--years", type=int, default=10, help="Civic years of history.")
        parser.add_argument("--meetings", type=int, default=8, help="Meetings per committee per year.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--with-text", action="store_true", help="Add minutes text to report items (for search benchmarks).")

    def handle(self, *args, councils, committees, years, meetings, seed, with_text, **options):
        if min(councils, committees, years, meetings) < 1:
            raise CommandError("All sizes must be at least 1.")
        if Organisation.objects.filter(name__startswith=f"{MARK} ").exists():
            raise CommandError("A synthetic dataset is already present in this database.")
        rng = random.Random(seed)  # noqa: S311 - synthetic benchmark data, not security
        started = time.monotonic()
        with transaction.atomic():
            totals = Generator(rng, councils, committees, years, meetings, with_text, self.stdout).run()
        totals["seconds"] = round(time.monotonic() - started, 1)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}: {v}" for k, v in totals.items())))


def next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


class Generator:
    def __init__(self, rng, councils, committees, years, meetings, with_text, out):
        self.rng = rng
        self.councils = councils
        self.committees = committees
        self.years = years
        self.meetings = meetings
        self.with_text = with_text
        self.out = out
        self.first_year = 2026 - years

    def insert(self, model, columns, rows):
        if not rows:
            return
        table = model._meta.db_table
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        # Table and column names come from the models, never from input.
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({marks})"  # noqa: S608
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 20000):
                cursor.executemany(sql, rows[start:start + 20000])

    def run(self) -> dict:
        ops = connection.ops
        now = ops.adapt_datetimefield_value(dt.datetime.now(dt.UTC))
        ten, ten_five, half_eleven = (ops.adapt_timefield_value(dt.time(h, m)) for h, m in ((10, 0), (10, 5), (11, 30)))
        org_id, person_id = next_id(Organisation), next_id(Person)
        committee_id, group_id, seat_id = next_id(Committee), next_id(SeatGroup), next_id(Seat)
        membership_id, meeting_id = next_id(Membership), next_id(Meeting)
        attendance_id, item_id, decision_id = next_id(Attendance), next_id(AgendaItem), next_id(Decision)
        counts = dict.fromkeys(["organisations", "people", "committees", "meetings", "attendance", "agenda_items",
                                "decisions"], 0)
        for c in range(self.councils):
            orgs, people, comms, groups, seats, members, meets, atts, items, decs = ([] for _ in range(10))
            council_id, partnership_id = org_id, org_id + 1
            kind = ["county_council", "district_council", "unitary_council"][c % 3]
            orgs.append((council_id, f"{MARK} Council {c:03d}", f"Council {c:03d}", kind, "[]", "", now, now))
            orgs.append((partnership_id, f"{MARK} Community Safety Partnership {c:03d}", f"CSP {c:03d}", "partnership",
                         "[]", "", now, now))
            org_id += 2
            councillors = []
            for p in range(60):
                people.append((person_id, "Cllr", f"Councillor {c:03d}-{p:02d}", True, council_id, "", "", "", now, now))
                councillors.append(person_id)
                person_id += 1
            officers = []
            for p in range(8):
                people.append((person_id, "", f"Officer {c:03d}-{p}", False, partnership_id, "Community Safety Officer",
                               "", "", now, now))
                officers.append(person_id)
                person_id += 1
            for k in range(self.committees):
                cid = committee_id
                committee_id += 1
                quorum = 3 if k % 2 else 5
                comms.append((cid, f"{MARK} Committee {c:03d}-{k:02d}", f"Committee {c:03d}-{k:02d}",
                              f"synthetic-{c:03d}-{k:02d}", council_id, partnership_id, quorum, *COMMITTEE_DEFAULTS, now, now))
                groups.append((group_id, cid, "Members", 1, 10, council_id, "", 10, True, True, True, ""))
                committee_seats = []
                for s in range(10):
                    seats.append((seat_id, cid, group_id, council_id, s + 1))
                    committee_seats.append(seat_id)
                    seat_id += 1
                group_id += 1
                # Three four-year terms; each seat has a member and a named substitute per term.
                pool = self.rng.sample(councillors, 40)
                term_starts = [dt.date(self.first_year + t, 5, 1) for t in range(0, self.years, 4)]
                seat_holders: dict[int, list[tuple[dt.date, dt.date | None, int, int]]] = {}
                for t, start in enumerate(term_starts):
                    end = term_starts[t + 1] - dt.timedelta(days=1) if t + 1 < len(term_starts) else None
                    chosen = self.rng.sample(pool, 20)
                    for s, seat in enumerate(committee_seats):
                        member, sub = chosen[2 * s], chosen[2 * s + 1]
                        start_db = ops.adapt_datefield_value(start)
                        end_db = ops.adapt_datefield_value(end) if end else None
                        members.append((membership_id, cid, seat, member, "member", True, start_db, end_db, MARK))
                        members.append((membership_id + 1, cid, seat, sub, "substitute", True, start_db, end_db, MARK))
                        seat_holders.setdefault(seat, []).append((start, end, membership_id, member))
                        seat_holders[seat].append((start, end, membership_id + 1, sub))
                        membership_id += 2
                for year in range(self.years):
                    for n in range(self.meetings):
                        day = dt.date(self.first_year + year, 5, 10) + dt.timedelta(days=int(n * 365 / self.meetings))
                        roll = self.rng.random()
                        status = "held" if roll < 0.93 else ("inquorate" if roll < 0.97 else "cancelled")
                        mid = meeting_id
                        meeting_id += 1
                        present = 0
                        rows = []
                        if status != "cancelled":
                            for s, seat in enumerate(committee_seats):
                                holders = [h for h in seat_holders[seat] if h[0] <= day and (h[1] is None or day <= h[1])]
                                member, sub = holders[0], holders[1]
                                r = self.rng.random()
                                if status == "inquorate" and s >= 2:
                                    r = 0.95
                                if r < 0.8:
                                    rows.append((attendance_id, mid, member[3], "member", "present", None, member[2], True, s))
                                    present += 1
                                    attendance_id += 1
                                elif r < 0.9:
                                    rows.append((attendance_id, mid, member[3], "member", "apologies", None, member[2], True, s))
                                    rows.append((attendance_id + 1, mid, sub[3], "substitute", "present", member[3], sub[2], True, s))
                                    present += 1
                                    attendance_id += 2
                                else:
                                    rows.append((attendance_id, mid, member[3], "member", "apologies", None, member[2], True, s))
                                    attendance_id += 1
                            for o in self.rng.sample(officers, 2):
                                rows.append((attendance_id, mid, o, "officer", "in_attendance", None, None, False, 20))
                                attendance_id += 1
                        if status == "held" and present < quorum:
                            status = "inquorate"
                        meets.append((mid, cid, ops.adapt_datefield_value(day), "day", ten, "Council Chamber", "", status,
                                      status != "cancelled", quorum if status != "cancelled" else None,
                                      ten_five if status == "inquorate" else None,
                                      half_eleven if status == "held" else None, "", "", True, MARK, now, now))
                        atts.extend(rows)
                        for pos, (title, kind_) in enumerate(
                            [("Apologies and substitutes", "apologies"), (f"Partnership priority report {n + 1}", "report"),
                             ("Forward work programme", "work_programme")], start=1
                        ):
                            text = ""
                            if self.with_text and kind_ == "report":
                                text = self.minutes_text(c, k, year, n)
                            items.append((item_id, mid, pos, str(pos), title, "", kind_, None, text,
                                          status != "held" and kind_ != "apologies", None))
                            if status == "held" and kind_ != "apologies":
                                decs.append((decision_id, item_id, 1, self.rng.choice(VERBS), "the report and its annexes."))
                                decision_id += 1
                            item_id += 1
            self.insert(Organisation, ["id", "name", "short_name", "kind", "aliases", "website", "created_at", "updated_at"], orgs)
            self.insert(Person, ["id", "honorific", "name", "is_councillor", "organisation_id", "job_title", "email", "phone",
                                 "created_at", "updated_at"], people)
            self.insert(Committee, ["id", "name", "short_name", "slug", "organisation_id", "scrutinises_id", "quorum",
                                    *COMMITTEE_DEFAULT_COLUMNS, "created_at", "updated_at"], comms)
            self.insert(SeatGroup, ["id", "committee_id", "name", "position", "seats", "organisation_id", "organisation_kind",
                                    "seats_per_organisation", "voting", "chair_eligible", "vice_chair_eligible", "note", "created_at",
                                    "updated_at"], [(*g, now, now) for g in groups])
            self.insert(Seat, ["id", "committee_id", "group_id", "organisation_id", "number", "created_at", "updated_at"],
                        [(*r, now, now) for r in seats])
            self.insert(Membership, ["id", "committee_id", "seat_id", "person_id", "role", "voting", "start_date", "end_date",
                                     "note", "created_at", "updated_at"], [(*r, now, now) for r in members])
            self.insert(Meeting, ["id", "committee_id", "date", "date_precision", "start_time", "venue", "livestream_url",
                                  "status", "attendance_finalised", "quorum_required", "declared_inquorate_at", "finished_at", "chair_capacity",
                                  "chair_note", "record_published", "note", "created_at", "updated_at"], meets)
            self.insert(Attendance, ["id", "meeting_id", "person_id", "role", "status", "substitute_for_id", "membership_id",
                                     "voting", "position", "recorded_name", "title", "note", "created_at", "updated_at"],
                        [(*r, "", "", "", now, now) for r in atts])
            self.insert(AgendaItem, ["id", "meeting_id", "position", "number", "title", "description", "kind", "page",
                                     "minute_text", "carry_forward", "carried_from_id", "created_at", "updated_at"],
                        [(*r, now, now) for r in items])
            self.insert(Decision, ["id", "agenda_item_id", "sequence", "verb", "text", "created_at", "updated_at"],
                        [(*r, now, now) for r in decs])
            counts["organisations"] += len(orgs)
            counts["people"] += len(people)
            counts["committees"] += len(comms)
            counts["meetings"] += len(meets)
            counts["attendance"] += len(atts)
            counts["agenda_items"] += len(items)
            counts["decisions"] += len(decs)
            if c % 25 == 24:
                self.out.write(f"  {c + 1} councils: {counts['meetings']} meetings, {counts['attendance']} attendance rows")
        self.reset_sequences()
        return counts

    def minutes_text(self, c, k, year, n) -> str:
        topics = ["anti-social behaviour", "the Community Trigger", "domestic abuse", "county lines", "serious violence",
                  "neighbourhood crime", "Prevent", "modern slavery", "fraud", "the delivery plan"]
        a, b = self.rng.sample(topics, 2)
        return (f"Members questioned the Partnership about {a} and {b}. The report for council {c} committee {k} in "
                f"year {self.first_year + year} meeting {n + 1} described progress against agreed outcomes, "
                f"referral pathways and the support offered to victims.")

    def reset_sequences(self):
        sql = connection.ops.sequence_reset_sql(
            no_style(), [Organisation, Person, Committee, SeatGroup, Seat, Membership, Meeting, Attendance, AgendaItem, Decision]
        )
        if sql:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
