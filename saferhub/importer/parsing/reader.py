"""Turn a file's bytes into numbered lines: text conversions as they are, PDFs page by page.

Hostile input is refused with a clear message (``ReadError``): binary junk, a file that claims to
be a PDF but is not one, a truncated PDF, huge lines, files too large to be agenda packs.
"""

from __future__ import annotations

import io
import re

from saferhub.importer.parsing.text import Line

MAX_BYTES = 25 * 1024 * 1024
MAX_LINE = 200_000
MAX_LINES = 200_000
MAX_PAGES = 1500


class ReadError(Exception):
    """A file cannot be imported; the message says which file and why."""


def read_lines(name: str, data: bytes) -> tuple[list[Line], str, int | None]:
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: the file is {len(data) // (1024 * 1024)} MB; the limit is "
                        f"{MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise ReadError(f"{name}: the file is empty.")
    if data[:5] == b"%PDF-" or name.lower().endswith(".pdf"):
        return _pdf_lines(name, data)
    return _text_lines(name, data), "text", None


def _text_lines(name: str, data: bytes) -> list[Line]:
    if b"\x00" in data[:65536]:
        raise ReadError(f"{name}: this is not a text file (it contains binary data).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: the file is not UTF-8 text (invalid byte at position {exc.start}).") from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 16:
        raise ReadError(f"{name}: this is not a text file (it contains {controls} control characters).")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")  # keeps an unterminated last line
    if len(raw_lines) > MAX_LINES:
        raise ReadError(f"{name}: the file has {len(raw_lines):,} lines; the limit is {MAX_LINES:,}.")
    out = []
    page = None
    pages_seen = "\f" in text
    if pages_seen:
        page = 1
    for number, raw in enumerate(raw_lines, start=1):
        if len(raw) > MAX_LINE:
            raise ReadError(f"{name}: line {number} is {len(raw):,} characters long; the limit is {MAX_LINE:,}.")
        if "\f" in raw:
            page = (page or 1) + raw.count("\f")
            raw = raw.replace("\f", "")
        out.append(Line(number, raw, page))
    return out


def _pdf_lines(name: str, data: bytes) -> tuple[list[Line], str, int]:
    if data[:5] != b"%PDF-":
        raise ReadError(f"{name}: the file is named as a PDF but is not one (it does not start with %PDF).")
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pypdf.errors import PdfReadError

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise ReadError(f"{name}: the PDF has {count} pages; the limit is {MAX_PAGES}.")
            for page_number, page in enumerate(pdf.pages, start=1):
                for text in _page_text(page):
                    lines.append(Line(len(lines) + 1, text, page_number))
                lines.append(Line(len(lines) + 1, "", page_number))
    except ReadError:
        raise
    except (PDFSyntaxError, PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, AssertionError, IndexError, ZeroDivisionError) as exc:
        raise ReadError(f"{name}: the PDF cannot be read ({type(exc).__name__}); it may be damaged or "
                        "truncated.") from None
    except Exception as exc:  # pdfminer raises many private error types for broken files
        raise ReadError(f"{name}: the PDF cannot be read ({type(exc).__name__}); it may be damaged or "
                        "truncated.") from None
    if not any(not ln.blank for ln in lines):
        raise ReadError(f"{name}: the PDF has no text layer (a scanned document needs OCR first).")
    return lines, "pdf", count


def _page_text(page) -> list[str]:
    """Lines of one page in reading order; table rows become TAB-separated lines, as in the seeds."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    blocks: list[tuple[float, str]] = []
    rest = page.filter(outside) if boxes else page
    for line in rest.extract_text_lines(layout=False, strip=True, return_chars=False):
        blocks.append((line["top"], line["text"]))
    for table in tables:
        for row_index, row in enumerate(table.extract()):
            cells = [re.sub(r"\s*\n\s*", " ", c or "").strip() for c in row]
            top = table.rows[row_index].bbox[1] if row_index < len(table.rows) else table.bbox[1]
            blocks.append((top, "\t".join(cells)))
    blocks.sort(key=lambda b: b[0])
    out = []
    previous = None
    for top, text in blocks:
        if previous is not None and top - previous > 24:
            out.append("")
        out.append(text)
        previous = top
    return out
