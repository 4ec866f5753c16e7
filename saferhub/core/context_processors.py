"""Template context shared by every page."""

from __future__ import annotations

from saferhub.core.site import get_site_configuration


def site(request):
    return {"site_config": get_site_configuration()}
