"""Malformed, truncated and hostile files get a clear error; nothing is half-saved."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.importer import actions
from saferhub.importer.models import ImportBatch
from saferhub.importer.parsing.extract import extract_batch
from saferhub.importer.parsing.reader import ReadError
from saferhub.importer.sandbox import extract_in_sandbox

MINUTES = (
    "Norfolk Countywide Community Safety Partnership Scrutiny Sub-Panel\n\n"
    "Minutes of the meeting held at County Hall, Norwich on Thursday 9 June 2022 at 10 am\n\nPresent:\n\n"
    "Cllr Alison Webb\tBreckland District Council\n\n1. Apologies for Absence\n\n"
    "1.1 Apologies for absence were received from Cllr Tim Adams.\n\nThe meeting finished at 11.15 am"
)


@pytest.mark.parametrize("name, data, message", [
    ("junk.txt", bytes(range(256)) * 40, "not a text file"),
    ("latin.txt", "Café minutes".encode("latin-1"), "not UTF-8"),
    ("fake.pdf", b"this is not a pdf at all", "not one"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer", "cannot be read"),
    ("empty.txt", b"   \n\n", "empty"),
    ("huge-line.txt", b"x" * 250_000, "characters long"),
])
def test_bad_files_give_a_clear_error(name, data, message):
    with pytest.raises(ReadError, match=message):
        extract_in_sandbox([(name, data)], {})


def test_a_file_not_understood_is_flagged_not_refused():
    """Issue 15: a readable file with nothing recognisable gets a reviewable result, not a refusal of the batch."""
    result = extract_in_sandbox([("nothing.txt", b"Just a shopping list\nmilk\neggs"), ("minutes.txt", MINUTES.encode())],
                                {})
    flag = next(f for f in result["flags"] if f["kind"] == "not_understood")
    assert flag["source"] == "nothing.txt:1-3" and "no agenda, minutes" in flag["message"]
    assert [m["date"] for m in result["meetings"]] == ["2022-06-09"]


def test_a_truncated_pdf_is_refused_cleanly(tmp_path):
    from weasyprint import HTML

    pdf = HTML(string=f"<pre>{MINUTES}</pre>").write_pdf()
    with pytest.raises(ReadError, match="cannot be read|no text"):
        extract_in_sandbox([("cut.pdf", pdf[: len(pdf) // 3])], {})


def test_a_hang_is_stopped(monkeypatch):
    import saferhub.importer.sandbox as sandbox

    monkeypatch.setattr(sandbox, "WALL_SECONDS_PER_FILE", 1)
    monkeypatch.setattr("saferhub.importer.parsing.extract.extract_batch",
                        lambda files, knowledge: __import__("time").sleep(30))
    with pytest.raises(ReadError, match="too long"):
        sandbox.extract_in_sandbox([("slow.txt", MINUTES.encode())], {})


@pytest.mark.django_db
def test_the_command_reports_a_clear_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"\x00\x01 not a pdf")
    with pytest.raises(CommandError, match="not one"):
        call_command("import_documents", str(bad))
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_the_upload_action_refuses_unreadable_files():
    with pytest.raises(RuleViolation, match="not a text file"):
        actions.read_files([("x.txt", b"\x00" * 100)], acting_user=SYSTEM)
    assert ImportBatch.objects.count() == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.sampled_from(MINUTES.split("\n")),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80),
    st.sampled_from(["Present:", "\t\t", "1.", "- 1) **NOTED**", "Minutes of the meeting held on 31 February 2022",
                     "Date:\t", "MAIN MEMBER\tSUBSTITUTE MEMBER\tREPRESENTING", "To be confirmed\t\t",
                     "Date\tReport\tIssues for consideration\tInvited to attend", "N\tAction\tSuccess measure\tOwner",
                     "Questions requiring written responses", "1.\t", "Item No: x", "Report title:\t"]),
), max_size=60))
def test_fuzzed_text_never_crashes_the_reader(lines):
    data = "\n".join(lines).encode("utf-8")
    try:
        result = extract_batch([("fuzz.txt", data)], {})
    except ReadError as exc:
        assert str(exc).startswith("fuzz.txt")
    else:
        assert isinstance(result["meetings"], list)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_fuzzed_bytes_never_crash_the_reader(data):
    for name in ("fuzz.txt", "fuzz.pdf"):
        try:
            extract_batch([(name, data)], {})
        except ReadError:
            pass
