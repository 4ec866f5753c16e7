"""The Sub Panel's rules as plain Python, testable without a database.

Actions gather the facts from the database and call these functions; each raises
``RuleViolation`` with a message naming the rule, or returns a result. Source paragraphs are
cited as ``seed FILE:LINE`` (see ``docs/processes/governance.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from saferhub.core import calendar
from saferhub.core.exceptions import RuleViolation

# ---------------------------------------------------------------------------------------------
# Facts passed in by actions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start <= self.end) and (other.end is None or self.start <= other.end)

    def describe(self) -> str:
        start = fmt_date(self.start)
        return f"from {start}" if self.end is None else f"from {start} to {fmt_date(self.end)}"


@dataclass(frozen=True)
class SeatGroupFacts:
    name: str
    seats: int
    seats_per_organisation: int
    organisation_id: int | None = None
    organisation_name: str = ""
    organisation_kind: str = ""
    organisation_kind_label: str = ""
    chair_eligible: bool = False
    vice_chair_eligible: bool = False


@dataclass(frozen=True)
class MembershipFacts:
    person_id: int
    person_name: str
    role: str  # member | substitute | co_opted
    seat_id: int | None
    period: Period
    membership_id: int | None = None


@dataclass(frozen=True)
class AttendanceFacts:
    person_id: int
    role: str  # member | substitute | co-opted | officer
    status: str  # present | apologies | absent | in_attendance
    voting: bool = False
    substitute_for_id: int | None = None


def fmt_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


# ---------------------------------------------------------------------------------------------
# Terms of Reference: composition (seed 002:422-425)
# ---------------------------------------------------------------------------------------------


def check_new_seat(
    group: SeatGroupFacts,
    *,
    organisation_id: int,
    organisation_name: str,
    organisation_kind: str,
    existing_organisation_ids: Sequence[int],
) -> None:
    """Refuse a seat the Terms of Reference do not provide for.

    Norfolk: "3 County Councillors" and "7 District Council members – one co-opted from each
    District" (seed 002:422-423), so a fourth county seat or a second seat for one district is
    refused.
    """
    if len(existing_organisation_ids) >= group.seats:
        raise RuleViolation(
            f"The Terms of Reference provide {plural(group.seats, 'seat')} for {group.name}, and all of them "
            "already exist. Change the Terms of Reference before adding another.",
            code="governance.tor_composition", field="organisation",
        )
    if group.organisation_id is not None and organisation_id != group.organisation_id:
        raise RuleViolation(
            f"Seats for {group.name} represent {group.organisation_name} under the Terms of Reference, "
            f"not {organisation_name}.",
            code="governance.tor_composition", field="organisation",
        )
    if group.organisation_id is None and group.organisation_kind and organisation_kind != group.organisation_kind:
        raise RuleViolation(
            f"Seats for {group.name} represent bodies of the kind “{group.organisation_kind_label}” under the "
            f"Terms of Reference; {organisation_name} is not one.",
            code="governance.tor_composition", field="organisation",
        )
    held = sum(1 for oid in existing_organisation_ids if oid == organisation_id)
    if held >= group.seats_per_organisation:
        raise RuleViolation(
            f"{organisation_name} already has {plural(held, 'seat')} for {group.name}; the Terms of Reference "
            f"allow {group.seats_per_organisation} from each body.",
            code="governance.tor_composition", field="organisation",
        )


def check_quorum_achievable(quorum: int, voting_seats: int) -> None:
    """A quorum larger than the number of voting seats could never be met."""
    if quorum < 1:
        raise RuleViolation("The quorum must be at least 1.", code="governance.quorum_setting", field="quorum")
    if voting_seats and quorum > voting_seats:
        raise RuleViolation(
            f"A quorum of {quorum} could never be met: the committee has {plural(voting_seats, 'voting seat')}.",
            code="governance.quorum_setting", field="quorum",
        )


# ---------------------------------------------------------------------------------------------
# Memberships and named substitutes (seed 002:424-425)
# ---------------------------------------------------------------------------------------------


def check_membership(
    new: MembershipFacts,
    *,
    seat_label: str,
    seat_memberships: Iterable[MembershipFacts],
    person_memberships: Iterable[MembershipFacts],
    substitutes_per_member: int,
    co_opted_allowed: bool,
) -> None:
    """Refuse a membership that breaks the Terms of Reference.

    - one main member per seat at a time;
    - "Each member of the Sub Panel to have one named substitute. No other substitutes are
      acceptable." (seed 002:424): at most ``substitutes_per_member`` substitutes per seat at a time;
    - co-opted members only where the Terms of Reference allow them (seed 002:425);
    - one place on the committee per person at a time.
    """
    if new.period.end is not None and new.period.end < new.period.start:
        raise RuleViolation("The end date must be on or after the start date.", code="governance.period", field="end_date")
    if new.role == "co_opted":
        if not co_opted_allowed:
            raise RuleViolation(
                "The Terms of Reference do not provide for co-opted members on this committee.",
                code="governance.co_opted_not_allowed", field="role",
            )
    elif new.seat_id is None:
        raise RuleViolation("Choose the seat this member or substitute holds.", code="governance.seat_required", field="seat")

    others = [m for m in seat_memberships if m.membership_id != new.membership_id or new.membership_id is None]
    if new.role == "member":
        for existing in others:
            if existing.role == "member" and existing.period.overlaps(new.period):
                raise RuleViolation(
                    f"{seat_label} already has a member, {existing.person_name}, {existing.period.describe()}. "
                    "End that membership first: each seat has one member at a time.",
                    code="governance.one_member_per_seat", field="person",
                )
    elif new.role == "substitute":
        if substitutes_per_member == 0:
            raise RuleViolation(
                "The Terms of Reference for this committee do not allow substitutes.",
                code="governance.one_named_substitute", field="role",
            )
        overlapping = [m for m in others if m.role == "substitute" and m.period.overlaps(new.period)]
        if len(overlapping) >= substitutes_per_member:
            names = ", ".join(f"{m.person_name} ({m.period.describe()})" for m in overlapping)
            raise RuleViolation(
                f"{seat_label} already has its named substitute: {names}. The Terms of Reference allow "
                f"{plural(substitutes_per_member, 'named substitute')} per member and no other substitutes.",
                code="governance.one_named_substitute", field="person",
            )

    for existing in person_memberships:
        if existing.membership_id is not None and existing.membership_id == new.membership_id:
            continue
        if existing.period.overlaps(new.period):
            raise RuleViolation(
                f"{new.person_name} already holds a place on this committee ({existing.role.replace('_', '-')}, "
                f"{existing.period.describe()}). A person can hold only one place at a time.",
                code="governance.one_place_per_person", field="person",
            )


# ---------------------------------------------------------------------------------------------
# Chair and Vice-Chair (seed 002:426-427)
# ---------------------------------------------------------------------------------------------


def check_office_election(
    *,
    office: str,
    civic_year: str,
    person_id: int,
    person_name: str,
    election_date: dt.date,
    membership: MembershipFacts | None,
    group: SeatGroupFacts | None,
    eligible_group_names: Sequence[str],
    current_holder: tuple[int, str] | None,
    other_office_holder: tuple[int, str] | None,
) -> None:
    """Refuse an election the Terms of Reference do not allow.

    "The Chair to be elected from the County Council members on the Sub Panel on an annual basis.
    The Vice Chair to be elected from other members on the Sub Panel on an annual basis."
    (seed 002:426-427). A member may be elected in their absence (seed 001:137).
    """
    title = "Chair" if office == "chair" else "Vice-Chair"
    if current_holder is not None:
        raise RuleViolation(
            f"The {title} for {civic_year} has already been elected ({current_holder[1]}). Each office is "
            "filled once per civic year.",
            code="governance.office_once_per_year", field="person",
        )
    if membership is None or membership.role != "member":
        raise RuleViolation(
            f"{person_name} is not a member of the committee on {fmt_date(election_date)}, so cannot be "
            f"elected {title}. Only members (not substitutes) can hold office.",
            code="governance.office_eligibility", field="person",
        )
    eligible = bool(group and (group.chair_eligible if office == "chair" else group.vice_chair_eligible))
    if not eligible:
        groups = " or ".join(eligible_group_names) or "no group"
        raise RuleViolation(
            f"The {title} must be elected from the {groups} (Terms of Reference); {person_name} sits as one of "
            f"the {group.name if group else 'other members'}.",
            code="governance.office_eligibility", field="person",
        )
    if other_office_holder is not None and other_office_holder[0] == person_id:
        other = "Vice-Chair" if office == "chair" else "Chair"
        raise RuleViolation(
            f"{person_name} is already the {other} for {civic_year}; one person cannot hold both offices.",
            code="governance.office_eligibility", field="person",
        )


# ---------------------------------------------------------------------------------------------
# Attendance and named substitutes at a meeting (seed 002:424; 000:30)
# ---------------------------------------------------------------------------------------------


def check_attendance(
    record: AttendanceFacts,
    *,
    person_name: str,
    meeting_date: dt.date,
    membership: MembershipFacts | None,
    named_substitute_for: tuple[int, str] | None,
    substitute_for_name: str,
    others: Iterable[AttendanceFacts],
    names: dict[int, str],
) -> None:
    """Refuse an attendance record that breaks the substitution rules.

    ``membership`` is the person's place on the committee on the meeting date, if any;
    ``named_substitute_for`` is ``(member id, name)`` of the member whose seat this person is the
    named substitute for on that date; ``others`` are the meeting's other attendance rows.
    """
    on = fmt_date(meeting_date)
    others = [o for o in others if o.person_id != record.person_id]
    if record.role == "officer":
        if record.status not in {"in_attendance", "apologies"}:
            raise RuleViolation(
                "Officers and partners are recorded as in attendance or as sending apologies; they are not members "
                "and do not count towards the quorum.",
                code="governance.officer_status", field="status",
            )
        if membership is not None and membership.role in {"member", "substitute"}:
            raise RuleViolation(
                f"{person_name} holds a place on the committee on {on}; record them as a member or substitute, "
                "not as an officer.",
                code="governance.officer_is_member", field="role",
            )
        return
    if record.status == "in_attendance":
        raise RuleViolation(
            "Only officers and partners are recorded as “in attendance”; record a councillor as present, "
            "sending apologies or absent.",
            code="governance.officer_status", field="status",
        )
    if record.role == "member":
        if membership is None or membership.role != "member":
            raise RuleViolation(
                f"{person_name} is not a member of the committee on {on}.",
                code="governance.not_a_member", field="person",
            )
        if record.status == "present":
            covering = [o for o in others if o.substitute_for_id == record.person_id and o.status == "present"]
            if covering:
                raise RuleViolation(
                    f"{names.get(covering[0].person_id, 'A substitute')} is already recorded as attending in "
                    f"{person_name}'s place. A member and their substitute cannot both be present.",
                    code="governance.named_substitute", field="status",
                )
        return
    if record.role == "co-opted":
        if membership is None or membership.role != "co_opted":
            raise RuleViolation(
                f"{person_name} is not a co-opted member of the committee on {on}.",
                code="governance.not_a_member", field="person",
            )
        return
    if record.role != "substitute":
        raise RuleViolation(f"Unknown role “{record.role}”.", code="governance.role", field="role")

    # Substitutes: "Each member of the Sub Panel to have one named substitute. No other
    # substitutes are acceptable." (seed 002:424)
    if membership is None or membership.role != "substitute":
        raise RuleViolation(
            f"{person_name} is not a named substitute on the committee on {on}. No other substitutes are "
            "acceptable.",
            code="governance.named_substitute", field="person",
        )
    if record.status != "present":
        if record.substitute_for_id is not None and (
            named_substitute_for is None or named_substitute_for[0] != record.substitute_for_id
        ):
            raise RuleViolation(
                f"{person_name} is not the named substitute for {substitute_for_name}.",
                code="governance.named_substitute", field="substitute_for",
            )
        return
    if record.substitute_for_id is None:
        raise RuleViolation(
            f"Say which member {person_name} is attending for.", code="governance.named_substitute",
            field="substitute_for",
        )
    if named_substitute_for is None:
        raise RuleViolation(
            f"The seat {person_name} is named substitute for has no member on {on}, so there is nobody to "
            "substitute for.",
            code="governance.named_substitute", field="substitute_for",
        )
    if named_substitute_for[0] != record.substitute_for_id:
        raise RuleViolation(
            f"Only a member's named substitute may attend in their place: {person_name} is the named substitute "
            f"for {named_substitute_for[1]}, not {substitute_for_name}.",
            code="governance.named_substitute", field="substitute_for",
        )
    for other in others:
        if other.person_id == record.substitute_for_id and other.status == "present":
            raise RuleViolation(
                f"{substitute_for_name} is recorded as present, so their substitute cannot attend in their place.",
                code="governance.named_substitute", field="substitute_for",
            )
        if other.substitute_for_id == record.substitute_for_id and other.status == "present":
            raise RuleViolation(
                f"{names.get(other.person_id, 'Another substitute')} is already attending for {substitute_for_name}.",
                code="governance.named_substitute", field="substitute_for",
            )


# ---------------------------------------------------------------------------------------------
# Quorum (seed 002:433; 001:238-243)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumResult:
    required: int
    voting_present: int

    @property
    def quorate(self) -> bool:
        return self.voting_present >= self.required

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.voting_present)


def count_quorum(required: int, records: Iterable[AttendanceFacts]) -> QuorumResult:
    """Count voting members present: main members and valid substitutes; never co-opted
    non-voting members or officers ("The quorum for the Sub Panel will be five members",
    seed 002:433; a substitute counts, seed 001:231-241)."""
    present = sum(1 for r in records if r.status == "present" and r.voting and r.role != "officer")
    return QuorumResult(required=required, voting_present=present)


def inquorate_minute(template: str, *, quorum: int, present: int, declared_at: dt.time) -> str:
    """The standard inquorate minute (seed 001:238-243), in the committee's configured wording."""
    hour = declared_at.hour % 12 or 12
    suffix = "am" if declared_at.hour < 12 else "pm"
    when = f"{hour}.{declared_at.minute:02d} {suffix}"
    try:
        return template.format(
            quorum=quorum, present=present, present_word="member was" if present == 1 else "members were",
            declared_at=when,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise RuleViolation(
            f"The inquorate minute template has an unknown placeholder ({exc}); use {{quorum}}, {{present}}, "
            "{present_word} and {declared_at}.",
            code="governance.template", field="inquorate_minute_template",
        ) from exc


# ---------------------------------------------------------------------------------------------
# Declarations of interest (seed 002:53-72)
# ---------------------------------------------------------------------------------------------


def check_declaration(*, interest_type: str, has_item: bool, person_name: str, declarant_present: bool) -> bool:
    """Refuse a declaration that cannot stand; return whether the member takes no part.

    A Disclosable Pecuniary Interest bars speaking and voting on the matter (seed 002:53-55), so
    it must name the item and the member takes no part in it. An Other Interest is declared but
    the member may speak and vote (seed 002:70).
    """
    if not declarant_present:
        raise RuleViolation(
            f"{person_name} is not recorded as present at this meeting. Only councillors present can declare an "
            "interest; record their attendance first.",
            code="governance.declarant_present", field="person",
        )
    if interest_type == "DPI":
        if not has_item:
            raise RuleViolation(
                "Say which agenda item the Disclosable Pecuniary Interest relates to: the member must take no part "
                "in that item.",
                code="governance.dpi_item", field="agenda_item",
            )
        return True
    if interest_type != "Other":
        raise RuleViolation("Choose the type of interest.", code="governance.interest_type", field="interest_type")
    return False


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------


def check_decision_allowed(*, status: str, attendance_finalised: bool, meeting_date: dt.date, today: dt.date) -> None:
    """Decisions are recorded only for a meeting that took place and was quorate."""
    if status == "inquorate":
        raise RuleViolation(
            "This meeting was inquorate, so no business was transacted and no decisions can be recorded. Its items "
            "carry forward to a later meeting.",
            code="governance.inquorate_no_business",
        )
    if status in {"cancelled", "postponed"}:
        raise RuleViolation(
            f"This meeting was {status}; no decisions can be recorded for it.", code="governance.meeting_not_held"
        )
    if meeting_date > today:
        raise RuleViolation(
            "This meeting has not taken place yet; decisions are recorded on or after the meeting date.",
            code="governance.meeting_not_held",
        )
    if not attendance_finalised or status != "held":
        raise RuleViolation(
            "Confirm the attendance first: decisions can be recorded once the meeting is confirmed as quorate.",
            code="governance.attendance_not_final",
        )


# ---------------------------------------------------------------------------------------------
# Meeting frequency (seed 002:431; 001:1029)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrequencyGap:
    start: dt.date
    end: dt.date

    def describe(self, frequency_months: int) -> str:
        if frequency_months == 3:
            year, quarter = calendar.quarter_of(self.start)
            return f"No meeting was held in quarter {quarter} of {year} ({fmt_date(self.start)} to {fmt_date(self.end)})."
        return f"No meeting was held between {fmt_date(self.start)} and {fmt_date(self.end)}."


def periods_without_meeting(
    held_dates: Iterable[dt.date], *, since: dt.date, today: dt.date, frequency_months: int = 3
) -> list[FrequencyGap]:
    """Complete periods (quarters, for quarterly committees) since ``since`` with no meeting held.

    Periods are aligned to the calendar year (January–March, April–June, …). Only periods that
    have ended are reported, and only those that began on or after ``since``. These are warnings:
    the Terms of Reference ask for quarterly meetings (seed 002:431), but nothing is refused.
    """
    if frequency_months < 1 or 12 % frequency_months:
        frequency_months = 3 if frequency_months < 12 else 12
    dates = sorted(held_dates)
    gaps: list[FrequencyGap] = []
    start_month = ((since.month - 1) // frequency_months) * frequency_months + 1
    cursor = dt.date(since.year, start_month, 1)
    if cursor < since:
        cursor = calendar.add_months(cursor, frequency_months)
    while True:
        end = calendar.add_months(cursor, frequency_months) - dt.timedelta(days=1)
        if end >= today:
            break
        if not any(cursor <= d <= end for d in dates):
            gaps.append(FrequencyGap(cursor, end))
        cursor = calendar.add_months(cursor, frequency_months)
    return gaps


# ---------------------------------------------------------------------------------------------
# Register of interests and dispensations (Localism Act 2011 ss.29-34; SI 2012/1464)
# ---------------------------------------------------------------------------------------------

#: The seven categories of the Schedule to the Relevant Authorities (Disclosable Pecuniary
#: Interests) Regulations 2012 (SI 2012/1464), as ``RegisterEntry.Category`` keys.
DPI_CATEGORIES = ("employment", "sponsorship", "contracts", "land", "licences", "corporate_tenancies", "securities")
REGISTER_DAYS = 28  # s.30(1): within 28 days of becoming a member; the code applies the same to changes


@dataclass(frozen=True)
class RegisterDue:
    due_on: dt.date
    overdue: bool
    because: str


def register_due(*, triggers: Sequence[tuple[dt.date, str]], last_review: dt.date | None, today: dt.date) -> RegisterDue | None:
    """Whether a member's register needs updating: the earliest election or change (``(date, what)``)
    not followed by a review on or after it is due 28 days later, overdue after that (s.30(1))."""
    pending = sorted(t for t in triggers if last_review is None or last_review < t[0])
    if not pending:
        return None
    day, what = pending[0]
    due_on = day + dt.timedelta(days=REGISTER_DAYS)
    return RegisterDue(due_on, today > due_on, what)


def check_register_entry(*, interest_type: str, category: str, code_category: str, code_keys: Iterable[str]) -> None:
    """A DPI is one of the seven statutory categories (SI 2012/1464 Schedule); any other registrable
    interest names a category of the council's code (governance/data/interests.yaml)."""
    if interest_type == "DPI" and category not in DPI_CATEGORIES:
        raise RuleViolation("A Disclosable Pecuniary Interest must be in one of the seven categories of the 2012 "
                            "Regulations.", code="governance.dpi_category", field="category")
    if interest_type != "DPI" and code_category not in set(code_keys):
        raise RuleViolation("Choose which of the code of conduct's other registrable interests this is.",
                            code="governance.code_category", field="code_category")


def dpi_needs_monitoring_officer(*, interest_type: str, on_register: bool) -> bool:
    """A DPI disclosed at a meeting that is not on the register (nor pending) must be notified to the
    monitoring officer within 28 days (s.31(2)-(3)), so it becomes a task for them."""
    return interest_type == "DPI" and not on_register


def check_dispensation(*, valid_from: dt.date, valid_to: dt.date, granted_by: str, scope: str, reason: str) -> None:
    """A dispensation is granted by the authority on a ground in s.33(2), for at most four years (s.33(3))."""
    for value, name, label in ((granted_by, "granted_by", "who granted it"), (scope, "scope", "what it covers"),
                               (reason, "reason", "the reason")):
        if not value.strip():
            raise RuleViolation(f"Say {label}.", code="governance.dispensation_required", field=name)
    if valid_to < valid_from:
        raise RuleViolation("The dispensation ends before it starts.", code="governance.period", field="valid_to")
    limit = valid_from.replace(year=valid_from.year + 4, day=28 if (valid_from.month, valid_from.day) == (2, 29) else valid_from.day)
    if valid_to > limit:
        raise RuleViolation("A dispensation lasts at most four years (Localism Act 2011 s.33(3)).",
                            code="governance.dispensation_length", field="valid_to")


def dispensation_applies(*, valid_from: dt.date, valid_to: dt.date, committee_id: int | None,
                         meeting_committee_id: int, day: dt.date) -> bool:
    """A dispensation covers a meeting on a day within its period, of its committee (or any, if none)."""
    return valid_from <= day <= valid_to and committee_id in (None, meeting_committee_id)
