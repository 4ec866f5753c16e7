"""A per-client-address allowance of requests in the shared cache, for public forms (the ASB application
form, the email-alerts subscribe form). The address is ``core.http.client_ip`` and only its hash is kept."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from saferhub.core.http import client_ip


def over_limit(request, scope: str, *, allowed: int, window: int, prefix: str) -> bool:
    """Count one request against the client's allowance for ``scope`` (``allowed`` per ``window`` seconds,
    keys under ``prefix``); True when it is used up."""
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"{prefix}:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
