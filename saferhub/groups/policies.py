"""Who may see and run a body's business (object permissions with ``rules``).

- A public body's meetings, papers and action log are seen by everyone.
- A private body's are seen only by its members (people with a current membership), the
  Partnership team (partnership officers), its secretariat and administrators (issue 11 item 8).
- The secretariat (the body's support officers who are committee officers) schedules meetings,
  completes timeline tasks, keeps members, the action log, elections and reports.
- An action's owner may post updates to it.
- Administrators keep the register of bodies and their Terms of Reference: the secretariat proposes an
  amendment, an administrator records that a meeting agreed it (it may change the quorum governance uses).
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from saferhub.core.permissions import Role, has_role, is_administrator, is_partnership_officer
from saferhub.governance.policies import can_record


def body_of(obj):
    """The body (``governance.Committee``) an object belongs to."""
    from saferhub.governance.models import Committee, Meeting

    if obj is None or isinstance(obj, Committee):
        return obj
    if isinstance(obj, Meeting):
        return obj.committee
    body = getattr(obj, "body", None)
    if body is not None:
        return body
    meeting = getattr(obj, "meeting", None)
    return meeting.committee if meeting is not None else None


def _person(user):
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


@rules.predicate
def body_is_public(user, obj) -> bool:
    body = body_of(obj)
    return body is not None and body.is_public


@rules.predicate
def is_group_member(user, obj) -> bool:
    from saferhub.groups.models import GroupMembership

    body, person = body_of(obj), _person(user)
    if body is None or person is None:
        return False
    cache = user.__dict__.setdefault("_group_body_ids", None)
    if cache is None:
        today = timezone.localdate()
        cache = set(GroupMembership.objects.filter(person=person, start_date__lte=today)
                    .exclude(end_date__lt=today).values_list("body_id", flat=True))
        user._group_body_ids = cache
    return body.pk in cache


@rules.predicate
def owns_action(user, obj) -> bool:
    person = _person(user)
    return person is not None and getattr(obj, "owner_person_id", None) == person.pk


@rules.predicate
def secretariat(user, obj) -> bool:
    body = body_of(obj)
    return body is not None and can_record(user, body)


can_view = body_is_public | is_administrator | is_partnership_officer | secretariat | is_group_member

rules.add_perm("groups.view_body", can_view)


def visible_bodies_q(user) -> Q:
    """``groups.view_body`` as one filter on ``governance.Committee``, for lists (the register at national
    size): the same people as ``can_view`` (``test_visible_bodies_filter_agrees_with_the_permission``), in
    subqueries rather than a check per row. Reading the user's roles may cost one query (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return Q(is_public=True)
    if is_administrator(user) or is_partnership_officer(user):
        return Q()
    from saferhub.groups.models import GroupMembership

    today = timezone.localdate()
    visible = Q(is_public=True) | Q(pk__in=GroupMembership.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), person__user=user, start_date__lte=today,
    ).values("body_id"))
    if has_role(user, Role.COMMITTEE_OFFICER):  # the secretariat: governance's can_record
        visible |= Q(pk__in=user.supported_committees.values("id"))
    return visible
rules.add_perm("groups.manage_register", is_administrator)
rules.add_perm("groups.run_secretariat", secretariat)
rules.add_perm("groups.propose_tor_amendment", secretariat | is_administrator)
rules.add_perm("groups.agree_tor_amendment", is_administrator)
rules.add_perm("groups.update_action", secretariat | (can_view & owns_action))
