"""Fetching a body or meeting with its visibility check."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from saferhub.core.permissions import can
from saferhub.governance.models import Committee, Meeting


def body_for(request, slug: str, perm: str = "groups.view_body") -> Committee:
    body = get_object_or_404(Committee.objects.select_related("parent", "organisation"), slug=slug, is_active=True)
    if not can(request.user, perm, body):
        raise Http404
    return body


def meeting_for(request, pk: int, perm: str = "groups.view_body") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("committee", "committee__parent"), pk=pk)
    if not can(request.user, perm, meeting.committee):
        raise Http404
    return meeting
