"""Funding: each fund with what is allocated, spent and left (a chart and its table), recording a fund,
allocating money to an action or a project, and recording spend and evaluation. The Partnership team only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from saferhub.core.charts import Bar, bar_chart
from saferhub.core.forms import run_form
from saferhub.core.params import parse_id
from saferhub.delivery import actions, queries
from saferhub.delivery.forms import AllocationForm, FundForm, SpendForm
from saferhub.delivery.models import ActionIdentity, Allocation, Fund
from saferhub.delivery.rules import money
from saferhub.delivery.views.common import done, managed_plan


@login_required
def funding(request, slug):
    plan = managed_plan(request, slug)
    funds = queries.funding(plan)
    rows = queries.latest_rows(plan, published_only=False)
    posted = request.POST if request.method == "POST" and "allocate" in request.POST else None
    form = AllocationForm(posted, funds=[f["fund"] for f in funds], rows=rows, prefix="allocate")
    spend_form, spend_target = SpendForm(prefix="spend"), None
    fund_form = FundForm(request.POST if request.method == "POST" and "add_fund" in request.POST else None,
                         prefix="fund")

    def save_fund(data):
        fund = actions.add_fund(plan, acting_user=request.user, **data)
        return done(request, f"{fund.name} ({money(fund.amount)}) recorded.", "delivery:funding", slug=plan.slug)

    def save_allocation(data):
        fund = get_object_or_404(Fund, pk=data["fund"], plan=plan)
        action = ActionIdentity.objects.filter(pk=data["action"], plan=plan).first() if data["action"] else None
        actions.allocate(fund, acting_user=request.user, amount=data["amount"], allocated_on=data["allocated_on"],
                         action=action, project=data["project"])
        return done(request, f"{money(data['amount'])} allocated from {fund.name}.", "delivery:funding", slug=plan.slug)

    def save_spend(data):
        actions.record_spend(spend_target, acting_user=request.user, **data)
        return done(request, "Spend recorded.", "delivery:funding", slug=plan.slug)

    response = None
    if request.method == "POST" and "add_fund" in request.POST:
        response = run_form(fund_form, save_fund)
    elif request.method == "POST" and "allocate" in request.POST:
        response = run_form(form, save_allocation)
    elif request.method == "POST" and "spend" in request.POST:
        spend_target = get_object_or_404(Allocation.objects.select_related("fund__plan"),
                                         pk=parse_id(request.POST.get("allocation")), fund__plan=plan)
        spend_form = SpendForm(request.POST, prefix="spend")
        response = run_form(spend_form, save_spend)
    if response:
        return response
    bars = []
    for f in funds:
        bars += [Bar(f"{f['fund'].name}: spent", f["spent"], "#00703c"),
                 Bar(f"{f['fund'].name}: allocated, not yet spent", f["allocated"] - f["spent"], "#1d70b8"),
                 Bar(f"{f['fund'].name}: not yet allocated", f["unallocated"], "#b1b4b6")]
    chart = bar_chart(bars, title="Funds: spent, allocated and left",
                      description="For each fund, pounds spent, allocated but not yet spent, and not yet allocated. "
                                  "The table gives the same numbers.") if bars else ""
    return render(request, "delivery/funding.html", {
        "plan": plan, "funds": funds, "form": form, "spend_form": spend_form, "spend_target": spend_target,
        "chart": chart, "fund_form": fund_form,
        "forms_with_errors": [f for f in (form, spend_form, fund_form) if f.errors]})
