"""Helpers shared by the ASB pages: the per-IP rate limit of the public pages and the 429 page."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from saferhub.core.http import client_ip

#: (requests, seconds) per client IP. Question pages allow a generous number of answers; the final
#: submission far fewer. Settings may override either.
DEFAULT_LIMITS = {
    "answer": (120, 600),
    "submit": (5, 3600),
}


def limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "ASB_RATE_LIMITS", {})}


def over_limit(request, scope: str) -> bool:
    """Count one request against the client's allowance for ``scope``; True when it is used up."""
    allowed, window = limits()[scope]
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"asb-rate:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed


def too_many_requests(request, scope: str):
    window = limits()[scope][1]
    minutes = max(1, window // 60)
    response = render(request, "asb/public/too_many_requests.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(window)
    return response


def rate_limited(scope: str):
    """Refuse POSTs beyond the allowance with a 429 page (GETs are never counted)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and over_limit(request, scope):
                return too_many_requests(request, scope)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
