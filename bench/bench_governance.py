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
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import configure, generate_once, measure_urls, print_table, setup_database  # noqa: E402

configure("national.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    setup_database()
    from django.core.management import call_command
    from django.test import Client

    from saferhub.core.models import Person
    from saferhub.governance.models import Attendance, Meeting

    generate_once(lambda: Meeting.objects.filter(note="[synthetic]").exists(),
                  lambda: call_command("generate_national_dataset", councils=args.councils),
                  f"{args.councils} councils")
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
    results = {
        label: measure_urls(client, (template.format(pk) for pk in meeting_ids))
        for label, template in [("meeting page", "/meetings/{}/"), ("GET /api/v1/meetings/{id}", "/api/v1/meetings/{}")]
    }
    results["member attendance statistics (all years)"] = measure_urls(
        client, (f"/api/v1/people/{pk}/attendance" for pk in people))
    print_table(f"{meetings:,} meetings, {attendance:,} attendance rows", results)


if __name__ == "__main__":
    main()
