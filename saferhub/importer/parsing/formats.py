"""Saved web pages (ModernGov's meeting, minutes and attendance pages) and Word (.docx) minutes, turned into
the same numbered lines as a text conversion: one line per paragraph or heading, one line per table row with
its cells separated by TABs (so that a Present table with role and organisation reads as it does in a PDF).

The type of a file is decided by its content, never by its name (``sniff``). A .docx is a zip archive: before
python-docx opens it, every member's declared and actual size and its compression ratio are checked, so that
a zip bomb is refused for the cost of reading its directory (``check_zip``).
"""

from __future__ import annotations

import io
import re
import zipfile

from saferhub.importer.errors import ReadError

MB = 1024 * 1024
ZIP_MEMBER_LIMIT = 50 * MB
ZIP_TOTAL_LIMIT = 100 * MB
ZIP_RATIO_LIMIT = 200
ZIP_MEMBERS_LIMIT = 2000

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd",
           "section", "article", "blockquote", "pre", "caption", "form", "fieldset", "address"}
_DROP = {"script", "style", "noscript", "template", "head", "nav", "iframe", "object", "svg", "button", "select"}


def sniff(data: bytes) -> str:
    """``pdf``, ``docx``, ``html``, ``zip`` (another archive) or ``text``, from the first bytes."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    return "text"


# --- HTML ---------------------------------------------------------------------------------------------------

def html_to_text(name: str, data: bytes) -> str:
    """The words of a saved page in reading order, without the site's navigation. For a ModernGov page only
    its content (``#modgov`` or ``.mgContent``) is kept."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, huge_tree=False))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"{name}: the web page cannot be read ({type(exc).__name__}).") from None
    title = " ".join((root.findtext(".//title") or "").split())
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//iframe|//object|//svg"):
        bad.drop_tree()
    content = (root.xpath("//*[@id='modgov']") or root.xpath("//*[contains(@class,'mgContent')]")
               or root.xpath("//main") or root.xpath("//body") or [root])[0]
    for chrome in content.xpath(".//*[contains(@class,'mgLinks') or contains(@class,'mgBreadCrumb') or "
                                "contains(@class,'mgActionList') or contains(@class,'mgHelpLine')]"):
        chrome.drop_tree()
    out: list[str] = []
    _walk(content, out)
    lines = [" ".join(line.replace("\xa0", " ").split(" ")).strip() for line in "".join(out).split("\n")]
    text = _tidy("\n".join(lines))
    if not text.strip():
        raise ReadError(f"{name}: the web page has no text{f' ({title})' if title else ''}.")
    return text


_BREAK = "\x01"  # a paragraph break: becomes one blank line
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote", "caption"}


def _walk(element, out: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _DROP:
        out.append(element.tail or "")
        return
    if tag == "tr":
        cells = []
        for cell in element:
            if isinstance(cell.tag, str) and cell.tag.lower() in {"td", "th"}:
                parts: list[str] = []
                cell_text = cell.text or ""
                parts.append(cell_text)
                for child in cell:
                    _walk(child, parts)
                cells.append([ln for ln in _tidy("".join(parts)).split("\n") if ln.strip()] or [""])
        # The first line of every cell side by side; what a cell holds beyond its first line follows it.
        out.append("\n" + "\t".join(" ".join(c[0].split()) for c in cells) + "\n")
        for cell in cells:
            out.extend(line + "\n" for line in cell[1:])
        out.append(element.tail or "")
        return
    if tag == "br":
        out.append("\n" + (element.tail or ""))
        return
    block = tag in _BLOCKS
    if block:
        out.append("\n")
    out.append(element.text or "")
    for child in element:
        _walk(child, out)
    if block:
        out.append("\n" + (_BREAK + "\n" if tag in _PARAGRAPHS else ""))
    out.append(element.tail or "")


def _tidy(text: str) -> str:
    """Squeeze spaces inside cells; whitespace-only lines go, paragraph breaks become one blank line."""
    cleaned: list[str] = []
    for line in text.split("\n"):
        if line.strip() == _BREAK:
            if cleaned and cleaned[-1] != "":
                cleaned.append("")
            continue
        cells = [" ".join(c.replace(_BREAK, "").split()) for c in line.split("\t")]
        line = "\t".join(cells).strip("\t ")
        if line:
            cleaned.append(line)
    return "\n".join(cleaned).strip("\n")


_MG_SUBTITLE = re.compile(r"^(?P<committee>.+?)\s+[-–]\s+(?P<when>(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                          r"Saturday|Sunday),?\s+.+\d{4}.*)$")


def moderngov_meeting_text(text: str) -> str:
    """A ModernGov meeting page ("Agenda and minutes", "Committee - Tuesday, 2nd March, 2010 6.30 pm",
    "Venue: …", then each item with its "Minutes:") restated as minutes: the page's own title line gives the
    header the minutes parser looks for; each item's "Minutes:" label is dropped and its number joined to its
    title. A page without minutes (an agenda only) is returned as it is."""
    lines = text.split("\n")
    if not any(line.strip().lower() == "minutes:" for line in lines):
        return text
    venue = next((line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("venue:")), "")
    out = []
    for i, line in enumerate(lines):
        match = _MG_SUBTITLE.match(line)
        if match and not any(o.startswith("Minutes of the meeting") for o in out):
            when = match["when"].replace(",", "")
            out += [match["committee"], "", f"Minutes of the meeting held{f' at {venue}' if venue else ''} on {when}"]
            continue
        if line.strip().lower() == "minutes:":
            continue
        number = re.match(r"^(\d{1,3}[a-z]?\.?|[A-Z]{1,5}[./]?\d{1,3}(?:/\d{2,4})?\.?)\t(.+)$", line)
        if number:
            out.append(f"{number.group(1).rstrip('.')}. {number.group(2)}")
            continue
        out.append(lines[i])
    return "\n".join(out)


# --- Word ---------------------------------------------------------------------------------------------------

def check_zip(name: str, data: bytes) -> None:
    """Refuse an archive whose members would expand past the limits (declared sizes and ratios)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(f"{name}: the Word document cannot be read; it may be damaged or truncated.") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > ZIP_MEMBERS_LIMIT:
            raise ReadError(f"{name}: the Word document holds {len(infos):,} parts; the limit is "
                            f"{ZIP_MEMBERS_LIMIT:,}.")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > ZIP_MEMBER_LIMIT or total > ZIP_TOTAL_LIMIT or (
                    ratio > ZIP_RATIO_LIMIT and info.file_size > MB):
                raise ReadError(f"{name}: the Word document expands to more than the limits when opened "
                                f"({info.filename}: {info.file_size // MB} MB from {info.compress_size // 1024} KB; "
                                f"the limits are {ZIP_MEMBER_LIMIT // MB} MB a part, {ZIP_TOTAL_LIMIT // MB} MB in "
                                f"all and a ratio of {ZIP_RATIO_LIMIT}), so that a file built to exhaust the server "
                                "is refused.")


def docx_to_text(name: str, data: bytes) -> str:
    """Paragraphs and tables of a .docx in document order; table rows become TAB-separated cells."""
    check_zip(name, data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for a broken file
        raise ReadError(f"{name}: the Word document cannot be read ({type(exc).__name__}); it may be damaged "
                        "or truncated.") from None
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            out.append("")
            for row in child.iter(qn("w:tr")):
                cells = [" ".join(_paragraph_text(p) for p in cell.iter(qn("w:p"))).strip()
                         for cell in row.iter(qn("w:tc"))]
                out.append("\t".join(" ".join(c.split()) for c in cells))
            out.append("")
    text = _tidy("\n".join(out))
    if not text.strip():
        raise ReadError(f"{name}: the Word document has no text.")
    return text


def _paragraph_text(p) -> str:
    from docx.oxml.ns import qn

    parts = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)
