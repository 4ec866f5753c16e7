"""Benchmark the home page and the committee list with every partnership in the database (issue 16).

The synthetic national dataset (``manage.py generate_national_dataset``: 350 councils × 15 bodies =
5,250 committees; one year of one meeting each, so the data is about the bodies, not their history)
is generated once per database and reused. Measures, in-process through Django's whole request
stack (DEBUG off, anonymous, public page cache off), p50/p95/max and the queries per request of:
the home page, the committee list (first page, a deep page, by name, by council or partnership,
by kind). Target: p95 ≤ 150 ms.

Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_directory.py [--councils 350] [--samples 200]
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'data' / 'directory.sqlite3'}")
os.environ.setdefault("SAFERHUB_ENV", "development")
os.environ["SAFERHUB_DEBUG"] = "0"
os.environ["SAFERHUB_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

from bench.common import load_average, machine, percentile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        Path(os.environ["DATABASE_URL"][len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saferhub.core.models import Organisation
    from saferhub.governance.models import Committee

    call_command("migrate", verbosity=0)
    if not Committee.objects.filter(meetings__note="[synthetic]").exists():
        print(f"Generating the synthetic dataset ({args.councils} councils)…", flush=True)
        started = time.monotonic()
        call_command("generate_national_dataset", councils=args.councils, years=1, meetings=1)
        print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    bodies = Committee.objects.filter(is_active=True, is_public=True).count()
    rng = random.Random(16)
    names = list(Committee.objects.values_list("name", flat=True)[:20000])
    councils = list(Organisation.objects.filter(kind__endswith="council").values_list("name", flat=True)[:5000])
    pages = max(1, bodies // 50)
    kinds = list(Committee.objects.values_list("kind", flat=True).distinct())

    def urls(label):
        if label == "home page":
            return "/"
        if label == "committee list, first page":
            return "/committees/"
        if label == "committee list, a random page":
            return f"/committees/?page={rng.randint(1, pages)}"
        if label == "committee list by name":
            return "/committees/?q=" + rng.choice(names).split()[0].replace("&", "")
        if label == "committee list by council":
            return "/committees/?organisation=" + rng.choice(councils).split()[0].replace("&", "")
        return f"/committees/?kind={rng.choice(kinds)}"

    client = Client()
    for _ in range(10):
        client.get("/")
        client.get("/committees/")
    labels = ["home page", "committee list, first page", "committee list, a random page", "committee list by name",
              "committee list by council", "committee list by kind"]
    results = {}
    for label in labels:
        times, queries = [], set()
        for _ in range(args.samples):
            url = urls(label)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            queries.add(len(ctx))
        results[label] = (times, queries)

    print()
    print(f"Database: {connection.vendor}; {bodies:,} public bodies")
    print(f"Machine: {machine()}; load average {load_average()}")
    print()
    print("| Measure | Samples | p50 (ms) | p95 (ms) | max (ms) | Queries per request |")
    print("|---|---|---|---|---|---|")
    for label, (times, queries) in results.items():
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
              f"{max(times):.1f} | {', '.join(str(q) for q in sorted(queries))} |")


if __name__ == "__main__":
    main()
