"""Public pages for papers: the forward work programme and the recommendations register (each with
the committee officer's forms when signed in)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from saferhub.core.permissions import can
from saferhub.governance.models import Committee, Meeting, MeetingStatus, Recommendation
from saferhub.papers import actions, queries
from saferhub.papers.forms import ResponseForm, WorkProgrammeForm
from saferhub.papers.models import CoverReport
from saferhub.papers.views.common import done, run_form


def work_programme(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not can(request.user, "governance.view_committee", committee):
        raise Http404
    can_edit = can(request.user, "papers.prepare", committee)
    today = timezone.localdate()
    meetings = list(Meeting.objects.filter(committee=committee, status=MeetingStatus.SCHEDULED, date__gte=today).order_by("date"))
    form = None
    if can_edit:
        form = WorkProgrammeForm(request.POST or None, meetings=meetings, prefix="wp")
        if request.method == "POST":
            def run(data):
                meeting = next((m for m in meetings if m.pk == data["target_meeting"]), None)
                month = data.get("target_month")
                actions.add_work_programme_entry(
                    committee, report=data["report"], issues=data["issues"], invited=data["invited"],
                    target_meeting=meeting, target_date=month.replace(day=1) if month and not meeting else None,
                    target_label=f"{month:%B %Y} (date to be confirmed)" if month and not meeting else "",
                    scoping={k: data.get(k, "") for k in ("scoping_influence", "scoping_benefit", "scoping_method",
                                                          "scoping_outcomes")},
                    acting_user=request.user,
                )
                return done(request, reverse("papers:work-programme", args=[slug]), "Added to the work programme.")

            response = run_form(form, run)
            if response:
                return response
    elif request.method == "POST":
        raise Http404
    entries = list(queries.work_programme(committee, from_date=today.replace(day=1)))
    past = list(queries.work_programme(committee).filter(target_date__lt=today.replace(day=1)).order_by("-target_date")[:20])
    return render(request, "papers/work_programme.html", {
        "committee": committee, "entries": entries, "past": past, "future_items": queries.open_future_items(committee),
        "form": form, "can_edit": can_edit, "nav": "committees",
    })


def recommendations(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not can(request.user, "governance.view_committee", committee):
        raise Http404
    can_edit = can(request.user, "papers.prepare", committee)
    rows = list(queries.recommendations_register(committee))
    today = timezone.localdate()
    return render(request, "papers/recommendations.html", {
        "committee": committee, "rows": rows, "today": today, "can_edit": can_edit, "nav": "committees",
    })


def recommendation_respond(request, slug, pk):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not can(request.user, "papers.prepare", committee):
        raise Http404
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("decision__agenda_item__meeting", "addressee_organisation",
                                              "addressee_committee"),
        pk=pk, decision__agenda_item__meeting__committee=committee,
    )
    reports = list(CoverReport.objects.filter(agenda_item__meeting__committee=committee, deleted_at__isnull=True,
                                              agenda_item__meeting__date__gte=recommendation.decision.agenda_item.meeting.date)
                   .select_related("agenda_item__meeting").order_by("-agenda_item__meeting__date")[:50])
    form = ResponseForm(request.POST or None, reports=reports, prefix="resp")
    if request.method == "POST":
        def run(data):
            report = next((r for r in reports if r.pk == data["answered_by"]), None)
            actions.record_recommendation_response(recommendation, status=data["status"], response=data["response"],
                                                   responded_on=data["responded_on"], answered_by=report,
                                                   acting_user=request.user)
            return done(request, reverse("papers:recommendations", args=[slug]), "Response recorded.")

        response = run_form(form, run)
        if response:
            return response
    return render(request, "papers/recommendation_respond.html", {
        "committee": committee, "recommendation": recommendation, "form": form, "nav": "committees",
    })
