"""The Plan's pages: the public plan (published versions only), a measure's trend, version history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from saferhub.core.charts import Bar, bar_chart
from saferhub.core.exceptions import RuleViolation
from saferhub.core.middleware import public_page
from saferhub.core.permissions import can
from saferhub.delivery import actions, queries, rules
from saferhub.delivery.charts import RAG_COLOURS, measure_chart, outcome_rag_chart
from saferhub.delivery.facts import version_diff
from saferhub.delivery.forms import ActionUpdateForm, RoundUpdateForm, ValuesUploadForm
from saferhub.delivery.models import DeliveryAction, Measure, Plan, Rag

RAG_LABELS = {**dict(Rag.choices), "no_update": "No update yet"}


def _staff(request) -> bool:
    return can(request.user, "delivery.view_staff")


@public_page
def plan_list(request):
    return render(request, "delivery/plan_list.html", {"plans": Plan.objects.order_by("-start_year")})


def _rag_rows(counts):
    return [(RAG_LABELS[k], counts.get(k, 0), RAG_COLOURS[k]) for k in [*rules.RAG_ORDER, "no_update"]]


def _definitions(plan) -> list[tuple[str, str]]:
    """What each status means for the plan's partnership (its own wording, or the default)."""
    meanings = rules.rag_definitions(plan.rag_definitions)
    return [(RAG_LABELS[k], meanings[k]) for k in rules.RAG_ORDER]


def _outcome_rag(themes):
    """Each outcome's actions by RAG status: the rows of the table, and the stacked chart of the same numbers."""
    order = [*rules.RAG_ORDER, "no_update"]
    outcomes = [(o["outcome"], [o["rag"].get(k, 0) for k in order]) for t in themes for o in t["outcomes"]]
    chart = outcome_rag_chart([(outcome.number, [(k, RAG_LABELS[k], n) for k, n in zip(order, counts, strict=True)])
                               for outcome, counts in outcomes])
    return [(outcome, counts, sum(counts)) for outcome, counts in outcomes], chart


@public_page
def plan_detail(request, slug):
    plan = get_object_or_404(Plan.objects.select_related("partnership"), slug=slug)
    context = queries.plan_page(plan, published_only=not _staff(request))
    rag = _rag_rows(context["overall"])
    outcome_rag, outcome_chart = _outcome_rag(context["themes"])
    context = dict(
        context, outcome_rag=outcome_rag, outcome_rag_chart=outcome_chart, rag_rows=rag, rag_labels=RAG_LABELS,
        rag_definitions=_definitions(plan),
        rag_chart=bar_chart([Bar(label, n, colour) for label, n, colour in rag], title="Actions by RAG status",
                            description="How many actions have each RAG status in their latest update. "
                                        "The table below gives the same numbers."),
        staff=_staff(request), can_manage=can(request.user, "delivery.manage_plan", plan),
        open_round=queries.open_round(plan) if request.user.is_authenticated else None)
    return render(request, "delivery/plan_detail.html", context)


@public_page
def measure_detail(request, slug, pk):
    measure = get_object_or_404(Measure.objects.select_related("outcome__plan", "outcome__theme", "owner_organisation",
                                                               "owner_body"), pk=pk, outcome__plan__slug=slug)
    context = queries.measure_page(measure)
    context["chart"] = measure_chart(measure, context["county"])
    context["plan"] = measure.outcome.plan
    context["can_manage"] = can(request.user, "delivery.manage_plan", measure.outcome.plan)
    return render(request, "delivery/measure_detail.html", context)


@public_page
def versions(request, slug):
    plan = get_object_or_404(Plan, slug=slug)
    history = [(v, version_diff(v)) for v in queries.version_history(plan, published_only=not _staff(request))]
    return render(request, "delivery/versions.html", {"plan": plan, "history": history,
                                                      "can_manage": can(request.user, "delivery.manage_plan", plan)})


@public_page
def action_detail(request, slug, pk):
    row = get_object_or_404(DeliveryAction.objects.select_related("plan__plan", "identity"), pk=pk,
                            plan__plan__slug=slug)
    if not can(request.user, "delivery.view_version", row.plan):
        raise Http404
    may_update = can(request.user, "delivery.update_action", row)
    public = not (_staff(request) or may_update)  # the action's owners see their own updates at once
    updates = list(queries.updates_for(public=public).filter(identity_id=row.identity_id)
                   .select_related("row").order_by("-period_end", "-created_at", "-pk")) if row.identity_id else []
    return render(request, "delivery/action_detail.html", {
        "plan": row.plan.plan, "row": row, "history": queries.identity_history(row), "updates": updates,
        "owners": list(row.owners.select_related("organisation", "body")), "rag_labels": RAG_LABELS,
        "public_updates": public, "can_update": may_update and row.plan.is_published})


def _measure_refs(plan) -> dict[str, Measure]:
    return {f"{m.outcome.number}.{m.position}": m
            for m in Measure.objects.filter(outcome__plan=plan).select_related("outcome__plan")}


def _preview(plan, text: str):
    """Each CSV row with its errors (rules.parse_values_csv, then rules.check_value); nothing is saved."""
    refs = _measure_refs(plan)
    rows = rules.parse_values_csv(text)
    for row in rows:
        measure = refs.get(row.measure)
        if row.measure and measure is None:
            row.errors.append(f"No measure {row.measure} in this plan.")
        if measure is not None and not row.errors:
            try:
                rules.check_value(period_start=row.period_start, period_end=row.period_end, geography=row.geography,
                                  measure_geography=measure.geography, plan_start_year=plan.start_year,
                                  plan_end_year=plan.end_year, extended=plan.extended,
                                  frequency=measure.frequency)
            except RuleViolation as exc:
                row.errors.append(exc.text)
        row.measure_obj = measure
    return rows


@login_required
def upload_values(request, slug):
    """Upload measure values as CSV: a preview with each row's errors first; the values are saved only
    when confirmed and only if every row is valid (all or nothing, actions.record_values)."""
    plan = get_object_or_404(Plan, slug=slug)
    if not can(request.user, "delivery.manage_plan", plan):
        raise Http404
    rows, form = None, ValuesUploadForm()
    if request.method == "POST":
        form = ValuesUploadForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["csv_text"]
            try:
                rows = _preview(plan, text)
            except RuleViolation as exc:
                form.add_rule_violation(exc)
                rows = None
            if rows is not None and "confirm" in request.POST and not any(r.errors for r in rows):
                try:
                    saved = actions.record_values(plan, acting_user=request.user, rows=[
                        {"measure": r.measure_obj, "period_start": r.period_start, "period_end": r.period_end,
                         "geography": r.geography, "area": r.area, "value": r.value, "data_quality_note": r.note}
                        for r in rows])
                except RuleViolation as exc:
                    form.add_rule_violation(exc)
                else:
                    messages.success(request, f"{len(saved)} values recorded.")
                    return redirect("delivery:plan", slug=plan.slug)
            form = ValuesUploadForm(initial={"csv_text": text}) if form.is_valid() else form
    return render(request, "delivery/upload_values.html", {
        "plan": plan, "form": form, "rows": rows, "has_errors": bool(rows and any(r.errors for r in rows))})


@login_required
def update_action(request, slug, pk):
    """An owner (or the Partnership team) writes a periodic update with a RAG status."""
    row = get_object_or_404(DeliveryAction.objects.select_related("plan__plan", "identity"), pk=pk,
                            plan__plan__slug=slug)
    if not can(request.user, "delivery.update_action", row):
        raise Http404
    round_ = queries.open_round(row.plan.plan)
    if round_ is not None and not queries.in_round(round_, row):
        round_ = None
    form = (RoundUpdateForm if round_ else ActionUpdateForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_update(row, acting_user=request.user, submitted_on=timezone.localdate(), round=round_,
                                  **form.cleaned_data)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Update on action {row.number} saved.")
            if round_ is not None:
                return redirect("delivery:my-round", slug=slug)
            return redirect("delivery:action", slug=slug, pk=row.pk)
    return render(request, "delivery/update_action.html", {
        "plan": row.plan.plan, "row": row, "form": form, "round": round_,
        "rag_definitions": _definitions(row.plan.plan)})
