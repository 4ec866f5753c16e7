"""Turn a file's bytes into numbered lines: text conversions as they are, PDFs page by page, saved web pages
(ModernGov) and Word documents converted to text (``formats.py``). The type is read from the content.

Hostile input is refused with a clear message (``ReadError``): binary junk, a file that claims to
be a PDF but is not one, a truncated PDF, huge lines, files too large to be agenda packs.
"""

from __future__ import annotations

import io

from saferhub.importer.errors import ReadError
from saferhub.importer.expansion import expansion_budget
from saferhub.importer.parsing.formats import docx_to_text, html_to_text, moderngov_meeting_text, sniff
from saferhub.importer.parsing.text import Line

MAX_BYTES = 25 * 1024 * 1024
MAX_LINE = 200_000
MAX_LINES = 200_000
MAX_PAGES = 1500

__all__ = ["ReadError", "read_lines"]


def read_lines(name: str, data: bytes) -> tuple[list[Line], str, int | None]:
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: the file is {len(data) // (1024 * 1024)} MB; the limit is "
                        f"{MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise ReadError(f"{name}: the file is empty.")
    kind = sniff(data)
    if kind == "pdf" or name.lower().endswith(".pdf"):
        return _pdf_lines(name, data)
    if name.lower().endswith(".docx") and kind != "docx":
        raise ReadError(f"{name}: the file is named as a Word document but is not one (it is not a .docx archive).")
    if kind == "docx":
        return _text_lines(name, docx_to_text(name, data).encode()), "docx", None
    if kind == "zip":
        raise ReadError(f"{name}: this is an archive, not a document; unpack it and choose the files in it.")
    if kind == "html":
        text = moderngov_meeting_text(html_to_text(name, data))
        return _text_lines(name, text.encode()), "html", None
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
        # A decompression bomb is refused as soon as a stream passes the limits (ExpansionLimitExceeded).
        with expansion_budget(name), pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > MAX_PAGES:
                raise ReadError(f"{name}: the PDF has {count} pages; the limit is {MAX_PAGES}.")
            from pdfminer.converter import PDFPageAggregator
            from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

            resources = PDFResourceManager(caching=True)
            device = PDFPageAggregator(resources, laparams=None)
            interpreter = PDFPageInterpreter(resources, device)
            for page_number, page in enumerate(pdf.pages, start=1):
                for text in _page_text(page, interpreter, device):
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


def _page_words(page, interpreter, device) -> list[dict]:
    """The words of a page (text, x0, x1, top, bottom), as pdfplumber's ``extract_words`` with x_tolerance 1.5
    and y_tolerance 3 gives them, from pdfminer's characters directly: pdfplumber's own path builds a dictionary
    of every attribute of every character, which took more than half the time of a 200-page pack."""
    from pdfminer.layout import LTChar, LTContainer

    interpreter.process_page(page.page_obj)
    layout = device.get_result()
    height = layout.y1
    chars = []
    stack = list(layout)
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            text = item.get_text()
            if text.strip():
                chars.append((height - item.y1, item.x0, item.x1, height - item.y0, text))
            else:
                chars.append((height - item.y1, item.x0, item.x1, height - item.y0, " "))
        elif isinstance(item, LTContainer):
            stack.extend(item)
    chars.sort(key=lambda c: (c[0], c[1]))
    lines: list[list[tuple]] = []
    for char in chars:
        if lines and abs(char[0] - lines[-1][0][0]) <= 3:
            lines[-1].append(char)
        else:
            lines.append([char])
    words = []
    for line in lines:
        line.sort(key=lambda c: c[1])
        current = None
        for top, x0, x1, bottom, text in line:
            if text == " ":
                current = None
                continue
            if current is not None and x0 <= current["x1"] + 1.5 and abs(top - current["top"]) <= 3:
                current["text"] += text
                current["x1"] = max(current["x1"], x1)
                current["bottom"] = max(current["bottom"], bottom)
            else:
                current = {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}
                words.append(current)
    return words


def _page_text(page, interpreter, device) -> list[str]:
    """Lines of one page in reading order. Words on one line separated by a wide gap (table
    columns, name and council side by side) are joined with a TAB, as in the seed conversions."""
    words = _page_words(page, interpreter, device)
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[str] = []
    previous_bottom = None
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        height = max(w["bottom"] - w["top"] for w in row) or 10
        text = row[0]["text"]
        for before, word in zip(row, row[1:], strict=False):
            gap = word["x0"] - before["x1"]
            text += ("\t" if gap > max(7.0, height * 0.6) else " ") + word["text"]
        if previous_bottom is not None and row[0]["top"] - previous_bottom > height * 1.2:
            out.append("")
        out.append(text)
        previous_bottom = max(w["bottom"] for w in row)
    return out
