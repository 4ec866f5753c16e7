"""System checks for the ASB public pages (``manage.py check``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


@register(Tags.caches)
def check_rate_limit_cache(app_configs, **kwargs):
    """The public form's rate limits count in the default cache: per process with LocMemCache, so in production
    each worker would allow the full allowance on its own."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend != LOCMEM:
        return []
    return [Warning(
        "The default cache is LocMemCache: the ASB public form's rate limits are counted per process.",
        hint="Set REDIS_URL (or another shared cache) in production.", id="saferhub.W301",
    )]
