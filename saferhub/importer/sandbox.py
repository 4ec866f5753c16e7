"""Run the extraction in a child process with CPU-time, memory and wall-clock limits.

A hostile file (a decompression bomb in a PDF, a line built to make a regular expression
backtrack) can only exhaust the child: the parent gets a clear ``ReadError`` instead of a hang.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import time

from saferhub.importer.parsing.reader import ReadError

MEMORY_LIMIT = 1536 * 1024 * 1024
CPU_SECONDS_PER_FILE = 20
WALL_SECONDS_PER_FILE = 30


def _child(conn, files, knowledge, cpu):
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        from saferhub.importer.parsing.extract import extract_batch

        result = extract_batch(files, knowledge)
        conn.send_bytes(json.dumps({"ok": result}, default=str).encode())
    except ReadError as exc:
        conn.send_bytes(json.dumps({"error": str(exc)}).encode())
    except MemoryError:
        conn.send_bytes(json.dumps({"error": "The files need more memory to read than is allowed; split them or "
                                             "check that they are agenda packs or minutes."}).encode())
    except RecursionError:
        conn.send_bytes(json.dumps({"error": "The files are nested too deeply to read."}).encode())
    except Exception as exc:  # anything else in the parser is reported, never raised as a trace
        conn.send_bytes(json.dumps({"error": f"The files could not be read ({type(exc).__name__})."}).encode())
    finally:
        conn.close()
        os._exit(0)


def extract_in_sandbox(files: list[tuple[str, bytes]], knowledge: dict, *, inline: bool = False) -> dict:
    """Extract ``files`` in a limited child process; raise ``ReadError`` with a clear message on failure."""
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
    if payload is None:
        if time.monotonic() >= deadline:
            raise ReadError("Reading the files took too long and was stopped; check that they are agenda packs or "
                            "minutes.")
        raise ReadError("Reading the files was stopped because it needed more time or memory than is allowed.")
    message = json.loads(payload)
    if "error" in message:
        raise ReadError(message["error"])
    return message["ok"]
