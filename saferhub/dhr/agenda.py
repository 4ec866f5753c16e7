"""The Sub Panel's report as a tagged PDF, and as an agenda-report source (``core.agenda_reports``, code
"dhr"): for a committee that scrutinises a partnership, the report on that partnership's reviews as of now.
Numbers only, never a victim, a family member or a live case's detail (002:200), so the report may go into a
published agenda pack; it is offered to whoever adds papers, like the public page it mirrors."""

from __future__ import annotations

import datetime as dt
import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from saferhub.core import agenda_reports
from saferhub.core.documents import html_to_pdf
from saferhub.core.models import Organisation, OrganisationKind
from saferhub.dhr import loader, reporting

CODE = "dhr"
_KEY = re.compile(r"^now:p(?P<partnership>\d{1,12})$")
TABLES = (("Decisions", "Decision", "decisions"), ("Reviews in progress by stage", "Stage", "stages"),
          ("Overdue clocks", "Clock", "overdue"), ("Recommendations outstanding by agency", "Agency", "outstanding"))


def title(today: dt.date) -> str:
    return f"Domestic Homicide Reviews: report to the Sub Panel, {today:%-d %B %Y}"


def numbers(today: dt.date, partnership: Organisation | None = None) -> dict:
    found = reporting.sub_panel_numbers(today, partnership.pk if partnership else None)
    return {**found, "record": loader.facts(), "partnership": partnership}


def sub_panel_html(found: dict) -> str:
    tables = [(heading, first, found[key]) for heading, first, key in TABLES]
    return render_to_string("dhr/sub_panel_report_document.html",
                            {**found, "title": title(found["today"]), "tables": tables})


def sub_panel_pdf(found: dict) -> bytes:
    return html_to_pdf(sub_panel_html(found))


def _partnership(committee) -> Organisation | None:
    pid = getattr(committee, "scrutinises_id", None)
    if not pid:
        return None
    return Organisation.objects.filter(pk=pid, kind=OrganisationKind.PARTNERSHIP).first()


def offers(committee, user) -> list[agenda_reports.ReportOffer]:
    partnership = _partnership(committee)
    if partnership is None:
        return []
    return [agenda_reports.ReportOffer(
        key=f"now:p{partnership.pk}", label=f"Domestic Homicide Reviews: report to the Sub Panel, {partnership.name}, "
                                            "the position now",
        hint="Numbers only: reviews by stage, timeliness, published reports, actions outstanding by agency.")]


def build(key: str, user) -> agenda_reports.AgendaReport:
    match = _KEY.match(key or "")
    partnership = None
    if match is not None:
        partnership = Organisation.objects.filter(pk=int(match["partnership"]),
                                                  kind=OrganisationKind.PARTNERSHIP).first()
    if partnership is None:
        raise LookupError(f"There is no Domestic Homicide Review report {key!r}.")
    today = timezone.localdate()
    found = numbers(today, partnership)
    overdue = sum(n for _, n in found["overdue"])
    summary = (f"The reviews of {partnership.name}, in numbers. Notifications of a death: {found['notifications']}. "
               f"Reviews in progress: {found['in_progress']} (paused for parallel proceedings: "
               f"{found['paused']}). Reports published: {found['published']}. Overdue "
               f"clocks: {overdue}. Recommendations outstanding: {found['outstanding_total']}. Reviews under way "
               "are confidential, so no case is described.")
    sections = [(heading, "; ".join(f"{label}: {n}" for label, n in found[key]) + "." if found[key] else "None.")
                for heading, _, key in TABLES]
    return agenda_reports.AgendaReport(
        title=title(today), executive_summary=summary,
        actions_required=["Note the progress of the reviews and the timeliness of each stage.",
                          "Ask about the challenges or barriers to the actions arising from the reviews."],
        sections=sections,
        appendices=[agenda_reports.ReportDocument(filename=f"dhr-sub-panel-report-{today:%Y-%m-%d}.pdf",
                                                  content=sub_panel_pdf(found), content_type="application/pdf",
                                                  title=title(today))],
        source_url=reverse("dhr:sub-panel-report"), source_label="Domestic Homicide Reviews: report to the Sub Panel",
        extra={"partnership": partnership.pk})


def register() -> None:
    agenda_reports.register_source(CODE, label="Domestic Homicide Reviews: report to the Sub Panel", offers=offers,
                                   build=build, app="dhr")
