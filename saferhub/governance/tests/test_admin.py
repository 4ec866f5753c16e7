"""The Django admin is a write path too: it goes through the actions and shows rule breaches as
form errors, saving nothing."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from saferhub.core.models import AuditEvent
from saferhub.governance.models import Attendance, Membership, Seat
from saferhub.governance.tests.factories import make_meeting, make_panel, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-test-password-123")
    client.force_login(admin)
    return client


def test_admin_refuses_a_second_named_substitute(admin_client):
    panel = make_panel()
    extra = person("Admin Extra", organisation=panel.districts[0])
    response = admin_client.post("/admin/governance/membership/add/", {
        "committee": panel.committee.pk, "seat": panel.seats[3].pk, "person": extra.pk, "role": "substitute",
        "start_date": "2022-01-01", "end_date": "", "note": "",
    })
    assert response.status_code == 200
    assert "already has its named substitute" in response.content.decode()
    assert not Membership.objects.filter(person=extra).exists()


def test_admin_appoints_through_the_action_with_an_audit_row(admin_client):
    panel = make_panel(substitutes=False)
    sub = person("Admin Substitute", organisation=panel.districts[0])
    response = admin_client.post("/admin/governance/membership/add/", {
        "committee": panel.committee.pk, "seat": panel.seats[3].pk, "person": sub.pk, "role": "substitute",
        "start_date": "2022-01-01", "end_date": "", "note": "added in admin",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    m = Membership.objects.get(person=sub)
    assert AuditEvent.objects.filter(code="governance.membership.appointed", target_id=str(m.pk)).exists()


def test_admin_refuses_a_fourth_county_seat(admin_client):
    panel = make_panel()
    group = panel.committee.seat_groups.get(name="County Council members")
    before = Seat.objects.count()
    response = admin_client.post("/admin/governance/seat/add/", {
        "committee": panel.committee.pk, "group": group.pk, "organisation": panel.county.pk, "number": 11,
    })
    assert "provide 3 seats for County Council members" in response.content.decode()
    assert Seat.objects.count() == before


def test_admin_attendance_breach_is_a_form_error(admin_client):
    panel = make_panel()
    meeting = make_meeting(panel, date=dt.date(2022, 6, 9))
    response = admin_client.post("/admin/governance/attendance/add/", {
        "meeting": meeting.pk, "person": panel.substitute(1).pk, "role": "substitute", "status": "present",
        "substitute_for": panel.member(2).pk, "title": "", "organisation": "",
    })
    assert response.status_code == 200
    assert "named substitute for" in response.content.decode()
    assert not Attendance.objects.exists()


def test_admin_cannot_delete_memberships(admin_client):
    panel = make_panel()
    m = Membership.objects.filter(committee=panel.committee).first()
    response = admin_client.post(f"/admin/governance/membership/{m.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=m.pk).exists()


def test_admin_audit_trail_is_read_only(admin_client):
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403
