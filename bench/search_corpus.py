"""Benchmark: search p95 over a synthetic national corpus of meeting minutes.

Generates N synthetic minutes (default 400,000; ``--meetings``) straight into the search index
(one entry per meeting, minutes-length text from a fixed vocabulary of scrutiny language), then
runs a fixed set of queries and reports p50/p95. Works on SQLite (FTS5) and PostgreSQL.

Run: DATABASE_URL=... .venv/bin/python bench/search_corpus.py --meetings 400000
"""

import argparse
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")
import django  # noqa: E402

django.setup()
import datetime as dt  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from saferhub.search.engine import search, stem_text  # noqa: E402
from saferhub.search.models import SearchEntry  # noqa: E402

TOPICS = ["community trigger", "anti-social behaviour", "domestic abuse", "county lines", "serious violence",
          "modern slavery", "hate crime", "prevent duty", "neighbourhood crime", "fraud", "knife crime",
          "drug misuse", "youth offending", "safer streets", "reoffending", "domestic homicide review",
          "violence against women and girls", "road safety", "fly-tipping", "night-time economy"]
WORDS = ("the sub panel received a report from the partnership leads on progress towards delivering agreed "
         "outcomes members asked about data quality referral pathways victims support funding the police and "
         "crime commissioner district councils housing providers resolved noted agreed recommended that a "
         "written response be provided to the committee following discussion of performance measures").split()
COUNCILS = [f"{n} {k} Council" for n in ["North", "South", "East", "West", "Mid", "Upper", "Lower", "Greater"]
            for k in ["District", "Borough", "City", "County"]]


def minutes(rng: random.Random) -> tuple[str, str]:
    topic = rng.choice(TOPICS)
    second = rng.choice(TOPICS)
    body = []
    for _ in range(rng.randint(40, 70)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18)))
        if rng.random() < 0.15:
            sentence += f" {rng.choice([topic, second])}"
        body.append(sentence.capitalize() + ".")
    return f"Minutes: {rng.choice(COUNCILS)} scrutiny panel – {topic}", " ".join(body)


def build(n: int) -> None:
    rng = random.Random(20261122)
    start = dt.date(2015, 1, 1)
    existing = SearchEntry.objects.filter(record_type="bench.minutes").count()
    chunk = 2000
    for base in range(existing, n, chunk):
        rows = []
        for i in range(base, min(n, base + chunk)):
            title, body = minutes(rng)
            rows.append(SearchEntry(kind="minutes", record_type="bench.minutes", record_id=str(i), title=title,
                                    body=body, title_stems=stem_text(title), body_stems=stem_text(body),
                                    url=f"/bench/{i}", date=start + dt.timedelta(days=i % 4000), is_public=True))
        with transaction.atomic():
            created = SearchEntry.objects.bulk_create(rows)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("UPDATE search_searchentry SET tsv = to_tsvector('simple', title_stems || ' ' || "
                                   "body_stems) WHERE record_type = 'bench.minutes' AND tsv IS NULL")
                else:
                    cursor.executemany("INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (%s, %s, %s)",
                                       [[e.pk, e.title_stems, e.body_stems] for e in created])
        print(f"  {min(n, base + chunk)} entries", end="\r", flush=True)
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=400_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    build(args.meetings)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    print(f"corpus ready in {time.perf_counter() - t:.0f}s ({connection.vendor})")
    queries = ["community trigger", "modern slavery", "knife crime", "domestic homicide review", "county lines",
               "fly-tipping", "hate crime police", "night-time economy", "reoffending", "safer streets funding"]
    timings = []
    for _ in range(args.runs):
        for q in queries:
            t = time.perf_counter()
            search(q, limit=20)
            timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"engine={connection.vendor} entries={SearchEntry.objects.count()} queries={len(timings)} "
          f"p50={statistics.median(timings):.1f}ms p95={p95:.1f}ms max={timings[-1]:.1f}ms")


if __name__ == "__main__":
    main()
