"""Benchmark: read, commit and index the five seed documents into an empty database, on one core.

Run: DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/importer_seeds.py
(the database is migrated first). Prints the wall-clock and CPU time of each phase; the CPU time
(this process plus the sandboxed reading child) is the figure to compare with the 2 s target when
other work shares the core, because wall-clock time then includes waiting for the CPU.

The URL configuration and content types are loaded before timing, as they are in a running
server or worker (the first ``reverse()`` in a fresh process imports every view module).
"""

import glob
import os
import platform
import resource
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
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from saferhub.core.actors import SystemActor  # noqa: E402
from saferhub.importer import actions  # noqa: E402

get_resolver().url_patterns  # noqa: B018 - warm-up, as in a running server
ContentType.objects.clear_cache()
list(ContentType.objects.all())


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


seeds = os.environ.get("SEEDS", "/work/shared/seeds")
files = [(os.path.basename(p), open(p, "rb").read()) for p in sorted(glob.glob(f"{seeds}/*.txt"))]
actor = SystemActor("Benchmark import")
c0, t0 = cpu(), time.perf_counter()
batch = actions.read_files(files, acting_user=actor)
c1, t1 = cpu(), time.perf_counter()
batch = actions.commit_batch(batch, acting_user=actor)
c2, t2 = cpu(), time.perf_counter()
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"], capture_output=True, text=True).stdout
print(f"files={len(files)} bytes={sum(len(d) for _, d in files)} engine={connection.vendor}")
print(f"wall: read+extract={t1 - t0:.2f}s commit+index={t2 - t1:.2f}s total={t2 - t0:.2f}s")
print(f"cpu:  read+extract={c1 - c0:.2f}s commit+index={c2 - c1:.2f}s total={c2 - c0:.2f}s")
print(f"summary: {batch.summary}")
print(f"load average: {os.getloadavg()}")
print(f"python={platform.python_version()} nproc={os.cpu_count()} {cpu.strip()}")
