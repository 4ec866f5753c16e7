"""The Partnership team's yearly revision of the plan: start a new version as a copy of the published one
(``actions.create_version(copy_published=True)``; one draft at a time), then add, reword and remove its rows
(``actions.add_draft_row``, ``reword_row``, ``remove_row``). The version page shows the diff and publishes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from saferhub.core.forms import GovukForm, run_form
from saferhub.delivery import actions, queries
from saferhub.delivery.forms import RewordForm, RowForm, StartVersionForm
from saferhub.delivery.models import DeliveryPlan, VersionStage
from saferhub.delivery.views.common import done, managed_plan


def _version(request, slug, pk):
    plan = managed_plan(request, slug)
    return plan, get_object_or_404(DeliveryPlan, pk=pk, plan=plan)


@login_required
def start_version(request, slug):
    plan = managed_plan(request, slug)
    published = queries.current_version(plan)
    form = StartVersionForm(request.POST or None)

    def start(data):
        label = data["label"].strip()
        version = actions.create_version(plan, title=published.title if published else plan.title,
                                         stage=VersionStage.REVISED, label=label, version_date=data["version_date"],
                                         copy_published=True, acting_user=request.user)
        return done(request, f"{label} is started as a copy of {published.label or published.title}. Add, reword or "
                    "remove actions, then publish it.", "delivery:version", slug=plan.slug, pk=version.pk)

    if request.method == "POST" and (response := run_form(form, start)):
        return response
    return render(request, "delivery/start_version.html", {"plan": plan, "published": published, "form": form})


@login_required
def add_row(request, slug, pk):
    plan, version = _version(request, slug, pk)
    form = RowForm(request.POST or None, parties=queries.possible_owners(), outcomes=plan.outcomes.all())

    def add(_data):
        row = actions.add_draft_row(version, acting_user=request.user, **form.chosen())
        return done(request, f"Action {row.number} is added.", "delivery:version", slug=plan.slug, pk=version.pk)

    if request.method == "POST" and (response := run_form(form, add)):
        return response
    return render(request, "delivery/row_form.html", {"plan": plan, "version": version, "form": form,
                                                      "heading": "Add an action", "button": "Add the action"})


@login_required
def reword_row(request, slug, pk, row):
    plan, version = _version(request, slug, pk)
    row = get_object_or_404(version.actions, pk=row)
    form = RewordForm(request.POST or None, initial={"action": row.action, "success_measure": row.success_measure})

    def reword(data):
        actions.reword_row(row, action=data["action"], success_measure=data["success_measure"],
                           acting_user=request.user)
        return done(request, f"Action {row.number} is reworded.", "delivery:version", slug=plan.slug, pk=version.pk)

    if request.method == "POST" and (response := run_form(form, reword)):
        return response
    return render(request, "delivery/row_form.html", {"plan": plan, "version": version, "form": form, "row": row,
                                                      "heading": f"Reword action {row.number}",
                                                      "button": "Save the wording"})


@login_required
def remove_row(request, slug, pk, row):
    plan, version = _version(request, slug, pk)
    row = get_object_or_404(version.actions, pk=row)
    form = GovukForm(request.POST if request.method == "POST" else None)

    def remove(_data):
        actions.remove_row(row, acting_user=request.user)
        return done(request, f"Action {row.number} is removed from {version.label or version.title}.",
                    "delivery:version", slug=plan.slug, pk=version.pk)

    if request.method == "POST" and (response := run_form(form, remove)):
        return response
    return render(request, "delivery/remove_row.html", {"plan": plan, "version": version, "form": form, "row": row})
