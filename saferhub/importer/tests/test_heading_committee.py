"""The committee a minutes heading names ("Minutes of the meeting of the Police and Crime Panel held at …"):
taken when it is a committee SaferHub knows (or an agenda in the batch names), left blank and flagged
otherwise, never guessed."""

from __future__ import annotations

import pytest

from saferhub.importer.parsing.extract import extract_batch
from saferhub.importer.parsing.minutes import read_heading

KNOWN = {"committees": [
    {"name": "Norfolk Police and Crime Panel", "short_name": "Police and Crime Panel", "councils": []},
    {"name": "Scrutiny Committee", "short_name": "Scrutiny Committee",
     "councils": ["Norfolk County Council", "NCC"]},
    {"name": "Licensing Sub-Committee", "short_name": "", "councils": ["Norfolk County Council"]},
    {"name": "Health and Wellbeing Board", "short_name": "", "councils": []},
]}

BODY = """

Present:
Cllr Jane Smith (Chair)\tNorfolk County Council
Cllr Raj Patel\tBreckland District Council

1. Apologies
1.1 Apologies were received from Cllr Tom Baker.

2. Minutes
2.1 The minutes of the meeting held on 10 March 2022 were agreed as a correct record.

The meeting ended at 11.00 am
"""


def _meeting(heading: str, knowledge: dict | None = KNOWN) -> tuple[dict, list[dict]]:
    result = extract_batch([("minutes.txt", (heading + BODY).encode())], knowledge)
    meeting = next(m for m in result["meetings"] if m["date"] == "2022-06-14")
    return meeting, [f for f in result["flags"] if f["kind"] == "committee_missing"
                     and f["ref"] == {"meeting": "2022-06-14"}]


@pytest.mark.parametrize("heading, committee, venue", [
    ("Minutes of the meeting of the Police and Crime Panel held at County Hall, Norwich on 14 June 2022 at 10am",
     "Norfolk Police and Crime Panel", "County Hall, Norwich"),
    ("Minutes of the Meeting of the Norfolk County Council Scrutiny Committee held on 14 June 2022 at 10am",
     "Scrutiny Committee", ""),
    ("Minutes of a meeting of the Scrutiny Committee held on Tuesday 14 June 2022 at 10 am", "Scrutiny Committee", ""),
    ("Minutes of a meeting of Norfolk Police and Crime Panel held at County Hall on 14 June 2022 at 10am",
     "Norfolk Police and Crime Panel", "County Hall"),
    ("Minutes of the Police and Crime Panel meeting held on 14 June 2022 at 10am", "Norfolk Police and Crime Panel", ""),
    ("MINUTES of the Licensing Sub-Committee held at County Hall, Norwich on Tuesday 14 June 2022 at 10am",
     "Licensing Sub-Committee", "County Hall, Norwich"),
    ("MINUTES OF THE MEETING OF THE HEALTH AND WELLBEING BOARD HELD ON 14 JUNE 2022 AT 10AM",
     "Health and Wellbeing Board", ""),
    ("Police and Crime Panel – Minutes of the meeting held on 14 June 2022 at 10am",
     "Norfolk Police and Crime Panel", ""),
    ("Health and Wellbeing Board - Minutes of the meeting held at County Hall on 14 June 2022 at 10am",
     "Health and Wellbeing Board", "County Hall"),
    ("Minutes of the Extraordinary Meeting of the Scrutiny Committee held on 14 June 2022 at 10am",
     "Scrutiny Committee", ""),
    ("Minutes of the meeting of Norfolk County Council Licensing Sub-Committee, held on 14 June 2022 at 10am",
     "Licensing Sub-Committee", ""),
    ("Minutes of the annual Health and Wellbeing Board meeting held in the Council Chamber on 14 June 2022 at 10am",
     "Health and Wellbeing Board", "the Council Chamber"),
])
def test_the_committee_a_heading_names_is_matched_to_a_known_one(heading, committee, venue):
    meeting, missing = _meeting(heading)
    assert meeting["committee"] == committee
    assert (meeting["venue"], meeting["time"]) == (venue, "10:00")
    assert missing == []


@pytest.mark.parametrize("heading", [
    "Minutes of the meeting of the Planning Board held at County Hall, Norwich on 14 June 2022 at 10am",
    "MINUTES of the Planning Sub-Committee held on 14 June 2022 at 10am",
    "Planning Board – Minutes of the meeting held on 14 June 2022 at 10am",
])
def test_a_heading_naming_an_unknown_committee_stays_flagged(heading):
    meeting, missing = _meeting(heading)
    assert meeting["committee"] == ""
    assert len(missing) == 1 and "is not a committee SaferHub knows" in missing[0]["message"]
    written = "Planning Sub-Committee" if "Sub-Committee" in heading else "Planning Board"
    assert f"“{written}”" in missing[0]["message"]
    assert missing[0]["suggestions"][0] == {"value": written, "label": written}  # offered, not taken


def test_with_nothing_known_the_named_committee_is_not_taken():
    meeting, missing = _meeting("Minutes of the meeting of the Police and Crime Panel held on 14 June 2022 at 10am",
                                {})
    assert meeting["committee"] == "" and len(missing) == 1


def test_a_committee_named_by_an_agenda_in_the_batch_is_known():
    agenda = (b"Police and Crime Panel\n\nDate: Tuesday 14 June 2022\nTime: 10am\nVenue: County Hall\n\n"
              b"1. Apologies\n")
    minutes = ("Minutes of the meeting of the Police and Crime Panel held at County Hall on 14 June 2022 at 10am"
               + BODY).encode()
    result = extract_batch([("agenda.txt", agenda), ("minutes.txt", minutes)], {})
    meeting = next(m for m in result["meetings"] if m["date"] == "2022-06-14")
    assert meeting["committee"] == "Police and Crime Panel"
    assert not [f for f in result["flags"] if f["kind"] == "committee_missing"]


@pytest.mark.parametrize("heading, named", [
    ("Minutes of the meeting held at County Hall, Norwich on Thursday 8 June 2023", ""),
    ("Minutes of the inquorate meeting held at County Hall, Norwich on Wednesday 28 September 2022", ""),
    ("Minutes of the Annual parish meeting, held at 7.30pm in the Millennium Hall on 20th May 2010.", ""),
    ("Minutes of the meeting of the Police and Crime Panel held on 14 June 2022", "Police and Crime Panel"),
    ("MINUTES of the Licensing Sub-Committee held at County Hall", "Licensing Sub-Committee"),
])
def test_read_heading(heading, named):
    assert read_heading(heading)[0] == named


def test_the_title_above_the_heading_is_still_read():
    meeting, missing = _meeting("Norfolk Countywide Community Safety Partnership Scrutiny Sub-Panel\n\n"
                                "Minutes of the meeting held at County Hall, Norwich on Tuesday 14 June 2022 at 10 am")
    assert meeting["committee"] == "Norfolk Countywide Community Safety Partnership Scrutiny Sub-Panel"
    assert missing == []


@pytest.mark.django_db
def test_the_committees_in_saferhub_are_known_to_the_reader():
    from saferhub.core.actors import SYSTEM
    from saferhub.governance import actions as gov
    from saferhub.governance.tests.factories import organisation
    from saferhub.importer import actions
    from saferhub.importer.knowledge import current_knowledge

    county = organisation("Norfolk County Council", "county_council")
    gov.create_committee(name="Scrutiny Committee", slug="scrutiny", organisation=county, acting_user=SYSTEM)
    assert {"name": "Scrutiny Committee", "short_name": "", "councils": ["Norfolk County Council"]} in \
        current_knowledge()["committees"]
    heading = "Minutes of the Meeting of the Norfolk County Council Scrutiny Committee held on 14 June 2022 at 10am"
    batch = actions.read_files([("minutes.txt", (heading + BODY).encode())], acting_user=SYSTEM, inline=True)
    meeting = next(m for m in batch.extraction["meetings"] if m["date"] == "2022-06-14")
    assert meeting["committee"] == "Scrutiny Committee"
    assert not batch.flags.filter(kind="committee_missing", ref__meeting="2022-06-14").exists()
