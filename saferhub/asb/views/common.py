"""Helpers shared by the ASB pages: the per-IP rate limit of the public pages and the 429 page."""

from __future__ import annotations

import functools

from django.conf import settings
from django.shortcuts import render

from saferhub.core import ratelimit

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
    return ratelimit.over_limit(request, scope, allowed=allowed, window=window, prefix="asb-rate")


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
