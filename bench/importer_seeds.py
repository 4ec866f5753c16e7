"""Benchmark: read, commit and index the five seed documents into an empty database, on one core.

Run: DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/importer_seeds.py
(the database is migrated first). Prints the timings of each phase.
"""

import glob
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
from saferhub.core.actors import SystemActor  # noqa: E402
from saferhub.importer import actions  # noqa: E402

seeds = os.environ.get("SEEDS", "/work/shared/seeds")
files = [(os.path.basename(p), open(p, "rb").read()) for p in sorted(glob.glob(f"{seeds}/*.txt"))]
actor = SystemActor("Benchmark import")
t0 = time.perf_counter()
batch = actions.read_files(files, acting_user=actor)
t1 = time.perf_counter()
batch = actions.commit_batch(batch, acting_user=actor)
t2 = time.perf_counter()
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"], capture_output=True, text=True).stdout
print(f"files={len(files)} bytes={sum(len(d) for _, d in files)} read+extract={t1 - t0:.2f}s "
      f"commit+index={t2 - t1:.2f}s total={t2 - t0:.2f}s")
print(f"python={platform.python_version()} nproc={os.cpu_count()} {cpu.strip()}")
