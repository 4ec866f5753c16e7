"""Refuse PDFs that expand to far more than they weigh (decompression bombs) before they exhaust the reader.

A PDF stores its pages in compressed streams. A hostile file can hold one stream of a megabyte that
expands to hundreds of megabytes of zeros; pdfminer (under pdfplumber) decompresses each stream in one
unbounded call and then parses all of it, which took 21 s and 1.2 GB before the sandbox's limits stopped it.

The rule: while one PDF is read (``expansion_budget(name)``), no stream may expand to more than
``STREAM_LIMIT`` bytes and all its streams together to no more than ``FILE_LIMIT``. The decoders that can
expand (Flate, LZW, RunLength, CCITT fax) are replaced in ``pdfminer.pdftypes`` by bounded ones that stop
as soon as a limit is passed, so the refusal costs at most the limit's worth of work. Outside a budget the
replacements behave exactly as pdfminer's own. (pypdf's ``Configuration`` limits do not apply: pdfplumber
reads PDFs with pdfminer, not pypdf.)
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from saferhub.importer.errors import ReadError

MB = 1024 * 1024
#: No agenda pack or minutes needs more: their content streams are text operators of tens of kilobytes a page.
STREAM_LIMIT = 50 * MB
FILE_LIMIT = 100 * MB


class ExpansionLimitExceeded(ReadError):
    """A PDF expands past the limits; the message is written for the person who uploaded it."""


@dataclass
class Budget:
    name: str
    stream_limit: int
    file_limit: int
    used: int = 0
    refused: str = ""

    def allowance(self) -> int:
        """Bytes the next stream may expand to."""
        return min(self.stream_limit, self.file_limit - self.used)

    def take(self, size: int) -> None:
        """Count ``size`` decoded bytes; refuse (and remember the refusal) past either limit."""
        if self.refused:
            raise ExpansionLimitExceeded(self.refused)
        if size > self.stream_limit:
            self.refused = self._message(self.stream_limit, "one part of it")
        elif self.used + size > self.file_limit:
            self.refused = self._message(self.file_limit, "the whole file")
        if self.refused:
            raise ExpansionLimitExceeded(self.refused)
        self.used += size

    def _message(self, limit: int, what: str) -> str:
        return (f"{self.name}: the PDF expands to more than {limit // MB} MB when opened ({what}); the limit is "
                f"{self.stream_limit // MB} MB for any one part and {self.file_limit // MB} MB for the whole "
                "file, so that a file built to exhaust the server is refused. Check that it is an agenda pack "
                "or minutes, or save it again from the original document.")


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("saferhub_pdf_budget", default=None)


@contextlib.contextmanager
def expansion_budget(name: str, *, stream_limit: int | None = None, file_limit: int | None = None) -> Iterator[Budget]:
    """Apply the limits to every stream decoded while one PDF (``name``) is read.

    Raises ``ExpansionLimitExceeded`` (a ``ReadError``) if a limit was passed, even when the parser swallowed
    the refusal or failed in another way because of it.
    """
    install()
    budget = Budget(name, stream_limit or STREAM_LIMIT, file_limit or FILE_LIMIT)
    token = _budget.set(budget)
    try:
        yield budget
    except Exception as exc:
        if budget.refused and not isinstance(exc, ExpansionLimitExceeded):
            raise ExpansionLimitExceeded(budget.refused) from None
        raise
    finally:
        _budget.reset(token)
    if budget.refused:
        raise ExpansionLimitExceeded(budget.refused)


# --- bounded decoders -------------------------------------------------------------------------------------------

def _bounded_inflate(data: bytes, budget: Budget) -> bytes:
    """``zlib.decompress`` that stops one byte past the allowance."""
    decompressor = zlib.decompressobj()
    out = decompressor.decompress(data, budget.allowance() + 1)
    budget.take(len(out))
    if not decompressor.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def _bounded_inflate_corrupted(data: bytes, budget: Budget) -> bytes:
    """pdfminer's recovery for a stream whose checksum is wrong: keep what inflates, as long as the error is in
    the last bytes (the checksum). pdfminer's own version feeds one byte at a time and concatenates, which is
    quadratic in the output; this one feeds 64 KB at a time and goes byte by byte only in the chunk that fails."""
    limit, out = budget.allowance(), bytearray()
    decompressor = zlib.decompressobj()
    step = 64 * 1024
    for start in range(0, len(data), step):
        chunk = data[start:start + step]
        saved = decompressor.copy()
        try:
            out += decompressor.decompress(chunk, limit + 1 - len(out))
        except zlib.error:
            decompressor = saved
            for offset in range(len(chunk)):
                try:
                    out += decompressor.decompress(chunk[offset:offset + 1], limit + 1 - len(out))
                except zlib.error:
                    if start + offset < len(data) - 3:
                        raise
                    break
                if len(out) > limit:
                    break
            break
        if len(out) > limit or decompressor.eof:
            break
    budget.take(len(out))
    return bytes(out)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes`` (which calls ``zlib.decompress``)."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, original):
        self._original = original

    def decompress(self, data, *args, **kwargs):
        budget = _budget.get()
        if budget is None or args or kwargs:
            return self._original.decompress(data, *args, **kwargs)
        return _bounded_inflate(data, budget)

    def __getattr__(self, name):
        return getattr(self._original, name)


def _wrap_corrupted(original):
    def decompress_corrupted(data: bytes) -> bytes:
        budget = _budget.get()
        if budget is None:
            return original(data)
        return _bounded_inflate_corrupted(data, budget)
    return decompress_corrupted


def _wrap_lzw(original):
    def lzwdecode(data: bytes) -> bytes:
        budget = _budget.get()
        if budget is None:
            return original(data)
        from pdfminer.lzw import LZWDecoder

        limit, out = budget.allowance(), bytearray()
        for chunk in LZWDecoder(io.BytesIO(data)).run():
            out += chunk
            if len(out) > limit:
                break
        budget.take(len(out))
        return bytes(out)
    return lzwdecode


def _wrap_runlength(original):
    def rldecode(data: bytes) -> bytes:
        """RunLength (PDF 32000-1 §7.4.5): a length byte n < 128 copies the next n + 1 bytes, n > 128 repeats
        the next byte 257 - n times, 128 ends the data."""
        budget = _budget.get()
        if budget is None:
            return original(data)
        limit, out, i, size = budget.allowance(), bytearray(), 0, len(data)
        while i < size and len(out) <= limit:
            length = data[i]
            if length == 128:
                break
            if length < 128:
                out += data[i + 1:i + 2 + length]
                i += length + 2
            else:
                out += data[i + 1:i + 2] * (257 - length)
                i += 2
        budget.take(len(out))
        return bytes(out)
    return rldecode


def _wrap_checked(original):
    """For decoders that cannot be stopped part way (CCITT fax): count what they return."""
    def decode(*args, **kwargs):
        out = original(*args, **kwargs)
        budget = _budget.get()
        if budget is not None:
            budget.take(len(out))
        return out
    return decode


_installed = False
_lock = threading.Lock()


def install() -> None:
    """Put the bounded decoders into ``pdfminer.pdftypes`` (once per process)."""
    global _installed
    with _lock:
        if _installed:
            return
        from pdfminer import pdftypes

        pdftypes.zlib = _BoundedZlib(zlib)
        pdftypes.decompress_corrupted = _wrap_corrupted(pdftypes.decompress_corrupted)
        pdftypes.lzwdecode = _wrap_lzw(pdftypes.lzwdecode)
        pdftypes.rldecode = _wrap_runlength(pdftypes.rldecode)
        pdftypes.ccittfaxdecode = _wrap_checked(pdftypes.ccittfaxdecode)
        _installed = True
