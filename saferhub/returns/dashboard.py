"""The returns' section of the signed-in dashboard: a link to the returns and how many drafts are flagged,
and the community tension log (with how many reports wait for triage, for its analysts)."""

from __future__ import annotations

from saferhub.core.pages import Section
from saferhub.core.permissions import can
from saferhub.returns import policies, queries_logs
from saferhub.returns.models import ReturnContributor, Submission, SubmissionStatus


def dashboard_section(request) -> Section | None:
    org_id = policies.contributor_organisation_id(request.user)
    returns = can(request.user, "returns.view_return") or (
        org_id is not None and ReturnContributor.objects.filter(organisation_id=org_id).exists())
    tensions = can(request.user, "returns.submit_tension")
    if not (returns or tensions):
        return None
    flagged = (Submission.objects.filter(status=SubmissionStatus.FLAGGED).count()
               if can(request.user, "returns.view_drafts") else None)
    waiting = queries_logs.waiting_for_triage(request.user)
    return Section("returns/sections/dashboard.html", {"flagged": flagged, "returns": returns, "tensions": tensions,
                                                       "waiting": waiting})
