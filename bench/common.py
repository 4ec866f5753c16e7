"""Helpers shared by the benchmark scripts: percentiles and a description of the machine."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile of ``values`` (``pct`` from 0 to 100)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    """Cores, CPU model, memory and Python version, as recorded in bench/RESULTS.md."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        mem = "unknown RAM"
    return f"{os.cpu_count()} cores ({cpu}), {mem}, Python {platform.python_version()}"


def load_average() -> str:
    """The 1, 5 and 15-minute load averages (other work on the machine inflates wall-clock times)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def configure(sqlite_name: str, *, public_page_cache: bool = True) -> None:
    """Environment for a bench script run from the repository: SQLite file ``bench/data/<sqlite_name>``
    unless DATABASE_URL is set, DEBUG off, development settings. Call before importing Django."""
    import sys

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{root / 'bench' / 'data' / sqlite_name}")
    os.environ.setdefault("SAFERHUB_ENV", "development")
    os.environ["SAFERHUB_DEBUG"] = "0"
    if not public_page_cache:
        os.environ["SAFERHUB_PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")


def setup_database() -> None:
    """django.setup(), the SQLite file's folder, and migrations."""
    if os.environ["DATABASE_URL"].startswith("sqlite:///"):
        Path(os.environ["DATABASE_URL"][len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate_once(exists, generate, what: str) -> None:
    """Run ``generate()`` unless ``exists()`` says the synthetic data is already there; ANALYZE after it on
    PostgreSQL so the planner knows the new sizes."""
    import time

    from django.db import connection

    if exists():
        return
    print(f"Generating the synthetic dataset ({what})…", flush=True)
    started = time.monotonic()
    generate()
    print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def timed_get(client, url: str) -> tuple[float, int]:
    """One GET through Django's whole request stack: milliseconds and queries. A status other than 200
    stops the bench (a fast error page is not a result)."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, len(ctx)


def measure_urls(client, urls) -> tuple[list[float], set[int]]:
    """Time each URL of ``urls`` (an iterable); the times and the distinct query counts."""
    times, queries = [], set()
    for url in urls:
        elapsed, count = timed_get(client, url)
        times.append(elapsed)
        queries.add(count)
    return times, queries


def print_table(heading: str, results: dict[str, tuple[list[float], set[int]]]) -> None:
    """The Markdown table that goes into bench/RESULTS.md, with the database, machine and load."""
    import statistics

    from django.db import connection

    print()
    print(f"Database: {connection.vendor}; {heading}")
    print(f"Machine: {machine()}; load average {load_average()}")
    print()
    print("| Measure | Samples | p50 (ms) | p95 (ms) | max (ms) | Queries per request |")
    print("|---|---|---|---|---|---|")
    for label, (times, queries) in results.items():
        print(f"| {label} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
              f"{max(times):.1f} | {', '.join(str(q) for q in sorted(queries))} |")
