"""Write an import's extraction into SaferHub, only through the domain actions.

Every record is written as the importer's system actor (or the staff member committing), inside
the caller's single transaction. A record that breaks a rule is not forced in: its write is rolled
back to a savepoint and a flag says what was not recorded and why, with the source location.
Records already in the database (loaded from the partnership's data file, or imported before)
are matched, not duplicated; differences are flagged.

One module per concept, each a mixin of :class:`Committer`:

- ``base``: flags, savepoints, bulk writes with their refusals, provenance, differences;
- ``documents``: files, source documents and the published copy of each file;
- ``people``: matching people and bodies to those already known;
- ``memberships``: the committee, its seats and the memberships over time;
- ``meetings``: meetings matched or scheduled, agenda, the order minutes are written in;
- ``attendance``: present, apologies, in attendance, chair, outcome;
- ``decisions``: declarations, decisions and recommendations, elections;
- ``reconcile``: a meeting already recorded compared with the documents;
- ``papers``: work programme, future items, written questions, cover reports, staging records;
- ``programme``: the work programme's statuses: carry-forward and considered, by the recorded rules;
- ``links``: cross-references between items (papers ``AgendaItemLink``);
- ``delivery``: delivery plans and their actions.

When the import is written, :data:`saferhub.importer.signals.batch_committed` is sent (in the same
transaction) so that the apps above the importer (search) can index it; the importer does not
know who listens.
"""

from __future__ import annotations

from saferhub.governance.models import Meeting
from saferhub.importer.commit.attendance import AttendanceMixin
from saferhub.importer.commit.base import CommitterBase
from saferhub.importer.commit.decisions import DecisionsMixin
from saferhub.importer.commit.delivery import DeliveryMixin
from saferhub.importer.commit.documents import DocumentsMixin
from saferhub.importer.commit.links import LinksMixin
from saferhub.importer.commit.meetings import MeetingsMixin
from saferhub.importer.commit.memberships import MembershipsMixin, build_timeline
from saferhub.importer.commit.papers import PapersMixin
from saferhub.importer.commit.people import PeopleMixin
from saferhub.importer.commit.programme import ProgrammeMixin
from saferhub.importer.commit.reconcile import ReconcileMixin
from saferhub.importer.signals import batch_committed

__all__ = ["Committer", "build_timeline"]


class Committer(DocumentsMixin, PeopleMixin, MembershipsMixin, MeetingsMixin, AttendanceMixin, DecisionsMixin,
                ReconcileMixin, PapersMixin, ProgrammeMixin, LinksMixin, DeliveryMixin, CommitterBase):
    """Commits one import batch: ``Committer(batch, actor).run()`` returns the summary."""

    def run(self) -> dict:
        if not self.files():
            return self.summary
        meetings = sorted(self.x["meetings"], key=lambda m: m["date"])
        committees = {}
        self.by_date: dict[str, Meeting] = {}
        for m in meetings:
            if m["committee"] not in committees:
                committees[m["committee"]] = self.committee(m["committee"])
            committee = committees[m["committee"]]
            self.meeting(committee, m)
        self.link_documents(committees)
        self.papers(committees)
        self.delivery()
        self.flush_provenance()
        self.flush_flags()
        batch_committed.send(sender=type(self.batch), batch=self.batch)
        return self.summary
