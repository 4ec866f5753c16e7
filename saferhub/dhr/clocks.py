"""The single home of a review's due dates and whether they are due, at risk, overdue or done. Calendar
months through ``saferhub.core.calendar.add_months``; the numbers are the partnership's configuration
(``DhrSettings.decision_months``, ``review_months``, ``at_risk_days``: data, not constants), whose defaults
are the 2016 statutory guidance's as widely cited:

- Decision: the partnership decides whether to hold a review within one month of the death coming to its
  attention (2016 guidance, Section 3, "Establishing a Domestic Homicide Review", page 9 of the document).
  After an advocate's request to revisit a "not review" decision the clock starts again from the request (a
  local choice: the guidance sets no timescale for it).
- Home Office: told of the decision either way (001:420; 2016 guidance, Section 3). No number of days is
  coded, so the clock shows "not yet told" rather than a date.
- Review: finished (the report submitted to the Home Office quality assurance panel) within six months of the
  decision to go ahead (2016 guidance, Section 5, "Timescales for conducting a Domestic Homicide Review",
  page 16), plus any extensions agreed with their reasons.
- Paused: while a parallel process the team said the review waits for (``ParallelProcess.pauses_review``, with
  its reason; typically the criminal trial) is open, the review clock shows "Paused", not "Overdue", and is
  left out of the overdue sweep. Once it ends, the days it was open after the decision (overlapping pauses
  counted once) are added to the due date. A local rule (issue 13): the guidance expects the review to go on
  alongside criminal proceedings where it can, so a pause is the team's recorded choice, never automatic.
- Revised report: after the Home Office quality assurance panel's letter asks for changes ("approved subject to
  changes" or "resubmit"), the revised report goes back within ``DhrSettings.resubmission_weeks`` weeks of the
  letter's date: done by the resubmission or, for "subject to changes", by the panel's approval. A partnership's
  own target (the guidance sets no deadline that we could read), so a setting with SaferHub's default of eight
  weeks. Only the latest letter asking for changes runs a clock; an earlier round is over once resubmitted.

**Verification (December 2026).** With the search tool we found the 2016 guidance's table of contents
(Section 3 at page 9, Section 5 "Timescales" at page 16; transcript at fdocuments.net) and the Home Office's
May 2024 draft revision ("Domestic Homicide Review Statutory Guidance", gov.uk consultation, accessible
version), but the stored excerpts stop before the paragraphs themselves. We could therefore **not** read or
cite the paragraph numbers for "one month" and "six months", nor check whether the 2024 draft changes them.
The seeds give no timescales (seed-processes 2.10 item 4). Until someone checks the document, the defaults
stay as coded and each partnership can change them in its settings.

Pure functions over plain values, plus ``case_clocks`` reading an already fetched case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from saferhub.core.calendar import add_months

DONE, OVERDUE, AT_RISK, DUE, PAUSED = "done", "overdue", "at_risk", "due", "paused"
STATE_LABELS = {DONE: "Done", OVERDUE: "Overdue", AT_RISK: "Due soon", DUE: "Due", PAUSED: "Paused"}


@dataclass(frozen=True)
class Clock:
    name: str
    due: dt.date | None
    done_on: dt.date | None
    state: str
    #: Why a paused clock waits (the parallel processes and the reasons recorded).
    note: str = ""

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def state(due: dt.date | None, done_on: dt.date | None, today: dt.date, at_risk_days: int) -> str:
    if done_on is not None:
        return DONE
    if due is None:
        return DUE
    if today > due:
        return OVERDUE
    if (due - today).days <= at_risk_days:
        return AT_RISK
    return DUE


def decision_due(clock_start: dt.date, decision_months: int) -> dt.date:
    return add_months(clock_start, decision_months)


def review_due(decided_on: dt.date, review_months: int, extension_months: int = 0) -> dt.date:
    return add_months(decided_on, review_months + extension_months)


def paused_days(pauses, since: dt.date) -> int:
    """The days the review was paused after ``since`` (the decision): ``pauses`` are (start or None, end) of ended
    pausing processes; a start before the decision, or none, counts from the decision; overlaps count once."""
    spans = sorted((max(start or since, since), end) for start, end in pauses if end is not None and end > since)
    days, reach = 0, since
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            days += (end - start).days
            reach = end
    return days


def review_clock(decided_on: dt.date, review_months: int, extension_months: int, submitted: dt.date | None,
                 pauses, today: dt.date, at_risk_days: int) -> tuple[dt.date | None, str]:
    """The review clock's due date and state: "paused" (no due date) while a pausing process is open and the
    report is not submitted; otherwise six months (the setting) plus extensions plus the days paused.
    ``pauses``: (start, end) of the case's pausing processes, end None while open."""
    pauses = list(pauses)
    if submitted is None and any(end is None for _, end in pauses):
        return None, PAUSED
    due = review_due(decided_on, review_months, extension_months) + dt.timedelta(days=paused_days(pauses, decided_on))
    return due, state(due, submitted, today, at_risk_days)


def resubmission_due(letter_on: dt.date, resubmission_weeks: int) -> dt.date:
    return letter_on + dt.timedelta(weeks=resubmission_weeks)


#: The panel's outcomes that ask the Partnership for a revised report.
CHANGES_ASKED = {"subject_to_changes", "resubmit"}


def revision_round(submissions) -> tuple[dt.date, dt.date | None] | None:
    """The latest round in which the quality assurance panel asked for changes: (its letter's date, the date the
    revised report went back, None while it has not), or None when no letter asks for changes. ``submissions``:
    (number, submitted on, letter on, letter outcome, approved on) of each of a case's submissions."""
    rows = sorted(submissions, key=lambda r: r[0])
    asked = [r for r in rows if r[2] is not None and r[3] in CHANGES_ASKED]
    if not asked:
        return None
    number, _, letter_on, _, approved_on = asked[-1]
    later = [r[1] for r in rows if r[0] > number]
    return letter_on, (min(later) if later else approved_on)


def imr_states(imrs, today: dt.date, at_risk_days: int) -> list[tuple[object, Clock]]:
    """Each individual management review request with its own clock: due on its due date, done by its receipt
    (overdue, due soon or due like the case's clocks). ``imrs``: already fetched requests."""
    return [(imr, Clock(str(imr.agency), imr.due_on, imr.received_on,
                        state(imr.due_on, imr.received_on, today, at_risk_days))) for imr in imrs]


def erase_after(closed_on: dt.date | None, retention_years: int) -> dt.date | None:
    return add_months(closed_on, 12 * retention_years) if closed_on else None


def case_clocks(case, settings, today: dt.date) -> list[Clock]:
    """The decision clock and, once a review is decided, the review clock and (after a quality assurance letter
    asking for changes) the revised report's. ``case`` has its decisions, steps, extensions and QA submissions
    prefetched (``queries``)."""
    decision = current_decision(case)
    decided_on = decision.decided_on if decision else None
    clocks = [Clock("Decision", decision_due(case.decision_clock_start, settings.decision_months), decided_on,
                    state(decision_due(case.decision_clock_start, settings.decision_months), decided_on, today,
                          settings.at_risk_days))]
    if decision is not None:
        told = decision.home_office_notified_on
        clocks.append(Clock("Home Office told", None, told, DONE if told else DUE))
    if decision is not None and decision.outcome == "review":
        months = sum(e.months for e in case.extensions.all())
        submitted = next((s.done_on for s in case.steps.all() if s.step == "submitted"), None)
        pausing = [p for p in case.parallel.all() if p.pauses_review]
        due, review_state = review_clock(decision.decided_on, settings.review_months, months, submitted,
                                         [(p.started_on, p.ended_on) for p in pausing], today, settings.at_risk_days)
        note = "; ".join(f"waiting for the {p.get_kind_display().lower()}: {p.pause_reason}"
                         for p in pausing if p.ended_on is None) if review_state == PAUSED else ""
        clocks.append(Clock("Review submitted", due, submitted, review_state, note))
        revision = revision_round([(s.number, s.submitted_on, s.letter_on, s.letter_outcome, s.approved_on)
                                   for s in case.qa_submissions.all()])
        if revision is not None:
            letter_on, revised_on = revision
            due = resubmission_due(letter_on, settings.resubmission_weeks)
            clocks.append(Clock(REVISED, due, revised_on, state(due, revised_on, today, settings.at_risk_days)))
    return clocks


REVISED = "Revised report resubmitted"


def current_decision(case):
    """The decision in force (the last one not reopened), from prefetched decisions."""
    current = [d for d in case.decisions.all() if d.reopened_on is None]
    return current[-1] if current else None


def worst(clocks: list[Clock]) -> str:
    states = {c.state for c in clocks}
    for s in (OVERDUE, AT_RISK, PAUSED, DUE):
        if s in states:
            return s
    return DONE



def overdue_sweep(rows, settings_map: dict, today: dt.date) -> dict[int, list[str]]:
    """The overdue sweep over every open case: case id → the names of its clocks past their due date, the same
    clocks as ``case_clocks`` computed from plain rows (``queries.sweep_rows``: id, partnership id, decision
    clock start, the current decision's outcome and date, extension months, date submitted, the
    ``revision_round`` of its QA submissions or None, and the (start, end) of its pausing parallel processes),
    so that tens of thousands of cases need no model
    instances. ``settings_map``: partnership id → its settings."""
    found: dict[int, list[str]] = {}
    for pk, partnership_id, clock_start, outcome, decided_on, extra_months, submitted, revision, pauses in rows:
        settings = settings_map[partnership_id]
        late = []
        if state(decision_due(clock_start, settings.decision_months), decided_on, today,
                 settings.at_risk_days) == OVERDUE:
            late.append("Decision")
        if outcome == "review" and review_clock(decided_on, settings.review_months, extra_months or 0, submitted,
                                                pauses, today, settings.at_risk_days)[1] == OVERDUE:
            late.append("Review submitted")
        if outcome == "review" and revision is not None and state(
                resubmission_due(revision[0], settings.resubmission_weeks), revision[1], today,
                settings.at_risk_days) == OVERDUE:
            late.append(REVISED)
        if late:
            found[pk] = late
    return found
