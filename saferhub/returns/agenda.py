"""The returns' dashboards as agenda reports (issue 14 item 2, "embedded in a cover report"), registered in
``core.agenda_reports`` under the code "returns" from ``ReturnsConfig.ready()``.

Each return offers its latest two periods that the user may see (councillors: submitted figures only). The
report is the figures of that period for each geography, with the change since the period before, the rules
the figures break (a flagged draft's flags and the reason it was kept) and the same figures as CSV and XLSX
appendices. Free-text fields are left out: a cover report can be published with the agenda, and only the
numbers are the return."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse

from saferhub.core.agenda_reports import AgendaReport, ReportDocument, ReportOffer
from saferhub.core.permissions import can
from saferhub.returns import csvio, queries
from saferhub.returns.models import ReturnDefinition, Submission, SubmissionStatus

CODE = "returns"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _key(definition: ReturnDefinition, start: dt.date, end: dt.date) -> str:
    return f"{CODE}:{definition.slug}:{start.isoformat()}:{end.isoformat()}"


def _periods(submissions: list[Submission]) -> list[tuple[dt.date, dt.date]]:
    return sorted({(s.period_start, s.period_end) for s in submissions}, reverse=True)


def _label(start: dt.date, end: dt.date) -> str:
    return start.strftime("%-d %B %Y") if start == end else f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def offers(committee, user) -> list[ReportOffer]:
    if not can(user, "returns.view_return"):
        return []
    out = []
    for definition in queries.definitions():
        subs = list(queries.submissions_for(user, definition))
        for start, end in _periods(subs)[:2]:
            period = [s for s in subs if (s.period_start, s.period_end) == (start, end)]
            flags = sum(len(s.flags.all()) for s in period)
            hint = f"{', '.join(s.geography for s in period)}; " + (
                f"{flags} rule{'s' if flags != 1 else ''} broken" if flags else "every rule met")
            out.append(ReportOffer(key=_key(definition, start, end), label=f"{definition.name}, {_label(start, end)}",
                                   hint=hint))
    return out


def _value(figure) -> str:
    return csvio.safe_cell(figure.value) if figure is not None and figure.value is not None else "no figure"


def _figures_text(definition: ReturnDefinition, sub: Submission, before: Submission | None) -> str:
    now, then = queries.figures_of(sub), queries.figures_of(before) if before else {}
    lines = []
    for field in definition.fields.all():
        if field.kind == "text":
            continue
        for cat in (field.categories if field.kind == "breakdown" else [""]):
            label = f"{field.label} – {cat}" if cat else field.label
            line = f"{label}: {_value(now.get((field.key, cat)))}"
            if before is not None:
                line += f" (previous period: {_value(then.get((field.key, cat)))})"
            lines.append(line)
        if field.kind == "breakdown":
            none = [c for c in field.categories if getattr(now.get((field.key, c)), "value", None) in (None, 0)]
            if none and len(none) < len(field.categories):
                # e.g. the Channel Panel's sectors not represented at a meeting (Prevent Duty benchmark 5)
                lines.append(f"{field.label}: none for {', '.join(none)}")
    return "\n".join(lines)


def build(key: str, user) -> AgendaReport:
    try:
        code, slug, start_s, end_s = key.split(":")
        start, end = dt.date.fromisoformat(start_s), dt.date.fromisoformat(end_s)
    except ValueError:
        raise LookupError(f"{key!r} is not a returns report.") from None
    definition = queries.definitions().filter(slug=slug).first()
    if code != CODE or definition is None:
        raise LookupError(f"There is no return {slug!r}.")
    if not can(user, "returns.view_return", definition):
        raise PermissionError("You may not see this return.")
    subs = list(queries.submissions_for(user, definition))
    period = [s for s in subs if (s.period_start, s.period_end) == (start, end)]
    if not period:
        raise LookupError(f"{definition.name} has no figures you may see for {_label(start, end)}.")
    earlier = [p for p in _periods(subs) if p[1] < start]
    previous = {s.geography: s for s in subs if earlier and (s.period_start, s.period_end) == earlier[0]}
    sections = [(f"Figures: {s.geography}" + ("" if s.status == SubmissionStatus.SUBMITTED
                                              else f" ({s.get_status_display().lower()})"),
                 _figures_text(definition, s, previous.get(s.geography))) for s in period]
    flags = [(s, f) for s in period for f in s.flags.all()]
    if flags:
        text = "\n".join(f"{s.geography}: {f.message}" for s, f in flags)
        reasons = {s.geography: s.flag_reason for s, _ in flags if s.flag_reason}
        text += "".join(f"\nKept as a flagged draft ({g}): {r}" for g, r in reasons.items())
        sections.append(("Figures that break the return's rules", text))
    else:
        sections.append(("Checks", "The figures meet every rule between fields of this return."))
    drafts = [s.geography for s in period if s.status != SubmissionStatus.SUBMITTED]
    summary = (f"{definition.name} ({definition.recipient}) for {_label(start, end)}: figures for "
               f"{', '.join(s.geography for s in period)}."
               + (f" Not yet submitted: {', '.join(drafts)}." if drafts else " All submitted.")
               + (f" {len(flags)} figure check{'s' if len(flags) != 1 else ''} failed." if flags else ""))
    actions_required = ["Note the figures and the change since the previous period."]
    if flags:
        actions_required.append("Note the figures that break the return's rules and why they were kept.")
    rows = [r for r in csvio.export_rows(definition, period) if r[5] not in _text_keys(definition)]
    return AgendaReport(
        title=f"{definition.name}, {_label(start, end)}", executive_summary=summary,
        actions_required=actions_required, sections=sections,
        appendices=[ReportDocument(f"{definition.slug}-{start_s}.csv", _csv(rows), "text/csv",
                                   f"{definition.name}: figures (CSV)"),
                    ReportDocument(f"{definition.slug}-{start_s}.xlsx", _xlsx(definition, rows), XLSX,
                                   f"{definition.name}: figures (spreadsheet)")],
        source_url=reverse("returns:dashboard", args=[definition.slug]), source_label=definition.name,
        extra={"flags": len(flags), "geographies": [s.geography for s in period]})


def _text_keys(definition: ReturnDefinition) -> set[str]:
    return {f.key for f in definition.fields.all() if f.kind == "text"}


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(definition: ReturnDefinition, rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(definition.slug[:31])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
