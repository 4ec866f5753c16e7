"""The Channel Panel attendance summary (Prevent Duty benchmark 5): meetings in a financial year, each sector's
attendance as a bar chart and a table, the sectors that missed more than the configured share, and a CSV."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from saferhub.core.charts import BLUE, Bar, bar_chart
from saferhub.core.exceptions import RuleViolation
from saferhub.core.params import parse_int
from saferhub.core.permissions import can
from saferhub.returns import actions, channel, queries
from saferhub.returns.forms import ChannelThresholdForm

RED = "#d4351c"  # GOV.UK red: a sector that missed more than the configured share


def _year(request) -> int:
    try:
        year = parse_int(request.GET.get("year"), low=2000, high=2100)
    except ValueError:
        raise Http404("No such year.") from None
    return year if year is not None else channel.financial_year(timezone.localdate())


def _summary(request):
    if not can(request.user, "returns.view_channel_summary"):
        raise Http404
    definition = queries.definitions().filter(slug=channel.CHANNEL_SLUG).first()
    if definition is None:
        raise Http404("The Channel Panel return is not defined.")
    year = _year(request)
    start, end = channel.financial_year_bounds(year)
    return definition, year, channel.summary_for(definition, start=start, end=end)


@login_required
def summary(request):
    definition, year, result = _summary(request)
    can_configure = can(request.user, "returns.define")
    form = ChannelThresholdForm(request.POST or None, initial={"missed_percent": result.missed_percent})
    if request.method == "POST":
        if not can_configure:
            raise Http404
        if form.is_valid():
            try:
                actions.configure_channel_summary(acting_user=request.user,
                                                  missed_percent=form.cleaned_data["missed_percent"])
            except RuleViolation as exc:
                form.add_rule_violation(exc)
            else:
                messages.success(request, "The share of meetings a sector may miss is saved.")
                return redirect(f"{request.path}?year={year}")
    label = f"{year} to {year + 1}"
    described = "; ".join(f"{r.sector}: {r.percent}% ({r.attended} of {result.meetings})" for r in result.rows
                          if r.percent is not None) or "No meetings with submitted figures in this period"
    chart = bar_chart([Bar(r.sector, r.percent or 0, RED if r.over_threshold else BLUE) for r in result.rows],
                      title=f"Channel Panel meetings attended by sector, {label}", description=described,
                      ident="channel-attendance", label_width=220, suffix="%", scale_max=100)
    return render(request, "returns/channel.html", {
        "definition": definition, "summary": result, "year": year, "label": label, "chart": chart,
        "years": [year - 1, year + 1], "form": form, "can_configure": can_configure})


@login_required
def summary_csv(request):
    _, year, result = _summary(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="channel-panel-attendance-{year}.csv"'
    writer = csv.writer(response)
    for row in channel.csv_rows(result):
        writer.writerow(row)
    return response
