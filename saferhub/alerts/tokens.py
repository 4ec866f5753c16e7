"""Signed links in alerts emails: confirm (expires), unsubscribe and manage (do not expire).

Each token carries the record's id and a hash of the subscriber's address (``Subscriber.fingerprint``), and
is signed with the site's secret and a salt per purpose, so a link made for one purpose or one address never
works for another. Nothing is stored for a token.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

CONFIRM, UNSUBSCRIBE, UNSUBSCRIBE_ALL, MANAGE = "confirm", "unsubscribe", "unsubscribe-all", "manage"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def make(purpose: str, pk: int, fingerprint: str) -> str:
    return signing.dumps({"id": pk, "f": fingerprint}, salt=f"saferhub.alerts.{purpose}", compress=True)


def read(purpose: str, token: str) -> tuple[int, str]:
    """``(id, fingerprint)`` from a token; raises ``TokenExpired`` (a confirmation link older than
    ``ALERTS_CONFIRM_DAYS``) or ``TokenInvalid``."""
    max_age = settings.ALERTS_CONFIRM_DAYS * 86400 if purpose == CONFIRM else None
    try:
        data = signing.loads(token[:400], salt=f"saferhub.alerts.{purpose}", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), int) or not isinstance(data.get("f"), str):
        raise TokenInvalid
    return data["id"], data["f"]


def absolute(path: str) -> str:
    return f"{settings.SAFERHUB_SITE_URL}{path}"


def user_fingerprint(user) -> str:
    """For staff links: changes when the user's address or password changes, so an old link stops working."""
    import hashlib

    return hashlib.sha256(f"{user.pk}:{user.email}:{user.password}".encode()).hexdigest()[:16]
