"""A measure's forms for the Partnership team: recording one value (the same checks as the CSV upload and the
API, ``actions.record_value``: whole months, within the plan's years, at a level the measure has), and setting
its baseline, target, intended direction and data-quality note (``actions.set_measure_target``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from saferhub.core.forms import run_form
from saferhub.delivery import actions
from saferhub.delivery.forms import MeasureTargetForm, ValueForm
from saferhub.delivery.models import Measure
from saferhub.delivery.views.common import done, managed_plan


@login_required
def add_value(request, slug, pk):
    plan = managed_plan(request, slug)
    measure = get_object_or_404(Measure.objects.select_related("outcome__plan"), pk=pk, outcome__plan=plan)
    form = ValueForm(request.POST or None)

    def record(data):
        value = actions.record_value(measure, acting_user=request.user, **data)
        return done(request, f"Value {value.value.normalize():f} recorded for {value.area}, "
                    f"{value.period_start:%-d %B %Y} to {value.period_end:%-d %B %Y}.",
                    "delivery:measure", slug=plan.slug, pk=measure.pk)

    if request.method == "POST" and (response := run_form(form, record)):
        return response
    return render(request, "delivery/add_value.html", {"plan": plan, "measure": measure, "form": form})


@login_required
def measure_target(request, slug, pk):
    plan = managed_plan(request, slug)
    measure = get_object_or_404(Measure.objects.select_related("outcome__plan"), pk=pk, outcome__plan=plan)
    initial = {name: getattr(measure, name) for name in MeasureTargetForm.base_fields}
    form = MeasureTargetForm(request.POST or None, initial=initial)

    def save(data):
        actions.set_measure_target(measure, acting_user=request.user, **data)
        return done(request, "Baseline and target saved.", "delivery:measure", slug=plan.slug, pk=measure.pk)

    if request.method == "POST" and (response := run_form(form, save)):
        return response
    return render(request, "delivery/measure_target.html", {"plan": plan, "measure": measure, "form": form})
