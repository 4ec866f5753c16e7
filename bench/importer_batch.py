"""Benchmark: a 100-file batch read the way the background task reads it (each file alone in the sandbox, then the
readable ones together), with one hostile file among 99 minutes (issue 15).

Run: DATABASE_URL=sqlite:////tmp/batch.sqlite3 .venv/bin/python bench/importer_batch.py
"""

import datetime as dt
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
from saferhub.core.actors import SystemActor  # noqa: E402
from saferhub.importer import actions  # noqa: E402
from saferhub.importer.tests.test_other_layouts import MINUTES  # noqa: E402

files = []
day = dt.date(2020, 1, 7)
for n in range(99):
    d = day + dt.timedelta(days=14 * n)
    files.append((f"m{n:03}.txt", MINUTES.replace("Tuesday 5 March 2024", f"{d:%A} {d.day} {d:%B %Y}").encode()))
files.insert(50, ("hostile.pdf", b"%PDF-1.7\n" + b"\x00" * 5000))
actor = SystemActor("Benchmark batch")
started = time.perf_counter()
batch = actions.start_batch(files, acting_user=actor)
batch = actions.read_batch_files(batch, acting_user=actor)
print(f"{len(files)} files in {time.perf_counter() - started:.1f} s wall: {batch.files.count()} read, "
      f"{batch.outcomes.filter(status='unreadable').count()} unreadable, {len(batch.extraction['meetings'])} meetings; "
      f"load average {os.getloadavg()}")
