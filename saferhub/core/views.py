"""Shared pages: start page, sign in and out, staff dashboard, accessibility, errors, brand CSS."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from saferhub.core import pages
from saferhub.core.forms import GovukFormMixin
from saferhub.core.signin import policy as signin_policy
from saferhub.core.site import get_site_configuration


def home(request):
    """The start page; the apps add their sections (``core.pages.register_home_section``)."""
    return render(request, "core/home.html", {"sections": pages.home_sections(request)})


@cache_control(max_age=300, public=True)
def brand_css(request):
    """The council's colours, from the site configuration, as CSS custom properties."""
    config = get_site_configuration()
    css = (
        ":root{"
        f"--sh-brand-colour:{config.brand_colour};"
        "--sh-brand-text-colour:#ffffff;"
        f"--sh-brand-accent-colour:{config.accent_colour};"
        "}"
    )
    return HttpResponse(css, content_type="text/css")


class LoginForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


@login_required
def dashboard(request):
    """"Your work"; the apps add their sections (``core.pages.register_dashboard_section``)."""
    return render(request, "core/dashboard.html", {
        "nav": "dashboard", "sections": pages.dashboard_sections(request),
        "second_factor": signin_policy.needs_second_factor(request.user),
    })


def accessibility(request):
    return render(request, "core/accessibility.html")


def _error(request, status: int, heading: str, paragraphs: list[str]):
    return render(request, "saferhub/error.html", {"heading": heading, "paragraphs": paragraphs}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "Sorry, that request could not be understood", ["Check the address or the form and try again."])


def permission_denied(request, exception=None):
    return _error(request, 403, "You do not have permission to do that", ["If you think you should, ask your administrator."])


def page_not_found(request, exception=None):
    return _error(
        request, 404, "Page not found",
        ["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."],
    )


def server_error(request):
    return render(request, "saferhub/500.html", status=500)
