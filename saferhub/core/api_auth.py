"""API authentication: bearer tokens for tools, the session (with CSRF) for the browser."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from saferhub.core.models import ApiToken
from saferhub.core.models.tokens import TOKEN_PREFIX_LENGTH, hash_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; only the token's hash is stored."""

    def authenticate(self, request, token: str):
        if not token or len(token) < TOKEN_PREFIX_LENGTH:
            return None
        try:
            record = ApiToken.objects.select_related("user").get(
                prefix=token[:TOKEN_PREFIX_LENGTH], key_hash=hash_token(token), revoked_at__isnull=True
            )
        except ApiToken.DoesNotExist:
            return None
        if not record.user.is_active:
            return None
        record.mark_used()
        request.user = record.user
        request.api_token_used_at = timezone.now()
        return record.user


write_auth = [TokenAuth(), django_auth]
