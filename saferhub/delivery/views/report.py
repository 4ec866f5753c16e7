"""The performance report for the scrutiny panel: a staff page for a round (or the position now), and the
same report as PDF and Word. Built from the published plan only and naming no person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from saferhub.delivery.models import ReportingRound
from saferhub.delivery.report_documents import report_context, report_docx, report_pdf
from saferhub.delivery.reporting import performance_report
from saferhub.delivery.views.common import managed_plan

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _report(request, slug, key: str):
    plan = managed_plan(request, slug)
    round_ = None
    if key != "now":
        if not key.isdigit() or len(key) > 12:
            raise Http404
        round_ = ReportingRound.objects.filter(plan=plan, pk=int(key)).select_related("version").first()
        if round_ is None:
            raise Http404
    report = performance_report(plan, round_=round_, today=timezone.localdate())
    if report is None:
        raise Http404
    return plan, report


@login_required
def report(request, slug):
    """The report, for the round chosen (``?round=<id>``; the latest round by default, or ``now``)."""
    plan = managed_plan(request, slug)
    rounds = list(ReportingRound.objects.filter(plan=plan, version__published_at__isnull=False)
                  .order_by("-period_end", "-pk"))
    key = (request.GET.get("round") or (str(rounds[0].pk) if rounds else "now"))[:12]
    plan, built = _report(request, slug, key)
    return render(request, "delivery/report.html", {**report_context(built), "rounds": rounds,
                                                    "key": str(built.round.pk) if built.round else "now"})


@login_required
def report_document(request, slug, key, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    plan, built = _report(request, slug, key)
    content = report_pdf(built) if fmt == "pdf" else report_docx(built)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-performance-{key}.{fmt}"'
    return response
