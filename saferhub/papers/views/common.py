"""Helpers shared by the papers views."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
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


def run_form(form, action):
    """Validate ``form``, run ``action(cleaned_data)``; rule violations land on the form.
    Returns the action's response, or None when the page must be re-rendered with errors."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except RuleViolation as exc:
        form.add_rule_violation(exc)
        return None
    except ActionPermissionDenied:
        raise Http404 from None
