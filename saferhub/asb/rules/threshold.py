"""Rules about the threshold: which complaints qualify, whether the threshold is met, and the determination
(Letters B, C(i), C(ii)). Pure Python, no database; sources cited as ``seed FILE:LINE``
(``../shared/spec/seed-processes.md`` §1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from saferhub.asb.rules.routes import ROUTE_KINDS, LocalRoute, evaluate_route
from saferhub.core.calendar import add_months
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
    location: str = ""  # staff record linked locations under one name
    hate: bool = False  # a hate incident or crime


@dataclass
class ThresholdResult:
    met: bool
    required: int
    qualifying: list[int]
    not_qualifying: list[dict[str, Any]]
    route: str  # "threshold" | "local_variant" | "none"
    explanation: list[str] = field(default_factory=list)
    local_route: str = ""
    routes_met: list[str] = field(default_factory=list)

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
            out["routes_met"] = self.routes_met
        return out



def _months(day: dt.date, months: int) -> dt.date:
    """``add_months`` that saturates at the ends of the calendar instead of failing on absurd dates."""
    try:
        return add_months(day, months)
    except ValueError:
        return dt.date.max if months > 0 else dt.date.min



def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_plural = plural


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
    *,
    discretion_by: str = "",
    discretion_reason: str = "",
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
    routes_met: list[str] = []
    if in_window >= required:
        explanation.append(
            f"Threshold met: {in_window} qualifying complaints within {_plural(config.window_months, 'month')} "
            f"(at least {required} needed)."
        )
        routes_met.append("statutory")
    else:
        explanation.append(
            f"Threshold not met: {in_window} qualifying complaint{'s' if in_window != 1 else ''} within "
            f"{_plural(config.window_months, 'month')}; at least {required} needed."
        )
    # Every configured route is evaluated, so the explanation names each route that was met.
    first_local = ""
    for route in config.local_routes:
        met, why = evaluate_route(route, application_date, complaints, qualifying,
                                  discretion_by=discretion_by, discretion_reason=discretion_reason)
        explanation.append(why)
        if met:
            routes_met.append(route.name)
            first_local = first_local or route.name
    if "statutory" in routes_met:
        return ThresholdResult(True, required, qualifying, not_qualifying, "threshold", explanation,
                               routes_met=routes_met)
    if first_local:
        return ThresholdResult(True, required, qualifying, not_qualifying, "local_variant", explanation,
                               local_route=first_local, routes_met=routes_met)
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
        location = item.get("location") or ""
        if not isinstance(location, str):
            raise ThresholdInputError(f"{where}.location must be text.")
        hate = item.get("hate", False)
        if not isinstance(hate, bool):
            raise ThresholdInputError(f"{where}.hate must be true or false.")
        complaints.append(ComplaintInput(
            _parse_date(item["behaviour_date"], f"{where}.behaviour_date"),
            _parse_date(item["reported_date"], f"{where}.reported_date"),
            texts["agency"], texts["reference"], texts["reporter"], location[:200], hate,
        ))
    area = data.get("area") or ""
    if not isinstance(area, str):
        raise ThresholdInputError("area must be an area code (text).")
    return application_date, complaints, area


def parse_discretion(data: Any) -> tuple[str, str]:
    """The optional ``discretion`` object of a threshold request: who used it and why (both text)."""
    raw = data.get("discretion") if isinstance(data, dict) else None
    if raw is None:
        return "", ""
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k, ""), str) for k in ("by", "reason")):
        raise ThresholdInputError("discretion must be an object with 'by' and 'reason' (text).")
    return raw.get("by", "")[:200], raw.get("reason", "")[:2000]


def check_route(kind: str, minimum: int, window_months: int, window_days: int | None) -> None:
    """A configured route names a known kind, a number of at least 1 and a window (seed 002:1126-1130)."""
    if kind not in ROUTE_KINDS:
        raise RuleViolation(f"A qualifying route must be one of: {', '.join(ROUTE_KINDS)} (got {kind!r}).",
                            code="asb.route_kind", field="kind")
    if minimum is None or minimum < 1:
        raise RuleViolation("A qualifying route needs a number of at least 1.", code="asb.route_minimum",
                            field="min_distinct_reporters")
    if kind == "complainants" and minimum < 2:
        raise RuleViolation("Complaints from more than one person need a number of at least 2.",
                            code="asb.route_minimum", field="min_distinct_reporters")
    if not window_days and (window_months is None or window_months < 1):
        raise RuleViolation("A qualifying route needs a window of at least 1 month or 1 day.",
                            code="asb.route_window", field="window_months")


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



# ---------------------------------------------------------------------------------------------
# Applications (seed 002:1411-1419)
# ---------------------------------------------------------------------------------------------


def victim_has_consented(relationship: str, victim_consent: bool) -> bool:
    """A victim applying for themselves consents by applying; anyone else applying for them needs the victim's
    own agreement (seed 002:1411-1419). The one home of consent: the actions store this, the rule checks it."""
    return relationship == "victim" or bool(victim_consent)


def check_victim_consent(*, relationship: str, victim_consent: bool) -> None:
    if not victim_has_consented(relationship, victim_consent):
        raise RuleViolation(
            "Someone applying on a victim's behalf needs the victim's consent: confirm it has been given.",
            code="asb.consent_required", field="victim_consent",
        )


def check_application(*, relationship: str, victim_consent: bool, victim_name: str, complaint_count: int,
                      application_date: dt.date, today: dt.date) -> None:
    """Someone may apply for a victim with the victim's consent (seed 002:1411-1419)."""
    check_victim_consent(relationship=relationship, victim_consent=victim_consent)
    if not victim_name.strip():
        raise RuleViolation("Enter the victim's name (a person, business or community group).",
                            code="asb.victim_name_required", field="victim_name")
    if complaint_count == 0:
        raise RuleViolation("List at least one incident you reported.", code="asb.no_complaints",
                            field="complaints")
    if application_date > today:
        raise RuleViolation("The application date cannot be in the future.", code="asb.application_future",
                            field="application_date")

