"""The clocks of an ASB Case Review, in one place: due dates, "at risk", "done late", and the appeal deadline.

The statutory and local time limits (seed 002:1509-1518 for acknowledgement and determination, 002:1549-1564
for the review and the decision letter, 002:1468-1473 and 002:1649-1651 for appeals) are counted in working
days, skipping weekends and the bank holidays of the partnership's region (``saferhub.core.calendar``). Every
function takes the dates it needs as arguments and never reads today's date itself, so the answers do not
depend on the day the code runs. Actions, queries, letters, pages and the API all call these.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from saferhub.core.calendar import add_working_days, is_working_day, working_days_between

# A clock's status (what the API and the core queries report) ...
CLOCK_DONE, CLOCK_OVERDUE, CLOCK_AT_RISK, CLOCK_DUE = "done", "overdue", "at_risk", "due"
# ... and the extra states the staff pages show.
CLOCK_DONE_LATE, CLOCK_NOT_STARTED, CLOCK_NOT_DONE = "done_late", "not_started", "not_done"


# ---------------------------------------------------------------------------------------------
# Due dates
# ---------------------------------------------------------------------------------------------


def due_date(start: dt.date, working_days: int, region: str = "ENG") -> dt.date:
    """The due date ``working_days`` working days after ``start`` (``start`` is not counted; always a working
    day when ``working_days`` > 0). "Within 5 working days" of an application on ``start`` means on or before
    this day."""
    return add_working_days(start, working_days, region)


def is_due_date_valid(day: dt.date, region: str = "ENG") -> bool:
    return is_working_day(day, region)


# ---------------------------------------------------------------------------------------------
# At risk, overdue, done late
# ---------------------------------------------------------------------------------------------


def at_risk_until(today: dt.date, at_risk_days: int, region: str = "ENG") -> dt.date:
    """The last due date that is "at risk" on ``today``: a step is at risk when ``at_risk_days`` working days or
    fewer are left before it is due (due today counts as 0 left). A query filters open clocks with
    ``today <= due_on <= at_risk_until(...)``; ``is_at_risk`` gives the same answer for one clock."""
    return add_working_days(today, at_risk_days + 1, region) - dt.timedelta(days=1)


def is_at_risk(due_on: dt.date, today: dt.date, at_risk_days: int, region: str = "ENG") -> bool:
    """Not yet overdue, and ``at_risk_days`` working days or fewer left."""
    return today <= due_on and working_days_between(today, due_on, region) <= at_risk_days


def is_overdue(due_on: dt.date, done_on: dt.date | None, today: dt.date) -> bool:
    """Still open after its due date (the due date itself is in time)."""
    return done_on is None and today > due_on


def is_done_late(due_on: dt.date | None, done_on: dt.date | None) -> bool:
    """Done, but after the due date."""
    return bool(done_on and due_on and done_on > due_on)


def clock_status(due_on: dt.date, done_on: dt.date | None, today: dt.date, at_risk_days: int = 2,
                 region: str = "ENG") -> str:
    """done; overdue (past the due date); at risk (``at_risk_days`` working days or fewer left); due."""
    if done_on is not None:
        return CLOCK_DONE
    if today > due_on:
        return CLOCK_OVERDUE
    if is_at_risk(due_on, today, at_risk_days, region):
        return CLOCK_AT_RISK
    return CLOCK_DUE


class _Clock(Protocol):
    due_on: dt.date
    done_on: dt.date | None


def clock_state(clock: _Clock | None, today: dt.date, *, at_risk_days: int, region: str = "ENG",
                closed: bool = False) -> str:
    """What the staff pages show for one step: not started; not done (the case closed with the step open);
    done late; or the ``clock_status`` (done, overdue, at risk, due)."""
    if clock is None:
        return CLOCK_NOT_STARTED
    if closed and clock.done_on is None:
        return CLOCK_NOT_DONE
    if is_done_late(clock.due_on, clock.done_on):
        return CLOCK_DONE_LATE
    return clock_status(clock.due_on, clock.done_on, today, at_risk_days, region)


# ---------------------------------------------------------------------------------------------
# The appeal deadline (seed 002:1468-1473, 002:1573, 002:1649-1651)
# ---------------------------------------------------------------------------------------------


def deemed_receipt(letter_date: dt.date, deemed_days: int, region: str = "ENG") -> dt.date:
    """The day a letter is taken as received: ``deemed_days`` working days after its date (0: the same day,
    as for email; 2 is the usual rule for second-class post)."""
    return add_working_days(letter_date, deemed_days, region) if deemed_days else letter_date


def appeal_deadline(letter_date: dt.date, window: int, unit: str, region: str = "ENG", *,
                    counted_from: str = "letter_date", deemed_days: int = 0) -> dt.date:
    """The last day to appeal against a letter dated ``letter_date``: ``window`` working or calendar days,
    counted from the letter's date or, when ``counted_from`` is "receipt", from its deemed receipt."""
    start = deemed_receipt(letter_date, deemed_days, region) if counted_from == "receipt" else letter_date
    if unit == "working_days":
        return add_working_days(start, window, region)
    return start + dt.timedelta(days=window)


def appeal_window_text(window: int, unit: str, counted_from: str = "letter_date", deemed_days: int = 0) -> str:
    """The window as the letters state it, with where it is counted from: "21 working days from the date of
    this letter", or "... from when you receive this letter (we take that as 2 working days after its date)"."""
    text = f"{window} working days" if unit == "working_days" else f"{window} days"
    if counted_from != "receipt":
        return f"{text} from the date of this letter"
    if not deemed_days:
        return f"{text} from when you receive this letter"
    return (f"{text} from when you receive this letter, which we take as {deemed_days} working "
            f"day{'s' if deemed_days != 1 else ''} after its date")


def appeal_letter_date(case) -> dt.date | None:
    """The date the letter that can be appealed against was sent, from the case's record: the decision letter
    (D or E), else Letter B (the determination), else the closure under the vexatious complaints policy."""
    if case.decision_sent_on:
        return case.decision_sent_on
    if case.determination == "B" and case.determined_on:
        return case.determined_on
    if case.vexatious and case.closed_on:
        return case.closed_on
    return None


def appeal_deadline_for(case, settings=None, *, letter_date: dt.date | None = None) -> dt.date | None:
    """The appeal deadline of ``case``: the partnership's window counted from the date the decision was sent
    (``appeal_letter_date``). ``letter_date`` is used only while no appealable letter has been sent yet (a
    letter drafted before the decision is recorded); ``None`` when there is nothing to appeal."""
    if settings is None:
        from saferhub.asb.config import current_settings

        settings = current_settings(case)
    sent = appeal_letter_date(case) or letter_date
    if sent is None:
        return None
    deemed = (settings.deemed_receipt_email_days if settings.letters_sent_by == "email"
              else settings.deemed_receipt_post_days)
    return appeal_deadline(sent, settings.appeal_window, settings.appeal_window_unit, settings.region,
                           counted_from=settings.appeal_counted_from, deemed_days=deemed)
