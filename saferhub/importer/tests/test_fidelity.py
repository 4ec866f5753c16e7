"""Fidelity on the seeds (issue 15, items 2-6): what the importer must not invent or lose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from saferhub.core.actors import SystemActor
from saferhub.governance.models import Meeting
from saferhub.importer import actions
from saferhub.papers.models import WorkProgrammeEntry

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("Import of the seed documents")
D = dt.date


def _import(files):
    batch = actions.read_files(files, acting_user=ACTOR)
    return actions.commit_batch(batch, acting_user=ACTOR)


# -- item 3: business of the inquorate meetings is carried forward, by the recorded path's action --
def test_items_planned_for_the_inquorate_meetings_are_carried_to_the_next_meeting(seeds):
    _import(seeds)
    for day in (D(2022, 9, 28), D(2022, 12, 8)):
        rows = WorkProgrammeEntry.objects.filter(target_meeting__date=day)
        assert rows.exists() and {r.status for r in rows} == {"carried_forward"}, day
    # The additions agreed on 9 June 2022 for 28 September reach 24 February 2023 through 8 December,
    # and are considered there (items 7 and 8 of 001:72-85).
    added = WorkProgrammeEntry.objects.get(target_meeting__date=D(2022, 9, 28), report__startswith="Resourcing")
    via = WorkProgrammeEntry.objects.get(carried_from=added)
    assert via.target_meeting.date == D(2022, 12, 8) and via.status == "carried_forward"
    final = WorkProgrammeEntry.objects.get(carried_from=via)
    assert final.target_meeting.date == D(2023, 2, 24) and final.status == "considered"


def test_the_carry_forward_is_the_papers_action_not_a_copy(seeds):
    from unittest import mock

    from saferhub.papers.actions import tracking

    with mock.patch.object(tracking, "carry_forward_work_programme", wraps=tracking.carry_forward_work_programme) as spy, \
            mock.patch("saferhub.papers.actions.carry_forward_work_programme", spy):
        _import(seeds)
    targets = {c.args[0].date for c in spy.call_args_list}
    assert {D(2022, 12, 8), D(2023, 2, 24)} <= targets


# -- item 4: considered only where the documents show it ---------------------------------------
def test_a_row_for_8_june_2023_is_not_marked_considered_without_evidence(seeds):
    batch = _import(seeds)
    row = WorkProgrammeEntry.objects.get(target_meeting__date=D(2023, 6, 8))
    assert row.status == "planned"
    assert batch.flags.filter(kind="not_shown_considered", message__contains="8 June 2023").exists()
    # 9 June 2022 planned county lines and Project ADDER, and its minutes show both items.
    assert WorkProgrammeEntry.objects.get(target_meeting__date=D(2022, 6, 9)).status == "considered"


def test_the_papers_data_file_does_not_mark_8_june_2023_considered():
    from saferhub.governance.loader import load_committee_data, read_data_file
    from saferhub.papers.loader import load_file

    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    load_file()
    assert WorkProgrammeEntry.objects.get(target_meeting__date=D(2023, 6, 8)).status == "planned"
    assert Meeting.objects.get(committee__slug="nccsp-scrutiny-sub-panel", date=D(2023, 6, 8)).status == "held"


# -- item 2: a changed surname is a flagged suggestion, never a silent merge or a silent second person --
def _renamed_flag(batch):
    return batch.flags.get(kind="possible_same_person")


def test_a_changed_surname_is_proposed_as_the_same_person(seeds):
    batch = actions.read_files(seeds, acting_user=ACTOR)
    flag = _renamed_flag(batch)
    assert flag.ref["name"] == "Nicola Allum" and flag.ref["same_as"] == "Nicola Jepson"
    assert flag.source.startswith("000_")
    assert {s["value"] for s in flag.suggestions} == {"same", "different"}
    # Nobody else is proposed: Nicola Ledain shares the forename but not the role.
    assert batch.flags.filter(kind="possible_same_person").count() == 1


def test_accepting_the_suggestion_records_one_person_with_the_alias(seeds):
    from saferhub.core.models import AuditEvent, Person
    from saferhub.governance.models import Attendance

    batch = actions.read_files(seeds, acting_user=ACTOR)
    actions.resolve_flag(_renamed_flag(batch), choice="same", acting_user=ACTOR)
    actions.commit_batch(batch, acting_user=ACTOR)
    assert not Person.objects.filter(name="Nicola Allum").exists()
    nicola = Person.objects.get(name="Nicola Jepson")
    assert list(nicola.aliases.values_list("name", flat=True)) == ["Nicola Allum"]
    assert AuditEvent.objects.filter(code__icontains="alias").exists()
    assert Attendance.objects.filter(person=nicola, meeting__date=D(2023, 6, 8)).exists()
    assert Attendance.objects.filter(person=nicola, meeting__date=D(2022, 6, 9)).exists()


@pytest.mark.parametrize("choice", ["different", "accept"])
def test_rejecting_or_leaving_it_keeps_two_people_and_the_flag(seeds, choice):
    from saferhub.core.models import Person

    batch = actions.read_files(seeds, acting_user=ACTOR)
    actions.resolve_flag(_renamed_flag(batch), choice=choice, acting_user=ACTOR)
    actions.commit_batch(batch, acting_user=ACTOR)
    assert Person.objects.filter(name__in=["Nicola Allum", "Nicola Jepson"]).count() == 2
    assert batch.flags.filter(kind="possible_same_person").exists()


# -- item 4: nothing placed or held without the documents saying so, and what is inferred is marked --
def test_a_membership_no_table_shows_is_flagged_with_its_reason(seeds):
    from saferhub.governance.models import Membership

    batch = _import(seeds)
    flags = {f.message.split(" was placed")[0]: f for f in batch.flags.filter(kind="membership_inferred")}
    assert {"Natasha Harpley", "Gary Blundell"} <= set(flags)
    assert "present for" in flags["Gary Blundell"].message and flags["Gary Blundell"].source.startswith("000_")
    assert "substituted for Wendy Fredericks" in flags["Tim Adams"].message
    # Every membership the importer made rests on a membership table or on a flagged inference.
    for m in Membership.objects.select_related("person"):
        assert "inferred" not in m.note or m.person.name in flags, m.person.name


def test_the_scrutiny_committee_meetings_are_not_held_without_evidence():
    from saferhub.governance.loader import load_committee_data, read_data_file
    from saferhub.governance.models import Membership

    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    parent = Meeting.objects.filter(committee__slug="ncc-scrutiny-committee")
    assert parent.count() == 4
    assert set(parent.values_list("status", flat=True)) == {"scheduled"}
    assert all("Inferred" in m.note for m in parent)
    # Ashby's and Crane's Breckland seat comes from outside the documents: the membership says so.
    for m in Membership.objects.filter(person__name__in=["Ashby", "Crane"]):
        assert m.note.startswith("Inferred, not from the seed documents")


# -- item 5: cross-references between the documents' items are links ---------------------------
def test_cross_references_between_items_are_links(seeds):
    from saferhub.papers.models import AgendaItemLink

    _import(seeds)
    links = {(link.from_item.meeting.date, link.from_item.number, link.to_item.number if link.to_item else None,
              link.to_meeting.date if link.to_meeting else None) for link in AgendaItemLink.objects.all()}
    # "described at item 9 on today's agenda" (002:493) and "at item 8" (002:868), 9 June 2022.
    assert (D(2022, 6, 9), "8", "9", None) in links and (D(2022, 6, 9), "9", "8", None) in links
    # "the report produced for the meetings scheduled in September and December 2022" (001:681).
    assert (D(2023, 2, 24), "6", None, D(2022, 9, 28)) in links
    assert (D(2023, 2, 24), "6", None, D(2022, 12, 8)) in links
    assert len(links) == 4
    link = AgendaItemLink.objects.get(from_item__number="8", from_item__meeting__date=D(2022, 6, 9))
    assert link.text == "described at item 9 on today's agenda"


def test_a_link_refuses_a_later_meeting_or_itself(seeds):
    from saferhub.core.exceptions import RuleViolation
    from saferhub.papers.actions.links import link_agenda_items

    _import(seeds[1:2])  # 001: the agenda pack of 24 February 2023
    item = Meeting.objects.get(date=D(2023, 2, 24)).agenda_items.get(number="6")
    with pytest.raises(RuleViolation, match="itself"):
        link_agenda_items(item, text="see item 6", to_item=item, acting_user=ACTOR)
    later = Meeting.objects.filter(date__gt=D(2023, 2, 24), committee=item.meeting.committee).first()
    if later is not None:
        with pytest.raises(RuleViolation, match="earlier meeting"):
            link_agenda_items(item, text="x", to_meeting=later, acting_user=ACTOR)


def test_the_meeting_page_shows_what_an_item_refers_to(seeds, client):
    _import(seeds[2:3])  # 002: the agenda pack of 9 June 2022
    meeting = Meeting.objects.get(date=D(2022, 6, 9))
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert "Refers to item 9: Partnership Priority" in page.content.decode()


# -- issue 12, item 8: the Delivery Plan tables as printed (the commit's side: test_plan_fidelity.py) --
def _plan_rows(extraction, prefix):
    plan = next(p for p in extraction["delivery_plans"] if p["source"]["path"].startswith(prefix))
    return plan, {a["number"]: a for a in plan["actions"]}


def test_the_delivery_plan_tables_are_read_as_printed(extraction):
    plan, rows = _plan_rows(extraction, "003")
    assert plan["kind"] == "plan" and plan["title"] == "Delivery plan for the Safer Norfolk Plan 2021-24"
    assert rows["1.4"]["date"] == "September 2021"  # "September" / "2021" on the next line (003:1555-1556)
    assert rows["1.3"]["update"] == rows["1.8"]["update"] == rows["2.11"]["update"] == ""  # page footers
    assert rows["2.14"]["date"] == "???"
    assert rows["2.3"]["success_measure"] == rows["2.7"]["success_measure"] == "TBC"
    assert {g["raw"] for g in rows["3.6"]["garbled"]} == {"3.0", "2,1000", "5.18511.18", "SCAULI VIOIETICE", "TECOVEI"}
    assert rows["3.6"]["owner"] == "DASVG" and rows["3.6"]["date"] == "Ongoing"
    assert rows["1.1"]["outcomes"] == [1, 2, 3, 4, 5, 6] and rows["2.15"]["outcomes"] == [7, 8, 9]
    assert rows["3.1"]["outcomes"] == [10, 11, 12]
    assert rows["1.23"]["theme"] == "Resilient cohesive communities"
    extract, rows = _plan_rows(extraction, "002")
    assert extract["kind"] == "extract" and extract["title"].startswith("Extract from the NCCSP Safer Norfolk")
    assert sorted(rows) == [f"2.{n}" for n in range(1, 8)] and all(r["update"] for r in rows.values())
    assert {r["theme"] for r in rows.values()} == {"County Lines"} and rows["2.1"]["outcomes"] == [7, 8, 9]


def test_every_delivery_plan_repair_is_flagged(extraction):
    flags = [f for f in extraction["flags"] if f["source"].startswith("003")]
    by_kind = {}
    for f in flags:
        by_kind.setdefault(f["kind"], []).append(f)
    assert {f["ref"]["number"] for f in by_kind["ocr_text"] if f["ref"].get("column") == "success_measure"} == {"2.3", "2.7"}
    assert all(f["ref"]["raw"] == "ТВС" and f["ref"]["read_as"] == "TBC" for f in by_kind["ocr_text"] if f["ref"])
    assert [f["ref"]["number"] for f in by_kind["delivery_illegible"]] == ["2.14"]
    assert [f["ref"]["number"] for f in by_kind["delivery_ocr_garbled"]] == ["3.6"]
    footers = {f["source"].rsplit(":", 1)[1] for f in by_kind["delivery_debris"]}
    assert {"1553", "1587", "1648"} <= footers  # below 1.3 and 1.8, and inside 2.11's update cell
