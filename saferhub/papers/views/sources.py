"""Adding a report that another app writes (``core.agenda_reports``) under an agenda item."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from saferhub.core import agenda_reports
from saferhub.governance.models import AgendaItem
from saferhub.papers import actions
from saferhub.papers.forms import ReportFromSourceForm
from saferhub.papers.models import CoverReport
from saferhub.papers.views.common import done, meeting_for, run_form

SEPARATOR = "|"


def offers_for(committee, user) -> list[tuple[str, agenda_reports.ReportSource, agenda_reports.ReportOffer]]:
    """Every registered source's offers for this committee and user, as (radio value, source, offer)."""
    rows = []
    for source in agenda_reports.sources():
        for offer in source.offers(committee, user):
            rows.append((f"{source.code}{SEPARATOR}{offer.key}", source, offer))
    return rows


def _already_used(offers) -> dict[str, CoverReport]:
    """Which offers are already a report on some agenda, so the page can say where."""
    codes = {source.code for _, source, _ in offers}
    keys = {offer.key for _, _, offer in offers}
    used = {}
    for report in (CoverReport.objects.filter(source_code__in=codes, source_key__in=keys, deleted_at__isnull=True)
                   .select_related("agenda_item__meeting__committee")):
        used[f"{report.source_code}{SEPARATOR}{report.source_key}"] = report
    return used


@login_required
def report_from_source(request, pk, item_pk):
    meeting = meeting_for(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    report = CoverReport.objects.filter(agenda_item=item, deleted_at__isnull=True).first()
    offers = offers_for(meeting.committee, request.user)
    form = ReportFromSourceForm(request.POST if request.method == "POST" else None, offers=offers, has_report=report is not None, prefix="src")
    if request.method == "POST":
        def run(data):
            code, _, key = data["offer"].partition(SEPARATOR)
            added = actions.add_report_from_source(item, source_code=code, offer_key=key, acting_user=request.user,
                                                   replace=bool(data.get("replace")))
            return done(request, reverse("papers:report-edit", args=[meeting.pk, item.pk]),
                        f"“{added.title}” is now the draft report for item {item.number or item.title}.")

        response = run_form(form, run)
        if response:
            return response
    used = _already_used(offers)
    bound = form["offer"]
    choices = [
        {"id": f"{bound.auto_id}_{index}", "value": value, "label": offer.label, "hint": offer.hint,
         "source": source.label, "used": used.get(value), "checked": bound.value() == value}
        for index, (value, source, offer) in enumerate(offers)
    ]
    return render(request, "papers/report_from_source.html", {
        "meeting": meeting, "item": item, "report": report, "form": form, "choices": choices,
        "error_form": form if form.errors else None, "nav": "dashboard",
    }, status=422 if form.errors else 200)
