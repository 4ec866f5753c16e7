"""Who may prepare, publish and read papers. Committee officers prepare and publish the papers of
the committees they support; drafts are readable by those who may read the committee's drafts."""

from __future__ import annotations

import rules

from saferhub.core.permissions import is_administrator
from saferhub.governance.policies import can_record, committee_of

rules.add_perm("papers.prepare", can_record)
rules.add_perm("papers.publish", can_record)
rules.add_perm("papers.configure", is_administrator | can_record)


def papers_committee(obj):
    """The committee a papers object belongs to."""
    from saferhub.papers.models import CoverReport, Document, Minutes, WorkProgrammeEntry

    if isinstance(obj, CoverReport):
        return obj.agenda_item.meeting.committee
    if isinstance(obj, Document | WorkProgrammeEntry):
        return obj.committee
    if isinstance(obj, Minutes):
        return obj.meeting.committee
    return committee_of(obj)


@rules.predicate
def may_read_exempt(user, item) -> bool:
    """Exempt papers: the committee's members (now or when the meeting was held), its committee
    officers, and the officers named on the item."""
    from saferhub.governance.models import Membership

    if not getattr(user, "is_authenticated", False) or item is None:
        return False
    if can_record(user, item.meeting):
        return True
    exemption = getattr(item, "exemption", None)
    if exemption is not None and exemption.officers.filter(pk=user.pk).exists():
        return True
    return Membership.objects.filter(committee_id=item.meeting.committee_id, person__user=user).exists()


rules.add_perm("papers.read_exempt", may_read_exempt)
