"""Benchmark the Plan with every partnership's plan in the database (issue 12).

Synthetic national data, generated once per database and reused: ``--partnerships`` (350) partnerships, each
with a published plan of 4 themes, 12 outcomes (three without measures), 40 measures with 5 years of
quarterly values for the county and 7 districts (6,400 values a plan), ~60 actions with owners and outcomes,
four reporting rounds with an update from every action, and a scrutiny committee with a meeting and a
recommendation. Bench data is bulk inserted here (no audit rows: it is not a record of anything).

Measured in-process through Django's whole request stack (DEBUG off, public page cache off): p50/p95/max and
queries per request of the public plan page (anonymous) and the performance report page (a partnership
officer), on random partnerships; the report PDF; and a 10,000-row measure CSV validated and loaded through
the upload page. Targets: pages p95 ≤ 150 ms with a constant query count; PDF ≤ 3 s; CSV ≤ 5 s.

Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_plan.py [--partnerships 350] [--samples 200] [--pdfs 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import configure, generate_once, percentile, print_table, setup_database, timed_get  # noqa: E402

configure("plan.sqlite3", public_page_cache=False)

MARK = "[synthetic plan]"
DISTRICTS = 7
MONTH_END = {3: 31, 6: 30, 9: 30, 12: 31}
QUARTERS = [(dt.date(y, m, 1), dt.date(y, m + 2, MONTH_END[m + 2])) for y in range(2019, 2024) for m in (1, 4, 7, 10)]
RAGS = ["red", "amber", "green", "complete", "not_started"]
VALUES_SQL = ("INSERT INTO delivery_measurevalue (measure_id, period_start, period_end, geography, area, value, "
              "data_quality_note, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)")


def generate(partnerships: int) -> None:
    from django.db import connection, transaction

    from saferhub.core.models import Organisation
    from saferhub.delivery.models import (
        ActionIdentity,
        ActionOwner,
        ActionUpdate,
        DeliveryAction,
        DeliveryPlan,
        Measure,
        Outcome,
        Plan,
        ReportingRound,
        Theme,
    )
    from saferhub.governance.models import AgendaItem, Committee, Decision, Meeting, Recommendation

    rng = random.Random(12)
    published = dt.datetime(2022, 2, 24, 12, tzinfo=dt.UTC)
    for n in range(partnerships):
        with transaction.atomic():
            council = Organisation.objects.create(name=f"Bench county council {n:03}", kind="county_council")
            partnership = Organisation.objects.create(name=f"Bench community safety partnership {n:03}",
                                                      kind="partnership")
            districts = Organisation.objects.bulk_create([
                Organisation(name=f"Bench district {n:03}-{d}", kind="district_council") for d in range(DISTRICTS)])
            owners = [partnership, *districts]
            plan = Plan.objects.create(partnership=partnership, slug=f"bench-{n:03}", title=f"Bench plan {n:03}",
                                       start_year=2021, end_year=2024, extended=True, source=MARK)
            themes = Theme.objects.bulk_create([Theme(plan=plan, number=t + 1, title=f"Theme {t + 1}")
                                                for t in range(4)])
            outcomes = Outcome.objects.bulk_create([
                Outcome(plan=plan, theme=themes[o // 3], number=o + 1, title=f"Long-term outcome {o + 1} of plan {n}")
                for o in range(12)])
            with_measures = [o for o in outcomes if o.number not in (4, 10, 11)]
            measures = Measure.objects.bulk_create([
                Measure(outcome=with_measures[m % len(with_measures)], position=m // len(with_measures) + 1,
                        name=f"Measure {m + 1} of plan {n}", geography="district",
                        direction=rng.choice(["increase", "decrease", "neutral"]),
                        baseline_value=Decimal(rng.randint(500, 1500)), data_source="Bench data")
                for m in range(40)])
            for m in measures:
                if m.direction != "neutral":
                    m.target_value = m.baseline_value * (Decimal("0.8") if m.direction == "decrease" else Decimal("1.2"))
            Measure.objects.bulk_update(measures, ["target_value"])
            values, now = [], dt.datetime.now(dt.UTC)
            for m in measures:
                level = float(m.baseline_value)
                for start, end in QUARTERS:
                    level *= rng.uniform(0.95, 1.05)
                    values.append((m.pk, start, end, "county", "County", f"{level:.2f}", "", now))
                    values += [(m.pk, start, end, "district", f"District {d}", f"{level / DISTRICTS:.2f}", "", now)
                               for d in range(DISTRICTS)]
            with connection.cursor() as cursor:  # 6,400 rows a plan: plain inserts, not model instances
                cursor.executemany(VALUES_SQL, values)
            version = DeliveryPlan.objects.create(title=f"Delivery plan {n:03}", partnership=partnership, plan=plan,
                                                  stage="final", label="Final", version_date=dt.date(2022, 2, 24),
                                                  published_at=published, source=MARK)
            count = rng.randint(55, 65)
            identities = ActionIdentity.objects.bulk_create([ActionIdentity(plan=plan, key=f"a{a}")
                                                             for a in range(count)])
            rows = DeliveryAction.objects.bulk_create([
                DeliveryAction(plan=version, number=f"{a // 15 + 1}.{a % 15 + 1}", action=f"Action {a} of plan {n}: "
                               "work with partners to reduce harm in the places it is most often reported",
                               success_measure="Fewer repeat incidents", identity=identities[a], position=a,
                               due_kind="date" if a % 3 else "ongoing",
                               due_date=dt.date(2022 + a % 3, 3, 31) if a % 3 else None,
                               due="March 2023" if a % 3 else "Ongoing")
                for a in range(count)])
            ActionOwner.objects.bulk_create([ActionOwner(action=r, position=p, organisation=owners[(i + p) % len(owners)])
                                             for i, r in enumerate(rows) for p in range(1 + i % 2)])
            through = DeliveryAction.outcomes.through
            through.objects.bulk_create([through(deliveryaction_id=r.pk, outcome_id=outcomes[(i + k * 5) % 12].pk)
                                         for i, r in enumerate(rows) for k in range(1 + i % 2)])
            rounds = []
            for q, (start, end) in enumerate(QUARTERS[-4:]):
                rounds.append(ReportingRound(plan=plan, version=version, title=f"Quarter {q + 1}", period_start=start,
                                             period_end=end, due_by=end + dt.timedelta(days=15),
                                             opened_on=end + dt.timedelta(days=1),
                                             closed_on=end + dt.timedelta(days=30) if q < 3 else None))
            ReportingRound.objects.bulk_create(rounds)
            ActionUpdate.objects.bulk_create([
                ActionUpdate(identity=r.identity, row=r, period_end=rd.period_end, due_by=rd.due_by,
                             submitted_on=rd.due_by - dt.timedelta(days=rng.randint(-3, 10)), rag=rng.choice(RAGS),
                             commentary="Progress this quarter as reported by the owner.", round=rd)
                for rd in rounds for r in rows], batch_size=2000)
            committee = Committee.objects.create(name=f"Bench scrutiny panel {n:03}", slug=f"bench-panel-{n:03}",
                                                 organisation=council, scrutinises=partnership)
            meeting = Meeting.objects.create(committee=committee, date=dt.date(2023, 11, 20), status="held",
                                             record_published=True, note=MARK)
            item = AgendaItem.objects.create(meeting=meeting, position=1, number="1", title="Plan performance")
            decision = Decision.objects.create(agenda_item=item, sequence=1, verb="RECOMMENDED",
                                               text="to the Partnership that:")
            Recommendation.objects.bulk_create([
                Recommendation(decision=decision, sequence=s + 1, addressee_organisation=partnership,
                               text=f"It reports measure {s + 1} by district.", response_due=dt.date(2024, 1, 20))
                for s in range(3)])
        if n % 50 == 49:
            print(f"  {n + 1} partnerships", flush=True)


def csv_text(plan_slug: str, rows: int = 10_000) -> tuple[str, object]:
    """A plan for the upload and ``rows`` values: 40 district measures × 50 quarters × 5 districts."""
    from saferhub.core.actors import SYSTEM
    from saferhub.delivery import actions
    plan = actions.create_strategic_plan(slug=plan_slug, title="Bench upload plan", start_year=2015, end_year=2024,
                                         extended=True, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Theme", acting_user=SYSTEM)
    outcome = actions.add_outcome(plan, theme=theme, number=1, title="Outcome", acting_user=SYSTEM)
    for m in range(40):
        actions.add_measure(outcome, name=f"Upload measure {m + 1}", geography="district", acting_user=SYSTEM)
    lines = ["measure,period_start,period_end,geography,area,value,note"]
    quarters = [(dt.date(y, m, 1), dt.date(y, m + 2, MONTH_END[m + 2]))
                for y in range(2011, 2024) for m in (1, 4, 7, 10)]
    for m in range(40):
        for start, end in quarters[:50]:
            for d in range(5):
                lines.append(f"1.{m + 1},{start},{end},district,District {d},{100 + m + d}.5,")
    return "\n".join(lines[:rows + 1]) + "\n", plan


CPU: dict[str, list[float]] = {}


def measure(label: str, client, urls) -> tuple[list[float], set[int]]:
    """``common.measure_urls`` that also keeps this process's CPU time per request (the machine is shared:
    wall-clock times grow with the load average; CPU time is what the request itself costs here)."""
    times, queries, cpu = [], set(), CPU.setdefault(label, [])
    for url in urls:
        start = time.process_time()
        elapsed, count = timed_get(client, url)
        cpu.append((time.process_time() - start) * 1000)
        times.append(elapsed)
        queries.add(count)
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=350)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--pdfs", type=int, default=10)
    args = parser.parse_args()
    setup_database()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from saferhub.core import actions as core_actions
    from saferhub.core.actors import SYSTEM
    from saferhub.core.permissions import Role
    from saferhub.delivery.models import MeasureValue, Plan

    generate_once(lambda: Plan.objects.filter(source=MARK).exists(), lambda: generate(args.partnerships),
                  f"{args.partnerships} partnerships")
    slugs = list(Plan.objects.filter(source=MARK).values_list("slug", flat=True))
    print(f"{len(slugs)} plans, {MeasureValue.objects.count():,} measure values", flush=True)
    User = get_user_model()
    officer = User.objects.filter(username="bench-pship").first()
    if officer is None:
        officer = User.objects.create_user(username="bench-pship", password="a-long-bench-password-123")
        core_actions.set_user_roles(officer, roles=[Role.PARTNERSHIP_OFFICER], acting_user=SYSTEM)
    rng = random.Random(5)
    public, staff = Client(), Client()
    staff.force_login(officer)
    for slug in slugs[:5]:
        public.get(f"/plan/{slug}/")
        staff.get(f"/plan/{slug}/report/")
    labels = {"public plan page (anonymous)": (public, "/plan/{}/", args.samples),
              "performance report page (latest round)": (staff, "/plan/{}/report/", args.samples),
              "plan in the JSON API": (public, "/api/v1/plans/{}", args.samples // 4)}
    results = {label: measure(label, client, (url.format(rng.choice(slugs)) for _ in range(n)))
               for label, (client, url, n) in labels.items()}
    print_table(f"{len(slugs)} plans", results)
    print("\nCPU time of this process per request (ms):\n\n| Measure | p50 | p95 |\n|---|---|---|")
    for label, cpu in CPU.items():
        print(f"| {label} | {statistics.median(cpu):.1f} | {percentile(cpu, 95):.1f} |")

    pdf_times, pdf_cpu = [], []
    for _ in range(args.pdfs):
        slug = rng.choice(slugs)
        start, cpu = time.perf_counter(), time.process_time()
        response = staff.get(f"/plan/{slug}/report/now.pdf")
        pdf_times.append((time.perf_counter() - start) * 1000)
        pdf_cpu.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    print(f"\nPerformance report PDF, {len(pdf_times)} samples: wall p50 {statistics.median(pdf_times):.0f} ms, "
          f"p95 {percentile(pdf_times, 95):.0f} ms; CPU p50 {statistics.median(pdf_cpu):.0f} ms, "
          f"p95 {percentile(pdf_cpu, 95):.0f} ms")

    text, plan = csv_text(f"bench-upload-{int(time.time())}")  # a fresh plan each run
    start, cpu = time.perf_counter(), time.process_time()
    response = staff.post(f"/plan/{plan.slug}/values/upload/", {"csv_text": text, "confirm": "1"})
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    saved = MeasureValue.objects.filter(measure__outcome__plan=plan).count()
    assert response.status_code == 302 and saved == 10_000, (response.status_code, saved)
    print(f"\n10,000-row measure CSV validated and loaded through the upload page: {elapsed:.2f} s "
          f"(CPU {cpu:.2f} s; {saved:,} saved)")


if __name__ == "__main__":
    main()
