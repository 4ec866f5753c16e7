"""The Plan's performance report as an agenda-report source (``core.agenda_reports``, code "plan"): for a
scrutiny committee, one report per reporting round of the published plan of the partnership it
scrutinises, and one of the position now. Papers turns the chosen one into a cover report with the PDF
as its appendix. Only the Partnership team (those who manage the plan) is offered or given one."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from saferhub.core import agenda_reports
from saferhub.core.permissions import can
from saferhub.delivery import queries
from saferhub.delivery.models import Plan, ReportingRound
from saferhub.delivery.report_documents import report_pdf
from saferhub.delivery.reporting import REPORT_SOURCE, performance_report

CODE = REPORT_SOURCE
_KEY = re.compile(r"^(?P<slug>[-\w]{1,80}):(?:round-(?P<round>\d{1,12})|now):c(?P<committee>\d{1,12})$")


def _plans_for(committee):
    """The published plans of the partnership the committee scrutinises."""
    if committee is None or not getattr(committee, "scrutinises_id", None):
        return []
    plans = Plan.objects.filter(partnership_id=committee.scrutinises_id).order_by("-start_year", "pk")
    return [p for p in plans if queries.current_version(p, published_only=True) is not None]


def offers(committee, user) -> list[agenda_reports.ReportOffer]:
    result = []
    for plan in _plans_for(committee):
        if not can(user, "delivery.manage_plan", plan):
            continue
        result.append(agenda_reports.ReportOffer(
            key=f"{plan.slug}:now:c{committee.pk}", label=f"{plan.title}: performance report, the position now",
            hint="The latest update of every action of the published plan."))
        for round_ in plan.rounds.filter(version__published_at__isnull=False).order_by("-period_end", "-pk"):
            state = "open" if round_.is_open else f"closed {round_.closed_on:%-d %B %Y}"
            result.append(agenda_reports.ReportOffer(
                key=f"{plan.slug}:round-{round_.pk}:c{committee.pk}",
                label=f"{plan.title}: performance report, {round_.title}",
                hint=f"Updates to {round_.period_end:%-d %B %Y} (round {state})."))
    return result


def build(key: str, user) -> agenda_reports.AgendaReport:
    from saferhub.governance.models import Committee

    match = _KEY.match(key or "")
    if match is None:
        raise LookupError(f"There is no Plan report {key!r}.")
    plan = Plan.objects.filter(slug=match["slug"]).select_related("partnership").first()
    committee = Committee.objects.filter(pk=int(match["committee"])).first()
    if plan is None or committee is None or committee.scrutinises_id != plan.partnership_id:
        raise LookupError(f"There is no Plan report {key!r}.")
    if not can(user, "delivery.manage_plan", plan):
        raise PermissionError("Only the Partnership team builds the Plan's performance report.")
    round_ = None
    if match["round"]:
        round_ = ReportingRound.objects.filter(plan=plan, pk=int(match["round"])).select_related("version").first()
        if round_ is None:
            raise LookupError(f"There is no Plan report {key!r}.")
    report = performance_report(plan, round_=round_, today=timezone.localdate(), committee=committee)
    if report is None:
        raise LookupError(f"{plan.title} has no published version to report on.")
    sections = [
        ("RAG summary", "; ".join(f"{label}: {n}" for label, n in report.summary_rows) + "."),
        ("Changes since the last report", "\n".join(f"{c['row'].number}: {c['from']} to {c['to']}."
                                                    for c in report.changed) or "No action changed its RAG status."),
        ("Overdue actions", "\n".join(f"{o['row'].number} (due {o['row'].due_text}): {o['rag']}."
                                      for o in report.overdue) or "None."),
        ("Measures", "\n".join(f"{m['measure'].name}: {m['distance'].text}" for m in report.measures)
         or "The plan has no measures."),
        ("What the panel recommended last time", "\n".join(f"{r.text} ({r.get_status_display()})"
                                                           for r in report.recommendations)
         or "No recommendations from the last meeting."),
    ]
    if report.questions is not None:
        sections.append(("Questions the panel asked last time", "\n".join([report.questions_text, *(
            f"{q.number}. {q.text} Answer: {q.answer if q.answered else 'No answer recorded yet.'}"
            for q in report.questions.questions)])))
    filename = f"{plan.slug}-performance-{'round-' + str(round_.pk) if round_ else 'now'}.pdf"
    return agenda_reports.AgendaReport(
        title=report.title[:300], executive_summary=report.executive_summary,
        actions_required=["Note the progress of the Plan's actions and measures.",
                          "Identify the actions and measures the panel wishes to scrutinise further."],
        sections=sections,
        appendices=[agenda_reports.ReportDocument(filename=filename, content=report_pdf(report),
                                                  content_type="application/pdf", title=report.title[:200])],
        source_url=reverse("delivery:plan", args=[plan.slug]), source_label=plan.title,
        extra={"plan": plan.slug, "round": round_.pk if round_ else None,
               "last_meeting": report.last_meeting.pk if report.last_meeting else None})


def register() -> None:
    agenda_reports.register_source(CODE, label="Community safety plan: performance report", offers=offers, build=build,
                                   app="delivery")
