"""HTTP load for the bench scripts: a production-like gunicorn, the public-page URL mix, and an
open-loop request scheduler (asyncio, HTTP/1.1 keep-alive, no dependency beyond the standard library).

Open loop: request ``i`` is due at ``start + i / rate`` whatever happened before it, and its latency is
counted from that due time, so a server that falls behind shows as latency (queueing), not as a politely
lower request rate. Used by ``bench_opendata.py --load``, ``bench/throughput.py`` and ``bench/soak.py``.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-only-secret-key-not-used-anywhere-else-0123456789"  # noqa: S105 - bench servers on loopback


def production_env(*, page_cache_seconds: int = 30, redis_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of a production-like server: SAFERHUB_ENV=production (DEBUG off, WhiteNoise, the
    deploy checks' settings), persistent database connections, the public page cache, and a shared Redis
    cache when ``redis_url`` is given (sessions are in the database)."""
    env = dict(os.environ)
    env.update({
        "SAFERHUB_ENV": "production", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0", "SAFERHUB_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "bench.production_settings",
        "SAFERHUB_PUBLIC_PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "CONN_MAX_AGE": "600",  # persistent database connections, as a production deployment sets
    })
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def start_gunicorn(port: int, env: dict[str, str], *, workers: int = 3, threads: int = 4) -> subprocess.Popen:
    """gunicorn (gthread) serving SaferHub on 127.0.0.1:``port`` in its own process group."""
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "saferhub.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30",
         "--log-level", "warning", "--access-logfile", "/dev/null"],
        env=env, cwd=ROOT, start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    """Stop a process started here (and its children: its own process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_up(port: int, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):  # noqa: S310 - loopback
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"The server on port {port} did not answer within {timeout:.0f} s") from None
            time.sleep(0.5)


# ---------------------------------------------------------------------------------------------
# The public-page mix
# ---------------------------------------------------------------------------------------------


def zipf_choice(rng: random.Random, items: list, s: float = 1.1):
    weights = [1 / (rank ** s) for rank in range(1, len(items) + 1)]
    return rng.choices(items, weights=weights, k=1)[0]


def public_urls(n: int, seed: int = 5) -> list[str]:
    """A public-page mix with skewed popularity, like real traffic (a few meetings are busy)."""
    from django.utils import timezone

    from saferhub.core.models import Person
    from saferhub.governance.models import Committee, Meeting

    rng = random.Random(seed)  # noqa: S311 - benchmark traffic
    today = timezone.localdate()
    meetings = list(Meeting.objects.filter(date__lte=today).order_by("-date").values_list("pk", flat=True)[:2000])
    rng.shuffle(meetings)
    held = list(Meeting.objects.filter(date__lte=today, status="held").order_by("-date").values_list("pk", flat=True)[:200])
    rng.shuffle(held)
    committees = list(Committee.objects.order_by("?").values_list("slug", flat=True)[:300])
    people = list(Person.objects.filter(is_councillor=True).order_by("?").values_list("pk", flat=True)[:500])
    kinds = [
        (0.40, lambda: f"/meetings/{zipf_choice(rng, meetings)}/"),
        (0.15, lambda: f"/committees/{zipf_choice(rng, committees)}/"),
        (0.10, lambda: f"/people/{zipf_choice(rng, people)}/"),
        (0.08, lambda: rng.choice(["/meetings/", f"/meetings/?year={today.year}&month={today.month}"])),
        (0.05, lambda: "/"),
        (0.04, lambda: f"/committees/{zipf_choice(rng, committees)}/recommendations/"),
        (0.04, lambda: f"/committees/{zipf_choice(rng, committees)}/work-programme/"),
        (0.04, lambda: f"/committees/{zipf_choice(rng, committees)}/meetings/"),
        (0.07, lambda: f"/meetings/{zipf_choice(rng, held)}/agenda/"),
        (0.03, lambda: "/committees/"),
    ]
    weights = [w for w, _ in kinds]
    return [rng.choices(kinds, weights=weights, k=1)[0][1]() for _ in range(n)]


def meeting_urls(n: int, seed: int = 7) -> list[str]:
    """``n`` public meeting pages drawn uniformly from every past meeting (a cold, uncacheable mix)."""
    from django.utils import timezone

    from saferhub.governance.models import Meeting

    rng = random.Random(seed)  # noqa: S311 - benchmark traffic
    top = Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
    wanted = sorted({rng.randint(1, top) for _ in range(n * 2)})
    ids = list(Meeting.objects.filter(pk__in=wanted, date__lte=timezone.localdate()).values_list("pk", flat=True))
    rng.shuffle(ids)
    return [f"/meetings/{pk}/" for pk in (ids * (1 + n // max(1, len(ids))))[:n]]


# ---------------------------------------------------------------------------------------------
# The scheduler
# ---------------------------------------------------------------------------------------------


@dataclass
class Request:
    port: int
    path: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    kind: str = "read"
    # Called with (status, headers, body) when the answer arrives; returns an error label or "".
    check: Callable[[int, dict, bytes], str] | None = None


async def send(reader, writer, request: Request) -> tuple[int, dict, bytes]:
    lines = [f"{request.method} {request.path} HTTP/1.1", f"Host: 127.0.0.1:{request.port}",
             "User-Agent: saferhub-bench", "Accept: text/html"]
    lines += [f"{k}: {v}" for k, v in request.headers.items()]
    if request.body or request.method != "GET":
        lines.append(f"Content-Length: {len(request.body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + request.body)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    head_lines = head.decode("latin-1").split("\r\n")
    status = int(head_lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in head_lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            k = k.strip().lower()
            headers[k] = f"{headers[k]}, {v.strip()}" if k in headers else v.strip()
    body = b""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            body += (await reader.readexactly(size + 2))[:-2]
            if size == 0:
                break
    else:
        length = int(headers.get("content-length", "0"))
        if length:
            body = await reader.readexactly(length)
    return status, headers, body


@dataclass
class Outcome:
    kind: str
    latency_ms: float
    status: int
    error: str
    cache_hit: bool


async def run_open_loop(requests: Callable[[int], Request], total: int, rate: float, connections: int,
                        timeout: float = 30, grace: float | None = None) -> tuple[list[Outcome], float]:
    """Issue ``requests(i)`` for i in 0..total-1 at ``rate`` per second over ``connections`` keep-alive
    connections (each connection to one port, reopened after an error). Returns every outcome and the
    elapsed seconds. With ``grace``, a request not yet started ``grace`` seconds after the schedule's end
    is not sent at all (a server that cannot keep up ends the run on time; the shortfall is the number of
    outcomes missing)."""
    start = time.perf_counter() + 0.5
    next_index = 0
    outcomes: list[Outcome] = []

    async def worker():
        nonlocal next_index
        streams: dict[int, tuple] = {}
        while True:
            index = next_index
            if index >= total:
                break
            next_index += 1
            due = start + index / rate
            if grace is not None and time.perf_counter() > start + total / rate + grace:
                break
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            request = requests(index)
            status, error, hit = 0, "", False
            try:
                if request.port not in streams:
                    streams[request.port] = await asyncio.open_connection("127.0.0.1", request.port)
                reader, writer = streams[request.port]
                status, headers, body = await asyncio.wait_for(send(reader, writer, request), timeout)
                hit = headers.get("x-saferhub-cache") == "hit"
                if request.check is not None:
                    error = request.check(status, headers, body)
                elif status != 200:
                    error = f"HTTP {status}"
                if headers.get("connection", "").lower() == "close":
                    streams.pop(request.port)[1].close()
            except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                    IndexError) as exc:
                error = type(exc).__name__
                if request.check is not None:
                    request.check(-1, {}, b"")  # the generator does not know whether the server acted
                if request.port in streams:
                    streams.pop(request.port)[1].close()
            outcomes.append(Outcome(request.kind, (time.perf_counter() - due) * 1000, status, error, hit))

    await asyncio.gather(*(worker() for _ in range(connections)))
    return outcomes, time.perf_counter() - start
