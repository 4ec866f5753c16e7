"""Terms of Reference amendments: the list, proposing one, its page with the changes, and recording that a
meeting agreed it (it then becomes a new version). Writes only through ``actions``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from saferhub.core.forms import run_form
from saferhub.core.permissions import can
from saferhub.governance.models import AgendaItem, Meeting, MeetingStatus
from saferhub.groups import actions, queries
from saferhub.groups.actions.amendments import amendment_diff, next_version
from saferhub.groups.forms import AgreeAmendmentForm, AmendmentForm
from saferhub.groups.models import TorAmendment
from saferhub.groups.views.common import body_for


def amendment_list(request, slug):
    body = body_for(request, slug)
    return render(request, "groups/amendments.html", {
        "body": body, "amendments": list(queries.amendments(body)), "nav": "groups",
        "can_propose": can(request.user, "groups.propose_tor_amendment", body)})


def propose(request, slug):
    body = body_for(request, slug, "groups.propose_tor_amendment")
    tor = queries.version_in_force(body, timezone.localdate())
    if tor is None:
        raise Http404
    if request.method != "POST":
        form = AmendmentForm(prefix="amd", initial=AmendmentForm.initial_from(tor))
        return _propose_page(request, body, tor, form)
    form = AmendmentForm(request.POST, prefix="amd")

    def run(data):
        changes, members = form.changes_from(tor)
        amendment = actions.propose_tor_amendment(body, summary=data["summary"], changes=changes,
                                                  required_members=members, acting_user=request.user)
        messages.success(request, "Amendment proposed. Record when a meeting agrees it.")
        return redirect("groups:amendment", slug=slug, pk=amendment.pk)

    return run_form(form, run) or _propose_page(request, body, tor, form)


def _propose_page(request, body, tor, form):
    return render(request, "groups/amendment_propose.html", {"body": body, "tor": tor, "form": form, "nav": "groups"},
                  status=422 if form.errors else 200)


def _agree_form(body, amendment, data=None):
    today = timezone.localdate()
    meetings = list(Meeting.objects.filter(committee=body, date__lte=today)
                    .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]).order_by("-date")[:24])
    items = AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting").order_by("-meeting__date",
                                                                                               "position")
    initial = {"version": next_version(amendment.base.version), "in_force_from": today}
    return AgreeAmendmentForm(data, prefix="agr", initial=initial,
                              meetings=[(m.pk, m.date_display) for m in meetings],
                              items=[(i.pk, f"{i.meeting.date:%d %b %Y}: {i.title[:80]}") for i in items]), meetings


def amendment(request, slug, pk, form=None):
    body = body_for(request, slug)
    found = get_object_or_404(queries.amendments(body).select_related("agreed_item"), pk=pk)
    may_agree = found.status == "proposed" and can(request.user, "groups.agree_tor_amendment", body)
    if may_agree and form is None:
        form, _ = _agree_form(body, found)
    return render(request, "groups/amendment.html", {
        "body": body, "amendment": found, "changes": amendment_diff(found), "form": form if may_agree else None,
        "may_withdraw": found.status == "proposed" and can(request.user, "groups.propose_tor_amendment", body),
        "nav": "groups"}, status=422 if form is not None and form.errors else 200)


def agree(request, slug, pk):
    body = body_for(request, slug, "groups.agree_tor_amendment")
    found = get_object_or_404(TorAmendment.objects.select_related("base"), body=body, pk=pk)
    if request.method != "POST":
        return redirect("groups:amendment", slug=slug, pk=pk)
    form, _ = _agree_form(body, found, request.POST)

    def run(data):
        meeting = Meeting.objects.filter(pk=data["meeting"]).select_related("committee").first() \
            if str(data["meeting"]).isdigit() else None
        if meeting is None:
            raise Http404
        item = AgendaItem.objects.filter(pk=data["agenda_item"]).first() if str(data["agenda_item"]).isdigit() else None
        tor = actions.agree_tor_amendment(found, meeting=meeting, agenda_item=item, version=data["version"],
                                          in_force_from=data["in_force_from"], acting_user=request.user)
        messages.success(request, f"Amendment agreed: version {tor.version} is in force from {tor.in_force_from:%d %B %Y}.")
        return redirect("groups:tor-version", slug=slug, version=tor.version)

    return run_form(form, run) or amendment(request, slug, pk, form=form)


def withdraw(request, slug, pk):
    body = body_for(request, slug, "groups.propose_tor_amendment")
    found = get_object_or_404(TorAmendment, body=body, pk=pk)
    if request.method == "POST":
        from saferhub.core.exceptions import RuleViolation

        try:
            actions.withdraw_tor_amendment(found, acting_user=request.user)
        except RuleViolation as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, "Amendment withdrawn.")
    return redirect("groups:amendment", slug=slug, pk=pk)
