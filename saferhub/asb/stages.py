"""A case's stages as a GOV.UK task list: each stage completed, in progress, not started, cannot start yet,
or not needed (a case closed with Letter B needs no review). Built from the case and what the case page
has already read, so it adds no query."""

from __future__ import annotations

from dataclasses import dataclass

DONE, IN_PROGRESS, NOT_STARTED, CANNOT_START, NOT_NEEDED = (
    "Completed", "In progress", "Not yet started", "Cannot start yet", "Not needed")


@dataclass(frozen=True)
class Stage:
    name: str
    status: str
    anchor: str

    @property
    def linked(self) -> bool:
        """The pattern links a stage one can work on or look at, not one that cannot start or is not needed."""
        return self.status not in (CANNOT_START, NOT_NEEDED)

    @property
    def tag(self) -> str:
        """The GOV.UK tag modifier for the status ("" for completed: plain text, as the pattern says)."""
        return {DONE: "", IN_PROGRESS: "govuk-tag--light-blue", NOT_STARTED: "govuk-tag--blue",
                CANNOT_START: "govuk-tag--grey", NOT_NEEDED: "govuk-tag--grey"}[self.status]


def case_stages(case, *, acknowledged: bool, information_requests: list, actions: list) -> list[Stage]:
    letter_b = case.determination == "B"
    determined = bool(case.determination)
    reviewing = determined and not letter_b

    def after(previous: bool, done: bool, started: bool = False) -> str:
        if letter_b and not done:
            return NOT_NEEDED
        if done:
            return DONE
        if not previous:
            return CANNOT_START
        return IN_PROGRESS if started else NOT_STARTED

    info_done = bool(information_requests) and all(r.responded_on for r in information_requests)
    actions_done = bool(actions) and all(a.done_on for a in actions)
    closed = case.status == "closed"
    return [
        Stage("Acknowledge the application", DONE if acknowledged else NOT_STARTED, "steps"),
        Stage("County triage", DONE if case.triage_decision or case.status != "triage" else NOT_STARTED, "threshold"),
        Stage("Decide whether the threshold is met", DONE if determined else (
            CANNOT_START if case.status == "triage" else NOT_STARTED), "threshold"),
        Stage("Appoint the lead agency", after(reviewing, bool(case.lead_agency_id)), "review"),
        Stage("Ask agencies for information", after(reviewing, info_done, bool(information_requests)), "information"),
        Stage("Initial review", after(bool(case.lead_agency_id), bool(case.initial_review_summary)), "review"),
        Stage("Hold the panel", after(reviewing, bool(case.panel_held_on), bool(case.panel_date)), "review"),
        Stage("Send the decision letter", after(bool(case.panel_held_on), bool(case.decision_sent_on)), "review"),
        Stage("Carry out the action plan", NOT_NEEDED if letter_b or case.decision_letter == "D" else after(
            bool(case.decision_sent_on), actions_done, bool(actions)), "actions"),
        Stage("Close the case", DONE if closed else (
            NOT_STARTED if letter_b or case.decision_sent_on else CANNOT_START), "steps"),
    ]
