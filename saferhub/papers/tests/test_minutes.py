"""Minutes: draft, published, confirmed at a later quorate meeting and signed by its Chair; written
questions; the Chair's report to the parent committee; recommendation responses."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import attend, make_meeting, make_panel
from saferhub.papers import actions
from saferhub.papers.models import Document, Minutes, RecommendationResponse

pytestmark = pytest.mark.django_db
D = dt.date


def held(panel, day, chair=0, items=1):
    meeting = make_meeting(panel, date=day, items=items)
    attend(meeting, panel.members[:5])
    governance.record_chair(meeting, person=panel.member(chair), capacity="chair", acting_user=SYSTEM)
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    return meeting


def minutes_item(meeting, confirms):
    return governance.add_agenda_item(meeting, title="Minutes", kind="minutes", confirms=confirms, acting_user=SYSTEM)


def test_minutes_lifecycle_draft_published_confirmed():
    panel = make_panel()
    june = held(panel, D(2022, 6, 9))
    governance.record_decision(june.agenda_items.first(), verb="NOTED", text="the report.", acting_user=SYSTEM)
    minutes = actions.publish_minutes(june, acting_user=SYSTEM)
    assert minutes.status == "published"
    june.refresh_from_db()
    assert june.record_published
    docs = Document.objects.filter(meeting=june, kind="minutes", deleted_at__isnull=True)
    assert sorted(d.format for d in docs) == ["docx", "html", "pdf"]
    html = docs.get(format="html").file.read().decode()
    assert "NOTED" in html and "Draft: to be confirmed" in html
    feb = held(panel, D(2023, 2, 24), chair=1)
    item = minutes_item(feb, [june])
    minutes = actions.confirm_minutes(june, at_item=item, acting_user=SYSTEM)
    assert (minutes.status, minutes.confirmed_on, minutes.signed_by) == ("confirmed", D(2023, 2, 24), panel.member(1))
    html = Document.objects.get(meeting=june, kind="minutes", format="html", deleted_at__isnull=True).file.read().decode()
    assert "Confirmed as an accurate record on 24 February 2023" in html
    assert Document.objects.filter(meeting=june, kind="minutes", deleted_at__isnull=False).count() == 3
    with pytest.raises(RuleViolation, match="already confirmed"):
        actions.confirm_minutes(june, at_item=item, acting_user=SYSTEM)


def test_minutes_cannot_be_confirmed_at_an_inquorate_meeting():
    panel = make_panel()
    june = held(panel, D(2022, 6, 9))
    sept = make_meeting(panel, date=D(2022, 9, 28), items=0)
    item = minutes_item(sept, [june])
    attend(sept, panel.members[:3])
    governance.finalise_attendance(sept, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="quorate meeting"):
        actions.confirm_minutes(june, at_item=item, acting_user=SYSTEM)
    assert not Minutes.objects.filter(meeting=june, status="confirmed").exists()


def test_confirming_needs_the_chair_recorded():
    panel = make_panel()
    june = held(panel, D(2022, 6, 9))
    feb = make_meeting(panel, date=D(2023, 2, 24), items=0)
    attend(feb, panel.members[:5])
    governance.finalise_attendance(feb, acting_user=SYSTEM)
    item = minutes_item(feb, [june])
    with pytest.raises(RuleViolation, match="record who chaired it first"):
        actions.confirm_minutes(june, at_item=item, acting_user=SYSTEM)


def test_inquorate_minutes_contain_the_standard_minute():
    panel = make_panel()
    sept = make_meeting(panel, date=D(2022, 9, 28), items=1)
    attend(sept, panel.members[:3])
    governance.finalise_attendance(sept, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    actions.publish_minutes(sept, acting_user=SYSTEM)
    html = Document.objects.get(meeting=sept, kind="minutes", format="html").file.read().decode()
    assert "Minutes of the inquorate meeting" in html and "declared inquorate at 10.05 am" in html


def test_written_questions_are_numbered_across_the_meeting_and_appended():
    panel = make_panel()
    meeting = held(panel, D(2022, 2, 24), items=2)
    first, second = list(meeting.agenda_items.filter(kind="report").order_by("position"))
    q1 = actions.record_written_question(meeting, question="Is there a referral process?", agenda_item=first, acting_user=SYSTEM)
    q2 = actions.record_written_question(meeting, question="Can we see the evaluation?", agenda_item=second, acting_user=SYSTEM)
    assert (q1.number, q2.number) == (1, 2)
    with pytest.raises(RuleViolation, match="before the meeting"):
        actions.answer_written_question(q1, response="Yes.", responded_on=D(2022, 2, 1), acting_user=SYSTEM)
    actions.publish_minutes(meeting, acting_user=SYSTEM)
    actions.answer_written_question(q1, response="Referral routes are in place in every district.",
                                    responded_on=D(2022, 3, 10), response_from=panel.partnership, acting_user=SYSTEM)
    pdf = Document.objects.get(meeting=meeting, kind="minutes", format="pdf", deleted_at__isnull=True)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.file.read())).pages)
    assert "Questions requiring written responses" in text and "Referral routes are in place" in text
    assert "Response awaited" in text


def test_chair_report_goes_to_the_next_parent_meeting_and_is_fixed_once_sent():
    panel = make_panel()
    parent = make_panel(slug="parent")
    governance.update_terms_of_reference(panel.committee, parent=parent.committee, acting_user=SYSTEM)
    meeting = held(panel, D(2023, 6, 8))
    decision = governance.record_decision(meeting.agenda_items.first(), verb="RECOMMENDED", text="to the Partnership;",
                                          acting_user=SYSTEM, recommendations=[{"text": "Report on stalking powers.",
                                                                                "addressee_organisation": panel.partnership}])
    target = governance.schedule_meeting(parent.committee, date=D(2023, 6, 21), acting_user=SYSTEM)
    governance.schedule_meeting(parent.committee, date=D(2023, 9, 20), acting_user=SYSTEM)
    report = actions.draft_chair_report(meeting, acting_user=SYSTEM)
    assert report.to_meeting == target
    assert "Report on stalking powers." in report.body and "RECOMMENDED" in report.body
    actions.edit_chair_report(report, title=report.title, body=report.body + "\nThe Chair thanked officers.", acting_user=SYSTEM)
    actions.send_chair_report(report, acting_user=SYSTEM)
    report.refresh_from_db()
    assert report.status == "sent"
    with pytest.raises(RuleViolation, match="can no longer be edited"):
        actions.edit_chair_report(report, title="x", body="y", acting_user=SYSTEM)
    assert Document.objects.filter(kind="chair_report", published_at__isnull=False).count() == 1
    assert decision.recommendations.count() == 1


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_recommendation_responses_move_the_status():
    panel = make_panel()
    meeting = held(panel, D(2023, 6, 8))
    decision = governance.record_decision(meeting.agenda_items.first(), verb="RECOMMENDED", text="to the Partnership",
                                          acting_user=SYSTEM, recommendations=[{"text": "Explain stalking powers.",
                                                                                "addressee_organisation": panel.partnership}])
    rec = decision.recommendations.get()
    with pytest.raises(RuleViolation, match="between the meeting and today"):
        actions.record_recommendation_response(rec, status="accepted", response="Yes", responded_on=D(2023, 1, 1), acting_user=SYSTEM)
    actions.record_recommendation_response(rec, status="accepted", response="The next report will cover it.",
                                           responded_on=D(2023, 8, 1), acting_user=SYSTEM)
    rec.refresh_from_db()
    assert rec.status == "accepted"
    actions.record_recommendation_response(rec, status="implemented", response="Covered in the December report.",
                                           responded_on=D(2023, 12, 7), acting_user=SYSTEM)
    rec.refresh_from_db()
    assert rec.status == "implemented"
    with pytest.raises(RuleViolation, match="cannot become"):
        actions.record_recommendation_response(rec, status="rejected", response="x", responded_on=timezone.localdate(),
                                               acting_user=SYSTEM)
    assert RecommendationResponse.objects.filter(recommendation=rec).count() == 2


def test_standard_delegation_names_the_parent_committees_next_meeting():
    panel = make_panel()
    parent = make_panel(slug="parent-committee")
    governance.update_terms_of_reference(panel.committee, parent=parent.committee, acting_user=SYSTEM)
    actions.update_paper_settings(panel.committee, delegation_wording="to delegate the report to the Chair for {date}.",
                                  acting_user=SYSTEM)
    meeting = held(panel, D(2022, 6, 9))
    governance.schedule_meeting(parent.committee, date=D(2022, 6, 23), acting_user=SYSTEM)
    item = meeting.agenda_items.get(kind="report")
    decision = actions.record_delegation(item, acting_user=SYSTEM)
    assert (decision.verb, decision.text) == ("AGREED", "to delegate the report to the Chair for 23 June 2022.")
    with pytest.raises(RuleViolation, match="already has the delegation"):
        actions.record_delegation(item, acting_user=SYSTEM)
