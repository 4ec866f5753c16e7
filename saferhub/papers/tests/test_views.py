"""Papers pages: the committee officer's forms, public pages and documents, permissions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel, user
from saferhub.papers import actions
from saferhub.papers.models import CoverReport, Document, WorkProgrammeEntry
from saferhub.papers.tests.factories import final_report, future_meeting, norfolk_template, pdf_bytes

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def panel():
    return make_panel()


def papers_post(meeting, section):
    return reverse("papers:meeting-papers-post", args=[meeting.pk, section])


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_staff_builds_writes_uploads_and_publishes(client, panel):
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    actions.add_work_programme_entry(panel.committee, report="Serious violence", target_meeting=meeting, acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    client.post(papers_post(meeting, "build"))
    item = meeting.agenda_items.get(kind="report")
    url = reverse("papers:report-edit", args=[meeting.pk, item.pk])
    page = client.get(url).content.decode()
    assert "Equality Impact Assessment (EqIA)" in page
    response = client.post(url, {"save-report": "1", "rep-title": "Serious violence", "rep-status": "final",
                                 "rep-executive_summary": "", "rep-actions_required": ""})
    assert "A final report needs an executive summary" in response.content.decode()
    data = {"save-report": "1", "rep-title": "Serious violence", "rep-status": "final",
            "rep-executive_summary": "This report gives an overview of reviews.",
            "rep-actions_required": "Consider the report\nAgree recommendations"}
    data.update({f"rep-implication_{k}": "None." for k in ["financial", "staff", "property", "it", "legal", "human_rights",
                                                             "eqia", "dpia", "health_safety", "sustainability", "other",
                                                             "risk", "select_committee"]})
    assert client.post(url, data).status_code == 302
    report = CoverReport.objects.get(agenda_item=item)
    assert report.actions_required == ["Consider the report", "Agree recommendations"]
    upload = SimpleUploadedFile("annex.pdf", pdf_bytes(2), content_type="application/pdf")
    assert client.post(url, {"upload-annex": "1", "annex-title": "Partnership report", "annex-file": upload}).status_code == 302
    bad = SimpleUploadedFile("annex.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url, {"upload-annex": "1", "annex-title": "Bad", "annex-file": bad})
    assert "must be a PDF or a Word document" in response.content.decode()
    response = client.post(papers_post(meeting, "publish"), follow=True)
    assert "The agenda and papers are published." in response.content.decode()
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agenda pack" in public and "Annex 1: Partnership report" in public


def test_draft_documents_are_not_public(client, panel):
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="Report", kind="report", acting_user=SYSTEM)
    report = final_report(item, implications={"eqia": "None."})
    annex = actions.upload_annex(report, title="Draft annex", content=pdf_bytes(1), filename="a.pdf", acting_user=SYSTEM)
    assert client.get(annex.get_absolute_url()).status_code == 404
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get(annex.get_absolute_url()).status_code == 404
    client.force_login(committee_officer(panel, "reader"))
    response = client.get(annex.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_papers_pages_are_hidden_from_other_users(client, panel):
    meeting = future_meeting(panel)
    client.force_login(user("other", Role.COMMITTEE_OFFICER))
    assert client.get(reverse("papers:meeting-papers", args=[meeting.pk])).status_code == 404
    assert client.post(papers_post(meeting, "build")).status_code == 404
    assert not meeting.agenda_items.exists()


def test_rule_breach_on_publish_is_shown_not_a_500(client, panel):
    meeting = future_meeting(panel)
    governance.add_agenda_item(meeting, title="Unwritten report", kind="report", acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    response = client.post(papers_post(meeting, "publish"), follow=True)
    assert "no report yet" in response.content.decode()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_schedule_form_errors(client, panel):
    meeting = future_meeting(panel)
    client.force_login(committee_officer(panel))
    client.post(papers_post(meeting, "build"))
    response = client.post(papers_post(meeting, "schedule"), {"sch-publish_on_day": "1", "sch-publish_on_month": "1",
                                                              "sch-publish_on_year": "2020", "sch-publish_time": "9am"})
    assert "Choose a time in the future" in response.content.decode()


def test_work_programme_page_and_adding_an_entry(client, panel):
    meeting = future_meeting(panel)
    url = reverse("papers:work-programme", args=[panel.committee.slug])
    assert client.get(url).status_code == 200
    assert client.post(url, {"wp-report": "x"}).status_code == 404
    client.force_login(committee_officer(panel))
    response = client.post(url, {"wp-report": "Modern slavery", "wp-target_meeting": "", "wp-issues": "Progress"})
    assert "Choose the meeting, or enter the month" in response.content.decode()
    refused = client.post(url, {"wp-report": "Modern slavery", "wp-target_meeting": meeting.pk}).content.decode()
    assert "Answer the scoping question" in refused and "can change or influence" in refused
    assert not WorkProgrammeEntry.objects.exists()
    scoping = {"wp-scoping_influence": "Yes: partners report to the panel.", "wp-scoping_benefit": "Public assurance.",
               "wp-scoping_method": "A report with the lead officer.", "wp-scoping_outcomes": "Clearer referral routes."}
    client.post(url, {"wp-report": "Modern slavery", "wp-target_meeting": meeting.pk, **scoping})
    client.post(url, {"wp-report": "Fraud", "wp-target_month_day": "1", "wp-target_month_month": "2", "wp-target_month_year": "2031",
                      **scoping})
    assert set(WorkProgrammeEntry.objects.values_list("report", "target_label")) == {
        ("Modern slavery", ""), ("Fraud", "February 2031 (date to be confirmed)")}
    page = client.get(url).content.decode()
    assert "Modern slavery" in page and "February 2031 (date to be confirmed)" in page
    assert "What benefits could scrutiny bring to this issue?" in page and "Clearer referral routes." in page


def test_recommendations_register_shows_overdue_and_takes_responses(client, panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    attend(meeting, panel.members[:5])
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    decision = governance.record_decision(meeting.agenda_items.first(), verb="RECOMMENDED", text="to the Partnership",
                                          acting_user=SYSTEM, recommendations=[{"text": "Explain stalking powers.",
                                                                                "addressee_organisation": panel.partnership}])
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    url = reverse("papers:recommendations", args=[panel.committee.slug])
    page = client.get(url).content.decode()
    assert "Explain stalking powers." in page and "Overdue" in page
    rec = decision.recommendations.get()
    client.force_login(committee_officer(panel))
    respond = reverse("papers:recommendation-respond", args=[panel.committee.slug, rec.pk])
    response = client.post(respond, {"resp-status": "accepted", "resp-response": "Agreed.", "resp-responded_on_day": "1",
                                     "resp-responded_on_month": "8", "resp-responded_on_year": "2023"})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "accepted"


def test_meeting_page_query_count_is_constant_with_documents(client, panel):
    norfolk_template(panel.committee)
    small = future_meeting(panel, days=10)
    actions.build_agenda(small, acting_user=SYSTEM)
    actions.publish_agenda(small, acting_user=SYSTEM)
    big = future_meeting(panel, days=30)
    for n in range(3):
        item = governance.add_agenda_item(big, title=f"Report {n}", kind="report", acting_user=SYSTEM)
        report = final_report(item)
        actions.upload_annex(report, title=f"Annex {n}", content=pdf_bytes(1), filename="a.pdf", acting_user=SYSTEM)
    actions.build_agenda(big, acting_user=SYSTEM)
    actions.publish_agenda(big, acting_user=SYSTEM)

    def count(meeting):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(ctx)

    assert count(small) == count(big)
    assert Document.objects.filter(meeting=big, kind="annex").count() == 3


@pytest.mark.date_sensitive("2026-12-03")  # the meeting is a fortnight ahead
def test_agenda_items_link_to_their_reports_on_the_meeting_page_and_in_the_pack(client, panel):
    norfolk_template(panel.committee)
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="Serious violence duty", kind="report", acting_user=SYSTEM)
    report = final_report(item, title="Serious violence duty: progress")
    actions.upload_annex(report, title="Strategic needs assessment", content=pdf_bytes(1), filename="a.pdf",
                         acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    before = client.get(meeting.get_absolute_url()).content.decode()
    assert "Report: Serious violence duty: progress" not in before  # nothing linked before publication
    actions.publish_agenda(meeting, acting_user=SYSTEM)
    pack = Document.objects.get(meeting=meeting, kind="agenda_pack", format="html")
    annex = Document.objects.get(meeting=meeting, kind="annex")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{pack.get_absolute_url()}#item-{item.pk}">Report: Serious violence duty: progress' in page
    assert f'href="{annex.get_absolute_url()}">Annex 1: Strategic needs assessment (PDF)' in page
    html = pack.file.read().decode()
    assert f'<a href="#item-{item.pk}">Serious violence duty</a>' in html and f'id="item-{item.pk}"' in html


@pytest.mark.date_sensitive("2026-12-03")  # the meeting is a fortnight ahead
def test_committee_officer_marks_an_item_exempt_with_its_paragraph(client, panel):
    meeting = future_meeting(panel)
    item = governance.add_agenda_item(meeting, title="Named case", kind="report", acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    refused = client.post(papers_post(meeting, "exempt"), {"item": item.pk, "paragraph": "9"}, follow=True)
    assert "Schedule 12A" in refused.content.decode() and not hasattr(item, "exemption")
    client.post(papers_post(meeting, "exempt"), {"item": item.pk, "paragraph": "2"})
    item.refresh_from_db()
    assert item.exemption.paragraph == 2
    page = client.get(reverse("papers:meeting-papers", args=[meeting.pk])).content.decode()
    assert "Exempt – paragraph 2" in page
