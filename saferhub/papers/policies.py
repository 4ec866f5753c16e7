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
