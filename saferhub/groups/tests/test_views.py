"""Pages: the permission matrix (every role × every page, private and public bodies), the
secretariat's forms, clear refusals and constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance.tests.factories import person, user
from saferhub.groups import actions
from saferhub.groups.models import GroupAction, SecretariatTask
from saferhub.groups.tests.factories import make_group

pytestmark = pytest.mark.django_db
D = dt.date
VIEWERS = {"administrator", "secretariat", "partnership", "member"}
SECRETARIAT = {"administrator", "secretariat"}
ROLES = ["anonymous", "administrator", "secretariat", "other_officer", "councillor", "partnership", "member",
         "asb_spoc"]


def make_users(group):
    from saferhub.governance import actions as gov_actions

    secretariat = user("secretariat", Role.COMMITTEE_OFFICER)
    gov_actions.set_support_officers(group.body, users=[secretariat], acting_user=SYSTEM)
    return {
        "anonymous": None,
        "administrator": user("admin", Role.ADMINISTRATOR),
        "secretariat": secretariat,
        "other_officer": user("officer2", Role.COMMITTEE_OFFICER),
        "councillor": user("cllr", Role.COUNCILLOR, person=person("A Councillor")),
        "partnership": user("partner", Role.PARTNERSHIP_OFFICER),
        "member": user("member", person=group.district_officer),
        "asb_spoc": user("spoc", Role.ASB_SPOC),
    }


def pages(group, meeting):
    slug = group.body.slug
    return {
        "body": (reverse("groups:body", args=[slug]), VIEWERS),
        "tor": (reverse("groups:tor-version", args=[slug, "2.0"]), VIEWERS),
        "tor_on": (reverse("groups:tor-on-date", args=[slug]) + "?on=2022-01-01", VIEWERS),
        "actions": (reverse("groups:action-log", args=[slug]), VIEWERS),
        "roster": (reverse("groups:roster", args=[slug]), VIEWERS),
        "meeting": (reverse("groups:meeting", args=[meeting.pk]), VIEWERS),
        "report": (reverse("groups:report", args=[slug, 2022, 3]), VIEWERS),
        "schedule": (reverse("groups:schedule", args=[slug]), SECRETARIAT),
        "elect": (reverse("groups:elect", args=[slug]), SECRETARIAT),
        "amendments": (reverse("groups:amendments", args=[slug]), VIEWERS),
        "amendment": (reverse("groups:amendment", args=[slug, group.amendment.pk]), VIEWERS),
        "propose_amendment": (reverse("groups:propose-amendment", args=[slug]), SECRETARIAT),
    }


@pytest.fixture
def setup():
    group = make_group()
    meeting = actions.schedule_group_meeting(group.body, date=D(2022, 9, 15), acting_user=SYSTEM)
    actions.add_action(group.body, text="Share the data product", owner_person=group.chair, target_date=D(2022, 10, 1),
                       source_meeting=meeting, acting_user=SYSTEM)
    group.amendment = actions.propose_tor_amendment(group.body, summary="Meet every two months",
                                                    changes={"cadence_months": 2}, acting_user=SYSTEM)
    return group, meeting, make_users(group)


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_records_an_amendment_as_agreed(client, setup, role):
    group, meeting, users = setup
    if users[role] is not None:
        client.force_login(users[role])
    url = reverse("groups:agree-amendment", args=[group.body.slug, group.amendment.pk])
    response = client.post(url, {"agr-meeting": str(meeting.pk), "agr-version": "2.1"})
    assert response.status_code == (422 if role == "administrator" else 404), role  # 422: no date given
    group.amendment.refresh_from_db()
    assert group.amendment.status == "proposed"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_private_body(client, setup, role):
    group, meeting, users = setup
    if users[role] is not None:
        client.force_login(users[role])
    for name, (url, allowed) in pages(group, meeting).items():
        expected = 200 if role in allowed else 404
        assert client.get(url).status_code == expected, (role, name)
    listed = group.body.name in client.get(reverse("groups:register")).content.decode()
    assert listed == (role in VIEWERS), role


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_public_body(client, setup, role):
    group, meeting, users = setup
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    if users[role] is not None:
        client.force_login(users[role])
    for name, (url, allowed) in pages(group, meeting).items():
        expected = 200 if (allowed is VIEWERS or role in allowed) else 404
        assert client.get(url).status_code == expected, (role, name)
    assert group.body.name in client.get(reverse("groups:register")).content.decode()


def test_secretariat_schedules_and_sees_timeline(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    url = reverse("groups:schedule", args=[group.body.slug])
    response = client.post(url, {"mtg-date_day": "1", "mtg-date_month": "10", "mtg-date_year": "2022"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Error: " in page and "Give the reason" in page
    response = client.post(url, {"mtg-date_day": "15", "mtg-date_month": "12", "mtg-date_year": "2022"})
    assert response.status_code == 302
    new = SecretariatTask.objects.filter(meeting__date=D(2022, 12, 15))
    assert sorted(t.due for t in new) == [D(2022, 12, 1), D(2022, 12, 8), D(2022, 12, 22)]
    page = client.get(response.url).content.decode()
    assert "Pre-agenda meeting with the Chair" in page and "Matters arising" in page and "Share the data product" in page


def test_action_without_owner_gets_a_clear_message(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    response = client.post(reverse("groups:add-action", args=[group.body.slug]),
                           {"act-text": "Map the problem", "act-target_date_day": "1", "act-target_date_month": "11",
                            "act-target_date_year": "2022"})
    assert response.status_code == 422 and "Every action point needs an owner" in response.content.decode()
    assert GroupAction.objects.count() == 1


def test_attendance_by_organisation(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    membership = group.body.group_memberships.get(person=group.chair)
    response = client.post(reverse("groups:record-attendance", args=[meeting.pk]), {f"att-m{membership.pk}": "present"})
    assert response.status_code == 302
    attendance = meeting.attendances.get()
    assert attendance.organisation == group.police
    roster = client.get(reverse("groups:roster", args=[group.body.slug])).content.decode()
    assert "No representative" in roster and "1 of 1" in roster


def test_body_page_query_count_is_constant(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    url = reverse("groups:action-log", args=[group.body.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(8):
        actions.add_action(group.body, text=f"Action {i}", owner_person=group.chair, target_date=D(2022, 11, 1),
                           acting_user=SYSTEM)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


@pytest.mark.parametrize("role", ["anonymous", "councillor", "asb_spoc", "partnership", "secretariat"])
def test_private_body_is_hidden_from_the_governance_pages(client, setup, role):
    group, meeting, users = setup
    if users[role] is not None:
        client.force_login(users[role])
    expected = 200 if role in {"partnership", "secretariat"} else 404
    for url in [reverse("governance:committee-detail", args=[group.body.slug]),
                reverse("governance:committee-meetings", args=[group.body.slug]), meeting.get_absolute_url()]:
        assert client.get(url).status_code == expected, (role, url)
    listed = group.body.name in client.get(reverse("governance:committee-list")).content.decode()
    assert listed == (expected == 200)
    assert group.board.name in client.get(reverse("groups:register")).content.decode() or role != "partnership"


def test_tor_amendment_page_shows_the_changes(client, setup):
    group, meeting, users = setup
    actions.add_tor_version(group.body, version="2.1", in_force_from=D(2022, 10, 1), cadence_months=2,
                            pre_agenda_days_before=14, papers_days_before=7, minutes_days_after=7, chair_term_months=24,
                            review_date=D(2023, 9, 30), purpose="To provide leadership.", key_activities=["Map the problem"],
                            agreed_at=meeting, acting_user=SYSTEM)
    client.force_login(users["partnership"])
    page = client.get(reverse("groups:tor-version", args=[group.body.slug, "2.1"])).content.decode()
    assert "Changes from version 2.0" in page and "Cadence months" in page and "Required members" in page
    assert "Agreed at the meeting of Thursday 15 September 2022" in page
    on = client.get(reverse("groups:tor-on-date", args=[group.body.slug]) + "?on=2022-09-30").content.decode()
    assert "version 2.0" in on


def test_election_page_refuses_a_tie_and_records_a_majority(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    url = reverse("groups:elect", args=[group.body.slug])
    data = {"el-person": str(group.chair.pk), "el-date_day": "9", "el-date_month": "6", "el-date_year": "2022",
            "el-method": "simple_majority", "el-votes_for": "3", "el-votes_against": "3"}
    response = client.post(url, data)
    assert response.status_code == 422 and "not a simple majority" in response.content.decode()
    response = client.post(url, {**data, "el-votes_for": "7"})
    assert response.status_code == 302
    assert group.body.chair_terms.get().end_date == D(2024, 6, 8)


def test_quarterly_report_as_pdf_and_word(client, setup):
    import io

    import docx
    import pypdf

    group, meeting, users = setup
    actions.write_progress_report(group.body, year=2022, quarter=3, commentary="Data product shared.", acting_user=SYSTEM)
    client.force_login(users["partnership"])
    pdf = client.get(reverse("groups:report-document", args=[group.body.slug, 2022, 3, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    assert "progress report, quarter 3 2022" in text and "Share the data product" in text
    word = client.get(reverse("groups:report-document", args=[group.body.slug, 2022, 3, "docx"]))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert "Data product shared." in paragraphs
    client.logout()
    assert client.get(reverse("groups:report-document", args=[group.body.slug, 2022, 3, "pdf"])).status_code == 404


def test_open_data_lists_public_bodies_only(client, setup):
    group, meeting, users = setup
    private = client.get(f"/oparl/v1/organization/c{group.body.pk}")
    assert private.status_code in (404, 410)
    assert client.get(f"/oparl/v1/meeting/{meeting.pk}").status_code in (404, 410)
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    public = client.get(f"/oparl/v1/organization/c{group.body.pk}")
    assert public.status_code == 200 and public.json()["name"] == group.body.name


def test_api_hides_private_bodies_from_those_who_may_not_see_them(client, setup):
    group, meeting, users = setup
    names = [c["name"] for c in client.get("/api/v1/committees/").json()]
    assert group.body.name not in names and group.board.name not in names
    assert client.get(f"/api/v1/committees/{group.body.pk}").status_code == 404
    assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
    assert client.get("/api/v1/meetings/", {"committee": group.body.pk}).json()["count"] == 0
    client.force_login(users["partnership"])
    assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200
    assert client.get("/api/v1/meetings/", {"committee": group.body.pk}).json()["count"] == 1


def test_action_update_page(client, setup):
    group, meeting, users = setup
    client.force_login(users["secretariat"])
    url = reverse("groups:update-action", args=[group.body.slug, 1])
    assert client.get(url).status_code == 200
    response = client.post(url, {"upd-text": "", "upd-status": "complete", "upd-date_day": "1", "upd-date_month": "10",
                                 "upd-date_year": "2022"})
    assert response.status_code == 422
    response = client.post(url, {"upd-text": "Shared with districts", "upd-status": "complete", "upd-date_day": "1",
                                 "upd-date_month": "10", "upd-date_year": "2022"})
    assert response.status_code == 302
    assert GroupAction.objects.get(body=group.body, number=1).status == "complete"
    client.force_login(users["member"])  # a member who does not own the action
    assert client.get(url).status_code == 404


def test_private_body_papers_pages_are_hidden(client, setup):
    group, meeting, users = setup
    for url in [reverse("papers:work-programme", args=[group.body.slug]),
                reverse("papers:recommendations", args=[group.body.slug]),
                reverse("papers:agenda", args=[meeting.pk])]:
        assert client.get(url).status_code == 404, url
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    assert client.get(reverse("papers:recommendations", args=[group.body.slug])).status_code == 200


def test_secretariat_is_warned_before_the_chair_term_ends_and_when_the_tor_review_is_due(client, setup):
    import time_machine

    group, meeting, users = setup
    actions.elect_chair(group.body, person=group.chair, date=D(2022, 6, 9), method="unanimous", acting_user=SYSTEM)
    client.force_login(users["secretariat"])
    url = reverse("groups:body", args=[group.body.slug])
    with time_machine.travel(dt.datetime(2022, 7, 1, 12, tzinfo=dt.UTC)):
        page = client.get(url).content.decode()
        assert "term ends on" not in page and "due for review by 30 September 2022" not in page
    with time_machine.travel(dt.datetime(2022, 8, 15, 12, tzinfo=dt.UTC)):
        assert "due for review by 30 September 2022" in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)):
        page = client.get(url).content.decode()
        assert "The chair&#x27;s term ends on 8 June 2024" in page or "The chair's term ends on 8 June 2024" in page
    client.force_login(users["member"])
    with time_machine.travel(dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)):
        assert "term ends on 8 June 2024: arrange" not in client.get(url).content.decode()


def test_my_actions_lists_a_persons_open_actions_across_bodies_in_constant_queries(client, setup):
    group, meeting, users = setup
    other = make_group()
    client.force_login(users["member"])  # the district officer, a member of the first group only
    owner = group.district_officer
    url = reverse("groups:my-actions")
    actions.add_action(group.body, text="First of mine", owner_person=owner, target_date=D(2022, 11, 1),
                       acting_user=SYSTEM)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(6):
        actions.add_action(group.body, text=f"Mine {i}", owner_person=owner, target_date=D(2022, 12, 1),
                           acting_user=SYSTEM)
    actions.add_action(other.body, text="On a private body I do not sit on", owner_person=owner,
                       target_date=D(2022, 12, 1), acting_user=SYSTEM)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert len(large) == len(small)
    assert "7 open actions" in page and "Mine 5" in page and "On a private body" not in page


def test_my_actions_is_paged(client, setup, monkeypatch):
    from saferhub.groups.views import pages as page_views

    group, meeting, users = setup
    monkeypatch.setattr(page_views, "MY_ACTIONS_PER_PAGE", 2)
    for i in range(3):
        actions.add_action(group.body, text=f"Paged {i}", owner_person=group.district_officer,
                           target_date=D(2022, 11, 1 + i), acting_user=SYSTEM)
    client.force_login(users["member"])
    first = client.get(reverse("groups:my-actions")).content.decode()
    assert "Paged 0" in first and "Paged 2" not in first and "Page 1 of 2" in first
    assert "Paged 2" in client.get(reverse("groups:my-actions") + "?page=2").content.decode()


def test_body_page_flags_overdue_actions_to_everyone_who_sees_it(client, setup):
    import time_machine

    group, meeting, users = setup  # action 1: target 1 October 2022
    url = reverse("groups:body", args=[group.body.slug])
    client.force_login(users["member"])
    with time_machine.travel(dt.datetime(2022, 9, 20, 12, tzinfo=dt.UTC)):
        assert "past its target date" not in client.get(url).content.decode()
    actions.add_action(group.body, text="Second", owner_person=group.chair, target_date=D(2022, 10, 2),
                       acting_user=SYSTEM)
    with time_machine.travel(dt.datetime(2022, 10, 5, 12, tzinfo=dt.UTC)):
        page = client.get(url).content.decode()
        assert "2 actions are past their target date" in page
        assert reverse("groups:action-log", args=[group.body.slug]) in page
    action = GroupAction.objects.get(body=group.body, number=1)
    actions.update_action(action, text="Done", status="complete", date=D(2022, 10, 3), acting_user=SYSTEM)
    with time_machine.travel(dt.datetime(2022, 10, 5, 12, tzinfo=dt.UTC)):
        assert "1 action is past its target date" in client.get(url).content.decode()


def test_my_actions_tags_the_overdue_ones(client, setup):
    import time_machine

    group, meeting, users = setup
    owner = group.district_officer
    actions.add_action(group.body, text="Late one", owner_person=owner, target_date=D(2022, 10, 1), acting_user=SYSTEM)
    actions.add_action(group.body, text="In time", owner_person=owner, target_date=D(2022, 12, 1), acting_user=SYSTEM)
    client.force_login(users["member"])
    with time_machine.travel(dt.datetime(2022, 10, 5, 12, tzinfo=dt.UTC)):
        page = client.get(reverse("groups:my-actions")).content.decode()
    assert "2 open actions, 1 overdue" in page
    late, in_time = page.split("Late one")[1].split("</tr>")[0], page.split("In time")[1].split("</tr>")[0]
    assert "Overdue" in late and "Overdue" not in in_time


def test_roster_page_says_who_missed_the_configured_number_of_meetings(client, setup):
    from saferhub.governance import actions as gov_actions

    group, meeting, users = setup
    actions.add_tor_version(group.body, version="2.1", in_force_from=D(2022, 9, 1), cadence_months=3,
                            absence_meetings=1, required_members=[{"name": "District Councils",
                                                                   "organisation_kind": "district_council"}],
                            acting_user=SYSTEM)
    gov_actions.record_attendance(meeting, person=group.chair, status="present", acting_user=SYSTEM)
    client.force_login(users["member"])
    url = reverse("groups:roster", args=[group.body.slug])
    page = " ".join(client.get(url).content.decode().split())
    assert "attendance at the last meeting (as the Terms of Reference set)" in page
    assert "1 required organisation did not attend the last meeting." in page
    assert "Did not attend" in page
    page = " ".join(client.get(url + "?n=4").content.decode().split())
    assert "attendance at the last 4 meetings." in page and "Attendance is recorded for 1 meeting so far" in page


def test_election_page_refuses_a_chair_who_was_not_a_member_on_the_day_with_the_rules_message(client, setup):
    group, meeting, users = setup
    former = person("Former Member", councillor=False, organisation=group.fire)
    actions.add_member(group.body, person=former, start_date=D(2021, 7, 1), end_date=D(2022, 1, 31),
                       acting_user=SYSTEM)
    client.force_login(users["secretariat"])
    url = reverse("groups:elect", args=[group.body.slug])
    assert "Former Member (member until 31 January 2022)" in client.get(url).content.decode()
    data = {"el-person": str(former.pk), "el-date_day": "9", "el-date_month": "6", "el-date_year": "2022",
            "el-method": "unanimous"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 422 and "govuk-error-summary" in page
    assert "Former Member is not a member of the group on the election date" in page
    assert not group.body.chair_terms.exists()
    response = client.post(url, {**data, "el-date_month": "1", "el-date_day": "10"})  # while still a member
    assert response.status_code == 302 and group.body.chair_terms.get().person == former


def test_body_page_warns_the_secretariat_of_overdue_meeting_tasks(client, setup):
    import time_machine

    group, meeting, users = setup  # 15 September 2022: pre-agenda 1 Sept, papers 8 Sept, minutes 22 Sept
    url = reverse("groups:body", args=[group.body.slug])
    client.force_login(users["secretariat"])
    with time_machine.travel(dt.datetime(2022, 8, 30, 12, tzinfo=dt.UTC)):
        assert "overdue-tasks" not in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2022, 9, 10, 12, tzinfo=dt.UTC)):
        page = " ".join(client.get(url).content.decode().split())
        assert "2 meeting tasks are overdue" in page
        assert "Pre-agenda meeting with the Chair, meeting of 15 September 2022</a>: due by 1 September 2022" in page
        assert reverse("groups:meeting", args=[meeting.pk]) in page
        actions.complete_task(SecretariatTask.objects.get(meeting=meeting, kind="pre_agenda"), acting_user=SYSTEM)
        assert "1 meeting task is overdue" in " ".join(client.get(url).content.decode().split())
        client.force_login(users["member"])  # the warning is the secretariat's
        assert "overdue-tasks" not in client.get(url).content.decode()
    from saferhub.governance import actions as gov_actions

    gov_actions.cancel_meeting(meeting, reason="Chair unavailable", acting_user=SYSTEM)
    client.force_login(users["secretariat"])
    with time_machine.travel(dt.datetime(2022, 9, 10, 12, tzinfo=dt.UTC)):
        assert "overdue-tasks" not in client.get(url).content.decode()
