"""System checks for configuration that would make SaferHub misbehave."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs):
    errors = []
    if getattr(settings, "PRODUCTION", False) and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(
            Warning(
                "Production is running on SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database for production use.",
                id="saferhub.W001",
            )
        )
    return errors


#: Cache backends whose counters live in one process (or nowhere): rate limits and the page cache's version
#: number would be per worker.
UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "counts in each worker's own memory",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing, so nothing is counted",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Production needs a cache shared by every worker (issue 10, defect 6): the public form's rate limits and
    the public page cache's invalidation count in the default cache; with LocMemCache four workers would allow
    four times the limit and serve pages another worker has already changed."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in UNSHARED_CACHES:
        return []
    return [Error(
        f"The default cache is {backend.rsplit('.', 1)[-1]}, which {UNSHARED_CACHES[backend]}: rate limits "
        "and the public page cache would not be shared by the workers.",
        hint="Set REDIS_URL to a Redis server that every worker (and every machine) uses.",
        id="saferhub.E003",
    )]


@register(Tags.database)
def check_site_configuration(app_configs, **kwargs):
    """The configured brand colour must leave the header readable (WCAG 2.2 AA, 4.5:1)."""
    from django.db import DatabaseError

    from saferhub.core.colours import contrast_ratio
    from saferhub.core.models import SiteConfiguration

    try:
        config = SiteConfiguration.objects.filter(pk=1).first()
    except DatabaseError:
        return []
    if config is None:
        return []
    try:
        ratio = contrast_ratio(config.brand_colour, "#ffffff")
    except ValueError as exc:
        return [Error(str(exc), id="saferhub.E001")]
    if ratio < 4.5:
        return [
            Error(
                f"The brand colour {config.brand_colour} gives white header text a contrast ratio of {ratio:.2f}:1.",
                hint="Choose a darker colour: WCAG 2.2 AA needs at least 4.5:1.",
                id="saferhub.E002",
            )
        ]
    return []
