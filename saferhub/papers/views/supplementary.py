"""The committee officer's page for publishing a supplementary agenda pack (a late report)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from saferhub.core.forms import GovukForm
from saferhub.governance.models import AgendaItem
from saferhub.papers import queries
from saferhub.papers.actions.reports import REPORT_KINDS
from saferhub.papers.models import CoverReport, SupplementaryPack
from saferhub.papers.views.common import done, meeting_for, run_form


class SupplementaryPackForm(GovukForm):
    """Which late reports go in the pack, and why they are late."""

    reports = forms.TypedMultipleChoiceField(
        label="Which reports go in the supplementary pack?", coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one report for the supplementary pack.",
                        "invalid_choice": "Choose from the reports listed."})
    reason = forms.CharField(
        label="Why are these papers late?", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Printed on the pack. After the last day for the meeting's papers, the Chair may take them only "
                  "as urgent business (Local Government Act 1972, section 100B(4)(b)), so say why they cannot wait.")

    def __init__(self, *args, reports: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].choices = [
            (r.pk, f"Item {r.agenda_item.number or r.agenda_item.title}: {r.title}") for r in reports]


def _candidates(meeting) -> list[CoverReport]:
    """Final reports of the meeting started since its agenda pack was published and in no pack yet."""
    papers = getattr(meeting, "papers", None)
    if papers is None or papers.published_at is None:
        return []
    return list(CoverReport.objects.filter(
        agenda_item__meeting=meeting, deleted_at__isnull=True, status=CoverReport.Status.FINAL,
        agenda_item__exemption__isnull=True, created_at__gt=papers.published_at,
    ).exclude(supplementary_packs__meeting=meeting).select_related("agenda_item").order_by("agenda_item__position"))


@login_required
def supplementary_pack(request, pk):
    """List the meeting's supplementary packs and publish the next one."""
    from saferhub.papers import actions

    meeting = meeting_for(request, pk, "papers.publish")
    candidates = _candidates(meeting)
    form = SupplementaryPackForm(request.POST if request.method == "POST" else None, reports=candidates)
    if request.method == "POST":
        def run(data):
            chosen = [r for r in candidates if r.pk in set(data["reports"])]
            pack = actions.publish_supplementary_pack(meeting, reports=chosen, reason=data["reason"],
                                                      acting_user=request.user)
            return done(request, reverse("papers:supplementary-pack", args=[meeting.pk]),
                        f"Supplementary agenda pack {pack.number} is published (pages {pack.first_page} to "
                        f"{pack.last_page}).")

        response = run_form(form, run)
        if response:
            return response
    papers = getattr(meeting, "papers", None)
    deadline = queries.publication_deadline(meeting) if meeting.date_precision == "day" else None
    # Late reports are written on the usual report page: items that take a report and have none yet.
    unwritten = list(AgendaItem.objects.filter(meeting=meeting, kind__in=REPORT_KINDS, cover_report__isnull=True,
                                               exemption__isnull=True).order_by("position"))
    return render(request, "papers/supplementary_pack.html", {
        "meeting": meeting, "form": form, "candidates": candidates, "papers": papers, "unwritten": unwritten,
        "packs": SupplementaryPack.objects.filter(meeting=meeting).prefetch_related("reports__agenda_item"),
        "late": deadline is not None and timezone.localdate() > deadline, "deadline": deadline,
        "error_form": form if form.errors else None, "nav": "committees",
    })
