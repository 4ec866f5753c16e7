"""Who may do what with committees and meetings (object-level permissions, via ``rules``).

- Administrators may do everything.
- Committee officers prepare and record meetings of the committees they are assigned to
  (``Committee.support_officers``) and keep those committees' memberships.
- Councillors read drafts of the committees they sit on (as member, substitute or co-opted).
- Partnership officers read drafts of committees that scrutinise their organisation.
- Everyone, signed in or not, reads what is published.
"""

from __future__ import annotations

import rules

from saferhub.core.permissions import (
    Role,
    has_role,
    is_administrator,
    is_committee_officer,
    is_councillor,
    is_partnership_officer,
)


@rules.predicate
def is_monitoring_officer(user) -> bool:
    return has_role(user, Role.MONITORING_OFFICER)


def committee_of(obj):
    """The committee an object belongs to (a committee, meeting, item, seat, membership…)."""
    from saferhub.governance.models import AgendaItem, Committee, Decision, Meeting

    if obj is None:
        return None
    if isinstance(obj, Committee):
        return obj
    if isinstance(obj, Meeting):
        return obj.committee
    if isinstance(obj, AgendaItem):
        return obj.meeting.committee
    if isinstance(obj, Decision):
        return obj.agenda_item.meeting.committee
    return getattr(obj, "committee", None)


def _person_of(user):
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


@rules.predicate
def supports_committee(user, obj) -> bool:
    committee = committee_of(obj)
    if committee is None or not getattr(user, "is_authenticated", False):
        return False
    cache = user.__dict__.setdefault("_supported_committee_ids", None)
    if cache is None:
        cache = set(user.supported_committees.values_list("id", flat=True))
        user._supported_committee_ids = cache
    return committee.pk in cache


@rules.predicate
def sits_on_committee(user, obj) -> bool:
    committee = committee_of(obj)
    person = _person_of(user)
    if committee is None or person is None:
        return False
    return committee.memberships.filter(person=person).exists()


@rules.predicate
def works_for_scrutinised_body(user, obj) -> bool:
    committee = committee_of(obj)
    person = _person_of(user)
    if committee is None or person is None or committee.scrutinises_id is None:
        return False
    return person.organisation_id == committee.scrutinises_id


@rules.predicate
def committee_is_public(user, obj) -> bool:
    committee = committee_of(obj)
    return committee is not None and committee.is_public


can_record = is_administrator | (is_committee_officer & supports_committee)

rules.add_perm("governance.manage_committee", is_administrator)
rules.add_perm("governance.manage_membership", can_record)
rules.add_perm("governance.record_meeting", can_record)
rules.add_perm("governance.publish_record", can_record)
rules.add_perm(
    "governance.view_draft",
    can_record | (is_councillor & sits_on_committee) | (is_partnership_officer & works_for_scrutinised_body),
)
# A private body's pages (a Partnership group's, issue 11) are for its support officers, members and the
# Partnership team only; saferhub.groups adds its own members through groups.view_body.
rules.add_perm(
    "governance.view_committee",
    committee_is_public | can_record | is_partnership_officer | (is_councillor & sits_on_committee),
)
rules.add_perm("governance.view_sensitive_interests", is_administrator | is_committee_officer | is_monitoring_officer)
# The monitoring officer (a role group, core.permissions.Role) closes the tasks raised when a DPI declared at a
# meeting is not on the register; committee officers see them too, to chase the member.
rules.add_perm("governance.monitoring_officer", is_administrator | is_monitoring_officer)
rules.add_perm("governance.view_monitoring_tasks", is_administrator | is_monitoring_officer | is_committee_officer)


@rules.predicate
def is_own_register(user, person) -> bool:
    """The councillor's own register (their user account is linked to the person)."""
    own = _person_of(user)
    return own is not None and person is not None and own.pk == getattr(person, "pk", None)


# The register of interests (Localism Act 2011 ss.29-34) is kept by the monitoring officer: entries and
# dispensations are theirs alone (least privilege: committee officers record meetings, not registers).
# A councillor reads their own full register and tells the monitoring officer of a change or that it
# is up to date (a review); the monitoring officer may record either on the member's behalf.
rules.add_perm("governance.keep_register", is_administrator | is_monitoring_officer)
rules.add_perm("governance.update_register", is_administrator | is_monitoring_officer | (is_councillor & is_own_register))
