"""Helpers shared by the papers views."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from saferhub.core.forms import run_form  # noqa: F401  (the papers views' name for the shared helper)
from saferhub.core.permissions import can
from saferhub.governance.models import Meeting


def meeting_for(request, pk: int, perm: str = "papers.prepare") -> Meeting:
    try:
        meeting = Meeting.objects.select_related("committee", "committee__parent").get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can(request.user, perm, meeting):
        raise Http404
    return meeting


def done(request, url: str, message: str):
    messages.success(request, message)
    return redirect(url)


