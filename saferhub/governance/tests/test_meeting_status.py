"""Issue 16 items 1-3: what a meeting's page says about its status, the minutes its agenda lists,
and the quorum that applied. Every date is given; "today" is frozen with time-machine."""

import datetime as dt
from importlib import import_module

import pytest
import time_machine
from django.apps import apps

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions, queries
from saferhub.governance import status as shown
from saferhub.governance.models import TOOK_PLACE, Meeting, MeetingStatus
from saferhub.governance.tests.factories import attend, make_meeting, make_panel

D = dt.date


def at(day: dt.date):
    """Freeze today at noon on ``day`` (the page works out "today" itself)."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=False)


# -- The pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "day", "precision", "today", "key", "label"), [
    ("scheduled", D(2023, 12, 7), "day", D(2023, 10, 1), "scheduled", "Scheduled"),
    ("scheduled", D(2023, 12, 7), "day", D(2023, 12, 7), "scheduled", "Scheduled"),
    ("scheduled", D(2023, 12, 7), "day", D(2023, 12, 8), "no_record", "No record of this meeting"),
    ("scheduled", D(2024, 2, 1), "month", D(2024, 2, 29), "scheduled", "Scheduled"),
    ("scheduled", D(2024, 2, 1), "month", D(2024, 3, 1), "no_record", "No record of this meeting"),
    ("held", D(2023, 6, 8), "day", D(2026, 1, 1), "held", "Held"),
    ("inquorate", D(2022, 9, 28), "day", D(2026, 1, 1), "inquorate", "Inquorate"),
    ("cancelled", D(2023, 6, 8), "day", D(2026, 1, 1), "cancelled", "Cancelled"),
    ("postponed", D(2021, 12, 16), "day", D(2026, 1, 1), "postponed", "Postponed"),
])
def test_displayed_status_is_worked_out_from_the_facts(status, day, precision, today, key, label):
    result = shown.meeting_status(status=status, date=day, date_precision=precision, today=today)
    assert (result.key, result.label) == (key, label)
    assert bool(result.explanation) == (key == shown.NO_RECORD)


def test_minutes_are_confirmed_only_at_a_meeting_that_was_held():
    assert shown.minutes_item_wording(MeetingStatus.HELD) == "Minutes confirmed"
    assert shown.minutes_item_wording(MeetingStatus.SCHEDULED) == "Minutes to be confirmed"
    for status in (MeetingStatus.INQUORATE, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        assert "not taken" in shown.minutes_item_wording(status)


def test_draft_minutes_say_so_honestly_once_a_later_meeting_has_passed():
    assert shown.minutes_wording(confirmed=False, later_meeting_passed=False) == "to be confirmed at a later meeting"
    assert shown.minutes_wording(confirmed=False, later_meeting_passed=True) == (
        "no record that these minutes were confirmed")
    assert shown.minutes_wording(confirmed=True, later_meeting_passed=True) == ""


def test_took_place_has_one_home():
    assert TOOK_PLACE == {MeetingStatus.HELD, MeetingStatus.INQUORATE}
    assert Meeting(status="inquorate").took_place and not Meeting(status="scheduled").took_place


# -- Pages, the API and OParl -----------------------------------------------------------------


def _held(panel, day: dt.date) -> Meeting:
    with at(day):
        meeting = make_meeting(panel, date=day)
        attend(meeting, panel.members[:5])
        actions.finalise_attendance(meeting, acting_user=SYSTEM)
        return actions.publish_meeting_record(meeting, acting_user=SYSTEM)


@pytest.mark.django_db
def test_a_future_meetings_page_lists_minutes_to_be_confirmed_not_confirmed(client):
    panel = make_panel(start=D(2023, 1, 1))
    june = _held(panel, D(2023, 6, 8))
    with at(D(2023, 9, 1)):
        december = make_meeting(panel, date=D(2023, 12, 7), items=0)
        actions.add_agenda_item(december, title="Minutes", kind="minutes", confirms=[june], acting_user=SYSTEM)
    with at(D(2023, 10, 1)):
        page = client.get(december.get_absolute_url()).content.decode()
    assert "Minutes to be confirmed: " in page and "8 June 2023" in page
    assert "Minutes confirmed" not in page
    assert "Scheduled" in page and "No record of this meeting" not in page


@pytest.mark.django_db
def test_a_past_meeting_with_nothing_recorded_says_there_is_no_record(client):
    panel = make_panel(start=D(2023, 1, 1))
    with at(D(2023, 9, 1)):
        september = make_meeting(panel, date=D(2023, 9, 28))
    with at(D(2023, 9, 27)):
        assert "No record of this meeting" not in client.get(september.get_absolute_url()).content.decode()
    with at(D(2024, 1, 10)):
        page = client.get(september.get_absolute_url()).content.decode()
        listing = client.get(panel.committee.get_absolute_url()).content.decode()
    assert "No record of this meeting" in page and ">Scheduled<" not in page
    assert "nothing has been recorded about it" in page
    assert "No record of this meeting" in listing


@pytest.mark.django_db
def test_an_old_inquorate_meeting_keeps_the_quorum_that_applied(client):
    """Issue 16 item 3: the committee's quorum changes after an inquorate meeting; its page, the
    API and OParl still show the five members that were needed then."""
    panel = make_panel(quorum=5, start=D(2022, 1, 1))
    with at(D(2022, 9, 28)):
        meeting = make_meeting(panel, date=D(2022, 9, 28))
        attend(meeting, panel.members[:3])
        meeting = actions.finalise_attendance(meeting, declared_at=dt.time(10, 5), acting_user=SYSTEM)
        actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    assert meeting.quorum_required == 5
    actions.update_terms_of_reference(panel.committee, quorum=4, acting_user=SYSTEM)
    with at(D(2023, 1, 10)):
        upcoming = make_meeting(panel, date=D(2023, 2, 24))
        page = client.get(meeting.get_absolute_url()).content.decode()
        api = client.get(f"/api/v1/meetings/{meeting.pk}").json()
        oparl = client.get(f"/oparl/v1/meeting/{meeting.pk}").json()
        upcoming_api = client.get(f"/api/v1/meetings/{upcoming.pk}").json()
    assert "fewer than 5 voting members" in page and "3 voting members present; 5 needed" in page
    assert api["quorum"]["required"] == 5 and api["quorum"]["quorate"] is False
    assert oparl["saferhub:quorum"] == 5
    assert queries.quorum_for(queries.meeting_with_record(meeting.pk)).required == 5
    # A meeting not yet confirmed shows today's Terms of Reference figure.
    assert upcoming_api["quorum"]["required"] == 4


@pytest.mark.django_db
def test_reopening_attendance_forgets_the_stored_quorum():
    panel = make_panel(quorum=5, start=D(2022, 1, 1))
    with at(D(2022, 9, 28)):
        meeting = make_meeting(panel, date=D(2022, 9, 28))
        attend(meeting, panel.members[:5])
        meeting = actions.finalise_attendance(meeting, acting_user=SYSTEM)
        assert meeting.quorum_required == 5
        meeting = actions.reopen_attendance(meeting, acting_user=SYSTEM)
    assert meeting.quorum_required is None


@pytest.mark.django_db
def test_migration_fills_the_quorum_of_confirmed_meetings_from_the_committee():
    panel = make_panel(quorum=5, start=D(2022, 1, 1))
    held = _held(panel, D(2022, 9, 28))
    with at(D(2022, 9, 1)):
        scheduled = make_meeting(panel, date=D(2022, 12, 8))
    Meeting.objects.filter(pk=held.pk).update(quorum_required=None)
    migration = import_module("saferhub.governance.migrations.0003_meeting_quorum_required")
    migration.fill_quorum_required(apps, None)
    held.refresh_from_db()
    scheduled.refresh_from_db()
    assert (held.quorum_required, scheduled.quorum_required) == (5, None)
