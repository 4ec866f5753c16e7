"""Benchmark the ASB Case Review engine and dashboard queries (issue 4).

Measures:
  - the threshold engine: applications per second (target >= 10,000), pure evaluation and with the JSON
    request parsed and validated as the API and command do;
  - on 100,000 synthetic cases: the overdue-clock query (target <= 1 s), overdue counts per area, and the
    "due this week per area" dashboard query.

Usage (SQLite by default; set DATABASE_URL for PostgreSQL):
    .venv/bin/python bench/bench_asb.py [--cases 100000] [--samples 30] [--applications 20000]
The synthetic cases are generated once per database (``manage.py generate_asb_cases``) and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'data' / 'asb.sqlite3'}")
os.environ.setdefault("SAFERHUB_ENV", "development")
os.environ["SAFERHUB_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

from bench.common import machine, percentile  # noqa: E402


def synthetic_requests(count: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    out = []
    base = dt.date(2026, 6, 30)
    for _ in range(count):
        application = base - dt.timedelta(days=rng.randint(0, 900))
        complaints = []
        for _ in range(rng.randint(1, 8)):
            reported = application - dt.timedelta(days=rng.randint(0, 240))
            behaviour = reported - dt.timedelta(days=rng.randint(0, 45))
            complaints.append({"behaviour_date": behaviour.isoformat(), "reported_date": reported.isoformat(),
                               "agency": rng.choice(["Police", "Council", "Housing"]),
                               "reference": f"R{rng.randint(1, 50)}"})
        out.append({"application_date": application.isoformat(), "complaints": complaints})
    return out


def bench_engine(n: int) -> dict[str, float]:
    from saferhub.asb import rules

    requests = synthetic_requests(n)
    parsed = [rules.parse_threshold_request(r)[:2] for r in requests]
    config = rules.ThresholdConfig(local_routes=(rules.LocalRoute("Five people", 5, 6),))
    start = time.perf_counter()
    for application, complaints in parsed:
        rules.evaluate_threshold(application, complaints, config)
    pure = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for r in requests:
        application, complaints, _ = rules.parse_threshold_request(r)
        rules.evaluate_threshold(application, complaints, config).as_dict()
    full = n / (time.perf_counter() - start)
    return {"pure": pure, "parsed": full, "complaints": sum(len(r["complaints"]) for r in requests) / n}


def timed(fn, samples: int) -> list[float]:
    fn()  # warm
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--applications", type=int, default=20_000)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        Path(os.environ["DATABASE_URL"][len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from saferhub.asb import queries
    from saferhub.asb.models import Case, CaseClock

    engine = bench_engine(args.applications)

    call_command("migrate", verbosity=0)
    call_command("load_asb_config", verbosity=0)
    have = Case.objects.filter(reference__startswith="ASB-SYN-").count()
    if have < args.cases:
        print(f"Generating {args.cases - have:,} synthetic cases…", flush=True)
        started = time.monotonic()
        call_command("generate_asb_cases", cases=args.cases - have, verbosity=0)
        print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    cases = Case.objects.count()
    clocks = CaseClock.objects.count()
    open_clocks = CaseClock.objects.filter(done_on__isnull=True).count()
    today = timezone.localdate()
    measures = {
        "overdue clocks, oldest 200 (dashboard list)": lambda: queries.overdue_clocks(on=today, limit=200),
        "overdue clocks, count per area": lambda: queries.overdue_counts(on=today),
        "due this week per area (counts)": lambda: queries.due_this_week_counts(on=today),
        "due this week per area (rows, county view)": lambda: queries.due_this_week(None, on=today),
    }
    results = {label: timed(fn, args.samples) for label, fn in measures.items()}
    overdue_total = sum(queries.overdue_counts(on=today).values())

    print()
    print(f"Database: {connection.vendor}; {cases:,} cases, {clocks:,} clocks ({open_clocks:,} open, "
          f"{overdue_total:,} overdue)")
    print(f"Machine: {machine()}")
    print()
    print(f"Threshold engine: {engine['pure']:,.0f} applications/s (evaluation only), "
          f"{engine['parsed']:,.0f} applications/s (JSON request validated and answered); "
          f"{args.applications:,} synthetic applications, {engine['complaints']:.1f} complaints each on average")
    print()
    print("| Query | Samples | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---|---|---|---|")
    for label, times in results.items():
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
              f"{max(times):.1f} |")


if __name__ == "__main__":
    main()
