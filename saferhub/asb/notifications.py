"""ASB's staff notification (``saferhub.core.notifications``): a case clock at risk, for the staff who may see
the case. Registered from ``AsbConfig.ready()``; the alerts app sends it. Only the case reference and the
step are said, never the applicant's details."""

from __future__ import annotations

from django.urls import reverse

from saferhub.core.notifications import EMAIL_NOW, Notification, register_kind
from saferhub.core.permissions import Role, has_role

ASB_ROLES = (Role.ASB_COUNTY_TEAM, Role.ASB_SPOC, Role.OPT_OFFICER, Role.OPT_INSPECTOR)


def clocks_at_risk(user):
    """Open clocks with ``at_risk_days`` working days or fewer left (``asb.clocks``, via ``at_risk_clocks``), on
    the cases ``user`` may see; one notification per clock and due date."""
    from saferhub.asb.queries import at_risk_clocks

    if not any(has_role(user, role) for role in ASB_ROLES):
        return
    for c in at_risk_clocks(user=user, limit=100):
        yield Notification(
            key=f"{c['case'].pk}:{c['step']}:{c['due_on']:%Y-%m-%d}",
            title=f"ASB Case Review {c['reference']}: {c['label']} is due by {c['due_on'].day} {c['due_on']:%B %Y}",
            url=reverse("asb:case", kwargs={"pk": c["case"].pk}), due_on=c["due_on"])


def register() -> None:
    register_kind("asb_clock_at_risk", label="ASB case clocks at risk", app="asb", producer=clocks_at_risk,
                  default=EMAIL_NOW,
                  description="A step of an ASB Case Review you work on is close to its time limit.")
