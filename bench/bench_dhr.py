"""Benchmark the Domestic Homicide Review pages and the overdue sweep on national-scale synthetic data (issue 13).

Measures:
  - the review team's caseload page (/dhr/) for members of different partnerships' teams: p95 <= 100 ms and
    one query count whatever the partnership;
  - the public thematic analysis (/domestic-homicide-reviews/themes/) across every published review and its
    actions: p95 <= 100 ms, constant query count;
  - the overdue sweep (``clocks.overdue_sweep`` over ``queries.sweep_rows``) over every open
    review: <= 1 s.

Data: about 350 partnerships, 8,000 reviews at every stage and 60,000 actions in the composite repository,
generated once per database with bulk inserts (fictional, marked "[synthetic]"; the rules and actions are
tested by the suite). Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_dhr.py [--partnerships 350] [--reviews 8000] [--actions 60000] [--samples 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, generate_once, measure_urls, percentile, print_table, setup_database  # noqa: E402

MARK = "[synthetic]"
TODAY = dt.date(2026, 12, 4)
THEMES = ["Coercive control", "Mental health", "Substance misuse", "Information sharing", "Economic abuse",
          "Adult family homicide", "Suicide", "Risk assessment", "Housing", "Older victims"]
STEPS = ["chair", "panel", "terms", "imrs", "family", "draft", "sign_off", "submitted", "feedback", "published",
         "commissioner"]


def generate(partnerships: int, reviews: int, actions: int, seed: int = 13) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from saferhub.core.models import Organisation, OrganisationKind
    from saferhub.core.permissions import Role, ensure_role_groups
    from saferhub.dhr.models import Case, Decision, DhrTeamMembership, Recommendation, ReviewStep

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            [Organisation(name=f"Synthetic Community Safety Partnership {i:03d} {MARK}", kind=OrganisationKind.PARTNERSHIP)
             for i in range(partnerships)])
        agencies = Organisation.objects.bulk_create(
            [Organisation(name=f"Synthetic agency {i:02d} {MARK}", kind=OrganisationKind.POLICE) for i in range(40)])
        cases = []
        for n in range(reviews):
            notified = TODAY - dt.timedelta(days=rng.randint(10, 3000))
            cases.append(Case(partnership=orgs[n % partnerships], reference=f"SYN-{n:05d}", source="police",
                              date_notified=notified, decision_clock_start=notified, victim_pseudonym=MARK))
        cases = Case.objects.bulk_create(cases, batch_size=2000)
        decisions, steps, published = [], [], []
        for case in cases:
            if rng.random() < 0.08:
                continue  # awaiting the decision
            decided = case.date_notified + dt.timedelta(days=rng.randint(5, 60))
            outcome = "review" if rng.random() < 0.85 else "not_review"
            decisions.append(Decision(case=case, outcome=outcome, decided_on=decided,
                                      home_office_notified_on=decided + dt.timedelta(days=3)))
            if outcome != "review":
                continue
            done = rng.randint(0, len(STEPS))
            day = decided
            for step in STEPS[:done]:
                day += dt.timedelta(days=rng.randint(5, 40))
                steps.append(ReviewStep(case=case, step=step, done_on=min(day, TODAY),
                                        details={"outcome": "approved"} if step == "feedback" else {}))
            if done >= STEPS.index("published") + 1:
                case.closed_on = min(day, TODAY)
                case.themes = rng.sample(THEMES, rng.randint(1, 4))
                published.append(case)
        Decision.objects.bulk_create(decisions, batch_size=2000)
        ReviewStep.objects.bulk_create(steps, batch_size=5000)
        Case.objects.bulk_update(published, ["closed_on", "themes"], batch_size=2000)
        with_learning = published or cases
        recs = [Recommendation(case=with_learning[i % len(with_learning)], text=f"Synthetic recommendation {i}",
                               agency=rng.choice(agencies), theme=rng.choice(THEMES),
                               status=rng.choice(["open", "in_progress", "complete", "complete"]))
                for i in range(actions)]
        Recommendation.objects.bulk_create(recs, batch_size=5000)
        ensure_role_groups()
        group = Group.objects.get(name=Role.DHR_TEAM.label)
        users = get_user_model()
        for i, org in enumerate(orgs[:60]):
            member = users.objects.create_user(username=f"bench-dhr-{i:03d}", password=None)
            member.groups.add(group)
            DhrTeamMembership.objects.create(user=member, partnership=org)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=350)
    parser.add_argument("--reviews", type=int, default=8000)
    parser.add_argument("--actions", type=int, default=60000)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    configure("dhr.sqlite3", public_page_cache=False)
    setup_database()

    from django.test import Client
    from django.urls import reverse

    from saferhub.core.permissions import Role
    from saferhub.dhr import clocks, queries
    from saferhub.dhr.models import Case, DhrTeamMembership, Recommendation

    generate_once(lambda: Case.objects.filter(victim_pseudonym=MARK).exists(),
                  lambda: generate(args.partnerships, args.reviews, args.actions),
                  f"{args.partnerships} partnerships, {args.reviews} reviews, {args.actions} actions")
    print(f"Reviews: {Case.objects.count()}, open: {Case.objects.filter(closed_on__isnull=True).count()}, "
          f"actions: {Recommendation.objects.count()}")

    results = {}
    members = list(DhrTeamMembership.objects.filter(user__username__startswith="bench-dhr-")
                   .select_related("user").order_by("user__username"))
    clients = []
    for membership in members:
        client = Client()
        client.force_login(membership.user)
        clients.append(client)
    assert Role.DHR_TEAM
    caseload_times, caseload_queries = [], set()
    for client in clients[:3]:
        measure_urls(client, [reverse("dhr:case-list")])  # warm up
    for i in range(args.samples):
        t, q = measure_urls(clients[i % len(clients)], [reverse("dhr:case-list")])
        caseload_times += t
        caseload_queries |= q
    results["Caseload page (/dhr/), a team member of one of 60 partnerships"] = (caseload_times, caseload_queries)

    public = Client()
    measure_urls(public, [reverse("dhr:themes")] * 2)  # warm up
    results["Thematic analysis (/domestic-homicide-reviews/themes/), every published review"] = measure_urls(
        public, [reverse("dhr:themes")] * args.samples)

    sweep_times = []
    for _ in range(5):
        start = time.perf_counter()
        cases = queries.sweep_rows()
        settings_map = queries.settings_by_partnership({row[1] for row in cases})
        overdue = clocks.overdue_sweep(cases, settings_map, TODAY)
        sweep_times.append((time.perf_counter() - start) * 1000)
    results[f"Overdue sweep over {len(cases)} open reviews ({len(overdue)} overdue)"] = (sweep_times, {0})
    print_table(f"DHR bench, {args.partnerships} partnerships, {args.reviews} reviews, {args.actions} actions",
                results)
    failures = []
    for label, (times, queries_seen) in results.items():
        limit = 1000 if label.startswith("Overdue") else 100
        if percentile(times, 95) > limit:
            failures.append(f"{label}: p95 {percentile(times, 95):.0f} ms > {limit} ms")
        if not label.startswith("Overdue") and len(queries_seen) != 1:
            failures.append(f"{label}: query counts vary {sorted(queries_seen)}")
    print("\n".join(failures) or "All targets met.")


if __name__ == "__main__":
    main()
