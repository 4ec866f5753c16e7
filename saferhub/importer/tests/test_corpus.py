"""Other councils' minutes (the corpus in tests/corpus/, sources in corpus/SOURCES.md) read by the general
reader, scored against facts typed by hand; and layouts the corpus lacks, in clearly synthetic snippets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from saferhub.importer.parsing.minutes.general import read_general_minutes
from saferhub.importer.parsing.text import Line
from saferhub.importer.tests.corpus.score import score_corpus

SEEDS = Path("/work/shared/seeds")


def test_corpus_meets_the_targets():
    rows, s = score_corpus()
    assert s["documents"] >= 20 and s["councils"] >= 10
    assert s["date"] >= 0.95
    assert s["present_precision"] >= 0.95 and s["present_recall"] >= 0.95
    assert s["apologies_precision"] >= 0.95 and s["apologies_recall"] >= 0.95
    assert s["decisions_documents"] >= 0.90
    assert s["invented_members"] == 0, [r["invented_names"] for r in rows if r["invented"]]


def _lines(text: str) -> list[Line]:
    return [Line(n, raw) for n, raw in enumerate(text.splitlines(), start=1)]


SYNTHETIC = """COMMUNITY SAFETY COMMITTEE — 15 July 2021

PRESENT: Councillor A Jones (Chairman), Councillors B Smith, C Brown MBE and Mrs D Green JP.

SSC/12 APOLOGIES
Apologies for absence were received from Councillor E White (Labour, Northgate ward).

SSC/13 DECLARATIONS OF INTEREST
Councillor B Smith declared a personal interest in item 5 as a trustee of the food bank.

SSC/14 ANTI-SOCIAL BEHAVIOUR
The Committee NOTED the report and AGREED to ask for a further report in six months.
The motion was carried, 5 voting FOR, 2 AGAINST and 1 ABSTENTION.
"""


def test_synthetic_layout_dash_header_honours_and_compound_resolution():
    m = read_general_minutes(_lines(SYNTHETIC), "synthetic.txt")
    assert m["date"] == dt.date(2021, 7, 15) and m["committee"] == "COMMUNITY SAFETY COMMITTEE"
    assert m["present"] == ["A Jones", "B Smith", "C Brown", "D Green"] and m["chair"] == "A Jones"
    assert [a for a in m["apologies"]] == ["E White"]
    assert [(d["name"], d["kind"], d["item"]) for d in m["declarations"]] == [("B Smith", "personal", "5")]
    assert [(d["item"], d["verb"]) for d in m["decisions"]] == [("SSC/14", "NOTED"), ("SSC/14", "AGREED")]
    assert m["votes"] == [{"item": "SSC/14", "for": 5, "against": 2, "abstain": 1}]


def test_a_list_entry_that_is_not_a_name_is_flagged_not_recorded():
    m = read_general_minutes(_lines("Minutes of the meeting of the Panel held at the Hall on 2 Mar 10\n"
                                    "Present: Councillors Ann Lee, the Clerk and Bob Moss"), "x.txt")
    assert m["date"] == dt.date(2010, 3, 2)
    assert m["present"] == ["Ann Lee", "Bob Moss"]
    assert [f["kind"] for f in m["flags"]] == ["unreadable_name"]


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")
def test_compound_resolution_on_the_seeds_is_two_decisions():
    """001:199 "NOTED the information provided and AGREED that it was content …" is two decisions."""
    from saferhub.importer.parsing.extract import extract_batch

    path = next(SEEDS.glob("001_*.txt"))
    result = extract_batch([(path.name, path.read_bytes())], {})
    m = next(m for m in result["meetings"] if m["date"] == "2022-06-09")
    item9 = [(d["verb"], d["text"][:30]) for d in m["decisions"] if d["item"] == "9"]
    assert [v for v, _ in item9] == ["COMMENDED", "NOTED", "AGREED", "AGREED"], item9
    assert item9[2][1].startswith("that it was content")


def test_each_corpus_file_imports_through_the_pipeline():
    """Alone, as a new user would load it: the meeting is found on its date (or kept pending for the officer to
    date it when the excerpt prints none), with the attendance, apologies, decisions and declarations read."""
    from saferhub.importer.tests.corpus.score import score_pipeline

    s = score_pipeline()
    assert s["meeting_found"] >= 0.95 and s["facts_match"] >= 0.90, s["misses"]
    assert s["invented_members"] == 0


@pytest.mark.django_db
def test_another_councils_minutes_commit_into_an_empty_database():
    from saferhub.core.actors import SystemActor
    from saferhub.governance.models import Meeting
    from saferhub.importer import actions

    actor = SystemActor("Import of other councils' minutes")
    corpus = Path(__file__).parent / "corpus"
    files = [(name, (corpus / name).read_bytes()) for name in (
        "bracebridge-heath-pc-full-council-2020-05-05.txt", "east-hampshire-overview-scrutiny-2016-07-14.txt")]
    batch = actions.read_files(files, acting_user=actor)
    assert {f.kind for f in batch.flags.all()} >= {"other_layout"}
    actions.commit_batch(batch, acting_user=actor)
    parish = Meeting.objects.get(date=dt.date(2020, 5, 5))
    assert parish.committee.name == "Bracebridge Heath Parish Council"
    assert parish.venue == "Remote meeting (Zoom)"  # "held remotely using Zoom", stored on the meeting
    # A committee created from minutes alone has no seats yet (no membership table), so the twelve present
    # are not recorded as attending but each is flagged for the officer, never dropped silently.
    not_recorded = {f.message.split(" was not recorded")[0].removeprefix("The attendance of ")
                    for f in batch.flags.filter(kind="not_recorded")}
    assert {"C Barr", "C Broad", "C Callan", "L Hauton", "J Kilcoyne", "S Manders", "V Marden", "J Moran", "D Parr",
            "A Smith", "K Trought", "A Walker"} <= not_recorded
    # Known limit (reported): with no seats, the meeting is not confirmed quorate, and its decisions wait for
    # the committee's memberships to be set; the meeting itself is there.
    assert Meeting.objects.filter(date=dt.date(2016, 7, 14), committee__name="Overview & Scrutiny Committee").exists()


def test_the_venue_and_remote_meeting_are_read_where_the_excerpt_shows_them():
    """Issue 15: the venue (and "remote meeting" / "held virtually") of each corpus document, as its excerpt prints it."""
    from saferhub.importer.parsing.reader import read_lines
    from saferhub.importer.tests.corpus.expected import DOCUMENTS, VENUES

    corpus = Path(__file__).parent / "corpus"
    for stem, want in DOCUMENTS.items():
        lines, _, _ = read_lines(f"{stem}.txt", (corpus / f"{stem}.txt").read_bytes())
        got = read_general_minutes(lines, f"{stem}.txt")
        assert got["venue"] == VENUES.get(stem, ""), stem
        assert got["remote"] == want["remote"], stem
        assert got["finished"] is None, stem  # no excerpt prints an end time: none is invented


@pytest.mark.parametrize("text, venue, start, end, remote", [
    ("Minutes of the meeting of the Safer Westvale Committee held at the Guildhall, High Street on Tuesday 2 March "
     "2010 at 6.30 pm\nPresent: Councillor Ann Lee (Chairman)\n1. Apologies\nNone.\nThe meeting ended at 8.15 pm.",
     "Guildhall, High Street", dt.time(18, 30), dt.time(20, 15), False),
    ("Minutes of the meeting of the Safer Westvale Committee held virtually on 2nd March 2010 at 10am\n"
     "Present: Cllr Ann Lee\n1. Apologies\nNone.\nThe Chair closed the meeting at 11.40 am.",
     "Remote meeting", dt.time(10, 0), dt.time(11, 40), True),
    ("SAFER WESTVALE COMMITTEE — 2 March 2010 at 14:00\nVenue: Remote meeting\nPresent: Cllr Ann Lee\n"
     "1. Apologies\nNone.\nMeeting closed: 15:05", "Remote meeting", dt.time(14, 0), dt.time(15, 5), True),
])
def test_venue_start_and_end_times_in_synthetic_headers(text, venue, start, end, remote):
    m = read_general_minutes(_lines(text), "synthetic.txt")
    assert (m["venue"], m["time"], m["finished"], m["remote"]) == (venue, start, end, remote)


@pytest.mark.django_db
def test_the_venue_and_end_time_are_stored_on_the_meeting():
    from saferhub.core.actors import SystemActor
    from saferhub.governance.models import Meeting
    from saferhub.importer import actions

    actor = SystemActor("Import of other councils' minutes")
    text = ("SAFER WESTVALE COMMITTEE — Tuesday 2 March 2010 at 6.30 pm\nVenue: Guildhall, High Street\n\nPRESENT: "
            "Councillor Ann Lee (Chairman), Councillors Bob Moss and Carol Ng.\n\n1. APOLOGIES\nThere were no apologies."
            "\n\n2. ANTI-SOCIAL BEHAVIOUR\nRESOLVED that the report be noted.\n\nThe meeting closed at 8.15 pm.\n")
    batch = actions.read_files([("westvale.txt", text.encode())], acting_user=actor, inline=True)
    assert batch.flags.filter(kind="other_layout").exists()  # read by the general reader
    actions.commit_batch(batch, acting_user=actor)
    meeting = Meeting.objects.get(date=dt.date(2010, 3, 2))
    assert meeting.venue == "Guildhall, High Street"
    assert (meeting.start_time, meeting.finished_at) == (dt.time(18, 30), dt.time(20, 15))


BRACEBRIDGE_PRESENT = {"C Barr", "C Broad", "C Callan", "L Hauton", "J Kilcoyne", "S Manders", "V Marden", "J Moran",
                       "D Parr", "A Smith", "K Trought", "A Walker"}


def _bracebridge(actor):
    from saferhub.importer import actions

    corpus = Path(__file__).parent / "corpus"
    name = "bracebridge-heath-pc-full-council-2020-05-05.txt"
    return actions.read_files([(name, (corpus / name).read_bytes())], acting_user=actor, inline=True)


@pytest.mark.django_db
def test_seats_are_proposed_from_the_present_list_and_placed_only_when_confirmed(client):
    """Issue 15: a committee created from minutes alone has no seats; the review page proposes one for each
    councillor present, and the officer's choice places them, so their attendance is recorded."""
    from django.contrib.auth import get_user_model

    from saferhub.core.actors import SystemActor
    from saferhub.governance.models import Meeting, Membership
    from saferhub.importer import actions

    actor = SystemActor("Import of other councils' minutes")
    batch = _bracebridge(actor)
    flag = batch.flags.get(kind="seats_proposed")
    assert set(flag.ref["names"]) == BRACEBRIDGE_PRESENT and flag.ref["date"] == "2020-05-05"
    assert flag.status == "open" and [s["value"] for s in flag.suggestions] == ["seats"]
    client.force_login(get_user_model().objects.create_superuser("admin-seats", password="a-long-password-1"))
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert f'name="flag-{flag.pk}" type="radio" value="seats"' in page and "Give these 12 members" in page
    client.post(f"/import/{batch.pk}/flags/", {f"flag-{flag.pk}": "seats"})
    actions.commit_batch(batch, acting_user=actor)
    meeting = Meeting.objects.get(date=dt.date(2020, 5, 5))
    present = set(meeting.attendances.filter(status="present").values_list("person__name", flat=True))
    assert present == BRACEBRIDGE_PRESENT
    assert not batch.flags.filter(kind="not_recorded", message__startswith="The attendance of").exists()
    members = Membership.objects.filter(seat__committee=meeting.committee)
    assert members.count() == 12 and all(m.start_date == dt.date(2020, 5, 5) for m in members)
    assert all("confirmed by the officer" in m.note for m in members)
    assert batch.flags.filter(kind="seats_created").exists()


@pytest.mark.django_db
def test_without_the_officers_choice_no_seat_is_placed():
    from saferhub.core.actors import SystemActor
    from saferhub.governance.models import Seat
    from saferhub.importer import actions

    actor = SystemActor("Import of other councils' minutes")
    batch = _bracebridge(actor)
    actions.resolve_flag(batch.flags.get(kind="seats_proposed"), choice="accept", acting_user=actor)
    actions.commit_batch(batch, acting_user=actor)
    assert not Seat.objects.exists()
    assert batch.flags.filter(kind="not_recorded", message__startswith="The attendance of").count() == 12
