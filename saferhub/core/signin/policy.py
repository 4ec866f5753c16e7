"""Who must prove a second factor, and when sign-in locks (OWASP ASVS 4.0.3 V2.2.1, V2.8).

Settings (see ``saferhub/settings.py``):

- ``SAFERHUB_REQUIRE_SECOND_FACTOR``: on in production, off in development and tests unless set.
- ``AXES_FAILURE_LIMIT`` (from ``SAFERHUB_SIGNIN_FAILURE_LIMIT``): failed sign-ins for one account, from
  any address, within ``AXES_COOLOFF_TIME`` that lock it for that time (default 5 in 15 minutes).
- ``SAFERHUB_SIGNIN_ADDRESS_FAILURE_LIMIT``: failed sign-ins from one address, for any accounts, that
  lock the address (default 20: an office behind one address should not lock itself out with a few typos).
"""

from __future__ import annotations

import math

from django.conf import settings

from saferhub.core.permissions import Role, roles_of

#: Roles that need no second factor. Councillors read the draft papers of their own committees only, and
#: the public needs no account. Every other role can open personal data (victims' and families' details in
#: ASB Case Reviews and Domestic Homicide Reviews, people's contact details, declarations, draft papers
#: naming residents) and must use one – a role added later included, unless it is listed here.
EXEMPT_ROLES = frozenset({Role.COUNCILLOR.value})
SECOND_FACTOR_ROLES = frozenset(role.value for role in Role) - EXEMPT_ROLES

DEFAULT_ACCOUNT_LIMIT = 5
DEFAULT_ADDRESS_LIMIT = 20


def second_factor_enforced() -> bool:
    return bool(getattr(settings, "SAFERHUB_REQUIRE_SECOND_FACTOR", False))


def needs_second_factor(user) -> bool:
    """Whether ``user`` must prove a second factor after the password: anyone who can reach the admin
    site, and every role in ``SECOND_FACTOR_ROLES``; only while the setting enforces it."""
    if not second_factor_enforced() or user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(roles_of(user) & SECOND_FACTOR_ROLES)


def account_limit() -> int:
    return int(getattr(settings, "AXES_FAILURE_LIMIT", DEFAULT_ACCOUNT_LIMIT))


def address_limit() -> int:
    return int(getattr(settings, "SAFERHUB_SIGNIN_ADDRESS_FAILURE_LIMIT", DEFAULT_ADDRESS_LIMIT))


def limit_for(parameter) -> int:
    """The failures that lock one lockout parameter of ``AXES_LOCKOUT_PARAMETERS``: an address on its
    own has the address limit; an account (alone or with its address) the account limit."""
    names = {parameter} if isinstance(parameter, str) else set(parameter)
    return address_limit() if names == {"ip_address"} else account_limit()


def lockout_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    seconds = cool_off.total_seconds() if hasattr(cool_off, "total_seconds") else float(cool_off) * 3600
    return max(1, math.ceil(seconds / 60))
