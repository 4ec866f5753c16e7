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
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import configure, generate_once, measure_urls, print_table, setup_database  # noqa: E402

configure("directory.sqlite3", public_page_cache=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    setup_database()
    from django.core.management import call_command
    from django.test import Client

    from saferhub.core.models import Organisation
    from saferhub.governance.models import Committee

    generate_once(lambda: Committee.objects.filter(meetings__note="[synthetic]").exists(),
                  lambda: call_command("generate_national_dataset", councils=args.councils, years=1, meetings=1),
                  f"{args.councils} councils")
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
    results = {label: measure_urls(client, (urls(label) for _ in range(args.samples))) for label in labels}
    print_table(f"{bodies:,} public bodies", results)


if __name__ == "__main__":
    main()
