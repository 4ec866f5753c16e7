"""The no-store rule of ``saferhub.core.middleware`` on its own (the page-by-page tests are in tests/)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View
from django.views.decorators.cache import cache_control

from saferhub.core.middleware import NoStoreMiddleware, public_page


@public_page
@cache_control(public=True, max_age=60)
def public_view(request):
    return HttpResponse("public")


@cache_control(public=True, max_age=60)
def unmarked_view(request):
    return HttpResponse("unmarked")


@public_page
class PublicClassView(View):
    def get(self, request):
        return HttpResponse("public", headers={"Cache-Control": "max-age=60"})


def run(view, path="/somewhere/", user=None, **headers):
    request = RequestFactory().get(path, **headers)
    request.user = user or AnonymousUser()
    middleware = NoStoreMiddleware(lambda req: view(req))
    middleware.process_view(request, view, (), {})
    return middleware(request)


SIGNED_IN = SimpleNamespace(is_authenticated=True)


@pytest.mark.parametrize("view", [public_view, unmarked_view, PublicClassView.as_view()])
def test_signed_in_is_never_stored_even_on_a_public_view(view):
    response = run(view, user=SIGNED_IN)
    assert response["Cache-Control"] == "no-store, private" and response["Pragma"] == "no-cache"


def test_credentials_in_the_request_are_enough():
    assert run(unmarked_view, HTTP_AUTHORIZATION="Bearer x")["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("view", [public_view, PublicClassView.as_view()])
def test_a_public_view_keeps_its_headers_for_anonymous_visitors_even_under_a_staff_prefix(view):
    assert "max-age=60" in run(view, path="/asb/help/")["Cache-Control"]


def test_an_unmarked_view_under_a_staff_prefix_is_not_stored():
    assert run(unmarked_view, path="/asb/anything/")["Cache-Control"] == "no-store, private"


def test_an_unmarked_public_url_for_an_anonymous_visitor_is_left_alone():
    assert "no-store" not in run(unmarked_view)["Cache-Control"]
