"""Building and publishing agendas and packs; the publication clock; scheduled publication."""

import datetime as dt
import io

import pytest
import time_machine
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions as governance
from saferhub.governance.models import AgendaItem
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel, user
from saferhub.papers import actions, queries
from saferhub.papers.models import Document, MeetingPapers
from saferhub.papers.tests.factories import docx_bytes, final_report, future_meeting, norfolk_template, pdf_bytes

pytestmark = pytest.mark.django_db
D = dt.date


def kinds(meeting):
    return [(i.number, i.kind) for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")]


def test_first_agenda_of_the_year_has_elections_and_terms_of_reference():
    panel = make_panel()
    meeting = future_meeting(panel)
    actions.add_work_programme_entry(panel.committee, report="Serious violence", target_meeting=meeting, acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    assert kinds(meeting) == [("1", "apologies"), ("2", "election"), ("3", "election"), ("4", "declarations"),
                              ("5", "urgent_business"), ("6", "terms_of_reference"), ("7", "report"), ("8", "work_programme")]
    entry = queries.planned_for(meeting)[0]
    assert entry.status == "on_agenda" and entry.agenda_item.title == "Serious violence"


def test_later_agenda_confirms_every_unconfirmed_set_of_minutes():
    """24 February 2023 confirmed 9 June, 28 September and 8 December 2022 (seed 001:43-47)."""
    panel = make_panel()
    june = make_meeting(panel, date=D(2022, 6, 9), items=0)
    attend(june, panel.members[:5])
    governance.finalise_attendance(june, acting_user=SYSTEM)
    governance.elect_office_holder(panel.committee, office="chair", person=panel.member(0), meeting=june, acting_user=SYSTEM)
    sept = make_meeting(panel, date=D(2022, 9, 28), items=0)
    attend(sept, panel.members[:3])
    governance.finalise_attendance(sept, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    dec = make_meeting(panel, date=D(2022, 12, 8), items=0)
    attend(dec, panel.members[:3])
    governance.finalise_attendance(dec, declared_at=dt.time(10, 3), acting_user=SYSTEM)
    with time_machine.travel("2023-02-01T12:00Z", tick=False):
        feb = governance.schedule_meeting(panel.committee, date=D(2023, 2, 24), acting_user=SYSTEM)
        actions.build_agenda(feb, acting_user=SYSTEM)
    minutes_item = feb.agenda_items.get(kind="minutes")
    assert [m.date for m in minutes_item.confirms_minutes_of.order_by("date")] == [D(2022, 6, 9), D(2022, 9, 28), D(2022, 12, 8)]
    assert not feb.agenda_items.filter(kind="election").exists()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_inquorate_meeting_business_moves_to_the_next_agenda_automatically():
    panel = make_panel()
    today = timezone.localdate()
    failed = make_meeting(panel, date=today, items=0)
    report = governance.add_agenda_item(failed, title="Modern slavery update", kind="report", acting_user=SYSTEM)
    actions.add_work_programme_entry(panel.committee, report="Community Trigger communications", target_meeting=failed,
                                     acting_user=SYSTEM)
    nxt = future_meeting(panel, days=60)
    attend(failed, panel.members[:2])
    governance.finalise_attendance(failed, declared_at=dt.time(10, 3), acting_user=SYSTEM)
    titles = set(nxt.agenda_items.values_list("title", flat=True))
    assert "Modern slavery update" in titles
    copy = nxt.agenda_items.get(title="Modern slavery update")
    assert copy.carried_from == report
    assert queries.planned_for(nxt)[0].carried_from.report == "Community Trigger communications"
    actions.build_agenda(nxt, acting_user=SYSTEM)
    minutes_item = nxt.agenda_items.get(kind="minutes")
    assert failed in minutes_item.confirms_minutes_of.all()
    assert nxt.agenda_items.filter(title="Modern slavery update").count() == 1
    assert nxt.agenda_items.filter(title="Community Trigger communications").count() == 1


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_cancelled_meeting_business_waits_for_the_next_meeting_to_be_scheduled():
    panel = make_panel()
    cancelled = make_meeting(panel, date=timezone.localdate() + dt.timedelta(days=3), items=0)
    governance.add_agenda_item(cancelled, title="Prevent update", kind="report", acting_user=SYSTEM)
    governance.cancel_meeting(cancelled, reason="Severe weather", acting_user=SYSTEM)
    later = future_meeting(panel, days=40)
    actions.build_agenda(later, acting_user=SYSTEM)
    assert later.agenda_items.filter(title="Prevent update", carried_from__isnull=False).count() == 1


def test_publishing_needs_final_reports():
    panel = make_panel()
    meeting = future_meeting(panel)
    actions.add_work_programme_entry(panel.committee, report="Serious violence", target_meeting=meeting, acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="no report yet: item 7 \\(Serious violence\\)"):
        actions.publish_agenda(meeting, acting_user=SYSTEM)
    item = meeting.agenda_items.get(kind="report")
    actions.save_cover_report(item, executive_summary="Draft", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="still drafts: item 7"):
        actions.publish_agenda(meeting, acting_user=SYSTEM)
    assert not Document.objects.exists()


def test_final_report_without_eqia_is_refused():
    panel = make_panel()
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="Report", kind="report", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Equality Impact Assessment"):
        final_report(item, implications={"eqia": ""})


def test_published_pack_has_real_page_numbers_and_merged_pdf_annex():
    panel = make_panel()
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    first = governance.add_agenda_item(meeting, title="Serious violence", kind="report", acting_user=SYSTEM)
    second = governance.add_agenda_item(meeting, title="Prevent", kind="report", acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    report = final_report(first)
    actions.upload_annex(report, title="Partnership DHR report", content=pdf_bytes(3, "DHR annex"), filename="dhr.pdf",
                         acting_user=SYSTEM)
    word = final_report(second)
    actions.upload_annex(word, title="Prevent update", content=docx_bytes("Prevent annex text in Word."), filename="p.docx",
                         acting_user=SYSTEM)
    papers = actions.publish_agenda(meeting, acting_user=SYSTEM)
    pack = Document.objects.get(meeting=meeting, kind="agenda_pack", format="pdf")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pack.file.read()))
    assert len(reader.pages) == papers.pack_pages == pack.page_count
    first.refresh_from_db()
    second.refresh_from_db()
    # The front sheet's page numbers are the pages where each report starts.
    assert "Serious violence" in reader.pages[first.page - 1].extract_text()
    assert "Prevent" in reader.pages[second.page - 1].extract_text()
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "DHR annex page 3" in text and "Prevent annex text in Word." in text
    front = reader.pages[0].extract_text()
    assert f"(Page {first.page})" in front and f"(Page {second.page})" in front
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert Document.objects.filter(meeting=meeting, published_at__isnull=False).count() == 8  # 3 agenda, 3 pack, 2 annexes
    import docx as python_docx

    word_pack = python_docx.Document(Document.objects.get(meeting=meeting, kind="agenda_pack", format="docx").file)
    assert any("Serious violence" in p.text for p in word_pack.paragraphs)
    assert AuditEvent.objects.filter(code="papers.agenda.published").count() == 1
    with pytest.raises(RuleViolation, match="already been published"):
        actions.publish_agenda(meeting, acting_user=SYSTEM)


def test_annex_uploads_are_checked_by_content():
    panel = make_panel()
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="Report", kind="report", acting_user=SYSTEM)
    report = final_report(item, implications={"eqia": "None."})
    with pytest.raises(RuleViolation, match="must be a PDF or a Word document"):
        actions.upload_annex(report, title="x", content=b"MZ\x90\x00 not a document", filename="evil.pdf", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="not a readable PDF"):
        actions.upload_annex(report, title="x", content=b"%PDF-1.7 truncated rubbish", filename="x.pdf", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="empty"):
        actions.upload_annex(report, title="x", content=b"", filename="x.pdf", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="smaller than 25 MB"):
        actions.upload_annex(report, title="x", content=b"%PDF-" + b"0" * (25 * 1024 * 1024), filename="x.pdf",
                             acting_user=SYSTEM)
    assert not Document.objects.exists()


def test_publication_deadline_counts_clear_working_days():
    panel = make_panel()
    meeting = governance.schedule_meeting(panel.committee, date=D(2030, 6, 13), acting_user=SYSTEM)
    assert queries.publication_deadline(meeting) == D(2030, 6, 5)
    actions.update_paper_settings(panel.committee, publication_clear_days=3, acting_user=SYSTEM)
    panel.committee.refresh_from_db()
    assert queries.publication_deadline(meeting) == D(2030, 6, 7)
    with pytest.raises(RuleViolation, match="at least 3 clear working days"):
        actions.update_paper_settings(panel.committee, publication_clear_days=2, acting_user=SYSTEM)


def test_dashboard_warning_when_inside_the_window_with_nothing_published():
    panel = make_panel()
    with time_machine.travel("2030-06-03T12:00+01:00", tick=False):
        governance.schedule_meeting(panel.committee, date=D(2030, 6, 13), acting_user=SYSTEM)
        warnings = queries.publication_warnings(panel.committee)
        assert warnings and "by 5 June 2030" in warnings[0][1]
    with time_machine.travel("2030-06-07T12:00+01:00", tick=False):
        assert "is late" in queries.publication_warnings(panel.committee)[0][1]


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_scheduled_publication_is_done_by_the_task():
    from saferhub.papers.tasks import publish_due_agendas, publish_scheduled_agenda

    panel = make_panel()
    meeting = future_meeting(panel, days=20)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    when = timezone.now() + dt.timedelta(days=2)
    with pytest.raises(RuleViolation, match="in the future"):
        actions.schedule_publication(meeting, publish_at=timezone.now() - dt.timedelta(hours=1), acting_user=SYSTEM)
    actions.schedule_publication(meeting, publish_at=when, acting_user=SYSTEM)
    assert publish_scheduled_agenda.call(meeting.pk) == "not yet due"
    with time_machine.travel((when + dt.timedelta(minutes=1)).timestamp(), tick=False):  # a float keeps TZ
        assert publish_due_agendas() == [meeting.pk]
    assert MeetingPapers.objects.get(meeting=meeting).published_at is not None
    assert AuditEvent.objects.get(code="papers.agenda.published").actor_repr == "Scheduled publication"


def test_scheduling_enqueues_a_background_task():
    from django_tasks_db.models import DBTaskResult

    panel = make_panel()
    meeting = future_meeting(panel, days=20)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    with pytest.MonkeyPatch.context() as mp:
        from django.db import transaction

        mp.setattr(transaction, "on_commit", lambda func, *a, **k: func())
        actions.schedule_publication(meeting, publish_at=timezone.now() + dt.timedelta(days=1), acting_user=SYSTEM)
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [meeting.pk] and task.run_after > timezone.now()


@pytest.mark.parametrize("role,allowed", [(Role.COUNCILLOR, False), (Role.PARTNERSHIP_OFFICER, False), (Role.COMMITTEE_OFFICER, True)])
def test_who_may_publish(role, allowed):
    panel = make_panel()
    meeting = future_meeting(panel)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    u = committee_officer(panel, "pub") if allowed else user(f"u-{role}", role)
    if allowed:
        actions.publish_agenda(meeting, acting_user=u)
    else:
        with pytest.raises(ActionPermissionDenied):
            actions.publish_agenda(meeting, acting_user=u)
