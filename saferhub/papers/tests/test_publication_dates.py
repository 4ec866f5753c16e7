"""Publication dates are the council's (London) dates, not UTC's: between midnight and 01:00 in summer
time the two differ by a day."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import make_panel
from saferhub.papers import actions, rules
from saferhub.papers.rendering.context import agenda_data

UTC = dt.UTC
NIGHT = dt.datetime(2026, 7, 15, 23, 30, tzinfo=UTC)  # 00:30 BST on Thursday 16 July 2026


def test_publishing_at_half_past_midnight_bst_is_on_the_meeting_day():
    with pytest.raises(RuleViolation, match="before the day of the meeting"):
        rules.check_publication_time(publish_at=NIGHT, now=NIGHT - dt.timedelta(days=1),
                                     meeting_date=dt.date(2026, 7, 16))
    rules.check_publication_time(publish_at=NIGHT - dt.timedelta(hours=1), now=NIGHT - dt.timedelta(days=1),
                                 meeting_date=dt.date(2026, 7, 16))


@pytest.mark.django_db
def test_pack_gives_the_london_date_it_was_published():
    panel = make_panel(start=dt.date(2026, 1, 1))
    with time_machine.travel(NIGHT, tick=False):
        meeting = governance.schedule_meeting(panel.committee, date=dt.date(2026, 8, 6), acting_user=SYSTEM)
        actions.build_agenda(meeting, acting_user=SYSTEM)
        actions.publish_agenda(meeting, acting_user=SYSTEM)
    assert agenda_data(meeting).published_on == dt.date(2026, 7, 16)
