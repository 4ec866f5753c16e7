"""Run the extraction in a child process with CPU-time, memory and wall-clock limits.

A hostile file (a decompression bomb in a PDF, a line built to make a regular expression
backtrack) can only exhaust the child: the parent gets a clear ``ReadError`` instead of a hang.
A decompression bomb is refused before that, by the per-stream and per-file limits on decoded bytes
(``saferhub.importer.expansion``, applied while each PDF is read, in the child and inline alike);
the address-space limit here is the backstop.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import time

from saferhub.importer.errors import ReadError

#: Address space the child may add to what it inherits from the parent (a backstop: see the module docstring).
MEMORY_HEADROOM = 1024 * 1024 * 1024
CPU_SECONDS_PER_FILE = 20
WALL_SECONDS_PER_FILE = 30


def _inherited_address_space() -> int:
    """The child's address space at the start (the parent's, after fork), in bytes; 0 when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


_START_RSS = 0


def _resident() -> int:
    """The process's resident memory now, in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _send(conn, message: dict) -> None:
    """Send the result with the child's peak resident memory (ru_maxrss is in KiB on Linux; it includes the
    pages inherited from the parent) and its resident memory at the start."""
    message["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    message["start_rss_bytes"] = _START_RSS
    conn.send_bytes(json.dumps(message, default=str).encode())


def _child(conn, files, knowledge, cpu):
    global _START_RSS
    _START_RSS = _resident()
    try:
        limit = _inherited_address_space() + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        from saferhub.importer.parsing.extract import extract_batch

        result = extract_batch(files, knowledge)
        _send(conn, {"ok": result})
    except ReadError as exc:
        _send(conn, {"error": str(exc)})
    except MemoryError:
        _send(conn, {"error": "The files need more memory to read than is allowed; split them or check that they "
                              "are agenda packs or minutes."})
    except RecursionError:
        _send(conn, {"error": "The files are nested too deeply to read."})
    except Exception as exc:  # anything else in the parser is reported, never raised as a trace
        _send(conn, {"error": f"The files could not be read ({type(exc).__name__})."})
    finally:
        conn.close()
        os._exit(0)


def extract_in_sandbox(files: list[tuple[str, bytes]], knowledge: dict, *, inline: bool = False,
                       usage: dict | None = None) -> dict:
    """Extract ``files`` in a limited child process; raise ``ReadError`` with a clear message on failure.

    ``usage``, if given, receives ``seconds`` (wall clock), ``peak_rss_bytes`` (the child's peak resident
    memory, inherited pages included) and ``start_rss_bytes`` (what it had when it started), when it reported.
    """
    started = time.monotonic()
    if inline:
        from saferhub.importer.parsing.extract import extract_batch

        return json.loads(json.dumps(extract_batch(files, knowledge), default=str))
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    cpu = CPU_SECONDS_PER_FILE * max(1, len(files))
    process = ctx.Process(target=_child, args=(child, files, knowledge, cpu), daemon=True)
    process.start()
    child.close()
    deadline = time.monotonic() + WALL_SECONDS_PER_FILE * max(1, len(files))
    payload = None
    try:
        while time.monotonic() < deadline:
            if parent.poll(0.05):
                try:
                    payload = parent.recv_bytes()
                except EOFError:
                    payload = None
                break
            if not process.is_alive() and not parent.poll(0):
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
        if usage is not None:
            usage["seconds"] = time.monotonic() - started
    if payload is None:
        if time.monotonic() >= deadline:
            raise ReadError("Reading the files took too long and was stopped; check that they are agenda packs or "
                            "minutes.")
        raise ReadError("Reading the files was stopped because it needed more time or memory than is allowed.")
    message = json.loads(payload)
    if usage is not None:
        usage["peak_rss_bytes"] = message.get("peak_rss_bytes")
        usage["start_rss_bytes"] = message.get("start_rss_bytes")
    if "error" in message:
        raise ReadError(message["error"])
    return message["ok"]
