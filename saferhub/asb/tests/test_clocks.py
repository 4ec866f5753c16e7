"""The ASB clocks (``saferhub.asb.clocks``): due dates, at risk, overdue, done late and the appeal deadline.

Every date is passed explicitly; nothing here depends on the day the tests run. Bank holidays are England's.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from saferhub.asb import clocks
from saferhub.asb.models import AsbSettings

D = dt.date


# --- due dates --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "days", "due"), [
    (D(2026, 3, 2), 5, D(2026, 3, 9)),      # Monday + 5 working days: the next Monday
    (D(2026, 3, 6), 5, D(2026, 3, 13)),     # Friday: the weekend does not count
    (D(2026, 3, 7), 1, D(2026, 3, 9)),      # applied on a Saturday: the first working day is Monday
    (D(2026, 4, 2), 2, D(2026, 4, 8)),      # Good Friday 3 April and Easter Monday 6 April 2026 skipped
    (D(2026, 12, 23), 3, D(2026, 12, 30)),  # Christmas, Boxing Day (substitute Monday 28 December) skipped
    (D(2026, 3, 2), 0, D(2026, 3, 2)),
])
def test_due_date_counts_working_days(start, days, due):
    assert clocks.due_date(start, days) == due
    if days:
        assert clocks.is_due_date_valid(due)


def test_due_date_uses_the_partnership_region():
    # St Andrew's Day (30 November 2026, a Monday) is a bank holiday in Scotland only.
    assert clocks.due_date(D(2026, 11, 27), 1, "ENG") == D(2026, 11, 30)
    assert clocks.due_date(D(2026, 11, 27), 1, "SCT") == D(2026, 12, 1)


# --- status: done, overdue, at risk, due -------------------------------------------------------------------

def test_clock_status():
    due = D(2026, 3, 13)  # Friday
    assert clocks.clock_status(due, D(2026, 3, 20), D(2026, 3, 25)) == "done"
    assert clocks.clock_status(due, None, D(2026, 3, 16)) == "overdue"
    assert clocks.clock_status(due, None, D(2026, 3, 11)) == "at_risk"  # 2 working days left
    assert clocks.clock_status(due, None, D(2026, 3, 13)) == "at_risk"  # due today
    assert clocks.clock_status(due, None, D(2026, 3, 10)) == "due"  # 3 working days left
    assert clocks.clock_status(due, None, D(2026, 3, 10), at_risk_days=3) == "at_risk"


def test_at_risk_skips_weekends_and_bank_holidays():
    # Due Wednesday 8 April 2026. On Thursday 2 April, Good Friday and Easter Monday do not count: Tuesday 7 and
    # Wednesday 8 are the 2 working days left, so the step is at risk although 6 calendar days remain.
    assert clocks.is_at_risk(D(2026, 4, 8), D(2026, 4, 2), 2)
    assert not clocks.is_at_risk(D(2026, 4, 9), D(2026, 4, 2), 2)
    # A Friday's clock due on Tuesday: Monday and Tuesday left.
    assert clocks.is_at_risk(D(2026, 3, 17), D(2026, 3, 13), 2)
    assert not clocks.is_at_risk(D(2026, 3, 12), D(2026, 3, 13), 2)  # overdue, not at risk


@pytest.mark.parametrize("today", [D(2026, 3, 9) + dt.timedelta(days=n) for n in range(7)]
                         + [D(2026, 4, 2), D(2026, 4, 3), D(2026, 12, 24), D(2028, 2, 29)])
@pytest.mark.parametrize("at_risk_days", [0, 2, 5])
def test_the_query_horizon_agrees_with_the_rule(today, at_risk_days):
    """``at_risk_until`` (what the queries filter on) and ``is_at_risk`` (one clock) are the same definition."""
    horizon = clocks.at_risk_until(today, at_risk_days)
    for offset in range(0, 20):
        due = today + dt.timedelta(days=offset)
        assert clocks.is_at_risk(due, today, at_risk_days) == (due <= horizon), due


def test_done_late_and_overdue():
    assert clocks.is_done_late(D(2026, 3, 13), D(2026, 3, 16))
    assert not clocks.is_done_late(D(2026, 3, 13), D(2026, 3, 13))
    assert not clocks.is_done_late(D(2026, 3, 13), None)
    assert clocks.is_overdue(D(2026, 3, 13), None, D(2026, 3, 14))
    assert not clocks.is_overdue(D(2026, 3, 13), None, D(2026, 3, 13))
    assert not clocks.is_overdue(D(2026, 3, 13), D(2026, 3, 20), D(2026, 3, 25))


def test_clock_state_for_the_staff_pages():
    def clock(due, done=None):
        return SimpleNamespace(due_on=due, done_on=done)

    today = D(2026, 3, 11)
    assert clocks.clock_state(None, today, at_risk_days=2) == "not_started"
    assert clocks.clock_state(clock(D(2026, 3, 13)), today, at_risk_days=2, closed=True) == "not_done"
    assert clocks.clock_state(clock(D(2026, 3, 6), D(2026, 3, 9)), today, at_risk_days=2) == "done_late"
    assert clocks.clock_state(clock(D(2026, 3, 13), D(2026, 3, 9)), today, at_risk_days=2) == "done"
    assert clocks.clock_state(clock(D(2026, 3, 13)), today, at_risk_days=2) == "at_risk"
    assert clocks.clock_state(clock(D(2026, 3, 10)), today, at_risk_days=2) == "overdue"


# --- the appeal deadline ------------------------------------------------------------------------------------

def test_appeal_deadline_working_and_calendar_days():
    # Letter on Friday 18 Dec 2026: 21 working days skips Christmas, Boxing Day (substitute 28 Dec) and New Year.
    assert clocks.appeal_deadline(D(2026, 12, 18), 21, "working_days") == D(2027, 1, 21)
    assert clocks.appeal_deadline(D(2026, 12, 18), 21, "calendar_days") == D(2027, 1, 8)
    assert clocks.appeal_window_text(21, "working_days") == "21 working days from the date of this letter"
    assert clocks.appeal_window_text(21, "calendar_days") == "21 days from the date of this letter"
    assert clocks.appeal_window_text(21, "working_days", "receipt", 2) == (
        "21 working days from when you receive this letter, which we take as 2 working days after its date")


def test_the_window_counts_from_deemed_receipt_when_configured():
    # Letter dated Friday 18 Dec 2026, posted: taken as received 2 working days later (Tuesday 22 Dec), so 21
    # working days run to 25 Jan 2027 rather than 21 Jan.
    assert clocks.deemed_receipt(D(2026, 12, 18), 2) == D(2026, 12, 22)
    assert clocks.appeal_deadline(D(2026, 12, 18), 21, "working_days", counted_from="receipt",
                                  deemed_days=2) == D(2027, 1, 25)
    # An email is received the same day: the same as counting from the letter's date.
    assert clocks.appeal_deadline(D(2026, 12, 18), 21, "working_days", counted_from="receipt",
                                  deemed_days=0) == D(2027, 1, 21)
    # Norfolk's FAQ (002:1649) counts from receipt: its configuration does too.
    assert AsbSettings().appeal_counted_from == "receipt"
    sent = _case(decision_sent_on=D(2026, 12, 18))
    assert clocks.appeal_deadline_for(sent, AsbSettings()) == D(2027, 1, 25)
    assert clocks.appeal_deadline_for(sent, AsbSettings(letters_sent_by="email")) == D(2027, 1, 21)


def _case(**values):
    base = {"decision_sent_on": None, "determination": "", "determined_on": None, "vexatious": False,
            "closed_on": None}
    return SimpleNamespace(**{**base, **values})


def test_the_appeal_counts_from_the_letter_that_was_sent():
    norfolk = AsbSettings(appeal_counted_from="letter_date")  # 21 working days from the letter, England
    # Letter B sent on Monday 2 March 2026.
    letter_b = _case(determination="B", determined_on=D(2026, 3, 2))
    assert clocks.appeal_letter_date(letter_b) == D(2026, 3, 2)
    assert clocks.appeal_deadline_for(letter_b, norfolk) == D(2026, 3, 31)
    # The decision letter (D or E) wins over the determination.
    decided = _case(determination="C_ii", determined_on=D(2026, 3, 2), decision_sent_on=D(2026, 4, 2))
    assert clocks.appeal_deadline_for(decided, norfolk) == D(2026, 5, 6)  # Easter and 4 May skipped
    # The date a letter is printed again does not move the deadline.
    assert clocks.appeal_deadline_for(decided, norfolk, letter_date=D(2026, 6, 1)) == D(2026, 5, 6)
    # Closed under the vexatious complaints policy.
    assert clocks.appeal_deadline_for(_case(vexatious=True, closed_on=D(2026, 3, 2)), norfolk) == D(2026, 3, 31)


def test_nothing_to_appeal_until_a_letter_is_sent():
    norfolk = AsbSettings(appeal_counted_from="letter_date")
    assert clocks.appeal_deadline_for(_case(determination="C_ii"), norfolk) is None
    # A letter drafted before the decision is recorded counts from its own date.
    assert clocks.appeal_deadline_for(_case(), norfolk, letter_date=D(2026, 3, 2)) == D(2026, 3, 31)


def test_the_partnership_window_and_region_apply():
    calendar = AsbSettings(appeal_window=10, appeal_window_unit="calendar_days", appeal_counted_from="letter_date")
    assert clocks.appeal_deadline_for(_case(decision_sent_on=D(2026, 3, 2)), calendar) == D(2026, 3, 12)
    scotland = AsbSettings(region="SCT", appeal_counted_from="letter_date")
    # Sent Friday 6 November 2026: St Andrew's Day (Monday 30 November) is not a working day in Scotland.
    sent = _case(decision_sent_on=D(2026, 11, 6))
    assert clocks.appeal_deadline_for(sent, AsbSettings(appeal_counted_from="letter_date")) == D(2026, 12, 7)
    assert clocks.appeal_deadline_for(sent, scotland) == D(2026, 12, 8)
