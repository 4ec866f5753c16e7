"""Helpers shared by the Plan's staff pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from saferhub.core.permissions import can
from saferhub.delivery.models import Plan


def managed_plan(request, slug) -> Plan:
    """The plan, for those who manage it; 404 for everyone else (the page does not exist for them)."""
    plan = get_object_or_404(Plan, slug=slug)
    if not can(request.user, "delivery.manage_plan", plan):
        raise Http404
    return plan


def done(request, message: str, to: str, **kwargs):
    messages.success(request, message)
    return redirect(to, **kwargs)
