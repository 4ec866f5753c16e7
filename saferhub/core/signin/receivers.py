"""Sign-in signals to audit rows: Django's ``user_logged_in`` and ``user_login_failed`` (whose credentials
Django has already masked) and axes' ``user_locked_out``. Connected in ``CoreConfig.ready()``.

Each failed attempt is one ``core.signin.failed`` row (``locked`` is true once the account or address is
locked, whether by this attempt or earlier); axes signals ``user_locked_out`` for each of those, and each
becomes a ``core.signin.locked`` row."""

from __future__ import annotations

from saferhub.core.http import client_ip
from saferhub.core.signin import actions


def _where(request) -> tuple[str, str]:
    if request is None:
        return "", ""
    return client_ip(request), getattr(request, "path", "")


def signed_in(sender, request, user, **kwargs) -> None:
    if request is None or not getattr(request, "path", ""):
        return  # a login with no page behind it (the test client's force_login): nothing was typed
    ip_address, path = _where(request)
    actions.record_sign_in("core.signin.succeeded", username=user.get_username(), ip_address=ip_address,
                           path=path, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    ip_address, path = _where(request)
    username = (credentials or {}).get("username")
    actions.record_sign_in("core.signin.failed", username=username, ip_address=ip_address, path=path,
                           locked=bool(getattr(request, "axes_locked_out", False)))


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    _, path = _where(request)
    actions.record_sign_in("core.signin.locked", username=username, ip_address=ip_address or "", path=path)
