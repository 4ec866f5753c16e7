"""Send a signed-in person who still owes a second factor to the code page (or to set one up).

Runs after django-otp's ``OTPMiddleware``. Only while ``SAFERHUB_REQUIRE_SECOND_FACTOR`` is on and only
for the roles in ``policy.SECOND_FACTOR_ROLES`` (and anyone who can reach the admin site). The API does
not redirect: a session without its second factor is simply not signed in there (bearer tokens are
unaffected).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from saferhub.core.signin import policy

#: Paths a person may open before proving the second factor.
OPEN_PATHS = ("/accounts/second-factor/", "/accounts/logout/", "/admin/logout/", "/brand.css")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if policy.second_factor_enforced():
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        path = request.path
        if path.startswith(OPEN_PATHS) or path.startswith(settings.STATIC_URL):
            return None
        if getattr(user, "is_verified", lambda: False)() or not policy.needs_second_factor(user):
            return None
        if path.startswith("/api/"):
            request.user = AnonymousUser()
            return None
        target = reverse("core:second-factor")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
