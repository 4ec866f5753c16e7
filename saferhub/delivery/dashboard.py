"""The Plan's section of the dashboard: the open reporting round — for the Partnership team how many
actions have replied, for an owner how many of their actions still need an update — and, for the team,
statutory duties that are overdue or due soon."""

from __future__ import annotations

from django.utils import timezone

from saferhub.core.pages import Section
from saferhub.core.permissions import can
from saferhub.delivery import queries
from saferhub.delivery.models import Plan, ReportingRound


def dashboard_section(request) -> Section | None:
    if not request.user.is_authenticated:
        return None
    today = timezone.localdate()
    entries = []
    for round_ in ReportingRound.objects.filter(closed_on__isnull=True).select_related("plan", "version"):
        if can(request.user, "delivery.manage_plan", round_.plan):
            progress = queries.round_progress(round_, today=today)
            entries.append({"round": round_, "manage": True, "total": progress["total"],
                            "replied": progress["counts"]["replied"], "overdue": progress["counts"]["overdue"]})
            continue
        tasks = queries.round_tasks(round_, request.user, today=today)
        if tasks:
            entries.append({"round": round_, "manage": False, "total": len(tasks),
                            "replied": sum(1 for t in tasks if t["update"] is not None),
                            "overdue": sum(1 for t in tasks if t["state"] == "overdue")})
    duties = []
    for plan in Plan.objects.filter(duties__isnull=False).distinct():
        if can(request.user, "delivery.manage_plan", plan):
            states = queries.duty_states(plan, today=today)
            overdue = [d for d in states if d["state"].state == "overdue"]
            soon = [d for d in states if d["state"].state == "due_soon"]
            if overdue or soon:
                duties.append({"plan": plan, "overdue": overdue, "soon": soon})
    if not (entries or duties):
        return None
    return Section("delivery/sections/dashboard.html", {"entries": entries, "duties": duties})
