"""The groups' rules, in plain Python with no database (each cites the Terms of Reference line).

Every refusal raises ``RuleViolation`` with a message in the guidance's words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from saferhub.core import calendar
from saferhub.core.exceptions import RuleViolation

#: Days before a term ends when the secretariat is warned that an election is due.
TERM_WARNING_DAYS = 60


def fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- Terms of Reference versions --------------------------------------------------------------

@dataclass(frozen=True)
class VersionWindow:
    version: str
    start: dt.date
    end: dt.date | None  # inclusive; None while in force


def check_version_window(new: VersionWindow, existing: list[VersionWindow]) -> None:
    """Versions of one body's Terms of Reference do not overlap: on any date one version applies
    (issue 11, "a ToR version that overlaps another"; seed 002:715-722 dates each version)."""
    if new.end is not None and new.end < new.start:
        raise RuleViolation("The version cannot stop being in force before it comes into force.",
                            code="groups.tor_dates", field="in_force_to")
    for other in existing:
        if other.version == new.version:
            raise RuleViolation(f"Version {new.version} of these Terms of Reference is already recorded.",
                                code="groups.tor_duplicate", field="version")
        starts_before_other_ends = other.end is None or new.start <= other.end
        ends_after_other_starts = new.end is None or new.end >= other.start
        if starts_before_other_ends and ends_after_other_starts:
            until = fmt(other.end) if other.end else "now"
            raise RuleViolation(
                f"Version {new.version} would overlap version {other.version}, in force from {fmt(other.start)} to "
                f"{until}. Versions of one body's Terms of Reference cannot be in force at the same time.",
                code="groups.tor_overlap", field="in_force_from",
            )


def pick_version(windows: list[VersionWindow], day: dt.date) -> VersionWindow | None:
    """The version in force on ``day``: the one whose window contains it."""
    for window in windows:
        if window.start <= day and (window.end is None or day <= window.end):
            return window
    return None


# --- Meeting cadence and timeline ------------------------------------------------------------

def cadence_window(previous: dt.date, months: int | None, weeks: int | None) -> tuple[dt.date, dt.date] | None:
    """The dates the next meeting falls in to keep the cadence: the interval after the last meeting,
    give or take a quarter of it (at least a week). "Meet quarterly" (seed 002:798)."""
    if months:
        expected = calendar.add_months(previous, months)
        slack = dt.timedelta(days=max(7, months * 30 // 4))
    elif weeks:
        expected = previous + dt.timedelta(weeks=weeks)
        slack = dt.timedelta(days=max(7, weeks * 7 // 4))
    else:
        return None
    return expected - slack, expected + slack


def check_cadence(date: dt.date, previous: dt.date | None, months: int | None, weeks: int | None, reason: str) -> None:
    """A meeting outside the cadence the Terms of Reference set needs a reason (issue 11)."""
    if previous is None or reason.strip():
        return
    window = cadence_window(previous, months, weeks)
    if window is None or window[0] <= date <= window[1]:
        return
    every = f"every {months} months" if months else f"every {weeks} weeks"
    raise RuleViolation(
        f"The Terms of Reference say the group meets {every}; after the meeting on {fmt(previous)} the next is due "
        f"between {fmt(window[0])} and {fmt(window[1])}. Give the reason for meeting on {fmt(date)}.",
        code="groups.outside_cadence", field="reason",
    )


@dataclass(frozen=True)
class TimelineRules:
    pre_agenda_days_before: int | None
    papers_days_before: int | None
    papers_clear_working_days: int | None
    minutes_days_after: int | None


def timeline(meeting_date: dt.date, tor: TimelineRules, region: str = "ENG") -> list[tuple[str, dt.date, str]]:
    """The secretariat's dated tasks for a meeting: (kind, due, rule in words).

    CLSG: "Two weeks prior pre-agenda meeting … Agenda and supporting papers will be circulated one
    week prior to meetings. Minutes will be distributed one week following meetings." (seed
    002:809-810). The Sub Panel instead publishes leaving five clear working days (seed 002:108),
    counted with ``core.calendar``.
    """
    tasks = []
    if tor.pre_agenda_days_before:
        tasks.append(("pre_agenda", meeting_date - dt.timedelta(days=tor.pre_agenda_days_before),
                      f"Pre-agenda meeting {tor.pre_agenda_days_before} days before the meeting"))
    if tor.papers_clear_working_days:
        tasks.append(("papers", calendar.latest_date_for_clear_days(meeting_date, tor.papers_clear_working_days, region),
                      f"Papers out leaving {tor.papers_clear_working_days} clear working days"))
    elif tor.papers_days_before:
        tasks.append(("papers", meeting_date - dt.timedelta(days=tor.papers_days_before),
                      f"Agenda and papers circulated {tor.papers_days_before} days before the meeting"))
    if tor.minutes_days_after:
        tasks.append(("minutes", meeting_date + dt.timedelta(days=tor.minutes_days_after),
                      f"Minutes distributed {tor.minutes_days_after} days after the meeting"))
    return tasks


def is_overdue(due: dt.date | None, done: bool, today: dt.date) -> bool:
    return bool(due) and not done and due < today


# --- Action logs -----------------------------------------------------------------------------

def check_action(text: str, has_owner: bool, target_date: dt.date | None) -> None:
    """"Written records of the meetings, with clear action points made, target dates, status of
    actions" (seed 002:808): an action needs its wording, an owner and a target date."""
    if not text.strip():
        raise RuleViolation("Enter the action.", code="groups.action_text_required", field="text")
    if not has_owner:
        raise RuleViolation("Enter who owns the action: a person, an organisation or both. Every action point needs "
                            "an owner.", code="groups.action_owner_required", field="owner_person")
    if target_date is None:
        raise RuleViolation("Enter the action's target date. Every action point needs a target date.",
                            code="groups.action_date_required", field="target_date")


# --- Chairs ----------------------------------------------------------------------------------

def term_end(start: dt.date, term_months: int | None) -> dt.date | None:
    """The last day of a chair's term: "appointed for a term of two years" (seed 002:802)."""
    if not term_months:
        return None
    return calendar.add_months(start, term_months) - dt.timedelta(days=1)


def term_warning(end: dt.date | None, today: dt.date, days: int = TERM_WARNING_DAYS) -> str:
    """A warning when the chair's term ends within ``days`` (or has ended)."""
    if end is None:
        return ""
    if end < today:
        return f"The chair's term ended on {fmt(end)}: an election is due."
    if (end - today).days <= days:
        return f"The chair's term ends on {fmt(end)}: arrange the election."
    return ""


@dataclass(frozen=True)
class ChairElection:
    person_name: str
    is_member: bool
    held_previous_term: bool
    method: str
    votes_for: int | None
    votes_against: int | None


def check_chair_election(election: ChairElection, *, from_members: bool, re_electable: bool, tor_method: str,
                         evidence: str = "") -> None:
    """"The Chair will be appointed for a term of two years elected from within the group by a simple
    majority with the opportunity to be re-elected after this term should the partnership members
    agree" (seed 002:802). "Unanimous agreement" is recorded as such (seed 001:690)."""
    if from_members and not election.is_member:
        raise RuleViolation(
            f"{election.person_name} is not a member of the group on the election date; the Chair is elected from "
            "within the group.", code="groups.chair_not_member", field="person",
        )
    if election.held_previous_term and not re_electable:
        raise RuleViolation(f"{election.person_name} has already served as Chair, and these Terms of Reference do not "
                            "allow re-election.", code="groups.chair_not_re_electable", field="person")
    if election.method == "simple_majority":
        if election.votes_for is None or election.votes_against is None:
            raise RuleViolation("Enter the votes for and against, or record the election as unanimous agreement.",
                                code="groups.chair_votes_required", field="votes_for")
        if election.votes_for <= election.votes_against:
            raise RuleViolation(
                f"{election.votes_for} for and {election.votes_against} against is not a simple majority, so "
                f"{election.person_name} is not elected.", code="groups.chair_no_majority", field="votes_for",
            )
    if election.method == "not_recorded" and not evidence.strip():
        raise RuleViolation("Say where the chair is evidenced when the election itself is not recorded.",
                            code="groups.chair_evidence_required", field="evidence")
    if election.method == "appointed" and tor_method != "appointed":
        raise RuleViolation("These Terms of Reference say the Chair is elected, not appointed.",
                            code="groups.chair_method", field="method")


# --- Roster ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RequiredPlace:
    name: str
    organisation_id: int | None
    organisation_kind: str


def fills(place: RequiredPlace, organisation_id: int, organisation_kind: str) -> bool:
    if place.organisation_id is not None:
        return place.organisation_id == organisation_id
    return bool(place.organisation_kind) and place.organisation_kind == organisation_kind


@dataclass
class RosterRow:
    place: RequiredPlace
    representatives: list[str]
    attended: int
    meetings: int

    @property
    def unrepresented(self) -> bool:
        return not self.representatives

    @property
    def absent_throughout(self) -> bool:
        return self.meetings > 0 and self.attended == 0


#: Without a configured number the roster looks at the last three meetings.
DEFAULT_ABSENCE_MEETINGS = 3


def absence_meetings(requested: int | None, configured: int | None) -> int:
    """How many of the last meetings the roster looks at: the number asked for on the page, else the one the
    Terms of Reference configure, else three; between 1 and 12."""
    return max(1, min(12, requested or configured or DEFAULT_ABSENCE_MEETINGS))


def roster(places: list[RequiredPlace], members: list[tuple[str, int, str]],
           attended_by_meeting: list[set[tuple[int, str]]]) -> list[RosterRow]:
    """For each required member organisation (seed 002:770-789): who represents it now, and at how
    many of the last meetings it was represented. ``members`` are (name, organisation id, kind);
    ``attended_by_meeting`` holds, per meeting, the (organisation id, kind) pairs present."""
    rows = []
    for place in places:
        reps = [name for name, org_id, kind in members if fills(place, org_id, kind)]
        attended = sum(1 for present in attended_by_meeting if any(fills(place, o, k) for o, k in present))
        rows.append(RosterRow(place, reps, attended, len(attended_by_meeting)))
    return rows


# --- Terms of Reference amendments -----------------------------------------------------------

@dataclass(frozen=True)
class AgreeingMeeting:
    same_body: bool
    date: dt.date
    status: str  # governance MeetingStatus value
    item_on_meeting: bool = True


def check_amendment_proposal(changed_fields: int, summary: str) -> None:
    """An amendment says what it does and changes at least one rule (issue 11 item 6)."""
    if not summary.strip():
        raise RuleViolation("Say in a line what the amendment does.", code="groups.amendment_summary",
                            field="summary")
    if changed_fields == 0:
        raise RuleViolation("The amendment changes nothing: change at least one part of the Terms of Reference.",
                            code="groups.amendment_no_change", field="purpose")


def check_amendment_agreement(meeting: AgreeingMeeting, in_force_from: dt.date, today: dt.date) -> None:
    """A Terms of Reference amendment is agreed at a meeting of the body that has taken place and transacted
    business (an inquorate meeting transacts none, seed 001:238-243), and comes into force no earlier than
    the day it was agreed, so the rules that applied on any earlier date stay those of the version then in
    force (issue 11 item 6)."""
    if not meeting.same_body:
        raise RuleViolation("An amendment is agreed at a meeting of the body whose Terms of Reference it changes; "
                            "this meeting is of another body.", code="groups.amendment_other_body", field="meeting")
    if meeting.date > today or meeting.status in {"cancelled", "postponed"}:
        raise RuleViolation(f"The meeting of {fmt(meeting.date)} has not taken place, so nothing can have been agreed "
                            "at it.", code="groups.amendment_meeting_not_held", field="meeting")
    if meeting.status == "inquorate":
        raise RuleViolation(f"The meeting of {fmt(meeting.date)} was inquorate and transacted no business, so it "
                            "cannot have agreed the amendment.", code="groups.amendment_meeting_inquorate",
                            field="meeting")
    if not meeting.item_on_meeting:
        raise RuleViolation("The agenda item must be on the agenda of the meeting that agreed the amendment.",
                            code="groups.amendment_item", field="agenda_item")
    if in_force_from < meeting.date:
        raise RuleViolation(
            f"The new version cannot come into force before the meeting that agreed it ({fmt(meeting.date)}): the "
            "rules that applied before then stay those of the earlier version.",
            code="groups.amendment_backdated", field="in_force_from")


def review_due(review_date: dt.date | None, today: dt.date, days: int) -> bool:
    """The Terms of Reference's review is due within ``days`` or overdue (seed 002:716, "review Sept 2022")."""
    return review_date is not None and review_date <= today + dt.timedelta(days=days)


# --- Terms of Reference reviews (issue 11 item 6: "annual, or configured, review reminders") ------------------

#: Without a configured review interval the Terms of Reference are reviewed annually.
DEFAULT_REVIEW_MONTHS = 12


def next_review_date(reviewed_on: dt.date, review_months: int | None) -> dt.date:
    """After a review with no change, the next is due the configured interval after it (annual unless the
    Terms of Reference say otherwise)."""
    return calendar.add_months(reviewed_on, review_months or DEFAULT_REVIEW_MONTHS)


def check_review_no_change(reviewed_on: dt.date, today: dt.date, in_force_from: dt.date,
                           in_force_to: dt.date | None, version: str) -> None:
    """A "reviewed, no change" is recorded for the version in force on the day of the review, on or before today."""
    if reviewed_on > today:
        raise RuleViolation("The date of the review must be today or in the past.", code="groups.review_future",
                            field="reviewed_on")
    if reviewed_on < in_force_from or (in_force_to is not None and reviewed_on > in_force_to):
        raise RuleViolation(
            f"Version {version} of the Terms of Reference was not in force on {fmt(reviewed_on)}: record the review "
            "against the version in force on the day.", code="groups.review_not_in_force", field="reviewed_on")


def check_task_can_be_marked_done(kind: str) -> None:
    """A Terms of Reference review is done by its outcome, not by a tick: a new version coming into force, or
    the review recorded as "reviewed, no change" (which sets the next review date)."""
    if kind == "tor_review":
        raise RuleViolation("A Terms of Reference review is done when a new version comes into force or when you "
                            "record it as reviewed with no change.", code="groups.review_task_outcome")
