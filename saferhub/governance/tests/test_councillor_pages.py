"""Councillor pages, the committee attendance table, the attendance grid and the monitoring
officer's tasks: permissions for each kind of user, constant query counts, nothing half-saved."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import Attendance, MonitoringOfficerTask
from saferhub.governance.tests.factories import attend, committee_officer, held, make_meeting, make_panel, user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def panel():
    return make_panel()


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def users(panel):
    other = make_panel()
    return {
        "anonymous": None,
        "councillor": user("cllr", Role.COUNCILLOR, person=panel.member(0)),
        "other_officer": committee_officer(other, "other-officer"),
        "committee_officer": committee_officer(panel),
        "administrator": user("admin", Role.ADMINISTRATOR),
    }


def status_for(client, who, url, method="get", data=None):
    client.logout()
    if who is not None:
        client.force_login(who)
    return getattr(client, method)(url, data or {}).status_code


def test_public_pages_for_everyone(client, panel):
    meeting = held(panel, D(2023, 6, 8), panel.members[:6])
    for name, who in users(panel).items():
        for url in [reverse("governance:councillor-list"), reverse("governance:person-detail", args=[panel.member(0).pk]),
                    reverse("governance:committee-attendance", args=[panel.committee.slug])]:
            assert status_for(client, who, url) == 200, (name, url)
    assert meeting.pk


def test_private_bodies_never_on_public_pages(client, panel):
    held(panel, D(2023, 6, 8), panel.members[:6])
    panel.committee.is_public = False
    panel.committee.save(update_fields=["is_public"])  # test set-up only
    admin = user("admin", Role.ADMINISTRATOR)
    client.force_login(admin)
    assert client.get(reverse("governance:committee-attendance", args=[panel.committee.slug])).status_code == 404
    page = client.get(reverse("governance:councillor-list")).content.decode()
    assert panel.member(0).display_name not in page
    person_page = client.get(reverse("governance:person-detail", args=[panel.member(0).pk])).content.decode()
    assert panel.committee.name not in person_page


def test_attendance_per_civic_year_excludes_cancelled_meetings(client, panel):
    held(panel, D(2023, 6, 8), panel.members[:6])
    held(panel, D(2023, 9, 28), panel.members[1:7])
    cancelled = make_meeting(panel, date=D(2023, 11, 1), items=0)
    actions.cancel_meeting(cancelled, reason="No business", acting_user=SYSTEM)
    page = client.get(reverse("governance:person-detail", args=[panel.member(0).pk])).content.decode()
    assert "2023-24" in page and "50%" in page and "<svg" in page and 'role="region"' in page
    grid = client.get(reverse("governance:committee-attendance", args=[panel.committee.slug])).content.decode()
    assert grid.count("Not recorded") >= 1 and "1 Nov 2023" not in grid and 'tabindex="0"' in grid


def test_filters_and_paging(client, panel):
    other = make_panel()
    page = client.get(reverse("governance:councillor-list"), {"committee": other.committee.slug}).content.decode()
    assert other.member(0).display_name in page and panel.member(0).display_name not in page
    page = client.get(reverse("governance:councillor-list"), {"council": panel.county.pk}).content.decode()
    assert panel.member(0).display_name in page and panel.member(5).display_name not in page
    assert client.get(reverse("governance:councillor-list"), {"page": "x"}).status_code == 404
    assert client.get(reverse("governance:councillor-list"), {"council": "zzz", "page": "999"}).status_code == 200


def test_constant_queries(client, panel):
    held(panel, D(2023, 6, 8), panel.members[:6])
    urls = [reverse("governance:councillor-list"), reverse("governance:person-detail", args=[panel.member(1).pk]),
            reverse("governance:committee-attendance", args=[panel.committee.slug])]
    [queries_for(client, u) for u in urls]  # warm the site configuration cache
    before = [queries_for(client, u) for u in urls]
    make_panel()
    held(panel, D(2023, 9, 28), panel.members[1:7])
    held(panel, D(2024, 1, 18), panel.members[:8])
    assert [queries_for(client, u) for u in urls] == before


def grid_url(meeting):
    return reverse("governance:attendance-grid", args=[meeting.pk])


def test_grid_permissions(client, panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    expected = {"anonymous": 302, "councillor": 404, "other_officer": 404, "committee_officer": 200, "administrator": 200}
    for name, who in users(panel).items():
        assert status_for(client, who, grid_url(meeting)) == expected[name], name


def test_mark_all_present_fills_without_saving_then_save(client, panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    client.force_login(committee_officer(panel))
    page = client.post(grid_url(meeting), {"all_present": "1"}).content.decode()
    assert "Everyone is marked as present" in page and not Attendance.objects.filter(meeting=meeting).exists()
    data = {f"grid-seat_{s.pk}": "present" for s in panel.seats}
    data[f"grid-seat_{panel.seats[0].pk}"] = f"substitute:{panel.substitute(0).pk}"
    data[f"grid-seat_{panel.seats[1].pk}"] = "apologies"
    response = client.post(grid_url(meeting), data)
    assert response.status_code == 302
    rows = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    assert rows[panel.substitute(0).pk].substitute_for_id == panel.member(0).pk
    assert rows[panel.member(1).pk].status == "apologies" and rows[panel.member(2).pk].status == "present"


def test_grid_saves_nothing_when_a_rule_fails(client, panel, monkeypatch):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    client.force_login(committee_officer(panel))
    real = actions.record_attendance
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuleViolation("A test rule refused this row.", code="governance.test")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "record_attendance", failing)
    response = client.post(grid_url(meeting), {f"grid-seat_{s.pk}": "present" for s in panel.seats})
    assert response.status_code == 200 and "A test rule refused this row." in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_monitoring_tasks_permissions_and_closing(client, panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    attend(meeting, panel.members[:6])
    actions.record_declaration(meeting, person=panel.member(0), interest_type="DPI", nature="Owns land",
                               agenda_item=meeting.agenda_items.first(), acting_user=SYSTEM)
    task = MonitoringOfficerTask.objects.get()
    url = reverse("governance:monitoring-tasks")
    expected = {"anonymous": 302, "councillor": 404, "other_officer": 200, "committee_officer": 200, "administrator": 200}
    people = users(panel)
    for name, who in people.items():
        assert status_for(client, who, url) == expected[name], name
    close = reverse("governance:monitoring-task-close", args=[task.pk])
    assert status_for(client, people["committee_officer"], close, "post", {"outcome": "x"}) == 404
    mo = user("mo", Role.MONITORING_OFFICER)
    assert status_for(client, mo, url) == 200
    assert status_for(client, mo, close, "post", {"outcome": "Member notified; register updated."}) == 302
    task.refresh_from_db()
    assert task.status == "done"


def test_dashboard_shows_registers_due(client, panel):
    client.force_login(user("mo", Role.MONITORING_OFFICER))
    page = client.get("/dashboard/").content.decode()
    assert "Registers due for updating" in page and panel.member(0).display_name in page
