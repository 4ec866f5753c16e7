"""Benchmark the Partnership groups' pages at national size (issue 11).

Synthetic national data, generated once per database by bulk inserts (benchmark data, fictional and marked
"[synthetic]"; the actions' rules are exercised by the test suite): ``--partnerships`` partnerships (340) with
``--bodies`` bodies each (30: a board and its groups, a third of them public), so about 10,000 bodies; each
with two Terms of Reference versions, ten members by organisation, a chair, eight meetings and ``--actions``
action points (25, so about 250,000 actions), half of them with a progress update. One person of the first
partnership owns 200 open actions across its bodies.

Measures, in-process through Django's whole request stack (DEBUG off), p50/p95/max and the queries per
request: a body's page and its action log (signed in as a partnership officer, who sees private bodies too),
target p95 ≤ 100 ms with a constant query count; the cross-body "my actions" page of the person with 200
actions, target p95 ≤ 150 ms; the register of bodies (``/groups/``, 50 a page) for an anonymous visitor (public
bodies only), for the partnership officer on random pages, filtered by one partnership and searched by name, and
for a member of private groups (visibility in the query), target p95 ≤ 150 ms with a constant query count.

Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_groups.py [--partnerships 340] [--bodies 30] [--actions 25] [--samples 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import (  # noqa: E402
    configure,
    generate_once,
    measure_urls,
    percentile,
    print_table,
    setup_database,
)

configure("groups.sqlite3")

MARK = "[synthetic]"
BUSY = "Busy Officer [synthetic]"
ORG_KINDS = ["police", "district_council", "fire", "health", "probation", "voluntary"]


def next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def generate(partnerships: int, bodies: int, per_body: int) -> None:
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from saferhub.core.models import Organisation, Person
    from saferhub.governance.models import Committee, Meeting
    from saferhub.groups.models import (
        ActionUpdate,
        BodyProfile,
        ChairTerm,
        GroupAction,
        GroupMembership,
        RequiredMember,
        TermsOfReference,
    )

    rng = random.Random(11)  # noqa: S311 - synthetic benchmark data
    ids = {m: next_id(m) for m in (Organisation, Person, Committee, Meeting, TermsOfReference, GroupAction)}
    rows: dict[type, list] = {m: [] for m in (Organisation, Person, Committee, BodyProfile, TermsOfReference,
                                              RequiredMember, GroupMembership, ChairTerm, Meeting, GroupAction,
                                              ActionUpdate)}

    def new_id(model):
        ids[model] += 1
        return ids[model] - 1

    meeting_days = [dt.date(2025, 1, 15) + dt.timedelta(days=91 * n) for n in range(8)]
    for p in range(partnerships):
        partnership = Organisation(id=new_id(Organisation), name=f"{MARK} Partnership {p:03d}", kind="partnership")
        orgs = [Organisation(id=new_id(Organisation), name=f"{MARK} {kind} {p:03d}", kind=kind) for kind in ORG_KINDS]
        rows[Organisation] += [partnership, *orgs]
        people = [Person(id=new_id(Person), name=(BUSY if p == 0 and n == 0 else f"{MARK} Officer {p:03d}-{n:02d}"),
                         organisation_id=orgs[n % len(orgs)].pk) for n in range(40)]
        rows[Person] += people
        board_id = None
        for k in range(bodies):
            cid = new_id(Committee)
            board_id = board_id or cid
            rows[Committee].append(Committee(
                id=cid, name=f"{MARK} Group {p:03d}-{k:02d}", short_name=f"G{p:03d}{k:02d}",
                slug=f"syn-group-{p:03d}-{k:02d}", organisation_id=partnership.pk, parent_id=None if k == 0 else board_id,
                kind="statutory_board" if k == 0 else "delivery_group", governed_by_partnership=True,
                is_public=k % 3 == 0, reports_every_months=None if k == 0 else 3, role_text="Synthetic group."))
            rows[BodyProfile].append(BodyProfile(body_id=cid, secretariat_id=partnership.pk, secretariat_team="Team"))
            old = TermsOfReference(id=new_id(TermsOfReference), body_id=cid, version="1.0",
                                   in_force_from=dt.date(2024, 1, 1), in_force_to=dt.date(2024, 12, 31),
                                   purpose="Synthetic purpose.", cadence_months=3, key_activities=["Map"])
            new = TermsOfReference(id=new_id(TermsOfReference), body_id=cid, version="2.0",
                                   in_force_from=dt.date(2025, 1, 1), purpose="Synthetic purpose, amended.",
                                   cadence_months=3, pre_agenda_days_before=14, papers_days_before=7,
                                   minutes_days_after=7, chair_term_months=24, review_date=dt.date(2027, 1, 1),
                                   key_activities=["Map", "Divert"])
            rows[TermsOfReference] += [old, new]
            rows[RequiredMember] += [RequiredMember(tor_id=new.pk, name=o.name, organisation_id=o.pk, position=i)
                                     for i, o in enumerate(orgs[:5], start=1)]
            members = [people[0], *rng.sample(people[1:], 9)]
            rows[GroupMembership] += [GroupMembership(body_id=cid, person_id=m.pk, organisation_id=m.organisation_id,
                                                      start_date=dt.date(2024, 1, 1)) for m in members]
            rows[ChairTerm].append(ChairTerm(body_id=cid, person_id=members[1].pk, start_date=dt.date(2025, 1, 15),
                                             end_date=dt.date(2027, 1, 14), method="unanimous"))
            meetings = []
            for day in meeting_days:
                mid = new_id(Meeting)
                meetings.append((mid, day))
                rows[Meeting].append(Meeting(id=mid, committee_id=cid, date=day,
                                             status="held" if day < dt.date(2026, 12, 1) else "scheduled", note=MARK))
            for n in range(1, per_body + 1):
                busy = p == 0 and n <= 7
                owner = people[0] if busy else rng.choice(members)
                mid, day = rng.choice(meetings[:6])
                status = "open" if busy else rng.choice(["open", "in_progress", "complete", "complete", "closed"])
                aid = new_id(GroupAction)
                rows[GroupAction].append(GroupAction(
                    id=aid, body_id=cid, number=n, text=f"Synthetic action {n} of group {p:03d}-{k:02d}",
                    owner_person_id=owner.pk, owner_organisation_id=owner.organisation_id,
                    target_date=day + dt.timedelta(days=rng.randint(14, 200)), status=status, source_meeting_id=mid))
                if n % 2 == 0:
                    rows[ActionUpdate].append(ActionUpdate(action_id=aid, date=day + dt.timedelta(days=10),
                                                           text="Progress noted.", status=status))
    with transaction.atomic():
        for model, objs in rows.items():
            model.objects.bulk_create(objs, batch_size=2000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
                    cursor.execute(sql)
    print("  " + ", ".join(f"{m.__name__}: {len(o):,}" for m, o in rows.items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=340)
    parser.add_argument("--bodies", type=int, default=30)
    parser.add_argument("--actions", type=int, default=25, help="Actions per body.")
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    setup_database()
    from django.test import Client

    from saferhub.core.models import Person
    from saferhub.core.permissions import Role
    from saferhub.governance.models import Committee
    from saferhub.governance.tests.factories import user
    from saferhub.groups.models import GroupAction

    generate_once(lambda: Person.objects.filter(name=BUSY).exists(),
                  lambda: generate(args.partnerships, args.bodies, args.actions),
                  f"{args.partnerships} partnerships × {args.bodies} bodies × {args.actions} actions")
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    officer = users.filter(username="bench-partnership").first() or user("bench-partnership", Role.PARTNERSHIP_OFFICER)
    busy = Person.objects.get(name=BUSY)
    owner = users.filter(username="bench-busy").first() or user("bench-busy", person=busy)
    slugs = list(Committee.objects.filter(slug__startswith="syn-group-").values_list("slug", flat=True))
    bodies, actions = len(slugs), GroupAction.objects.count()
    mine = GroupAction.objects.filter(owner_person=busy, status__in=["open", "in_progress"]).count()
    rng = random.Random(11)  # noqa: S311

    staff, member = Client(), Client()
    staff.force_login(officer)
    member.force_login(owner)
    for _ in range(10):
        staff.get(f"/groups/{slugs[0]}/")
        staff.get(f"/groups/{slugs[0]}/actions/")
        member.get("/groups/my-actions/")
        staff.get("/groups/")
    cpu: dict[str, list[float]] = {}

    def measured(label, client, urls):
        """Wall-clock times (``measure_urls``) and, beside them, this process's CPU time per request: on a
        shared machine under load the wall clock also counts the time spent waiting for a core."""
        times, counts, spent = [], set(), []
        for url in urls:
            started = time.process_time()
            t, q = measure_urls(client, [url])
            spent.append((time.process_time() - started) * 1000)
            times += t
            counts |= q
        cpu[label] = spent
        return times, counts

    from saferhub.core.models import Organisation

    partnership_ids = list(Organisation.objects.filter(kind="partnership", name__startswith=MARK)
                           .values_list("pk", flat=True))
    pages = max(1, -(-bodies // 50))
    anonymous = Client()
    results = {
        "register, anonymous (first page)": measured("register anonymous", anonymous,
                                                     ("/groups/" for _ in range(args.samples))),
        "register, partnership officer (random page)": measured(
            "register staff page", staff, (f"/groups/?page={rng.randint(1, pages)}" for _ in range(args.samples))),
        "register, one partnership": measured("register partnership", staff, (
            f"/groups/?organisation={rng.choice(partnership_ids)}" for _ in range(args.samples))),
        "register, name search": measured("register search", staff, (
            f"/groups/?q=Group+{rng.randrange(args.partnerships):03d}" for _ in range(args.samples))),
        "register, member of private groups": measured("register member", member,
                                                       ("/groups/?page=2" for _ in range(args.samples))),
        "body page": measured("body page", staff, (f"/groups/{rng.choice(slugs)}/" for _ in range(args.samples))),
        "action log": measured("action log", staff,
                               (f"/groups/{rng.choice(slugs)}/actions/" for _ in range(args.samples))),
        f"my actions ({mine} open actions)": measured("my actions", member,
                                                      ("/groups/my-actions/" for _ in range(args.samples))),
    }
    print_table(f"{bodies:,} bodies, {actions:,} actions", results)
    print()
    print("| Measure | CPU p50 (ms) | CPU p95 (ms) |")
    print("|---|---|---|")
    for label, spent in cpu.items():
        print(f"| {label} | {statistics.median(spent):.1f} | {percentile(spent, 95):.1f} |")


if __name__ == "__main__":
    main()
