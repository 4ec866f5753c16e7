"""Reading the site configuration cheaply: one cached copy, refreshed when an action saves it."""

from __future__ import annotations

from django.core.cache import cache

from saferhub.core.models import SiteConfiguration

CACHE_KEY = "saferhub:site-configuration:v1"


def get_site_configuration() -> SiteConfiguration:
    config = cache.get(CACHE_KEY)
    if config is None:
        config = SiteConfiguration.load()
        cache.set(CACHE_KEY, config, 300)
    return config


def forget_site_configuration() -> None:
    cache.delete(CACHE_KEY)
