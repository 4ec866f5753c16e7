"""One version of the delivery plan for the Partnership team: its rows, what publishing it would change
(the diff from the version it revises), renumbering a row before it is published, and publishing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import run_form
from saferhub.delivery import actions
from saferhub.delivery.facts import version_diff
from saferhub.delivery.forms import RenumberForm
from saferhub.delivery.models import DeliveryPlan
from saferhub.delivery.views.common import done, managed_plan


def _sort_key(row) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in row.number.split("."))


def _changes(diff) -> str:
    parts = [f"{len(items)} {what}" for what, items in (("added", diff.added), ("renumbered", diff.renumbered),
                                                         ("reworded", diff.reworded), ("removed", diff.removed))
             if items]
    return ", ".join(parts) if parts else "no changes"


@login_required
def version_detail(request, slug, pk):
    plan = managed_plan(request, slug)
    version = get_object_or_404(DeliveryPlan.objects.select_related("previous"), pk=pk, plan=plan)
    rows = sorted(version.actions.all(), key=_sort_key)
    posted = request.POST if request.method == "POST" and "renumber" in request.POST else None
    form = RenumberForm(posted, rows=rows)

    def renumber(data):
        row = get_object_or_404(version.actions, pk=data["row"])
        old = row.number
        actions.renumber_row(row, number=data["number"], acting_user=request.user)
        return done(request, f"Action {old} is now {data['number'].strip()}.", "delivery:version", slug=plan.slug,
                    pk=version.pk)

    if request.method == "POST" and "publish" in request.POST:
        try:
            diff = actions.publish_version(version, acting_user=request.user)
        except RuleViolation as exc:
            messages.error(request, exc.text)
            return redirect("delivery:version", slug=plan.slug, pk=version.pk)
        return done(request, f"{version} is published: {_changes(diff)}.", "delivery:versions", slug=plan.slug)
    if request.method == "POST" and "renumber" in request.POST and (response := run_form(form, renumber)):
        return response
    return render(request, "delivery/version_detail.html", {
        "plan": plan, "version": version, "rows": rows, "diff": version_diff(version), "form": form})
