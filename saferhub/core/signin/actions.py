"""The writes of sign-in protection: sign-in audit rows, unlocking, and the second factor's devices.

Code checks never raise inside their transaction: django-otp counts a wrong code on the device (its
throttle), and that count must commit with the audit row rather than roll back with an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.core import audit
from saferhub.core.actors import SYSTEM, Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def _user_named(username: str | None):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def record_sign_in(code: str, *, username: str | None, ip_address: str, path: str, user=None, **data) -> None:
    """One audit row for a sign-in event (``core.signin.succeeded``, ``.failed`` or ``.locked``). The
    password is never passed here; the username attempted is kept, as typed, to trace guessing."""
    target = user if user is not None else _user_named(username)
    actor = user if user is not None else SYSTEM
    audit.record(code, actor=actor, target=target,
                 data={"username": (username or "")[:150], "ip_address": ip_address, "path": path[:200], **data})


@transaction.atomic
def unlock_sign_in(*, acting_user: Actor, username: str | None = None, ip_address: str | None = None) -> int:
    """Remove the failed sign-ins counted against an account (from any address) and against an address
    (for any account), so that sign-in is open again at once for both. Returns how many attempt records
    were removed."""
    require(acting_user, "core.unlock_sign_in")
    if not username and not ip_address:
        raise RuleViolation("Choose the account or the address to unlock.", code="core.signin.unlock_what")
    match = Q(pk__in=[])
    if username:
        match |= Q(username=username)
    if ip_address:
        match |= Q(ip_address=ip_address)
    attempts = AccessAttempt.objects.filter(match)
    failures = sum(attempts.values_list("failures_since_start", flat=True))
    removed, _ = attempts.delete()
    audit.record("core.signin.unlocked", actor=acting_user, target=_user_named(username),
                 data={"username": username or "", "ip_address": ip_address or "", "failures_cleared": failures})
    return removed


@dataclass
class CodeCheck:
    """The outcome of checking a code: the device that accepted it, or the message to show."""

    device: Device | None = None
    message: str = ""
    recovery_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.device is not None


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def _wait_message(info: dict | None) -> str:
    until = (info or {}).get("locked_until")
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    wait = f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"
    return f"You have entered too many wrong codes. Wait {wait} and try again."


@transaction.atomic
def start_second_factor_setup(*, acting_user) -> TOTPDevice:
    """The person's authenticator app device, not yet confirmed: the one started earlier, or a new one
    with a fresh secret. Confirmed devices are not touched."""
    device = TOTPDevice.objects.filter(user=acting_user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=acting_user, name=TOTP_DEVICE_NAME, confirmed=False)
        audit.record("core.second_factor.setup_started", actor=acting_user, target=acting_user, data={})
    return device


@transaction.atomic
def confirm_second_factor(*, acting_user, code: str) -> CodeCheck:
    """Confirm the authenticator app with a code it shows, and issue new recovery codes (shown once)."""
    device = (TOTPDevice.objects.select_for_update().filter(user=acting_user, confirmed=False)
              .order_by("-pk").first())
    if device is None:
        return CodeCheck(message="Start setting up your authenticator app again.")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        audit.record("core.second_factor.failed", actor=acting_user, target=acting_user,
                     data={"stage": "set-up", "reason": "throttled"})
        return CodeCheck(message=_wait_message(info))
    if not device.verify_token(normalise_code(code)):
        audit.record("core.second_factor.failed", actor=acting_user, target=acting_user,
                     data={"stage": "set-up", "reason": "wrong code"})
        return CodeCheck(message="The code is not correct. Enter the 6-digit code your authenticator app shows now.")
    TOTPDevice.objects.filter(user=acting_user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _issue_recovery_codes(acting_user)
    audit.record("core.second_factor.set_up", actor=acting_user, target=acting_user,
                 data={"recovery_codes": len(codes)})
    return CodeCheck(device=device, recovery_codes=codes)


def recovery_code_hashes(code: str) -> list[str]:
    """What is stored for a recovery code: a keyed hash (HMAC-SHA256 with the site's secret key, cut to the
    16 characters django-otp's token field holds, still far more than the code's own 40 bits), never the
    code. One hash per secret key in use, the current first, so codes outlive a key rotation while the old
    key is in SECRET_KEY_FALLBACKS."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [salted_hmac("saferhub.recovery-code", normalise_code(code), secret=secret,
                        algorithm="sha256").hexdigest()[:16] for secret in secrets]


def _issue_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=recovery_code_hashes(token)[0])
                                     for token in codes])
    return codes


@transaction.atomic
def make_new_recovery_codes(*, acting_user) -> list[str]:
    """A signed-in person replaces their recovery codes (they used some, or lost the list): the old codes
    stop working and the new ones are shown once. Only for someone with an authenticator app set up."""
    if not TOTPDevice.objects.filter(user=acting_user, confirmed=True).exists():
        raise RuleViolation("Set up your authenticator app before you make recovery codes.",
                            code="second_factor_not_set_up")
    codes = _issue_recovery_codes(acting_user)
    audit.record("core.second_factor.recovery_codes_renewed", actor=acting_user, target=acting_user,
                 data={"recovery_codes": len(codes)})
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _static_token(device: StaticDevice, code: str) -> str:
    """The stored hash that matches ``code`` on this device, or the current key's hash (which then fails
    inside django-otp's check and counts on its throttle)."""
    hashes = recovery_code_hashes(code)
    found = device.token_set.filter(token__in=hashes).values_list("token", flat=True).first()
    return found or hashes[0]


@transaction.atomic
def verify_second_factor(*, acting_user, code: str) -> CodeCheck:
    """Check a code from the authenticator app, or a recovery code (each works once)."""
    token = normalise_code(code)
    if token.isdigit() and len(token) == 6:  # the app's codes; recovery codes are 8 letters and digits
        devices = list(TOTPDevice.objects.select_for_update().filter(user=acting_user, confirmed=True))
        kind = "authenticator"
    else:
        devices = list(StaticDevice.objects.select_for_update().filter(user=acting_user, confirmed=True))
        kind = "recovery code"
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            audit.record("core.second_factor.failed", actor=acting_user, target=acting_user,
                         data={"stage": "sign-in", "kind": kind, "reason": "throttled"})
            return CodeCheck(message=_wait_message(info))
    for device in devices:
        if device.verify_token(_static_token(device, token) if isinstance(device, StaticDevice) else token):
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                audit.record("core.second_factor.recovery_code_used", actor=acting_user, target=acting_user,
                             data={"recovery_codes_left": left})
            else:
                audit.record("core.second_factor.verified", actor=acting_user, target=acting_user, data={})
            return CodeCheck(device=device)
    audit.record("core.second_factor.failed", actor=acting_user, target=acting_user,
                 data={"stage": "sign-in", "kind": kind, "reason": "wrong code"})
    return CodeCheck(message="The code is not correct. Enter the 6-digit code from your authenticator app, "
                             "or one of your recovery codes.")


@transaction.atomic
def reset_second_factor(user, *, acting_user: Actor) -> int:
    """Remove a person's authenticator app and recovery codes (a lost phone): they set up a new app at
    their next sign-in. Returns how many devices were removed."""
    require(acting_user, "core.unlock_sign_in")
    removed = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
    removed += StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
    audit.record("core.second_factor.reset", actor=acting_user, target=user, data={"devices_removed": removed})
    return removed
