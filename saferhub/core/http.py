"""Facts about the HTTP request shared by every app: the client's address."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, unless ``SAFERHUB_TRUSTED_PROXY_COUNT`` says how many proxies of
    ours sit in front of the app. Then the address is the one the outermost of them appended to
    X-Forwarded-For, counted from the right: anything further left was sent by the client and may be forged.

    The public form's rate limit and the sign-in lockout both count by this address."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = int(getattr(settings, "SAFERHUB_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return hops[-proxies]
