"""The partnership's statutory duties: each with its next due date and state, and a page per duty to set
its schedule and record that it was done, with evidence."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from saferhub.core.forms import run_form
from saferhub.delivery import actions, queries, rules
from saferhub.delivery.forms import DutyRecordForm, DutyScheduleForm
from saferhub.delivery.models import StatutoryDuty
from saferhub.delivery.views.common import done, managed_plan


@login_required
def duties(request, slug):
    plan = managed_plan(request, slug)
    return render(request, "delivery/duties.html", {
        "plan": plan, "duties": queries.duty_states(plan, today=timezone.localdate())})


@login_required
def duty_detail(request, slug, pk):
    plan = managed_plan(request, slug)
    duty = get_object_or_404(StatutoryDuty, pk=pk, plan=plan)
    today = timezone.localdate()
    recorded = set(duty.records.values_list("due_on", flat=True))
    open_dates = [d for d in rules.duty_due_dates(first_due=duty.first_due, frequency=duty.frequency, until=today)
                  if d not in recorded]
    state = rules.duty_state(first_due=duty.first_due, frequency=duty.frequency, done=recorded, today=today)
    if state.next_due and state.next_due not in open_dates:
        open_dates.append(state.next_due)
    schedule = DutyScheduleForm(initial={"first_due": duty.first_due, "frequency": duty.frequency}, prefix="schedule")
    record = DutyRecordForm(due_dates=open_dates, prefix="record")
    back = {"to": "delivery:duty", "slug": plan.slug, "pk": duty.pk}

    def save_schedule(data):
        actions.schedule_duty(duty, acting_user=request.user, **data)
        return done(request, "The duty's due dates are saved.", **back)

    def save_record(data):
        actions.record_duty_done(duty, acting_user=request.user, today=today, **data)
        return done(request, "Recorded as done.", **back)

    response = None
    if request.method == "POST" and "schedule" in request.POST:
        schedule = DutyScheduleForm(request.POST, prefix="schedule")
        response = run_form(schedule, save_schedule)
    elif request.method == "POST":
        record = DutyRecordForm(request.POST, due_dates=open_dates, prefix="record")
        response = run_form(record, save_record)
    if response:
        return response
    return render(request, "delivery/duty_detail.html", {
        "plan": plan, "duty": duty, "state": state, "label": rules.DUTY_LABELS[state.state],
        "records": duty.records.select_related("recorded_by"), "schedule_form": schedule, "record_form": record,
        "open_dates": open_dates, "forms_with_errors": [f for f in (schedule, record) if f.errors]})
