"""Benchmark the governance pages on a synthetic national dataset (issue 2).

Measures, in-process through Django's full request stack (middleware, views, templates, JSON):
  - the public meeting page and GET /api/v1/meetings/{id}: p50/p95 and the number of queries;
  - a member's attendance statistics across all years (GET /api/v1/people/{id}/attendance).

Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_governance.py [--councils 350] [--samples 300]
The dataset is generated once per database (``manage.py generate_national_dataset``) and reused.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'data' / 'national.sqlite3'}")
os.environ.setdefault("SAFERHUB_ENV", "development")
os.environ["SAFERHUB_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

from bench.common import machine, percentile  # noqa: E402


def timed(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, len(ctx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        Path(os.environ["DATABASE_URL"][len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from saferhub.core.models import Person
    from saferhub.governance.models import Attendance, Meeting

    call_command("migrate", verbosity=0)
    if not Meeting.objects.filter(note="[synthetic]").exists():
        print(f"Generating the synthetic dataset ({args.councils} councils)…", flush=True)
        started = time.monotonic()
        call_command("generate_national_dataset", councils=args.councils)
        print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    meetings = Meeting.objects.count()
    attendance = Attendance.objects.count()
    rng = random.Random(7)
    max_meeting = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
    meeting_ids = [rng.randint(1, max_meeting) for _ in range(args.samples)]
    meeting_ids = list(Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", flat=True))
    person_pool = list(Person.objects.filter(is_councillor=True).values_list("pk", flat=True)[:200000])
    people = rng.sample(person_pool, min(args.samples, len(person_pool)))

    client = Client()
    for pk in meeting_ids[:20]:  # warm caches and connections
        client.get(f"/meetings/{pk}/")
        client.get(f"/api/v1/meetings/{pk}")
    results = {}
    for label, template in [("meeting page", "/meetings/{}/"), ("GET /api/v1/meetings/{id}", "/api/v1/meetings/{}")]:
        times, queries = [], set()
        for pk in meeting_ids:
            elapsed, count = timed(client, template.format(pk))
            times.append(elapsed)
            queries.add(count)
        results[label] = (times, queries)
    times, queries = [], set()
    for pk in people:
        elapsed, count = timed(client, f"/api/v1/people/{pk}/attendance")
        times.append(elapsed)
        queries.add(count)
    results["member attendance statistics (all years)"] = (times, queries)

    print()
    print(f"Database: {connection.vendor}; {meetings:,} meetings, {attendance:,} attendance rows")
    print(f"Machine: {machine()}")
    print()
    print("| Measure | Samples | p50 (ms) | p95 (ms) | max (ms) | Queries per request |")
    print("|---|---|---|---|---|---|")
    for label, (times, queries) in results.items():
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
              f"{max(times):.1f} | {', '.join(str(q) for q in sorted(queries))} |")


if __name__ == "__main__":
    main()
