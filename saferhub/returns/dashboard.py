"""The returns' section of the signed-in dashboard: a link to the returns and how many drafts are flagged."""

from __future__ import annotations

from saferhub.core.pages import Section
from saferhub.core.permissions import can
from saferhub.returns.models import Submission, SubmissionStatus


def dashboard_section(request) -> Section | None:
    if not can(request.user, "returns.view_return"):
        return None
    flagged = (Submission.objects.filter(status=SubmissionStatus.FLAGGED).count()
               if can(request.user, "returns.view_drafts") else None)
    return Section("returns/sections/dashboard.html", {"flagged": flagged})
