"""Pages: public reads, the committee officer's recording pages, permissions, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import Attendance, Decision
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel, person, user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def panel():
    return make_panel()


def record_url(meeting, section=None):
    if section:
        return reverse("governance:meeting-record-post", args=[meeting.pk, section])
    return reverse("governance:meeting-record", args=[meeting.pk])


def test_public_pages_render(client, panel):
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    for url in ["/", "/committees/", panel.committee.get_absolute_url(), meeting.get_absolute_url(),
                reverse("governance:committee-meetings", args=[panel.committee.slug]),
                reverse("governance:person-detail", args=[panel.member(0).pk]), "/accessibility/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert panel.member(0).display_name in page and "5 voting members present" in page


def meeting_page_queries(client, meeting):
    client.get(meeting.get_absolute_url())  # warm: the site configuration is cached after the first request
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    return len(ctx)


def api_queries(client, meeting):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200
    return len(ctx)


def test_meeting_page_and_api_query_counts_do_not_grow_with_the_record(client, panel):
    small = make_meeting(panel, date=D(2022, 6, 9), items=1)
    attend(small, panel.members[:5])
    actions.finalise_attendance(small, acting_user=SYSTEM)
    item = small.agenda_items.get()
    actions.record_decision(item, verb="RECOMMENDED", text="to the Partnership", acting_user=SYSTEM,
                            recommendations=[{"text": "Do more.", "addressee_organisation": panel.partnership}])
    actions.record_declaration(small, person=panel.member(0), interest_type="Other", nature="Trustee", acting_user=SYSTEM)
    big = make_meeting(panel, date=D(2022, 9, 1), items=8)
    attend(big, panel.members[:9])
    actions.record_attendance(big, person=panel.substitute(9), status="present", acting_user=SYSTEM)
    for i in range(6):
        officer = person(f"Guest Officer {i}", councillor=False)
        actions.record_attendance(big, person=officer, status="in_attendance", acting_user=SYSTEM)
    actions.finalise_attendance(big, acting_user=SYSTEM)
    for item in big.agenda_items.all():
        actions.record_decision(item, verb="NOTED", text="the report.", acting_user=SYSTEM)
        actions.record_decision(item, verb="RECOMMENDED", text="to the Partnership", acting_user=SYSTEM,
                                recommendations=[{"text": "Do more.", "addressee_organisation": panel.partnership}])
    actions.record_declaration(big, person=panel.member(0), interest_type="Other", nature="Trustee", acting_user=SYSTEM)
    for m in (small, big):
        actions.publish_meeting_record(m, acting_user=SYSTEM)
    assert meeting_page_queries(client, small) == meeting_page_queries(client, big)
    assert api_queries(client, small) == api_queries(client, big)


def test_recording_page_is_hidden_from_people_who_cannot_record(client, panel):
    meeting = make_meeting(panel)
    assert client.get(record_url(meeting)).status_code == 302  # sign in first
    client.force_login(user("councillor", Role.COUNCILLOR))
    assert client.get(record_url(meeting)).status_code == 404
    client.force_login(user("other-officer", Role.COMMITTEE_OFFICER))  # not assigned to this committee
    assert client.get(record_url(meeting)).status_code == 404
    assert client.post(record_url(meeting, "attendance"), {}).status_code == 404


def seat_field(panel, index):
    return f"att-seat_{panel.seats[index].pk}"


def test_officer_records_attendance_with_a_substitute_and_the_quorum_changes(client, panel):
    meeting = make_meeting(panel)
    client.force_login(committee_officer(panel))
    page = client.get(record_url(meeting)).content.decode()
    assert 'data-testid="voting-present">0<' in page
    data = {seat_field(panel, i): "present" for i in range(4)}
    data[seat_field(panel, 4)] = f"substitute:{panel.substitute(4).pk}"
    data[seat_field(panel, 5)] = "apologies"
    response = client.post(record_url(meeting, "attendance"), data, follow=True)
    page = response.content.decode()
    assert 'data-testid="voting-present">5<' in page and "Quorate" in page
    sub = Attendance.objects.get(meeting=meeting, person=panel.substitute(4))
    assert sub.substitute_for == panel.member(4)
    assert Attendance.objects.get(meeting=meeting, person=panel.member(4)).status == "apologies"


def test_switching_from_substitute_to_member_is_applied_in_a_safe_order(client, panel):
    meeting = make_meeting(panel)
    client.force_login(committee_officer(panel))
    client.post(record_url(meeting, "attendance"), {seat_field(panel, 0): f"substitute:{panel.substitute(0).pk}"})
    client.post(record_url(meeting, "attendance"), {seat_field(panel, 0): "present"})
    rows = {a.person_id: a.status for a in Attendance.objects.filter(meeting=meeting)}
    assert rows == {panel.member(0).pk: "present"}


def test_invalid_seat_choice_is_an_error_and_saves_nothing(client, panel):
    meeting = make_meeting(panel)
    client.force_login(committee_officer(panel))
    response = client.post(record_url(meeting, "attendance"), {
        seat_field(panel, 0): "present",
        seat_field(panel, 1): f"substitute:{panel.substitute(2).pk}",  # another seat's substitute
    })
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_rule_breach_in_a_form_shows_the_rule_not_a_500(client, panel):
    meeting = make_meeting(panel)
    actions.record_attendance(meeting, person=panel.member(0), status="present", acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    response = client.post(record_url(meeting, "declarations"), {
        "dec-person": panel.member(0).pk, "dec-interest_type": "DPI", "dec-nature": "Owns the land", "dec-agenda_item": "",
    })
    assert response.status_code == 200
    assert "Say which agenda item the Disclosable Pecuniary Interest relates to" in response.content.decode()


def test_finalise_inquorate_then_decisions_are_not_offered(client, panel):
    meeting = make_meeting(panel)
    actions.record_attendance(meeting, person=panel.member(0), status="present", acting_user=SYSTEM)
    client.force_login(committee_officer(panel))
    response = client.post(record_url(meeting, "finalise"), {"fin-declared_at": ""})
    assert "enter the time it was declared inquorate" in response.content.decode()
    response = client.post(record_url(meeting, "finalise"), {"fin-declared_at": "10.05am"}, follow=True)
    page = response.content.decode()
    assert "The meeting was inquorate" in page and "no decisions can be recorded" in page
    item = meeting.agenda_items.exclude(kind="inquorate").first()
    response = client.post(record_url(meeting, "decisions"), {"dcn-agenda_item": item.pk, "dcn-verb": "NOTED", "dcn-text": "x"})
    assert response.status_code == 200
    assert not Decision.objects.exists()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_full_recording_flow_with_decisions_and_publication(client, panel):
    meeting = make_meeting(panel, date=timezone.localdate())
    client.force_login(committee_officer(panel))
    client.post(record_url(meeting, "attendance"), {seat_field(panel, i): "present" for i in range(6)})
    client.post(record_url(meeting, "officers"), {"off-name": "Amanda Example", "off-title": "Head of Community Safety",
                                                  "off-status": "in_attendance"})
    client.post(record_url(meeting, "chair"), {"chair-person": panel.member(0).pk, "chair-capacity": "chair"})
    client.post(record_url(meeting, "finalise"), {"fin-declared_at": ""})
    item = meeting.agenda_items.first()
    client.post(record_url(meeting, "declarations"), {"dec-person": panel.member(1).pk, "dec-interest_type": "Other",
                                                      "dec-nature": "Trustee of a charity", "dec-agenda_item": item.pk})
    response = client.post(record_url(meeting, "decisions"), {
        "dcn-agenda_item": item.pk, "dcn-verb": "RECOMMENDED", "dcn-text": "to the Partnership",
        "dcn-recommendations": "Report on stalking powers.\n\nReport on barriers.", "dcn-addressee": f"org:{panel.partnership.pk}",
    }, follow=True)
    assert "Decision recorded" in response.content.decode()
    decision = Decision.objects.get()
    assert decision.recommendations.count() == 2
    client.post(record_url(meeting, "publish"))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "RECOMMENDED" in page and "Amanda Example" in page and "Report on barriers." in page


def test_schedule_meeting_form_validates_dates(client, panel):
    client.force_login(committee_officer(panel))
    url = reverse("governance:meeting-schedule", args=[panel.committee.slug])
    response = client.post(url, {"mtg-date_day": "31", "mtg-date_month": "2", "mtg-date_year": "2026", "mtg-venue": "Hall"})
    assert "Enter a real date" in response.content.decode()
    response = client.post(url, {"mtg-date_day": "8", "mtg-date_month": "12", "mtg-date_year": "2026", "mtg-start_time": "10am",
                                 "mtg-venue": "Council Chamber"})
    assert response.status_code == 302


def test_sensitive_register_entries_are_withheld_from_the_public(client, panel):
    actions.add_register_entry(panel.member(0), interest_type="DPI", category="land", description="Home address in X",
                               registered_on=D(2022, 1, 1), sensitive=True, acting_user=SYSTEM)
    actions.add_register_entry(panel.member(0), interest_type="Other", category="body_membership", code_category="charity",
                               description="Trustee of a charity", registered_on=D(2022, 1, 1), acting_user=SYSTEM)
    page = client.get(reverse("governance:person-detail", args=[panel.member(0).pk])).content.decode()
    assert "Trustee of a charity" in page and "Home address in X" not in page and "whose details are withheld" in page


def test_officers_without_committee_places_have_no_public_profile(client, panel):
    assert client.get(reverse("governance:person-detail", args=[panel.officer.pk])).status_code == 404


def test_nonsense_urls_are_404_pages(client):
    assert client.get("/meetings/999999/").status_code == 404
    assert client.get("/committees/nope/").status_code == 404
