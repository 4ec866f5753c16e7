"""The groups' quarterly progress reports, offered for the agenda of the body each group reports to
(``core.agenda_reports``; papers, above groups in the layers, turns the chosen one into a cover report).

A group's report is offered to a committee when the group's parent is that committee, the report for
that quarter has been written (``write_progress_report``) and the user may see the group. The report is
built from what the group's report page shows (``queries.quarter_report``), with the report's tagged PDF
(``rendering.report_pdf``) as its appendix."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from saferhub.core import agenda_reports, calendar
from saferhub.core.permissions import can
from saferhub.groups import queries, rendering
from saferhub.groups.rules import fmt

CODE = "groups.progress_report"


def _key(report) -> str:
    return f"{report.body.slug}/{report.year}/q{report.quarter}"


def _title(body, year: int, quarter: int) -> str:
    return f"{body.name}: progress report, quarter {quarter} {year}"


def offers(committee, user) -> list[agenda_reports.ReportOffer]:
    from saferhub.groups.models import ProgressReport

    reports = (ProgressReport.objects.filter(body__parent=committee).select_related("body")
               .order_by("body__name", "-year", "-quarter"))
    out = []
    for report in reports:
        if not can(user, "groups.view_body", report.body):
            continue
        start, end = calendar.quarter_bounds(report.year, report.quarter)
        hint = f"{fmt(start)} to {fmt(end)}, written on {fmt(timezone.localdate(report.created_at))}."
        if not report.body.is_public and committee.is_public:
            hint += " This group meets in private: its report will be public once the agenda is published."
        out.append(agenda_reports.ReportOffer(
            key=_key(report), label=_title(report.body, report.year, report.quarter), hint=hint))
    return out


def _lines(rows) -> str:
    if not rows:
        return "None."
    return "\n".join(
        f"Action {r.action.number}: {r.action.text} (owner: {r.action.owner_person or r.action.owner_organisation or 'none'}; "
        f"target date {fmt(r.action.target_date) if r.action.target_date else 'none'}; "
        f"{r.action.get_status_display().lower()}{', overdue' if r.overdue else ''})"
        for r in rows
    )


def build(key: str, user) -> agenda_reports.AgendaReport:
    from saferhub.governance.models import Committee
    from saferhub.groups.models import ProgressReport

    try:
        slug, year_text, quarter_text = key.split("/")
        year, quarter = int(year_text), int(quarter_text.removeprefix("q"))
        written = ProgressReport.objects.select_related("body__parent").get(body__slug=slug, year=year, quarter=quarter)
    except (ValueError, ProgressReport.DoesNotExist, Committee.DoesNotExist):
        raise LookupError(f"There is no written progress report {key!r}.") from None
    body = written.body
    if not can(user, "groups.view_body", body):
        raise PermissionError(f"You may not see {body}'s reports.")
    data = queries.quarter_report(body, year, quarter, timezone.localdate())
    context = {"body": body, "year": year, "quarter": quarter, **data, "written": written,
               "sections": [("Actions completed in the quarter", data["completed"]), ("Open actions", data["open"])]}
    name = body.short_name or body.name
    title = _title(body, year, quarter)
    summary = (f"The {body.name} reports to the {body.parent.name if body.parent else 'body it reports to'} on its work "
               f"from {fmt(data['start'])} to {fmt(data['end'])}: {len(data['completed'])} action(s) completed in the "
               f"quarter, {len(data['open'])} open, of which {len(data['overdue'])} overdue.")
    sections = [
        ("The group's commentary", written.commentary or "None."),
        ("Meetings in the quarter", ", ".join(m.date_display for m in data["meetings"]) or "None."),
        ("Actions completed in the quarter", _lines(data["completed"])),
        ("Open actions", _lines(data["open"])),
        ("Delivery Plan actions the group's work serves",
         "\n".join(f"{d.number} {d.action}" for d in data["delivery_actions"]) or "None."),
    ]
    return agenda_reports.AgendaReport(
        title=title, executive_summary=summary,
        actions_required=[f"Note the {name} progress report.", f"Agree any matters to raise with the {name}."],
        sections=sections,
        appendices=[agenda_reports.ReportDocument(
            filename=f"{body.slug}-progress-report-{year}-q{quarter}.pdf", content=rendering.report_pdf(context),
            content_type="application/pdf", title=title)],
        source_url=reverse("groups:report", args=[body.slug, year, quarter]), source_label=f"{name} report page",
    )


def register() -> None:
    agenda_reports.register_source(CODE, label="Partnership groups: quarterly progress reports", offers=offers,
                                   build=build, app="groups")


register()  # on import, from GroupsConfig.ready()
