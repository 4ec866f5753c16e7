"""Rules for papers, as plain Python (no database)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from saferhub.core.exceptions import RuleViolation


def check_template(sections: list[dict], implications: list[dict]) -> None:
    """A template needs sections with unique keys and headings, and must keep the Equality Impact
    Assessment among its implications ("this must be included", seed 001:357)."""
    if not sections:
        raise RuleViolation("A report template needs at least one section.", code="papers.template", field="sections")
    keys = [s.get("key") for s in sections] + [i.get("key") for i in implications]
    if any(not k or not isinstance(k, str) for k in keys) or len(set(keys)) != len(keys):
        raise RuleViolation("Every section and implication needs its own key.", code="papers.template", field="sections")
    if any(not str(s.get("heading", "")).strip() for s in [*sections, *implications]):
        raise RuleViolation("Every section and implication needs a heading.", code="papers.template", field="sections")
    if "eqia" not in {i["key"] for i in implications}:
        raise RuleViolation("The template must include the Equality Impact Assessment (EqIA) implication.",
                            code="papers.template_eqia", field="implications")


def check_report_complete(*, executive_summary: str, actions_required: list, implications: dict,
                          template_implications: list[dict]) -> None:
    """A final report has an executive summary, says what the committee is asked to do, and
    addresses every implication on its template, including the EqIA (seed 001:357)."""
    if not (executive_summary or "").strip():
        raise RuleViolation("A final report needs an executive summary.", code="papers.report_incomplete",
                            field="executive_summary")
    if not [a for a in actions_required if str(a).strip()]:
        raise RuleViolation("Say what the committee is asked to do (action required).", code="papers.report_incomplete",
                            field="actions_required")
    missing = [i["heading"] for i in template_implications if not str(implications.get(i["key"], "")).strip()]
    if "eqia" not in {i["key"] for i in template_implications} and not str(implications.get("eqia", "")).strip():
        missing.append("Equality Impact Assessment (EqIA)")
    if missing:
        raise RuleViolation(
            "A final report must address every implication; write “None.” where there is none. Missing: "
            + ", ".join(missing) + ".",
            code="papers.report_incomplete", field="implications",
        )


def check_publication_time(*, publish_at: dt.datetime, now: dt.datetime, meeting_date: dt.date) -> None:
    if publish_at <= now:
        raise RuleViolation("Choose a time in the future, or publish now.", code="papers.publish_time", field="publish_at")
    if timezone.localdate(publish_at) >= meeting_date:  # the council's day, not UTC's (00:30 BST is that day)
        raise RuleViolation("The agenda must be published before the day of the meeting.", code="papers.publish_time",
                            field="publish_at")


def check_minutes_confirmation(*, minutes_meeting_date: dt.date, at_meeting_date: dt.date, at_meeting_status: str,
                               same_committee: bool, signer_is_chair: bool) -> None:
    """Minutes are confirmed as an accurate record at a later quorate meeting of the same committee
    and signed by whoever chaired it (seed 002:144)."""
    if not same_committee or at_meeting_date <= minutes_meeting_date:
        raise RuleViolation("Minutes are confirmed at a later meeting of the same committee.",
                            code="papers.minutes_confirmation", field="at_item")
    if at_meeting_status != "held":
        raise RuleViolation("Minutes can only be confirmed at a quorate meeting that transacted business.",
                            code="papers.minutes_confirmation", field="at_item")
    if not signer_is_chair:
        raise RuleViolation("The minutes are signed by the person who chaired the confirming meeting; record who "
                            "chaired it first.",
                            code="papers.minutes_signature", field="signed_by")


def check_scoping_answers(answers: dict[str, str], questions: list[tuple[str, str]]) -> None:
    """A proposed work-programme item answers the panel's four scoping questions before it is
    scheduled: can the panel change or influence it, what benefits scrutiny could bring, how the
    panel can best carry out the work, and what the best outcomes would be (seed 001:1038-1041)."""
    for field, question in questions:
        if not str(answers.get(field) or "").strip():
            raise RuleViolation(
                f"Answer the scoping question “{question}” before the item is added to the work programme "
                "(the panel considers all four questions for every proposed item).",
                code="papers.work_programme_scoping", field=field,
            )


def check_exempt_paragraph(paragraph) -> None:
    """An item is taken in private only for exempt information under one of the seven paragraphs of
    Schedule 12A, Part 1, to the Local Government Act 1972 (s.100A(4))."""
    if not isinstance(paragraph, int) or not 1 <= paragraph <= 7:
        raise RuleViolation("Choose the paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7) under "
                            "which the item is exempt.", code="papers.exempt_paragraph", field="paragraph")


def check_supplementary_pack(*, main_pack_published: bool, meeting_date, today, reports: int,
                             not_final: list[str], exempt: list[str], already: list[str], late: bool,
                             reason: str) -> None:
    """A supplementary agenda pack follows a published agenda pack, before the meeting, with at least
    one final report that no earlier pack carried; an exempt (Part 2) item's papers are never in a
    published pack (Schedule 12A). Papers published after the last day for the meeting's papers can be
    taken only if the Chair accepts them as urgent for a reason given in the minutes (Local Government
    Act 1972, s.100B(4)(b)): the pack states that reason."""
    if not main_pack_published:
        raise RuleViolation("Publish the agenda pack first: a supplementary pack adds papers to a published agenda.",
                            code="papers.supplementary_before_pack")
    if meeting_date < today:
        raise RuleViolation("The meeting has already taken place.", code="papers.meeting_status")
    if not reports:
        raise RuleViolation("Choose at least one report for the supplementary pack.", code="papers.supplementary_empty",
                            field="reports")
    for names, message in ((not_final, "These reports are still drafts: {}. Mark them final first."),
                           (exempt, "These items are exempt (Part 2): {}. Their papers are never published."),
                           (already, "These reports are already in a published pack: {}.")):
        if names:
            raise RuleViolation(message.format(", ".join(names)), code="papers.supplementary_report", field="reports")
    if late and not (reason or "").strip():
        raise RuleViolation(
            "These papers are late (after the last day for this meeting's papers). Give the reason they cannot wait "
            "until the next meeting: the Chair may take them only as a matter of urgency (Local Government Act "
            "1972, section 100B(4)(b)).", code="papers.supplementary_reason", field="reason")
