"""Keep pages with personal data out of browser and proxy caches (issue 10, defect 4).

The rule (docs/CONVENTIONS.md, "Caching"): a response gets ``Cache-Control: no-store, private`` and
``Pragma: no-cache``, replacing whatever the view set, when

- the request is signed in: a session user or an API bearer token (``saferhub.core.api_auth``), or it carries
  an ``Authorization`` header at all; a page a signed-in person sees may hold what only they may see, so there
  is no exception for them; or
- the visitor is anonymous and the view is not marked public (``@public_page``), and the path is under a staff
  prefix (``STAFF_PATH_PREFIXES``) or the visitor's session holds data (the ASB application form keeps the
  victim's answers there while they fill it in).

Otherwise (an anonymous visitor without a session on a public page) the response is left as the view made it.
Because the test is on who asks rather than on which app answers, every new app's staff pages are covered
without listing them; ``saferhub/core/tests/test_no_store.py`` requests every URL pattern signed in to keep
it so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

NO_STORE = "no-store, private"

#: URL prefixes of staff-only areas; anonymous responses there (sign-in redirects, errors) are not stored either.
STAFF_PATH_PREFIXES = (
    "/admin/", "/accounts/", "/dashboard/", "/asb/", "/dhr/", "/import/", "/sources/", "/files/", "/api/v1/asb/cases", "/api/v1/dhr/cases",
)

View = TypeVar("View", bound=Callable)


def public_page(view: View) -> View:
    """Mark a view as public: anonymous visitors' responses keep the view's own caching headers.

    Use it outermost (above ``cache_control``); a class-based view can be marked on the class.
    """
    view.saferhub_public_page = True  # type: ignore[attr-defined]
    return view


def is_public_view(view_func) -> bool:
    view_class = getattr(view_func, "view_class", None)
    return bool(getattr(view_func, "saferhub_public_page", False)
                or getattr(view_class, "saferhub_public_page", False))


def is_signed_in(request) -> bool:
    """A session user or an API token's user (set on ``request.user`` by the token check), or any credentials."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _session_holds_data(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and not session.is_empty())


def must_not_store(request) -> bool:
    """The rule in the module docstring."""
    if is_signed_in(request):
        return True
    if getattr(request, "saferhub_public_page", False):
        return False
    prefixes = getattr(settings, "SAFERHUB_STAFF_PATH_PREFIXES", STAFF_PATH_PREFIXES)
    return request.path_info.startswith(tuple(prefixes)) or _session_holds_data(request)


class NoStoreMiddleware:
    """Apply ``must_not_store`` to every response, including those other middleware answer themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if must_not_store(request):
            response.headers["Cache-Control"] = NO_STORE
            response.headers["Pragma"] = "no-cache"
            response.headers.pop("Expires", None)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.saferhub_public_page = is_public_view(view_func)
        return None
