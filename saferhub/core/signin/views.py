"""The second-factor pages (enter a code; set up an authenticator app) and the sign-in lockout page."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from saferhub.core.signin import actions, policy
from saferhub.core.signin.forms import CodeForm, SetupCodeForm


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@never_cache
@login_required
def verify(request):
    """After the password: a code from the authenticator app, or a recovery code."""
    if getattr(request.user, "is_verified", lambda: False)() or not policy.needs_second_factor(request.user):
        return redirect(_next_url(request))
    if not _has_app(request.user):
        return redirect(_with_next("core:second-factor-setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = actions.verify_second_factor(acting_user=request.user, code=form.cleaned_data["code"])
        if result.ok:
            otp_login(request, result.device)
            request.session.cycle_key()
            return redirect(_next_url(request))
        form.add_error("code", result.message)
    return render(request, "core/second_factor/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
def setup(request):
    """Set up an authenticator app: a QR code and the secret as text (no JavaScript needed), then a code
    from the app to prove it works; then the recovery codes, shown this once. Only for people who must
    use a second factor: an app set up while nothing asks for its codes would protect nothing."""
    if not policy.needs_second_factor(request.user):
        return redirect(_next_url(request))
    if _has_app(request.user):
        return redirect(_with_next("core:second-factor", request))
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = actions.confirm_second_factor(acting_user=request.user, code=form.cleaned_data["code"])
        if result.ok:
            otp_login(request, result.device)
            request.session.cycle_key()
            return render(request, "core/second_factor/recovery_codes.html",
                          {"codes": result.recovery_codes, "next": _next_url(request)})
        form.add_error("code", result.message)
    device = actions.start_second_factor_setup(acting_user=request.user)
    secret = b32encode(device.bin_key).decode()
    return render(request, "core/second_factor/setup.html", {
        "form": form, "next": _next_url(request), "config_url": device.config_url,
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
        "qr_svg": _qr_svg(device.config_url),
    })


@never_cache
@login_required
def recovery_codes(request):
    """Make new recovery codes (the old ones stop working), shown once. Only after the second factor has
    been proved in this session, so a stolen password alone cannot mint codes."""
    if not _has_app(request.user):
        return redirect(_with_next("core:second-factor-setup", request))
    if not getattr(request.user, "is_verified", lambda: False)():
        return redirect(reverse("core:second-factor") + "?" + urlencode({"next": request.path}))
    if request.method == "POST":
        codes = actions.make_new_recovery_codes(acting_user=request.user)
        return render(request, "core/second_factor/recovery_codes.html",
                      {"codes": codes, "next": reverse("core:dashboard"), "renewed": True})
    return render(request, "core/second_factor/recovery_codes_renew.html",
                  {"left": actions.recovery_codes_left(request.user)})


def _with_next(name: str, request) -> str:
    return reverse(name) + "?" + urlencode({"next": _next_url(request)})


def _qr_svg(data: str) -> str:
    import qrcode
    from qrcode.image.svg import SvgPathFillImage

    svg = qrcode.make(data, image_factory=SvgPathFillImage, box_size=12, border=4).to_string(encoding="unicode")
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1)
    return mark_safe(svg)  # noqa: S308 - built by qrcode from our own URL, no user input


def lockout_response(request, original_response=None, credentials=None):
    """What axes answers while sign-in is locked: the sign-in page's error summary, never a bare 403."""
    minutes = policy.lockout_minutes()
    admin = request.path.startswith("/admin/")
    response = render(request, "core/signin_locked.html", {"minutes": minutes, "admin": admin},
                      status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(minutes * 60)
    return response
