"""Pages beyond the team's case page: the review's own chair/author/panel (their reviews only, the parts they
need), agency contacts (their own requests only, with an upload), the register of chairs and the composite
action repository (team), and the public thematic analysis and Sub Panel report (numbers only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from saferhub.core.charts import Bar, bar_chart
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.middleware import public_page
from saferhub.core.models import Organisation
from saferhub.core.permissions import get_for
from saferhub.dhr import actions, clocks, loader, queries, reporting, status
from saferhub.dhr import forms_records as fr
from saferhub.dhr.policies import can_dhr


@login_required
def my_reviews(request):
    """The reviews a person outside the team is appointed to, and their agency's requests."""
    reviews = list(queries.appointed_cases(request.user))
    requests = list(queries.agency_requests(request.user))
    if not reviews and not requests:
        raise Http404
    return render(request, "dhr/my_reviews.html", {"reviews": reviews, "requests": requests})


@login_required
def review(request, pk):
    """A review as its chair, author or a panel member sees it: stage, clocks, terms of reference, the panel's
    agencies, the requests' state and parallel processes. Not the family log or the decision chain."""
    case = get_for(request.user, queries.appointed_cases(request.user), pk, "dhr.view_review")
    actions.record_review_viewed(case, acting_user=request.user)
    settings = queries.settings_by_partnership({case.partnership_id})[case.partnership_id]
    terms = next((s for s in case.steps.all() if s.step == "terms"), None)
    return render(request, "dhr/review.html", {
        "case": case, "stage": status.stage(case), "terms": terms, "documents": list(queries.documents_of(case)),
        "clocks": clocks.case_clocks(case, settings, timezone.localdate()),
        "imrs": clocks.imr_states(case.imrs.all(), timezone.localdate(), settings.at_risk_days)})


@login_required
def agency_request(request, pk):
    """An agency contact's own request; they upload their review here."""
    imr = get_for(request.user, queries.agency_requests(request.user), pk, "dhr.view_imr")
    form = fr.ImrUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.upload_imr(imr, filename=upload.name, content=upload.read(), acting_user=request.user)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, "Your review has been uploaded. Thank you.")
            return redirect("dhr:request", pk=imr.pk)
    actions.record_imr_viewed(imr, acting_user=request.user)
    return render(request, "dhr/request.html", {"imr": imr, "form": form})


def _require_team(request):
    if not can_dhr(request.user, "dhr.view_case_list"):
        raise Http404


@login_required
def chairs(request):
    _require_team(request)
    partnerships = queries.team_partnerships(request.user)
    form = fr.ChairForm(request.POST or None, partnerships=partnerships, agencies=queries.agencies())
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        partnership = partnerships.filter(pk=d.pop("partnership")).first()
        if partnership is None:
            raise Http404
        connected = list(Organisation.objects.filter(pk__in=d.pop("connected_agencies")))
        try:
            actions.add_chair(partnership=partnership, connected_agencies=connected, acting_user=request.user, **d)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, "Chair added to the register.")
            return redirect("dhr:chairs")
    return render(request, "dhr/chairs.html", {"chairs": queries.register_for(request.user), "form": form})


@login_required
def repository(request):
    _require_team(request)
    return render(request, "dhr/repository.html", {"recommendations": list(queries.repository_for(request.user)),
                                                   "form": fr.RecommendationUpdateForm(prefix="upd")})


@login_required
def repository_update(request, pk):
    _require_team(request)
    if request.method != "POST":
        raise Http404
    rec = get_for(request.user, queries.repository_for(request.user), pk, "dhr.change_case")
    form = fr.RecommendationUpdateForm(request.POST, prefix="upd")
    if form.is_valid():
        try:
            actions.update_recommendation(rec, acting_user=request.user, **form.cleaned_data)
        except (RuleViolation, ActionPermissionDenied) as exc:
            messages.error(request, getattr(exc, "text", "Not allowed."))
        else:
            messages.success(request, "Recommendation updated.")
    else:
        messages.error(request, "Check the status and the date.")
    return redirect("dhr:repository")


@public_page
def themes(request):
    """Thematic analysis of published reviews only: counts by theme and by year, and open actions by agency."""
    data = reporting.thematic_numbers()
    chart = bar_chart([Bar(t, n) for t, n in data["themes"]], title="Published reviews by theme",
                      description="Number of published reviews tagged with each theme; the table below has the "
                                  "same numbers.", ident="dhr-themes")
    return render(request, "dhr/themes.html", {**data, "chart": chart})


@public_page
def sub_panel_report(request, fmt: str = "html"):
    numbers = {**reporting.sub_panel_numbers(timezone.localdate()), "record": loader.facts()}
    if fmt == "pdf":
        from saferhub.dhr.agenda import sub_panel_pdf

        response = HttpResponse(sub_panel_pdf(numbers), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="dhr-sub-panel-report.pdf"'
        return response
    if fmt == "docx":
        response = HttpResponse(reporting.sub_panel_docx(numbers), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        response["Content-Disposition"] = 'attachment; filename="dhr-sub-panel-report.docx"'
        return response
    return render(request, "dhr/sub_panel_report.html", numbers)
