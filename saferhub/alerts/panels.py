"""What alerts adds to governance's public pages (see governance/extensions.py): a "Get alerts" link
to the subscribe page with the committee or the councillor already chosen."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from saferhub.governance.extensions import Panel

TEMPLATE = "alerts/panels/get_alerts.html"


def committee_alerts(request, committee) -> Panel | None:
    """Only for a public, active body: nobody may subscribe to a private one."""
    if not committee.is_public or not committee.is_active:
        return None
    return Panel(TEMPLATE, {"url": f"{reverse('alerts:subscribe')}?{urlencode({'committee': committee.slug})}",
                            "about": committee.name,
                            "what": "new meetings, agendas, decisions and minutes"})


def councillor_alerts(request, person) -> Panel | None:
    if not person.is_councillor:
        return None
    return Panel(TEMPLATE, {"url": f"{reverse('alerts:subscribe')}?{urlencode({'councillor': person.pk})}",
                            "about": person.display_name,
                            "what": "the meetings and decisions of their committees"})
