"""What a case's status says, in words: the single home of the stage shown on lists and the case page."""

from __future__ import annotations

from saferhub.dhr.clocks import current_decision
from saferhub.dhr.steps import ORDER, label


def stage(case) -> str:
    """From prefetched decisions and steps."""
    if case.erased_on:
        return "Closed (personal data erased)"
    decision = current_decision(case)
    if decision is None:
        reopened = any(d.reopened_on for d in case.decisions.all())
        return "Decision being revisited" if reopened else "Awaiting the chair's decision"
    if decision.outcome == "not_review":
        if decision.family_told_on:
            return "Closed: no review"
        if decision.home_office_confirmed_on:
            return "No review: confirmed, family to be told"
        return "No review: awaiting the Home Office"
    done = {s.step for s in case.steps.all()}
    if "published" in done:
        return "Published"
    remaining = [s for s in ORDER if s not in done]
    return f"Review: next, {label(remaining[0]).lower()}"
