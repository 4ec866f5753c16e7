"""Issue 3 in a real browser: build an agenda for a new meeting, write a report with an annex,
publish, record the meeting, publish the minutes and confirm them at the following meeting; and
every public papers page passes axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import committee_officer, make_panel
from saferhub.papers import actions
from saferhub.papers.models import Document, Minutes
from saferhub.papers.tests.factories import norfolk_template, pdf_bytes
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_record_meeting import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def implication_fields(page):
    for field in page.locator("textarea[name^='rep-implication_']").all():
        if not field.input_value():
            field.fill("None.")


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_agenda_to_confirmed_minutes(page, live_server, tmp_path):
    panel = make_panel()
    norfolk_template(panel.committee)
    today = timezone.localdate()
    meeting = governance.schedule_meeting(panel.committee, date=today + dt.timedelta(days=1), acting_user=SYSTEM)
    actions.add_work_programme_entry(panel.committee, report="Partnership Priority – Serious Violence", target_meeting=meeting,
                                     issues="An overview of the Domestic Homicide Review process", acting_user=SYSTEM)
    officer = committee_officer(panel, "clerk")
    sign_in(page, live_server, officer.username)

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/papers/")
    page.get_by_role("button", name="Build the agenda").click()
    assert "The agenda has been built" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("link", name=re.compile(r"^Write\s+the report for item 7")).click()
    page.get_by_label("Executive summary").fill("This report gives an overview of how Domestic Homicide Reviews are run.")
    page.get_by_label("Action required").fill("Consider the overview\nAgree any recommendations to the Partnership")
    implication_fields(page)
    page.get_by_label("Final – ready to publish").check()
    page.get_by_role("button", name="Save report").click()
    assert "Report saved." in page.locator(".govuk-notification-banner").inner_text()
    annex = tmp_path / "dhr-annex.pdf"
    annex.write_bytes(pdf_bytes(2, "DHR update"))
    page.get_by_label("Annex title").fill("Update on progress – Domestic Homicide Reviews")
    page.get_by_label("File").set_input_files(str(annex))
    page.get_by_role("button", name="Upload annex").click()
    assert "Annex 1 uploaded." in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "papers-report-edit")

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/papers/")
    page.get_by_role("button", name="Publish now").click()
    assert "published" in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "papers-published")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    documents = page.locator("#documents").locator("xpath=..").inner_text()
    assert "Agenda pack" in documents and "Annex 1" in documents

    # The meeting happens (moved into the past so that it can be recorded).
    meeting = governance.update_meeting(meeting, date=today - dt.timedelta(days=7), acting_user=SYSTEM)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/record/")
    for i in range(5):
        page.get_by_label(f"{panel.member(i).display_name} was present", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_label("Who chaired the meeting?").select_option(label=panel.member(0).display_name)
    page.locator("#id_chair-capacity_0").check()
    page.get_by_role("button", name="Save who chaired").click()
    page.get_by_role("button", name="Confirm attendance").click()
    form = page.locator("form", has=page.get_by_role("button", name="Record decision"))
    form.get_by_label("Agenda item").select_option(label="7. Partnership Priority – Serious Violence")
    form.get_by_label("Decision").select_option("NOTED")
    form.get_by_label("Wording after the verb").fill("the information provided.")
    page.get_by_role("button", name="Record decision").click()
    assert "Decision recorded" in page.locator(".govuk-notification-banner").inner_text()

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/papers/")
    page.get_by_role("button", name="Publish the draft minutes").click()
    assert "draft minutes are published" in page.locator(".govuk-notification-banner").inner_text()

    # The following meeting confirms them.
    following = governance.schedule_meeting(panel.committee, date=today + dt.timedelta(days=90), acting_user=SYSTEM)
    page.goto(f"{live_server.url}/meetings/{following.pk}/papers/")
    page.get_by_role("button", name="Build the agenda").click()
    assert meeting.date.strftime("%-d %B %Y") in page.locator("main").inner_text()
    following_item = following.agenda_items.get(kind="minutes")
    assert meeting in following_item.confirms_minutes_of.all()
    _hold_following(panel, following, today)
    page.goto(f"{live_server.url}/meetings/{following.pk}/papers/")
    page.get_by_role("button", name=re.compile("Confirm the minutes of")).click()
    assert "confirmed and signed" in page.locator(".govuk-notification-banner").inner_text()
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == "confirmed" and minutes.signed_by == panel.member(1)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/")
    assert "Confirmed as an accurate record" in page.locator("body").inner_text()
    assert Document.objects.filter(meeting=meeting, kind="minutes", format="pdf", deleted_at__isnull=True).exists()


def _hold_following(panel, following, today):
    """Record the following meeting as held today, chaired by member 1 (a test cannot wait three months)."""
    from saferhub.governance.models import Meeting

    Meeting.objects.filter(pk=following.pk).update(date=today)
    for person in panel.members[1:6]:
        governance.record_attendance(following, person=person, status="present", acting_user=SYSTEM)
    governance.record_chair(following, person=panel.member(1), capacity="chair", acting_user=SYSTEM)
    governance.finalise_attendance(following, acting_user=SYSTEM)


@pytest.mark.parametrize("kind", ["work-programme", "recommendations", "agenda", "minutes", "papers"])
def test_papers_pages_meet_wcag_22_aa(page, live_server, kind):
    panel = make_panel()
    norfolk_template(panel.committee)
    today = timezone.localdate()
    meeting = governance.schedule_meeting(panel.committee, date=today, acting_user=SYSTEM)
    actions.add_work_programme_entry(panel.committee, report="Prevent", target_meeting=meeting, acting_user=SYSTEM)
    for person in panel.members[:5]:
        governance.record_attendance(meeting, person=person, status="present", acting_user=SYSTEM)
    governance.add_agenda_item(meeting, title="Prevent", kind="report", acting_user=SYSTEM)
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    decision = governance.record_decision(meeting.agenda_items.first(), verb="RECOMMENDED", text="to the Partnership",
                                          acting_user=SYSTEM, recommendations=[{"text": "Report back.",
                                                                                "addressee_organisation": panel.partnership}])
    assert decision
    actions.publish_minutes(meeting, acting_user=SYSTEM)
    urls = {
        "work-programme": f"/committees/{panel.committee.slug}/work-programme/",
        "recommendations": f"/committees/{panel.committee.slug}/recommendations/",
        "agenda": f"/meetings/{meeting.pk}/agenda/",
        "minutes": f"/meetings/{meeting.pk}/minutes/",
        "papers": f"/meetings/{meeting.pk}/papers/",
    }
    if kind == "papers":
        sign_in(page, live_server, committee_officer(panel, "axe").username)
    page.goto(live_server.url + urls[kind])
    assert axe_violations(page) == []
