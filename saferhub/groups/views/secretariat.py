"""The secretariat's writes: each POST calls one action; a refusal re-renders the page with the rule's message."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import can
from saferhub.delivery.models import DeliveryAction
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import Meeting
from saferhub.groups import actions, queries, rules
from saferhub.groups.forms import (
    ActionUpdateForm,
    AttendanceForm,
    ElectionForm,
    ReportForm,
    ReviewNoChangeForm,
    ScheduleForm,
)
from saferhub.groups.models import GroupAction, SecretariatTask
from saferhub.groups.views import pages
from saferhub.groups.views.common import body_for, meeting_for


def _pick(model, value):
    return model.objects.filter(pk=value).first() if value and str(value).isdigit() else None


def schedule(request, slug):
    body = body_for(request, slug, "groups.run_secretariat")
    if request.method != "POST":
        return pages.schedule(request, slug)
    form = ScheduleForm(request.POST, prefix="mtg")
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.schedule_group_meeting(body, date=data["date"], start_time=data["start_time"],
                                                     venue=data["venue"] or None, reason=data["reason"],
                                                     acting_user=request.user)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Meeting scheduled for {meeting.date_display}, with its timeline.")
            return redirect("groups:meeting", pk=meeting.pk)
    return pages.schedule(request, slug, form=form)


@require_POST
def add_action(request, slug):
    body = body_for(request, slug, "groups.run_secretariat")
    form = pages.action_form(body, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            action = actions.add_action(
                body, text=data["text"], target_date=data["target_date"],
                owner_person=_pick(Person, data["owner_person"]),
                owner_organisation=_pick(Organisation, data["owner_organisation"]),
                source_meeting=Meeting.objects.filter(pk=data["source_meeting"] or None, committee=body).first(),
                delivery_action=_pick(DeliveryAction, data["delivery_action"]), acting_user=request.user,
            )
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Action {action.number} added.")
            return redirect("groups:action-log", slug=slug)
    return pages.action_log(request, slug, form=form)


def update_action(request, slug, number):
    body = body_for(request, slug)
    action = get_object_or_404(GroupAction.objects.select_related("body", "source_meeting"), body=body, number=number)
    if not can(request.user, "groups.update_action", action):
        raise Http404
    if request.method != "POST":
        return pages.action_update(request, body, action)
    form = ActionUpdateForm(request.POST, prefix="upd")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.update_action(action, text=data["text"], status=data["status"], date=data["date"],
                                  target_date=data["target_date"], acting_user=request.user)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Action {action.number} updated.")
            return redirect("groups:action-log", slug=slug)
    return pages.action_update(request, body, action, form=form)


@require_POST
def record_attendance(request, pk):
    meeting = meeting_for(request, pk, "groups.run_secretariat")
    members = queries.members_on(meeting.committee, meeting.date)
    form = AttendanceForm(request.POST, prefix="att", members=members)
    if form.is_valid():
        try:
            with transaction.atomic():  # all rows or none
                count = 0
                for membership in members:
                    status = form.cleaned_data.get(f"m{membership.pk}")
                    if status:
                        gov_actions.record_attendance(meeting, person=membership.person, status=status,
                                                      organisation=membership.organisation, acting_user=request.user)
                        count += 1
        except (RuleViolation, ActionPermissionDenied) as exc:
            form.add_error(None, getattr(exc, "text", None) or str(exc))
        else:
            messages.success(request, f"Attendance recorded for {count} members.")
            return redirect("groups:meeting", pk=meeting.pk)
    return pages.meeting(request, pk, attendance_form=form)


@require_POST
def complete_task(request, pk, task_pk):
    meeting = meeting_for(request, pk, "groups.run_secretariat")
    task = get_object_or_404(SecretariatTask, pk=task_pk, meeting=meeting)
    try:
        actions.complete_task(task, done_on=timezone.localdate(), acting_user=request.user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, f"{task.get_kind_display()}: marked done.")
    return redirect("groups:meeting", pk=meeting.pk)


@require_POST
def carry_forward(request, pk):
    meeting = meeting_for(request, pk, "groups.run_secretariat")
    try:
        carried = actions.carry_forward_actions(meeting, acting_user=request.user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, f"{len(carried)} open actions are on the agenda as matters arising.")
    return redirect("groups:meeting", pk=meeting.pk)


def elect(request, slug):
    body = body_for(request, slug, "groups.run_secretariat")
    if request.method != "POST":
        return pages.elect(request, slug)
    form = ElectionForm(request.POST, prefix="el", people=queries.election_candidates(body))
    if form.is_valid():
        data = form.cleaned_data
        try:
            term = actions.elect_chair(body, person=Person.objects.get(pk=data["person"]), date=data["date"],
                                       method=data["method"], votes_for=data["votes_for"],
                                       votes_against=data["votes_against"], co_chair=data["co_chair"],
                                       acting_user=request.user)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"{term.person.display_name} elected.")
            return redirect("groups:body", slug=slug)
    return pages.elect(request, slug, form=form)


@require_POST
def write_report(request, slug, year, quarter):
    body = body_for(request, slug, "groups.run_secretariat")
    meetings = Meeting.objects.filter(committee=body.parent) if body.parent_id else Meeting.objects.none()
    form = ReportForm(request.POST, prefix="rep", meetings=[(m.pk, m.date_display) for m in meetings.order_by("-date")[:50]])
    if form.is_valid():
        try:
            actions.write_progress_report(body, year=year, quarter=quarter, commentary=form.cleaned_data["commentary"],
                                          to_meeting=meetings.filter(pk=form.cleaned_data["to_meeting"] or None).first(),
                                          acting_user=request.user)
        except (RuleViolation, ActionPermissionDenied) as exc:
            form.add_error(None, getattr(exc, "text", None) or str(exc))
        else:
            messages.success(request, "Progress report written.")
            return redirect("groups:report", slug=slug, year=year, quarter=quarter)
    return pages.report(request, slug, year, quarter, form=form)


@require_POST
def review_no_change(request, slug):
    """Record the Terms of Reference in force as reviewed with no change (closes the review task, sets the next)."""
    body = body_for(request, slug, "groups.run_secretariat")
    tor = queries.version_in_force(body, timezone.localdate())
    if tor is None:
        raise Http404
    form = ReviewNoChangeForm(request.POST, prefix="rev")
    if form.is_valid():
        try:
            tor = actions.record_tor_review_no_change(tor, reviewed_on=form.cleaned_data["reviewed_on"],
                                                      note=form.cleaned_data["note"], acting_user=request.user)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Review recorded with no change. The next review is due by "
                                      f"{rules.fmt(tor.review_date)}.")
            return redirect("groups:body", slug=slug)
    return pages.body_detail(request, slug, review_form=form)
