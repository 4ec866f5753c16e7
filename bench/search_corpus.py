"""Benchmark: search p50/p95 over a synthetic national corpus, on SQLite FTS5 or PostgreSQL.

The corpus stands for ~420,000 meetings' minutes: by default 840,000 index entries (for each
meeting, a minute item with its minutes text and a decision), spread over 5,250 committees of 350
councils and ten civic years, 90 % of them published. The text is generated: every minutes text
names two of ten community-safety topics, the council, committee, year and meeting, and 40–120
words drawn from a 6,000-word vocabulary with a Zipf distribution, so that common words match most
entries and rare ones a handful, as in real minutes. Entries are written straight into the search
table and indexed with ``engine.rebuild_index`` (the same SQL as an import's ``refresh_index``), which is much faster
than building the whole governance dataset first; the committees come from
``generate_national_dataset`` (one meeting each).

Then a fixed mix of 36 queries – common and rare words, phrases, filters by committee, kind and date,
later pages – is timed through ``search.engine.search`` (the function behind the search page and the
API, snippets included), and a sample through the search page itself.

Run (use your own database, never a shared one):
  DATABASE_URL=sqlite:///$PWD/bench/data/search.sqlite3 .venv/bin/python bench/search_corpus.py --build
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_search_bench .venv/bin/python bench/search_corpus.py --build
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

from bench.common import percentile  # noqa: E402
from saferhub.governance.models import Committee  # noqa: E402
from saferhub.search.engine import rebuild_index, search, stem_word  # noqa: E402
from saferhub.search.models import SearchEntry  # noqa: E402

TOPICS = ["anti-social behaviour", "the Community Trigger", "domestic abuse", "county lines", "serious violence",
          "neighbourhood crime", "Prevent", "modern slavery", "fraud", "the delivery plan"]
COMMON = ("the partnership report members officers council police community safety plan update progress noted "
          "agreed data victims support services funding risk priority review meeting partners outcomes local "
          "residents information team work district county scrutiny panel question response action").split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Common English words of the domain first, then made-up words, most frequent first."""
    made = set()
    while len(made) < size - len(COMMON):
        made.add("".join(rng.choice("bcdfghjklmnprstvw") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))))
    return COMMON + sorted(made)


def build_corpus(meetings: int) -> None:
    """Write two entries per meeting (minute item and decision) and index them."""
    rng = random.Random(20261122)
    if not Committee.objects.filter(slug__startswith="synthetic-").exists():
        call_command("generate_national_dataset", years=1, meetings=1, verbosity=0)
    committees = list(Committee.objects.filter(slug__startswith="synthetic-").order_by("pk").values_list("pk", "slug"))
    words = vocabulary(rng)
    stemmed = [stem_word(w) for w in words]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    first = dt.date(2016, 5, 1)
    next_id = (SearchEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    columns = ["id", "kind", "record_type", "record_id", "title", "body", "title_stems", "body_stems", "url",
               "committee_id", "date", "is_public"]
    sql = (f"INSERT INTO search_searchentry ({', '.join(columns)}) "  # noqa: S608 - constant names
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    ops = connection.ops
    started = time.perf_counter()
    rows = []
    for n in range(meetings):
        committee_id, slug = committees[n % len(committees)]
        council, committee = slug.split("-")[1:3]
        day = first + dt.timedelta(days=rng.randrange(3650))
        a, b = rng.sample(TOPICS, 2)
        picks = rng.choices(range(len(words)), weights=weights, k=rng.randint(40, 120))
        head = (f"Members questioned the Partnership about {a} and {b} at council {int(council)} committee "
                f"{int(committee)} in year {day.year} meeting {n % 8 + 1}.")
        body = head + " " + " ".join(words[i] for i in picks) + "."
        body_stems = " ".join(s for w in head.split() for s in [stem_word(w.strip(".").lower())] if s) + " " + \
            " ".join(stemmed[i] for i in picks)
        title = f"Minute {n % 9 + 2}: {a[0].upper() + a[1:]}"
        title_stems = " ".join(stem_word(w.lower()) for w in title.replace(":", "").split())
        date = ops.adapt_datefield_value(day)
        public = rng.random() < 0.9
        url = f"/meetings/{n + 1}/minutes/#item-{n % 9 + 2}"
        rows.append((next_id, "minute_item", "bench.minute", str(n), title, body, title_stems, body_stems, url,
                     committee_id, date, public))
        verb = rng.choice(["NOTED", "AGREED", "ENDORSED"])
        decision = f"{verb} the report on {b} and asked for an update at the next meeting."
        rows.append((next_id + 1, "decision", "bench.decision", str(n), f"Decision: {b}", decision,
                     f"decis {stem_word(b.split()[-1].lower())}",
                     " ".join(stem_word(w.strip(".").lower()) for w in decision.split()), url, committee_id, date,
                     public))
        next_id += 2
        if len(rows) >= 20000 or n == meetings - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
            print(f"  {n + 1}/{meetings} meetings written ({time.perf_counter() - started:.0f}s)", end="\r", flush=True)
    print()
    t = time.perf_counter()
    with transaction.atomic():
        rebuild_index()
    print(f"  full-text index built in {time.perf_counter() - t:.0f}s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('search_searchentry', 'id'), %s)", [next_id])


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="Write and index the corpus if it is not there.")
    parser.add_argument("--meetings", type=int, default=420_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if args.build and not SearchEntry.objects.filter(record_type="bench.minute").exists():
        t = time.perf_counter()
        build_corpus(args.meetings)
        print(f"corpus built in {time.perf_counter() - t:.0f}s")
    if not SearchEntry.objects.filter(record_type="bench.minute").exists():
        sys.exit("No corpus: run with --build first.")
    committee_ids = list(Committee.objects.filter(slug__startswith="synthetic-").order_by("pk")
                         .values_list("pk", flat=True)[:5000:50])
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
    meetings = SearchEntry.objects.filter(record_type="bench.minute").count()
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
