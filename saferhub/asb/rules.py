"""ASB Case Review rules: pure Python, no database.

Sources are cited as ``seed FILE:LINE`` (see ``../shared/spec/seed-processes.md`` §1). Every function
here takes plain values and returns plain values or raises ``RuleViolation``; ``facts.py`` gathers the
values from the database and the actions call these functions.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from saferhub.core.calendar import add_months, add_working_days, is_working_day, working_days_between
from saferhub.core.exceptions import RuleViolation

STATUTORY_MAXIMUM_THRESHOLD = 3  # ASB, Crime and Policing Act 2014; "no higher than three" (seed 002:1130)

# ---------------------------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------------------------


def check_threshold_setting(count: int) -> None:
    """A partnership may set a lower threshold than three complaints, never a higher one (seed 002:1130)."""
    if count is None or count < 1:
        raise RuleViolation("The threshold must be at least 1 qualifying complaint.",
                            code="asb.threshold_minimum", field="threshold_count")
    if count > STATUTORY_MAXIMUM_THRESHOLD:
        raise RuleViolation(
            f"The threshold cannot be {count}: the law sets a statutory maximum of "
            f"{STATUTORY_MAXIMUM_THRESHOLD} qualifying complaints in 6 months. A partnership may set it lower, "
            "never higher.",
            code="asb.threshold_above_statutory_maximum", field="threshold_count",
        )


@dataclass(frozen=True)
class LocalRoute:
    """An extra local way to meet the threshold, e.g. Breckland's "at least five people reported the
    same problem in the past six months" (seed 002:1156). Reported as a local variant."""

    name: str
    min_distinct_reporters: int = 5
    window_months: int = 6


@dataclass(frozen=True)
class ThresholdConfig:
    threshold_count: int = 3
    window_months: int = 6
    report_within_months: int = 1
    application_within_months: int = 6
    local_routes: tuple[LocalRoute, ...] = ()


DEFAULT_CONFIG = ThresholdConfig()

# ---------------------------------------------------------------------------------------------
# Threshold engine (seed 002:1425-1442)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    behaviour_date: dt.date
    reported_date: dt.date
    agency: str = ""
    reference: str = ""
    reporter: str = ""


@dataclass
class ThresholdResult:
    met: bool
    required: int
    qualifying: list[int]
    not_qualifying: list[dict[str, Any]]
    route: str  # "threshold" | "local_variant" | "none"
    explanation: list[str] = field(default_factory=list)
    local_route: str = ""

    def as_dict(self, explain: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "met": self.met,
            "required": self.required,
            "qualifying": self.qualifying,
            "not_qualifying": self.not_qualifying,
            "route": self.route,
        }
        if explain:
            out["explanation"] = self.explanation
            if self.local_route:
                out["local_route"] = self.local_route
        return out


def _months(day: dt.date, months: int) -> dt.date:
    """``add_months`` that saturates at the ends of the calendar instead of failing on absurd dates."""
    try:
        return add_months(day, months)
    except ValueError:
        return dt.date.max if months > 0 else dt.date.min


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _best_window(dates: Sequence[dt.date], months: int) -> int:
    """The most dates that fit in one window of ``months`` calendar months (``dates`` sorted)."""
    best = 0
    j = 0
    n = len(dates)
    for i in range(n):
        end = _months(dates[i], months)
        if j < i:
            j = i
        while j < n and dates[j] <= end:
            j += 1
        best = max(best, j - i)
    return best


def evaluate_threshold(
    application_date: dt.date,
    complaints: Sequence[ComplaintInput],
    config: ThresholdConfig = DEFAULT_CONFIG,
) -> ThresholdResult:
    """Decide whether an application meets the threshold, complaint by complaint.

    A complaint qualifies when the behaviour was reported within ``report_within_months`` of happening
    and the application is made within ``application_within_months`` of the report (seed 002:1439-1442).
    The threshold is met when at least ``threshold_count`` qualifying complaints fall within
    ``window_months`` (seed 002:1425-1427). Complaints need not be about the same behaviour; a member of
    staff confirms that they are related (seed 002:1429) — the engine does not judge that.
    Month arithmetic clamps to the month's end (31 January + 1 month = 28/29 February) and a limit is
    inclusive: reported on the last day of the month is in time.
    """
    qualifying: list[int] = []
    not_qualifying: list[dict[str, Any]] = []
    explanation: list[str] = []
    seen_refs: dict[tuple[str, str], int] = {}
    report_months = config.report_within_months
    app_months = config.application_within_months
    qualifying_dates: list[dt.date] = []
    for index, c in enumerate(complaints):
        behaviour, reported = c.behaviour_date, c.reported_date
        reason = ""
        if reported < behaviour:
            reason = "The report is dated before the behaviour it describes."
        elif reported > application_date:
            reason = "It was reported after the application was made."
        elif reported > _months(behaviour, report_months):
            reason = (f"It was reported more than {_plural(report_months, 'month')} after the behaviour "
                      f"(behaviour {behaviour.isoformat()}, reported {reported.isoformat()}).")
        elif application_date > _months(reported, app_months):
            reason = (f"The application was made more than {_plural(app_months, 'month')} after this report "
                      f"(reported {reported.isoformat()}, applied {application_date.isoformat()}).")
        else:
            ref = c.reference.strip().lower()
            if ref:
                key = (c.agency.strip().lower(), ref)
                first = seen_refs.get(key)
                if first is not None:
                    reason = (f"It has the same agency and reference as complaint {first + 1}, so it is the "
                              "same report.")
                else:
                    seen_refs[key] = index
        if reason:
            not_qualifying.append({"index": index, "reason": reason})
            explanation.append(f"Complaint {index + 1}: does not qualify. {reason}")
        else:
            qualifying.append(index)
            qualifying_dates.append(reported)
            explanation.append(
                f"Complaint {index + 1}: qualifies (reported within {_plural(report_months, 'month')} of the "
                f"behaviour; application within {_plural(app_months, 'month')} of the report)."
            )

    required = config.threshold_count
    qualifying_dates.sort()
    in_window = _best_window(qualifying_dates, config.window_months) if qualifying_dates else 0
    if in_window >= required:
        explanation.append(
            f"Threshold met: {in_window} qualifying complaints within {_plural(config.window_months, 'month')} "
            f"(at least {required} needed)."
        )
        return ThresholdResult(True, required, qualifying, not_qualifying, "threshold", explanation)

    explanation.append(
        f"Threshold not met: {in_window} qualifying complaint{'s' if in_window != 1 else ''} within "
        f"{_plural(config.window_months, 'month')}; at least {required} needed."
    )
    for route in config.local_routes:
        start = _months(application_date, -route.window_months)
        reporters = {
            c.reporter.strip().lower()
            for c in complaints
            if c.reporter.strip() and start <= c.reported_date <= application_date
        }
        if len(reporters) >= route.min_distinct_reporters:
            explanation.append(
                f"Met by the local route '{route.name}': {len(reporters)} different people reported the problem "
                f"within {_plural(route.window_months, 'month')} (at least {route.min_distinct_reporters} needed). "
                "This is a local variant, not the statutory threshold."
            )
            return ThresholdResult(True, required, qualifying, not_qualifying, "local_variant", explanation,
                                   local_route=route.name)
        explanation.append(
            f"Local route '{route.name}' not met: {len(reporters)} different reporter"
            f"{'s' if len(reporters) != 1 else ''} within {_plural(route.window_months, 'month')}; "
            f"{route.min_distinct_reporters} needed."
        )
    return ThresholdResult(False, required, qualifying, not_qualifying, "none", explanation)


class ThresholdInputError(ValueError):
    """The threshold request is malformed; the message says what to fix."""


def _parse_date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ThresholdInputError(f"{where} must be a date written YYYY-MM-DD.")
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ThresholdInputError(f"{where} must be a real date written YYYY-MM-DD (got {value!r}).") from None


def parse_threshold_request(data: Any) -> tuple[dt.date, list[ComplaintInput], str]:
    """Check and convert the machine-interface JSON (see docs/processes/asb.md)."""
    if not isinstance(data, dict):
        raise ThresholdInputError("The request must be a JSON object with application_date and complaints.")
    if "application_date" not in data:
        raise ThresholdInputError("application_date is required (YYYY-MM-DD).")
    application_date = _parse_date(data["application_date"], "application_date")
    raw = data.get("complaints")
    if not isinstance(raw, list):
        raise ThresholdInputError("complaints must be a list (it may be empty).")
    complaints: list[ComplaintInput] = []
    for i, item in enumerate(raw):
        where = f"complaints[{i}]"
        if not isinstance(item, dict):
            raise ThresholdInputError(f"{where} must be an object.")
        for key in ("behaviour_date", "reported_date"):
            if key not in item:
                raise ThresholdInputError(f"{where}.{key} is required (YYYY-MM-DD).")
        texts = {}
        for key in ("agency", "reference", "reporter"):
            value = item.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise ThresholdInputError(f"{where}.{key} must be text.")
            texts[key] = value
        complaints.append(ComplaintInput(
            _parse_date(item["behaviour_date"], f"{where}.behaviour_date"),
            _parse_date(item["reported_date"], f"{where}.reported_date"),
            texts["agency"], texts["reference"], texts["reporter"],
        ))
    area = data.get("area") or ""
    if not isinstance(area, str):
        raise ThresholdInputError("area must be an area code (text).")
    return application_date, complaints, area


# ---------------------------------------------------------------------------------------------
# Determination (seed 002:1513-1518, 002:1431-1435, Letters B, C(i), C(ii))
# ---------------------------------------------------------------------------------------------

DETERMINATION_NOT_MET = "B"
DETERMINATION_DISCRETIONARY = "C_i"
DETERMINATION_MET = "C_ii"
DISCRETIONARY_FACTORS = ("persistence", "harm", "adequacy")


def check_determination(
    *, determination: str, threshold_met: bool, complaints_related: bool, discretionary_factor: str, reasons: str,
) -> None:
    """Letter C(ii) needs the threshold met and a staff member's confirmation that the complaints are
    related (seed 002:1429); C(i) needs one discretionary factor (seed 002:1431-1435); Letter B must give
    reasons (seed 002:1681-1687)."""
    if determination not in (DETERMINATION_NOT_MET, DETERMINATION_DISCRETIONARY, DETERMINATION_MET):
        raise RuleViolation("Choose Letter B, C(i) or C(ii).", code="asb.determination_unknown", field="determination")
    if determination == DETERMINATION_MET:
        if not threshold_met:
            raise RuleViolation(
                "Letter C(ii) says the threshold is met, but the application does not have enough qualifying "
                "complaints. Use Letter C(i) with a discretionary factor, or Letter B.",
                code="asb.threshold_not_met", field="determination",
            )
        if not complaints_related:
            raise RuleViolation(
                "Confirm that the complaints are related before deciding the threshold is met: they need not be "
                "the same behaviour, but must be related in some way.",
                code="asb.complaints_not_confirmed_related", field="complaints_related",
            )
    if determination == DETERMINATION_DISCRETIONARY:
        if threshold_met and complaints_related:
            raise RuleViolation(
                "The threshold is met, so use Letter C(ii) rather than the discretionary Letter C(i).",
                code="asb.use_c_ii", field="determination",
            )
        if discretionary_factor not in DISCRETIONARY_FACTORS:
            raise RuleViolation(
                "A review when the threshold is not met needs a reason: persistence of the behaviour, harm or "
                "potential harm, or the adequacy of the response.",
                code="asb.discretionary_factor_required", field="discretionary_factor",
            )
    if determination == DETERMINATION_NOT_MET and threshold_met and complaints_related:
        raise RuleViolation(
            "The threshold is met and the complaints are confirmed as related, so a review must be carried out: "
            "use Letter C(ii), not Letter B.",
            code="asb.threshold_met_not_b", field="determination",
        )
    if determination == DETERMINATION_NOT_MET and not reasons.strip():
        raise RuleViolation("Letter B must tell the applicant why the threshold was not met.",
                            code="asb.reasons_required", field="reasons")


def check_reviewer_independence(*, independent: bool | None, note: str) -> None:
    """The person doing the review should have some independence from earlier handling of the incidents
    (seed 002:1522): record it, and explain when it is not so."""
    if independent is None:
        raise RuleViolation("Record whether the reviewer is independent of the earlier handling of the case.",
                            code="asb.reviewer_independence_unrecorded", field="reviewer_independent")
    if independent is False and not note.strip():
        raise RuleViolation(
            "The reviewer was involved in handling the incidents: explain why they are still doing the review.",
            code="asb.reviewer_independence_note", field="reviewer_independence_note",
        )


# ---------------------------------------------------------------------------------------------
# Panel composition (seed 002:1541-1548, 002:1133-1136)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PanelFacts:
    victim_age: int | None = None
    perpetrator_age: int | None = None
    victim_housed_by_provider: bool = False
    perpetrator_housed_by_provider: bool = False
    drugs: bool = False
    alcohol: bool = False
    mental_health: bool = False


@dataclass(frozen=True)
class PanelSeat:
    kind: str  # a BodyKind value
    role: str = "member"  # member | chair | independent
    previously_involved: bool = False


def required_panel_kinds(facts: PanelFacts) -> list[tuple[str, tuple[str, ...]]]:
    """The minimum panel: each entry is (what is needed, body kinds that satisfy it)."""
    needed: list[tuple[str, tuple[str, ...]]] = [
        ("the district council", ("district_council",)),
        ("the police", ("police",)),
    ]
    if facts.victim_housed_by_provider or facts.perpetrator_housed_by_provider:
        needed.append(("the housing provider", ("housing_provider",)))
    if facts.drugs or facts.alcohol or facts.mental_health:
        needed.append(("health services (drug, alcohol or mental health issues are flagged)", ("health",)))
    if facts.perpetrator_age is not None and facts.perpetrator_age < 18:
        needed.append(("the youth offending team (the perpetrator is under 18)", ("yot",)))
    if any(age is not None and age < 18 for age in (facts.victim_age, facts.perpetrator_age)):
        needed.append(("children's services or the school (someone involved is under 18)",
                       ("childrens_services", "school")))
    return needed


def check_panel_composition(facts: PanelFacts, seats: Sequence[PanelSeat]) -> None:
    kinds = {s.kind for s in seats}
    missing = [label for label, accepted in required_panel_kinds(facts) if not kinds.intersection(accepted)]
    if missing:
        raise RuleViolation(
            "The panel must include " + "; ".join(missing) + " (minimum panel membership).",
            code="asb.panel_composition", field="members",
        )
    agency_seats = [s for s in seats if s.role != "independent" and s.kind != "independent"]
    involved = sum(1 for s in agency_seats if s.previously_involved)
    if agency_seats and involved * 2 > len(agency_seats):
        has_independent = any(
            not s.previously_involved and (s.role in ("independent", "chair") or s.kind == "independent")
            for s in seats
        )
        if not has_independent:
            raise RuleViolation(
                "Most panel members were involved in the case, so the panel needs an independent participant or "
                "an independent chair.",
                code="asb.panel_needs_independent", field="members",
            )


def check_victim_voice(attendance: str, representative: str) -> None:
    """The victim is invited to the panel, or someone represents them (seed 002:1133-1134)."""
    if attendance not in ("invited", "attended", "represented", "declined"):
        raise RuleViolation("Record whether the victim was invited to the panel or represented at it.",
                            code="asb.victim_voice", field="victim_attendance")
    if attendance == "represented" and not representative.strip():
        raise RuleViolation("Name who represented the victim at the panel.",
                            code="asb.victim_representative", field="victim_representative")


# ---------------------------------------------------------------------------------------------
# Decision letter (seed 002:1556-1564)
# ---------------------------------------------------------------------------------------------


def check_decision_signatory(*, lead_agency_id: int | None, signed_by_id: int | None) -> None:
    """Decision letters are signed for the OPT by an organisation other than the lead agency (seed 002:1564)."""
    if signed_by_id is None:
        raise RuleViolation("Choose the organisation signing the decision letter on behalf of the OPT.",
                            code="asb.signatory_required", field="signed_by")
    if lead_agency_id is not None and signed_by_id == lead_agency_id:
        raise RuleViolation(
            "The decision letter must be signed on behalf of the OPT by an organisation different from the lead "
            "agency for this review.",
            code="asb.signatory_is_lead_agency", field="signed_by",
        )


def check_decision_letter(letter: str, action_count: int) -> None:
    if letter not in ("D", "E"):
        raise RuleViolation("Choose Letter D (no further action) or Letter E (action plan).",
                            code="asb.decision_letter_unknown", field="letter")
    if letter == "E" and action_count == 0:
        raise RuleViolation("Letter E sets out an action plan: add at least one action.",
                            code="asb.action_plan_empty", field="actions")


def check_can_close(open_actions: int) -> None:
    """The review ends once the action plan has been fully carried out (seed 002:1799)."""
    if open_actions:
        raise RuleViolation(
            f"The case cannot close: {_plural(open_actions, 'action')} on the action plan "
            f"{'is' if open_actions == 1 else 'are'} not done yet.",
            code="asb.open_actions", field=None,
        )


# ---------------------------------------------------------------------------------------------
# Appeals (seed 002:1468-1473, 002:1573, 002:1649-1651)
# ---------------------------------------------------------------------------------------------


def appeal_deadline(letter_date: dt.date, window: int, unit: str, region: str = "ENG") -> dt.date:
    """The last day to appeal. Default: 21 working days from the date of the letter (see docs/processes/asb.md
    for why); calendar days when the partnership chooses the letters' wording instead."""
    if unit == "working_days":
        return add_working_days(letter_date, window, region)
    return letter_date + dt.timedelta(days=window)


def check_appeal_in_time(received_on: dt.date, deadline: dt.date) -> None:
    if received_on > deadline:
        raise RuleViolation(
            f"The appeal arrived on {received_on:%-d %B %Y}, after the appeal window closed on {deadline:%-d %B %Y}.",
            code="asb.appeal_out_of_time", field="received_on",
        )


def check_appeal_reviewing_area(case_area_id: int, reviewing_area_id: int | None) -> None:
    """An appeal is reviewed independently by another OPT in the county (seed 002:1573)."""
    if reviewing_area_id is None:
        raise RuleViolation("Choose another OPT area to review the appeal.",
                            code="asb.appeal_area_required", field="reviewing_area")
    if reviewing_area_id == case_area_id:
        raise RuleViolation(
            "An appeal must be reviewed by a different OPT area from the one that handled the case.",
            code="asb.appeal_same_area", field="reviewing_area",
        )


# ---------------------------------------------------------------------------------------------
# Clocks
# ---------------------------------------------------------------------------------------------

CLOCK_DONE, CLOCK_OVERDUE, CLOCK_AT_RISK, CLOCK_DUE = "done", "overdue", "at_risk", "due"


def clock_status(due_on: dt.date, done_on: dt.date | None, today: dt.date, at_risk_days: int = 2,
                 region: str = "ENG") -> str:
    """done; overdue (past the due date); at risk (``at_risk_days`` working days or fewer left); due."""
    if done_on is not None:
        return CLOCK_DONE
    if today > due_on:
        return CLOCK_OVERDUE
    if working_days_between(today, due_on, region) <= at_risk_days:
        return CLOCK_AT_RISK
    return CLOCK_DUE


def due_date(start: dt.date, working_days: int, region: str = "ENG") -> dt.date:
    """The due date ``working_days`` working days after ``start`` (always a working day when days > 0)."""
    return add_working_days(start, working_days, region)


def is_due_date_valid(day: dt.date, region: str = "ENG") -> bool:
    return is_working_day(day, region)


# ---------------------------------------------------------------------------------------------
# Applications, documents, publication, retention
# ---------------------------------------------------------------------------------------------


def check_application(*, relationship: str, victim_consent: bool, victim_name: str, complaint_count: int,
                      application_date: dt.date, today: dt.date) -> None:
    """Someone may apply for a victim with the victim's consent (seed 002:1411-1419)."""
    if relationship != "victim" and not victim_consent:
        raise RuleViolation(
            "Someone applying on a victim's behalf needs the victim's consent: confirm it has been given.",
            code="asb.consent_required", field="victim_consent",
        )
    if not victim_name.strip():
        raise RuleViolation("Enter the victim's name (a person, business or community group).",
                            code="asb.victim_name_required", field="victim_name")
    if complaint_count == 0:
        raise RuleViolation("List at least one incident you reported.", code="asb.no_complaints",
                            field="complaints")
    if application_date > today:
        raise RuleViolation("The application date cannot be in the future.", code="asb.application_future",
                            field="application_date")


ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "text/plain": (".txt",),
}
_MAGIC = {
    "application/pdf": (b"%PDF",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def check_document(*, name: str, size: int, head: bytes, max_bytes: int) -> str:
    """Return the checked content type of an upload, or refuse it (size, extension and file signature)."""
    if size <= 0:
        raise RuleViolation("The file is empty.", code="asb.document_empty", field="file")
    if size > max_bytes:
        raise RuleViolation(f"The file must be smaller than {max_bytes // (1024 * 1024)} MB.",
                            code="asb.document_too_large", field="file")
    lower = name.lower()
    for content_type, extensions in ALLOWED_DOCUMENT_TYPES.items():
        if lower.endswith(extensions):
            magic = _MAGIC.get(content_type)
            if magic and not head.startswith(magic):
                raise RuleViolation("The file's contents do not match its type.", code="asb.document_mismatch",
                                    field="file")
            if content_type == "text/plain" and b"\x00" in head:
                raise RuleViolation("The file's contents do not match its type.", code="asb.document_mismatch",
                                    field="file")
            return content_type
    raise RuleViolation("The file must be a PDF, Word document (.docx), JPG, PNG or plain text file.",
                        code="asb.document_type", field="file")


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_package_ok(file) -> bool:
    """Whether ``file`` (seekable) is a real Word document: a ZIP package holding ``word/document.xml`` and no
    macros (``vbaProject.bin``; a .docm renamed .docx). Any ZIP starts with the same bytes, so the signature alone
    lets through any archive renamed .docx. The file position is restored."""
    position = file.tell()
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as package:
            names = {name.lower() for name in package.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        file.seek(position)
    return "word/document.xml" in names and not any(name.endswith("vbaproject.bin") for name in names)


def check_docx_package(file) -> None:
    if not docx_package_ok(file):
        raise RuleViolation("The file's contents do not match its type: it is not a Word document (.docx), or it "
                            "contains macros.", code="asb.document_mismatch", field="file")


def check_publication(*, consent: bool, closed: bool) -> None:
    """Learning from a case is published only with the complainant's consent, after closure."""
    if not consent:
        raise RuleViolation("The complainant has not agreed to a summary of their case being published.",
                            code="asb.publication_no_consent", field=None)
    if not closed:
        raise RuleViolation("Only a closed case can be summarised for publication.",
                            code="asb.publication_not_closed", field=None)


def check_summary_redacted(summary: str, personal_values: Iterable[str]) -> None:
    """A publishable summary must not contain the names, addresses or contact details on the case."""
    text = summary.lower()
    found = sorted({v for v in personal_values if v and len(v.strip()) >= 3 and v.strip().lower() in text})
    if found:
        raise RuleViolation(
            "The summary still contains personal details from the case (" + ", ".join(found) + "); redact them.",
            code="asb.summary_not_redacted", field="summary",
        )


def retention_expires_on(closed_on: dt.date, years: int) -> dt.date:
    return add_months(closed_on, 12 * years)


def retention_due(*, closed_on: dt.date | None, years: int, today: dt.date) -> bool:
    return closed_on is not None and today > retention_expires_on(closed_on, years)


def check_rota_council(case_council_ids: Iterable[int], reviewer_council_id: int) -> bool:
    """A peer reviewer comes from another council than the case's own (seed 002:1300)."""
    return reviewer_council_id not in set(case_council_ids)
