"""Public meeting page throughput on PostgreSQL through gunicorn with production settings (issue 10).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_national .venv/bin/python bench/throughput.py

Target: 200 requests a second with p95 ≤ 100 ms. Three measurements against one gunicorn (gthread,
``--workers`` × ``--threads``, SAFERHUB_ENV=production, CONN_MAX_AGE=600, Redis at ``--redis`` as the
shared cache), each open loop at ``--rate`` for ``--seconds`` (latency counted from each request's
scheduled time, so queueing shows):

1. ``uncached``: the page cache off, every request a different past meeting drawn at random from all
   420,000: what rendering costs;
2. ``cached``: the page cache at its production 30 s, meeting pages with realistic skewed popularity
   (Zipf over the 2,000 most recent meetings), after a warm-up with another sample of the same mix;
3. ``wrk``: the most a closed loop gets out of the uncached server (``wrk -t2 -c16``, if wrk is
   installed: ``apt-get install -y wrk``).

Then an in-process profile of the uncached page (CPU, database time, queries per request), which says
where the time goes. The national dataset is generated first if the database does not hold it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, load_average, machine, percentile  # noqa: E402

PORT = 8811


def open_loop(urls: list[str], rate: float, seconds: float, connections: int) -> dict:
    from bench import loadgen

    total = int(rate * seconds)
    before = load_average()
    outcomes, elapsed = asyncio.run(loadgen.run_open_loop(
        lambda i: loadgen.Request(PORT, urls[i % len(urls)]), total, rate, connections, grace=15))
    lat = [o.latency_ms for o in outcomes]
    return {"sent": len(outcomes), "scheduled": total, "elapsed": elapsed, "achieved": len(outcomes) / elapsed,
            "errors": sum(1 for o in outcomes if o.error), "hits": sum(o.cache_hit for o in outcomes) / max(1, len(lat)),
            "p50": statistics.median(lat), "p95": percentile(lat, 95), "p99": percentile(lat, 99),
            "load": f"{before} / {load_average()}"}


def wrk(urls: list[str], seconds: float) -> str:
    if not shutil.which("wrk"):
        return "wrk not installed"
    script = Path("/tmp/saferhub-wrk-urls.lua")  # noqa: S108 - a throwaway script for wrk
    listed = ", ".join(f'"{u}"' for u in urls[:5000])
    script.write_text(f"local urls = {{{listed}}}\nlocal i = 0\n"
                      "request = function()\n  i = i + 1\n  return wrk.format('GET', urls[(i % #urls) + 1])\nend\n")
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{int(seconds)}s", "--latency", "-s", str(script),
                          f"http://127.0.0.1:{PORT}"], capture_output=True, text=True, check=False).stdout
    keep = [line.strip() for line in out.splitlines()
            if line.strip().startswith(("Requests/sec", "50%", "90%", "99%", "Non-2xx", "Socket errors"))]
    return "; ".join(keep)


def profile(urls: list[str]) -> str:
    """In-process (DEBUG off, page cache off): wall, CPU and database time per uncached meeting page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for url in urls[:20]:
        client.get(url)
    wall, cpu, db, queries = [], [], [], set()
    for url in urls[20:220]:
        with CaptureQueriesContext(connection) as ctx:
            t, p = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - p) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        db.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        queries.add(len(ctx))
    return (f"in-process, 200 uncached meeting pages: wall p50 {statistics.median(wall):.1f} ms / p95 "
            f"{percentile(wall, 95):.1f} ms; CPU p50 {statistics.median(cpu):.1f} ms; database p50 "
            f"{statistics.median(db):.1f} ms; {', '.join(map(str, sorted(queries)))} queries; "
            f"Cache-Control sent to an anonymous visitor: {response.get('Cache-Control', '(none)')!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saferhub_national")
    configure("national.sqlite3", public_page_cache=False)
    from bench import national

    national.create_database()
    import django

    django.setup()
    from django.db import connection

    from bench import loadgen

    national.ensure_dataset()
    cold = loadgen.meeting_urls(int(args.rate * args.seconds) + 1000)
    popular = [u for u in loadgen.public_urls(int(args.rate * args.seconds) * 3) if u.startswith("/meetings/")
               and u.count("/") == 3 and "?" not in u]
    warm = [u for u in loadgen.public_urls(20_000, seed=99) if u.startswith("/meetings/") and u.count("/") == 3]
    print(f"Machine: {machine()}; load average {load_average()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(profile(cold[-300:]), flush=True)
    connection.close()
    results = {}
    for label, seconds_cache, urls in (("uncached, every request a different meeting", 0, cold),
                                       ("page cache 30 s, popular meetings (Zipf)", 30, popular)):
        env = loadgen.production_env(page_cache_seconds=seconds_cache, redis_url=args.redis)
        server = loadgen.start_gunicorn(PORT, env, workers=args.workers, threads=args.threads)
        try:
            loadgen.wait_until_up(PORT)
            if seconds_cache:
                open_loop(warm, 100, 20, 32)
            else:
                open_loop(cold[-1000:], 50, 10, 16)  # warm the workers' connections and templates
            results[label] = open_loop(urls, args.rate, args.seconds, args.connections)
            if not seconds_cache:
                results[label]["wrk"] = wrk(cold, 20)
        finally:
            loadgen.stop(server)
    print(f"\ngunicorn {args.workers} workers × {args.threads} threads (gthread), production settings, "
          f"CONN_MAX_AGE=600, Redis cache; open loop at {args.rate:g}/s for {args.seconds:g} s, "
          f"{args.connections} keep-alive connections")
    print("\n| Run | Sent / scheduled | Achieved (req/s) | Errors | Cache hits | p50 (ms) | p95 (ms) | p99 (ms) | "
          "Load before / after |\n|---|---|---|---|---|---|---|---|---|")
    for label, r in results.items():
        print(f"| {label} | {r['sent']:,} / {r['scheduled']:,} | {r['achieved']:.1f} | {r['errors']} | "
              f"{100 * r['hits']:.0f}% | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['load']} |")
    for label, r in results.items():
        if "wrk" in r:
            print(f"\nwrk, closed loop ({label}): {r['wrk']}")


if __name__ == "__main__":
    main()
