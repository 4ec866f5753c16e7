"""Benchmark: search p50/p95 over the synthetic national corpus, on SQLite FTS5 or PostgreSQL.

The corpus is the governance benchmark dataset with minutes text
(``manage.py generate_national_dataset --with-text``: 420,000 meetings; every report item carries
minutes text naming two of ten community-safety topics). This script indexes those meetings the
way an import does (``search.indexing.index_meetings``: one entry per minute item, decision and
recommendation), then times a fixed mix of queries – common and rare words, phrases, filters by
committee, kind and date, later pages – through ``search.engine.search`` (the function behind the
search page and the API, snippets included), and a sample through the search page itself.

Run (use your own database, never a shared one):
  DATABASE_URL=sqlite:///$PWD/bench/data/search.sqlite3 .venv/bin/python manage.py generate_national_dataset --with-text
  DATABASE_URL=sqlite:///$PWD/bench/data/search.sqlite3 .venv/bin/python bench/search_corpus.py
"""

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")
os.environ.setdefault("SAFERHUB_ENV", "test")
import django  # noqa: E402

django.setup()
import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from saferhub.governance.models import Committee, Meeting  # noqa: E402
from saferhub.search.engine import search  # noqa: E402
from saferhub.search.indexing import index_meetings  # noqa: E402
from saferhub.search.models import SearchEntry  # noqa: E402

CHUNK = 4000


def index_corpus() -> None:
    """Index every meeting, in chunks of meetings (each chunk one transaction)."""
    ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    for n in range(0, len(ids), CHUNK):
        with transaction.atomic():
            index_meetings(ids[n:n + CHUNK])
        print(f"  {min(n + CHUNK, len(ids))}/{len(ids)} meetings indexed ({time.perf_counter() - started:.0f}s)",
              end="\r", flush=True)
    print()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry" if connection.vendor == "postgresql" else "ANALYZE")


def queries(committee_ids: list[int]) -> list[tuple[str, dict]]:
    rng = random.Random(20261122)
    plain = ["community trigger", "modern slavery", "county lines", "domestic abuse", "anti-social behaviour",
             "serious violence", "fraud", "prevent", "neighbourhood crime", "delivery plan", "referral pathways",
             "victims support", "partnership report", "noted", "council 123 committee 7", "year 2019 meeting 3",
             "knife crime", "zzzz nothing", "trigger", "the"]
    out = [(q, {}) for q in plain]
    for q in ["community trigger", "fraud", "county lines", "domestic abuse"]:
        out.append((q, {"committee_id": rng.choice(committee_ids)}))
        out.append((q, {"kinds": ["decision"]}))
        out.append((q, {"kinds": ["minute_item"], "date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 12, 31)}))
        out.append((q, {"offset": 200}))
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(p / 100 * len(values))) - 1))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-index", action="store_true", help="Do not index; time queries on the index as it is.")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Meeting.objects.exists():
        sys.exit("No meetings: run manage.py generate_national_dataset --with-text on this database first.")
    if not args.no_index and not SearchEntry.objects.filter(record_type="governance.agendaitem").exists():
        t = time.perf_counter()
        index_corpus()
        print(f"indexed in {time.perf_counter() - t:.0f}s")
    committee_ids = list(Committee.objects.order_by("pk").values_list("pk", flat=True)[:5000:50])
    mix = queries(committee_ids)
    for q, f in mix:  # warm the caches once, as a running server has them
        search(q, limit=20, **f)
    timings, worst = [], []
    for _ in range(args.runs):
        for q, f in mix:
            t = time.perf_counter()
            result = search(q, limit=20, **f)
            ms = (time.perf_counter() - t) * 1000
            timings.append(ms)
            worst.append((ms, q, f, result.count))
    page_timings = []
    client = Client()
    for q in ["community trigger", "fraud", "modern slavery", "council 123 committee 7"] * args.runs:
        t = time.perf_counter()
        response = client.get("/search/", {"q": q})
        page_timings.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    meetings = Meeting.objects.count()
    entries = SearchEntry.objects.count()
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"], capture_output=True, text=True).stdout
    mem = subprocess.run(["sh", "-c", "grep MemTotal /proc/meminfo"], capture_output=True, text=True).stdout
    print(f"date={dt.date.today()} engine={connection.vendor} meetings={meetings} entries={entries} "
          f"public={SearchEntry.objects.filter(is_public=True).count()}")
    print(f"search(): queries={len(timings)} p50={statistics.median(timings):.1f}ms p95={percentile(timings, 95):.1f}ms "
          f"max={max(timings):.1f}ms")
    print(f"search page: requests={len(page_timings)} p50={statistics.median(page_timings):.1f}ms "
          f"p95={percentile(page_timings, 95):.1f}ms")
    print("slowest:", [(round(ms, 1), q, f, n) for ms, q, f, n in sorted(worst, key=lambda w: -w[0])[:5]])
    print(f"python={platform.python_version()} nproc={os.cpu_count()} {cpu.strip()} {mem.strip()} "
          f"load={os.getloadavg()}")


if __name__ == "__main__":
    main()
