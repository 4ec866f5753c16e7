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
