"""Reporting rounds: the Partnership team opens and closes rounds and sees who has not replied; each
owner has a task list of their actions in the open round."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import run_form
from saferhub.core.permissions import can
from saferhub.delivery import actions, queries
from saferhub.delivery.forms import RoundForm
from saferhub.delivery.models import Plan, ReportingRound
from saferhub.delivery.views.common import done, managed_plan


@login_required
def rounds(request, slug):
    """Every round of the plan with how many actions have replied, and the form to open the next one."""
    plan = managed_plan(request, slug)
    form = RoundForm(request.POST or None)

    def open_it(data):
        round_ = actions.open_round(plan, acting_user=request.user, **data)
        return done(request, f"“{round_.title}” is open. Owners see their actions on their task list.",
                    "delivery:round", slug=plan.slug, pk=round_.pk)

    if request.method == "POST" and (response := run_form(form, open_it)):
        return response
    held = (ReportingRound.objects.filter(plan=plan).select_related("version")
            .annotate(rows=Count("version__actions", distinct=True),
                      replied=Count("updates__identity", distinct=True, filter=Q(updates__isnull=False))))
    return render(request, "delivery/rounds.html", {"plan": plan, "rounds": list(held), "form": form,
                                                    "open_round": queries.open_round(plan)})


@login_required
def round_detail(request, slug, pk):
    """One round: each action's reply, who has not replied (owner by owner), and closing the round."""
    plan = managed_plan(request, slug)
    round_ = get_object_or_404(ReportingRound.objects.select_related("version", "opened_by"), pk=pk, plan=plan)
    if request.method == "POST" and "close" in request.POST:
        try:
            actions.close_round(round_, acting_user=request.user)
        except RuleViolation as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, f"“{round_.title}” is closed.")
        return redirect("delivery:round", slug=plan.slug, pk=round_.pk)
    today = round_.closed_on or timezone.localdate()
    return render(request, "delivery/round_detail.html", {
        "plan": plan, "progress": queries.round_progress(round_, today=today)})


@login_required
def my_round(request, slug):
    """An owner's task list for the open round: their actions, each with its state and a link to update it."""
    plan = get_object_or_404(Plan, slug=slug)
    round_ = queries.open_round(plan)
    tasks = queries.round_tasks(round_, request.user, today=timezone.localdate()) if round_ else []
    if round_ is None and not can(request.user, "delivery.view_staff"):
        raise Http404
    done = sum(1 for t in tasks if t["update"] is not None)
    return render(request, "delivery/my_round.html", {"plan": plan, "round": round_, "tasks": tasks, "done": done})
