"""Issue 16 item 2 on the work programme: an earlier entry planned for a meeting of which there is
no record says so. "Today" is frozen with time-machine."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.papers import actions

pytestmark = pytest.mark.django_db
D = dt.date


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12)), tick=False)


def test_an_earlier_work_programme_entry_for_a_meeting_with_no_record_says_so(client):
    panel = make_panel(start=D(2023, 1, 1))
    with at(D(2023, 9, 1)):
        september = make_meeting(panel, date=D(2023, 9, 28), items=0)
        actions.add_work_programme_entry(panel.committee, report="Serious violence", target_meeting=september,
                                         acting_user=SYSTEM)
    url = f"/committees/{panel.committee.slug}/work-programme/"
    with at(D(2024, 1, 10)):
        page = client.get(url).content.decode()
    assert 'Serious violence <span class="govuk-body-s">(planned; no record of the meeting)</span>' in page
