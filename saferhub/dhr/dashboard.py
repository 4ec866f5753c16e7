"""The review app's sections of the dashboard (the team's open cases and overdue clocks) and of the home page
(a link to the published learning)."""

from __future__ import annotations

from django.utils import timezone

from saferhub.core.pages import Section
from saferhub.dhr import clocks, queries
from saferhub.dhr.policies import can_dhr


def dashboard_section(request) -> Section | None:
    if not can_dhr(request.user, "dhr.view_case_list"):
        return None
    today = timezone.localdate()
    cases = [c for c in queries.cases_for(request.user) if c.closed_on is None]
    settings_map = queries.settings_by_partnership({c.partnership_id for c in cases})
    overdue = sum(1 for c in cases
                  if clocks.worst(clocks.case_clocks(c, settings_map[c.partnership_id], today)) == clocks.OVERDUE)
    return Section("dhr/sections/dashboard.html", {"open": len(cases), "overdue": overdue})


def home_section(request) -> Section:
    return Section("dhr/sections/home.html", {})
