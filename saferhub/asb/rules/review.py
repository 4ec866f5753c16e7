"""Rules about the review and the appeal: the reviewer's independence, the panel, the decision letter, closing
the case, appeals and the peer-review rota. Pure Python, no database; sources cited as ``seed FILE:LINE``.
The appeal *deadline* is a clock: ``saferhub.asb.clocks.appeal_deadline_for``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from saferhub.asb.rules.threshold import plural
from saferhub.core.exceptions import RuleViolation


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


def check_victim_voice(attendance: str, representative: str, *, may_attend: bool = True) -> None:
    """The victim is invited to the panel, or someone represents them (seed 002:1133-1134). Where the
    partnership's procedure does not let the victim attend, they are represented or give their account
    in writing ("declined")."""
    if attendance not in ("invited", "attended", "represented", "declined"):
        raise RuleViolation("Record whether the victim was invited to the panel or represented at it.",
                            code="asb.victim_voice", field="victim_attendance")
    if not may_attend and attendance in ("invited", "attended"):
        raise RuleViolation("This partnership's procedure does not let the victim attend the panel: record who "
                            "represented them, or that they gave their account in writing.",
                            code="asb.victim_may_not_attend", field="victim_attendance")
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
            f"The case cannot close: {plural(open_actions, 'action')} on the action plan "
            f"{'is' if open_actions == 1 else 'are'} not done yet.",
            code="asb.open_actions", field=None,
        )



# ---------------------------------------------------------------------------------------------
# Appeals (seed 002:1468-1473, 002:1573, 002:1649-1651)
# ---------------------------------------------------------------------------------------------


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



def check_rota_council(case_council_ids: Iterable[int], reviewer_council_id: int) -> bool:
    """A peer reviewer comes from another council than the case's own (seed 002:1300)."""
    return reviewer_council_id not in set(case_council_ids)


# ---------------------------------------------------------------------------------------------
# A partnership's clocks and the PCC's review (configuration)
# ---------------------------------------------------------------------------------------------

DECISION_CLOCK_MIN, DECISION_CLOCK_MAX = 3, 21


def check_decision_clock(name: str, days: int) -> None:
    """Published procedures set each decision clock between 3 and 21 working days (acknowledge, decide the
    threshold, answer an information request, review, send the decision); outside that range is a typing
    mistake, not a local choice."""
    if days is None or not DECISION_CLOCK_MIN <= days <= DECISION_CLOCK_MAX:
        label = name.replace("_", " ").capitalize()
        raise RuleViolation(
            f"{label} must be between {DECISION_CLOCK_MIN} and {DECISION_CLOCK_MAX} working days (got {days}).",
            code="asb.decision_clock_range", field=name,
        )


def check_pcc_review(*, enabled: bool, case_reviewed: bool, outcome: str) -> None:
    """A Police and Crime Commissioner's review of the case review outcome is recorded only where the
    partnership's procedure provides one, after the review's decision, with its outcome."""
    if not enabled:
        raise RuleViolation("This partnership's procedure has no Police and Crime Commissioner's review of the "
                            "outcome.", code="asb.pcc_review_not_provided")
    if not case_reviewed:
        raise RuleViolation("The Commissioner reviews the outcome of a case review: send the decision letter first.",
                            code="asb.pcc_review_too_early")
    if outcome not in ("", "upheld", "not_upheld", "recommendations"):
        raise RuleViolation("Choose the outcome of the Commissioner's review.", code="asb.pcc_review_outcome",
                            field="outcome")
