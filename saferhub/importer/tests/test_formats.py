"""Saved ModernGov pages and Word minutes read like text conversions; types are read from the content;
a zip bomb dressed as a .docx is refused (issue 15, formats)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from saferhub.importer.errors import ReadError
from saferhub.importer.parsing.extract import extract_batch, public_json
from saferhub.importer.parsing.formats import sniff
from saferhub.importer.parsing.reader import read_lines
from saferhub.importer.sandbox import extract_in_sandbox

FORMATS = Path(__file__).parent / "formats"


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FORMATS / name).read_bytes()


def minutes_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Ashbury District Council")
    document.add_paragraph("Community Safety Committee")
    document.add_paragraph("Minutes of the meeting held at the Council Offices, Ashbury on Thursday 15 July 2021 "
                           "at 7.00 pm")
    document.add_paragraph("Present:")
    table = document.add_table(rows=0, cols=2)
    for name, body in [("Councillor Ruth Owen (Chair)", "Ashbury District Council"),
                       ("Councillor Sam Price", "Ashbury District Council"),
                       ("Councillor Tara Quinn", "Eastshire County Council")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, body
    document.add_paragraph("1. Apologies for Absence")
    document.add_paragraph("1.1 Apologies for absence were received from Councillor Uma Reid.")
    document.add_paragraph("2. Anti-social behaviour update")
    document.add_paragraph("2.1 The Committee NOTED the report.")
    document.add_paragraph("The meeting ended at 8.15 pm")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_types_are_read_from_the_content_not_the_name():
    assert sniff(minutes_docx()) == "docx"
    assert sniff(fixture("moderngov_meeting.html")[1]) == "html"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"Minutes of the meeting") == "text"
    # A Word document saved as .txt is still read as Word.
    lines, kind, _ = read_lines("minutes.txt", minutes_docx())
    assert kind == "docx" and any("Ruth Owen" in ln.raw for ln in lines)


def test_word_minutes_keep_their_present_table():
    lines, kind, _ = read_lines("minutes.docx", minutes_docx())
    assert "Councillor Tara Quinn\tEastshire County Council" in [ln.raw for ln in lines]
    m = public_json(extract_batch([("minutes.docx", minutes_docx())], {}))["meetings"][0]
    assert m["date"] == "2021-07-15" and m["chair"] == "Ruth Owen" and m["finished"] == "20:15"
    assert {(p["name"], p["body"]) for p in m["present"]} == {
        ("Ruth Owen", "Ashbury District Council"), ("Sam Price", "Ashbury District Council"),
        ("Tara Quinn", "Eastshire County Council")}
    assert [a["name"] for a in m["apologies"]] == ["Uma Reid"]
    assert [(d["item"], d["verb"]) for d in m["decisions"]] == [("2", "NOTED")]


def test_a_moderngov_attendance_page_gives_the_attendance():
    result = extract_batch([fixture("moderngov_attendance.html")], {})
    m = public_json(result)["meetings"][0]
    assert (m["committee"], m["date"], m["chair"]) == ("Overview and Scrutiny Committee", "2010-03-02",
                                                        "Alice Brennan")
    assert [p["name"] for p in m["present"]] == ["Alice Brennan", "Dev Chaudhry", "Gareth Hughes"]
    assert [(a["name"], a["kind"]) for a in m["apologies"]] == [("Erin Fairlie", "member")]
    assert [a["name"] for a in m["in_attendance"]] == ["Mark Newby"]
    kinds = {f["kind"]: f for f in result["flags"]}
    # "Expected" is never read as present; "Present as substitute" names nobody replaced: both flagged.
    assert "Ian Jowett" in kinds["attendance_not_confirmed"]["message"]
    assert kinds["substitute_for_unknown"]["source"] == "moderngov_attendance.html:11"
    assert "Kate Lyons" not in str(m)  # absent: neither present nor apologies
    lines = read_lines(*fixture("moderngov_attendance.html"))[0]
    assert not any("Committees" in ln.raw or "Print" in ln.raw or "mg" in ln.raw for ln in lines)  # no site chrome


def test_a_moderngov_meeting_page_with_its_attendance_page():
    result = extract_batch([fixture("moderngov_meeting.html"), fixture("moderngov_attendance.html")], {})
    meetings = {m["date"]: m for m in public_json(result)["meetings"]}
    m = meetings["2010-03-02"]
    assert m["minutes_confirmed"] == ["2010-01-12"] and meetings["2010-01-12"]["status"] == "held"
    assert [(d["item"], d["verb"]) for d in m["decisions"]] == [("3", "RESOLVED")]
    assert len(m["present"]) == 3 and m["chair"] == "Alice Brennan"
    assert [a["name"] for a in m["apologies"]] == ["Erin Fairlie"]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_before_it_is_opened():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(200 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ReadError, match="expands to more than the limits"):
        extract_in_sandbox([("bomb.docx", bomb)], {})


@pytest.mark.parametrize("name, data, message", [
    ("broken.docx", minutes_docx()[:2000], "not one|cannot be read"),
    ("fake.docx", b"just some text", "named as a Word document but is not one"),
    ("bundle.txt", _zip({"a.txt": b"x"}), "archive, not a document"),
    ("empty.html", b"<!DOCTYPE html><html><body><script>x()</script></body></html>", "no text"),
])
def test_bad_word_and_web_files_give_a_clear_error(name, data, message):
    with pytest.raises(ReadError, match=message):
        extract_in_sandbox([(name, data)], {})
