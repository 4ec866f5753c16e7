"""Committing an import: through the actions, reconciled with what is recorded, idempotent, atomic."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command

from saferhub.core.actors import SystemActor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent, Person
from saferhub.delivery.models import DeliveryAction
from saferhub.governance.loader import load_committee_data, read_data_file
from saferhub.governance.models import Attendance, Decision, Meeting, MeetingStatus, Recommendation
from saferhub.importer import actions
from saferhub.importer.models import ImportBatch, ImportFlag, Provenance, SourceDocument, SourceFile, StagedRecord
from saferhub.importer.tests import expected_seeds as E
from saferhub.papers.loader import load_file as load_papers_file
from saferhub.papers.models import CoverReport, Document, FutureItem, WorkProgrammeEntry, WrittenQuestion

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("Import of the seed documents")


def _import(files, **kw):
    batch = actions.read_files(files, acting_user=ACTOR, **kw)
    return actions.commit_batch(batch, acting_user=ACTOR)


def test_an_empty_database_gets_the_meetings_attendance_and_decisions(seeds):
    batch = _import(seeds)
    meetings = {m.date.isoformat(): m for m in Meeting.objects.filter(committee__slug__startswith="norfolk")}
    for day, want in E.MEETINGS.items():
        meeting = meetings[day]
        assert meeting.status == want["status"], day
        assert meeting.chaired_by.name == want["chair"], day
        present = {a.person.name for a in meeting.attendances.filter(status="present")}
        assert present == {name for name, _ in want["present"]} - set(), day
        assert Decision.objects.filter(agenda_item__meeting=meeting).count() == want["decision_count"], day
    assert meetings["2022-09-28"].declared_inquorate_at == dt.time(10, 5)
    assert meetings["2021-12-16"].status == MeetingStatus.POSTPONED
    assert Recommendation.objects.count() == 2
    adams = Attendance.objects.get(meeting=meetings["2023-06-08"], person__name="Tim Adams")
    assert adams.role == "substitute" and adams.substitute_for.name == "Wendy Fredericks"
    # Ashby and Crane cannot be placed: flagged, not guessed.
    assert batch.flags.filter(kind="unresolved_name").count() == 2
    # No strategic plan is loaded: the Delivery Plan tables are not put on a plan of their own (issue 12, item 8).
    assert not DeliveryAction.objects.exists()
    assert batch.flags.filter(kind="plan_not_loaded").count() == 2
    # Papers: two renderings of the questions, one set; work programme, future items, reports.
    questions = WrittenQuestion.objects.filter(meeting=meetings["2022-02-24"]).order_by("number")
    assert [q.number for q in questions] == [1, 2, 3, 4, 5, 6] and all(q.response for q in questions)
    assert questions[0].agenda_item.number == "5" and questions[3].agenda_item.number == "6"
    assert FutureItem.objects.count() == 3
    assert CoverReport.objects.filter(agenda_item__meeting=meetings["2023-02-24"]).count() == 4
    wp = {(e.target_date.isoformat(), e.report[:30]) for e in WorkProgrammeEntry.objects.all()}
    assert ("2022-09-28", "NCCSP Plan 2021-24 – performan") in wp
    additions = WorkProgrammeEntry.objects.exclude(added_by_decision=None)
    assert {(e.target_date.isoformat(), e.added_by_decision.agenda_item.meeting.date.isoformat()) for e in additions} == {
        ("2022-09-28", "2022-06-09"), ("2022-12-08", "2022-06-09")}
    assert additions.count() == 3 and all(e.added_by_decision.verb == "AGREED" for e in additions)
    # The June 2022 additions agreed on 24 February 2022 are already in that row's issues: no duplicate.
    assert WorkProgrammeEntry.objects.filter(target_date=dt.date(2022, 6, 9)).count() == 1
    assert WorkProgrammeEntry.objects.get(target_meeting=meetings["2022-09-28"], added_by_decision=None).status == (
        "carried_forward")
    # What papers cannot hold stays staged: the delegations' Scrutiny Committee dates.
    assert set(StagedRecord.objects.values_list("kind", flat=True)) <= {"delegation", "cover_report"}
    assert StagedRecord.objects.filter(kind="delegation").exists()
    assert Document.objects.filter(meeting=meetings["2022-06-09"], kind="agenda_pack", published_at__isnull=False).exists()


def test_every_record_links_to_its_source_and_the_file_is_kept(seeds):
    _import(seeds)
    for decision in Decision.objects.all():
        prov = Provenance.objects.filter(object_id=str(decision.pk), content_type__model="decision").first()
        assert prov is not None
        assert prov.line_start <= prov.line_end
        assert prov.document.line_start <= prov.line_start <= prov.document.line_end
    kept = {f.name: bytes(f.content) for f in SourceFile.objects.filter(committed=True)}
    assert kept == dict(seeds)


def test_importing_into_the_loaded_norfolk_data_matches_instead_of_duplicating(seeds):
    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    before = (Meeting.objects.count(), Decision.objects.count(), Attendance.objects.count(), Person.objects.count())
    batch = _import(seeds)
    after = (Meeting.objects.count(), Decision.objects.count(), Attendance.objects.count(), Person.objects.count())
    assert after == before
    assert batch.summary["meetings_created"] == 0
    differences = list(batch.flags.filter(kind="differs_from_database").values_list("message", flat=True))
    # The data file chose 16 September 2021 where the minutes print 2022 (choice C5): that is reported.
    assert any("16 September 2022" in m for m in differences)
    assert Provenance.objects.filter(role="confirmed").exists()


def test_the_same_document_twice_changes_nothing(seeds):
    _import(seeds)
    papers = (WorkProgrammeEntry, FutureItem, WrittenQuestion, CoverReport, Document)
    counts = [m.objects.count() for m in (Meeting, Decision, Attendance, Person, StagedRecord, SourceDocument, AuditEvent,
                                          *papers)]
    call_command("import_documents", *[str(p) for p in sorted(__import__("pathlib").Path(
        str(__import__("saferhub.importer.tests.conftest", fromlist=["SEEDS"]).SEEDS)).glob("*.txt"))])
    assert [m.objects.count() for m in (Meeting, Decision, Attendance, Person, StagedRecord, SourceDocument,
                                        AuditEvent, *papers)] == counts
    assert ImportBatch.objects.count() == 1


def test_a_second_rendering_of_minutes_is_reconciled(seeds):
    by_name = dict(seeds)
    first = _import([("002_b6fab41057f40705.txt", by_name["002_b6fab41057f40705.txt"])])
    meeting = Meeting.objects.get(date=dt.date(2022, 2, 24))
    decisions = Decision.objects.filter(agenda_item__meeting=meeting).count()
    second = _import([("004_a93916ff6b5eb7fc.txt", by_name["004_a93916ff6b5eb7fc.txt"])])
    assert Meeting.objects.filter(date=dt.date(2022, 2, 24)).count() == 1
    assert Decision.objects.filter(agenda_item__meeting=meeting).count() == decisions
    assert second.summary["meetings_matched"] >= 1
    assert first.pk != second.pk
    assert WrittenQuestion.objects.filter(meeting=meeting).count() == 6
    assert Provenance.objects.filter(content_type__model="writtenquestion", role="confirmed").count() == 6


def test_a_failure_part_way_leaves_nothing(seeds):
    batch = actions.read_files(seeds, acting_user=ACTOR)
    with mock.patch("saferhub.importer.commit.Committer.delivery", side_effect=RuntimeError("killed")):
        with pytest.raises(RuntimeError):
            actions.commit_batch(batch, acting_user=ACTOR)
    assert Meeting.objects.count() == 0
    assert SourceDocument.objects.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.REVIEW


def test_staff_choice_on_a_flag_is_used_when_committing(seeds):
    batch = actions.read_files(seeds, acting_user=ACTOR)
    for flag in batch.flags.filter(kind="minutes_date_after_meeting"):
        actions.resolve_flag(flag, choice="2021-09-16", acting_user=ACTOR)
    actions.commit_batch(batch, acting_user=ACTOR)
    meeting = Meeting.objects.get(date=dt.date(2022, 2, 24))
    confirmed = {m.date for item in meeting.agenda_items.all() for m in item.confirms_minutes_of.all()}
    assert confirmed == {dt.date(2021, 9, 16)}
    with pytest.raises(RuleViolation, match="already been committed"):
        actions.resolve_flag(batch.flags.first(), choice="accept", acting_user=ACTOR)


def test_a_flag_choice_must_be_one_offered(seeds):
    batch = actions.read_files(seeds[:1], acting_user=ACTOR)
    flag = batch.flags.first() or ImportFlag.objects.create(batch=batch, kind="x", message="m", source="s")
    with pytest.raises(RuleViolation, match="Choose one of the options"):
        actions.resolve_flag(flag, choice="something else", acting_user=ACTOR)


def test_importing_after_the_papers_data_file_reconciles_papers_without_duplicates(seeds):
    load_committee_data(read_data_file(settings.SAFERHUB_DEFAULT_DATA))
    load_papers_file()
    before = {m: m.objects.count() for m in (WorkProgrammeEntry, FutureItem, WrittenQuestion)}
    batch = _import(seeds)
    # The data file already holds every work-programme row, future item and question.
    assert {m: m.objects.count() for m in before} == before
    messages = list(batch.flags.filter(kind="differs_from_database").values_list("message", flat=True))
    # Its responses are the published text, as the documents print them: no difference; its
    # future items are reworded: reported, not overwritten.
    assert not any(m.startswith("Question") for m in messages)
    assert any("future meeting" in m for m in messages)
    assert WrittenQuestion.objects.get(number=4).response.startswith("The Domestic Abuse Bill Consultation")
    # Every papers record the file holds is linked to the places the documents print it.
    assert Provenance.objects.filter(content_type__model="workprogrammeentry").values("object_id").distinct().count() >= 8
    assert Provenance.objects.filter(content_type__model="writtenquestion").count() == 12
    # Reports had no home in the data file: they are added once.
    reports = CoverReport.objects.count()
    assert reports >= 8
    again = _import([(f"copy-{name}", data + b"\n") for name, data in seeds])
    assert {m: m.objects.count() for m in before} == before and CoverReport.objects.count() == reports
    assert again.summary["papers"] == len(seeds)  # only the new files themselves, as documents
