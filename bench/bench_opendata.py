"""Benchmark the public pages and the OParl open data on the synthetic national dataset (issue 3).

Two parts:

1. Latency, in-process through Django's whole request stack (DEBUG off, page cache off): the public
   meeting page, OParl list pages at random positions (keyset cursors) and single objects, the
   calendar and a committee's iCalendar feed. p50/p95/max and the queries per request.
2. Load (``--load``): a production-like server (gunicorn, gthread workers, SAFERHUB_ENV=production,
   DEBUG off, WhiteNoise, the anonymous public page cache on, a local Redis as the workers' shared
   cache as production would have with REDIS_URL) on loopback, and an open-loop load
   generator written here with asyncio (HTTP/1.1 keep-alive, requests issued on a fixed schedule, so
   a slow server shows as latency rather than as a lower request rate). Public page types in a
   popularity-skewed mix; every non-200 answer or connection failure counts as an error.

Usage:
    .venv/bin/python bench/bench_opendata.py [--samples 300] [--load] [--rate 200] [--duration 35]
The dataset is generated once (``manage.py generate_national_dataset``) into
bench/data/opendata.sqlite3 unless DATABASE_URL says otherwise; the first run also adds synthetic
published reports, annexes and papers so that the Paper, Consultation and File lists have data.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'data' / 'opendata.sqlite3'}")
os.environ.setdefault("SAFERHUB_ENV", "development")
os.environ["SAFERHUB_DEBUG"] = "0"
os.environ["SAFERHUB_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

from bench.common import load_average, machine, percentile  # noqa: E402

MARK = "[synthetic]"


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


def ensure_dataset(councils: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from saferhub.governance.models import Meeting

    call_command("migrate", verbosity=0)
    if not Meeting.objects.filter(note=MARK).exists():
        print(f"Generating the synthetic dataset ({councils} councils)…", flush=True)
        started = time.monotonic()
        call_command("generate_national_dataset", councils=councils)
        print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    ensure_papers()


def ensure_papers(reports: int = 20000) -> None:
    """Synthetic published reports with one PDF annex each (bench/national.py, the one home of the set-up)."""
    from bench.national import ensure_papers as add

    print(f"  {add(reports)} synthetic reports and annexes added", flush=True)


# ---------------------------------------------------------------------------------------------
# Part 1: latency in-process
# ---------------------------------------------------------------------------------------------


def timed(client, url: str) -> tuple[float, float, int]:
    """Wall-clock ms, CPU ms of this process (SQLite runs in-process, so this includes the
    database; it is what other work on the machine cannot inflate), and the number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu_ms = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.content[:200]!r}")
    return elapsed, cpu_ms, len(ctx)


def latency(samples: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from saferhub.core.models import Person
    from saferhub.governance.models import AgendaItem, Committee, Meeting, Membership
    from saferhub.papers.models import Document

    rng = random.Random(11)

    def pks(model, n=samples):
        top = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
        return [rng.randint(1, top) for _ in range(n)]

    meetings = list(Meeting.objects.filter(pk__in=pks(Meeting, samples * 2)).values_list("pk", flat=True)[:samples])
    committees = list(Committee.objects.order_by("?").values_list("slug", flat=True)[:samples])
    years = [rng.randint(2017, 2026) for _ in range(samples)]
    measures = {
        "public meeting page": [f"/meetings/{pk}/" for pk in meetings],
        "OParl meeting list (random page)": [f"/oparl/v1/body/1/meeting?after=0.{pk}" for pk in pks(Meeting)],
        "OParl meeting list, modified_since filter": [
            f"/oparl/v1/body/1/meeting?modified_since=2020-01-01T00:00:00&after=0.{pk}" for pk in pks(Meeting)],
        "OParl person list (random page)": [f"/oparl/v1/body/1/person?after=0.{pk}" for pk in pks(Person)],
        "OParl organization list (random page)": [f"/oparl/v1/body/1/organization?after=0.{pk}" for pk in pks(Committee)],
        "OParl membership list (random page)": [f"/oparl/v1/body/1/membership?after=0.{pk}" for pk in pks(Membership)],
        "OParl agendaItem list (random page)": [f"/oparl/v1/body/1/agendaitem?after=0.{pk}" for pk in pks(AgendaItem)],
        "OParl paper list (random page)": [f"/oparl/v1/body/1/paper?after=0.{pk}" for pk in pks(Document)],
        "OParl file list (random page)": [f"/oparl/v1/body/1/file?after=0.{pk}" for pk in pks(Document)],
        "OParl meeting (single)": [f"/oparl/v1/meeting/{pk}" for pk in meetings],
        "meetings calendar (a month, all committees)": [f"/meetings/?year={y}&month={rng.randint(1, 12)}" for y in years],
        "committee iCalendar feed (80 meetings)": [f"/committees/{slug}/meetings.ics" for slug in committees],
    }
    client = Client()
    results = {}
    for label, urls in measures.items():
        cache.clear()
        client.get(urls[0])  # warm: connections, templates, the cached list count
        times, cpu, queries = [], [], set()
        for url in urls:
            elapsed, cpu_ms, count = timed(client, url)
            times.append(elapsed)
            cpu.append(cpu_ms)
            queries.add(count)
        results[label] = (times, cpu, queries)
    return results


# ---------------------------------------------------------------------------------------------
# Part 2: load on a production-like server
# ---------------------------------------------------------------------------------------------


def load_test(rate: float, duration: float, workers: int, threads: int, connections: int, pages: int = 0,
              warmup: float = 30) -> dict:
    from bench import loadgen

    urls = loadgen.public_urls(int(rate * duration) + 10)
    if pages:  # only the ``pages`` most requested URLs of the mix (a hot set), in the same proportions
        from collections import Counter

        hot = {u for u, _ in Counter(urls).most_common(pages)}
        urls = [u for u in urls if u in hot] or urls
    port = 8765
    # A shared cache for the workers, as in production (settings use Redis when REDIS_URL is set).
    redis = subprocess.Popen(["redis-server", "--port", "6390", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                              "--loglevel", "warning"], start_new_session=True)
    env = loadgen.production_env(page_cache_seconds=30, redis_url="redis://127.0.0.1:6390/0")
    server = loadgen.start_gunicorn(port, env, workers=workers, threads=threads)
    try:
        loadgen.wait_until_up(port)
        # Steady state: warm the workers and the cache with a different sample drawn from the same
        # popularity (a site that has been up a while), never with the measured sequence itself.
        warm = loadgen.public_urls(int(100 * warmup), seed=99)
        asyncio.run(loadgen.run_open_loop(lambda i: loadgen.Request(port, warm[i]), len(warm), 100, 32))
        before = load_average()
        outcomes, elapsed = asyncio.run(loadgen.run_open_loop(
            lambda i: loadgen.Request(port, urls[i % len(urls)]), int(rate * duration), rate, connections))
        result = {"requests": len(outcomes), "elapsed": elapsed, "latencies": [o.latency_ms for o in outcomes],
                  "hits": sum(o.cache_hit for o in outcomes), "errors": {}}
        for o in outcomes:
            if o.error:
                result["errors"][o.error] = result["errors"].get(o.error, 0) + 1
        result["load_before"] = before
        result["load_after"] = load_average()
    finally:
        loadgen.stop(server)
        redis.terminate()
        redis.wait(timeout=30)
    result.update({"rate": rate, "duration": duration, "workers": workers, "threads": threads, "warmup": warmup,
                   "connections": connections, "distinct_urls": len(set(urls))})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--load", action="store_true", help="Also run the load test against gunicorn.")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--duration", type=float, default=35)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--pages", type=int, default=0, help="Limit the load to the N most requested pages.")
    parser.add_argument("--warmup", type=float, default=30, help="Seconds of warm-up traffic at 100/s (another sample).")
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        Path(os.environ["DATABASE_URL"][len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.db import connection

    from saferhub.governance.models import Attendance, Meeting

    ensure_dataset(args.councils)
    print()
    print(f"Database: {connection.vendor}; {Meeting.objects.count():,} meetings, {Attendance.objects.count():,} "
          "attendance rows")
    print(f"Machine: {machine()}; load average at start {load_average()}")
    if not args.skip_latency:
        results = latency(args.samples)
        print()
        print("| Measure | Samples | p50 (ms) | p95 (ms) | max (ms) | CPU p50 / p95 (ms) | Queries per request |")
        print("|---|---|---|---|---|---|---|")
        for label, (times, cpu, queries) in results.items():
            print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
                  f"{max(times):.1f} | {statistics.median(cpu):.1f} / {percentile(cpu, 95):.1f} | "
                  f"{', '.join(str(q) for q in sorted(queries))} |")
        print(f"\nLoad average after the latency run: {load_average()}")
    if args.load:
        connection.close()
        r = load_test(args.rate, args.duration, args.workers, args.threads, args.connections, args.pages, args.warmup)
        lat = r["latencies"]
        print()
        print(f"Load test: gunicorn {r['workers']} workers x {r['threads']} threads (gthread), production settings, "
              f"CONN_MAX_AGE=600, Redis cache, {r['warmup']:.0f} s warm-up at 100/s, "
              f"{r['connections']} keep-alive connections, {r['distinct_urls']} distinct URLs")
        print("| Target rate | Duration (s) | Requests | Achieved (req/s) | Errors | Cache hits | p50 (ms) | p95 (ms) | "
              "p99 (ms) | max (ms) | Load before / after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        errors = sum(r["errors"].values())
        print(f"| {r['rate']:.0f}/s | {r['elapsed']:.1f} | {r['requests']} | {r['requests'] / r['elapsed']:.1f} | "
              f"{errors} {r['errors'] or ''} | {100 * r['hits'] / max(1, r['requests']):.0f}% | "
              f"{statistics.median(lat):.1f} | {percentile(lat, 95):.1f} | {percentile(lat, 99):.1f} | {max(lat):.1f} | "
              f"{r['load_before']} / {r['load_after']} |")


if __name__ == "__main__":
    main()
