"""Who may do what with returns (``rules`` predicates).

- Partnership officers (the Partnership's analysts and officers) and administrators define returns,
  enter figures, save flagged drafts and submit.
- Councillors see a return's submitted figures only: drafts and flagged drafts are work in progress.
- Nobody else sees returns. (There is no separate "analyst" role yet: analysts hold the partnership
  officer role.)
"""

from __future__ import annotations

import rules

from saferhub.core.partnerships import partnership_ids
from saferhub.core.permissions import (
    Role,
    has_role,
    is_administrator,
    is_councillor,
    is_partnership_officer,
    is_staff_user,
)


@rules.predicate
def is_submitted(user, obj) -> bool:
    return getattr(obj, "status", None) == "submitted"


enters = is_administrator | is_partnership_officer

rules.add_perm("returns.define", enters)
rules.add_perm("returns.enter", enters)
rules.add_perm("returns.view_return", enters | is_councillor)
rules.add_perm("returns.view_drafts", enters)
rules.add_perm("returns.view_submission", enters | (is_councillor & is_submitted))


# -- Community tension log (001:772) -----------------------------------------------------------------------
# Only the police's tension analysts see the whole log, and only the log of a partnership they work for
# (role ``tension_analyst`` in ``core.PartnershipMembership``). A professional who submitted a report sees
# that report; a named person in a responsible authority sees the reports they are named on. Nobody else
# does, administrators included: the reports hold what professionals heard about people and places.

def analyst_partnership_ids(user) -> frozenset[int]:
    """The partnerships whose tension log the user analyses (empty without the tension analyst role)."""
    if not has_role(user, Role.TENSION_ANALYST):
        return frozenset()
    return partnership_ids(user, Role.TENSION_ANALYST)


@rules.predicate
def is_tension_analyst(user, report=None) -> bool:
    """An analyst of the report's partnership (of any partnership when there is no report)."""
    ids = analyst_partnership_ids(user)
    if report is None:
        return bool(ids)
    return report.partnership_id in ids


@rules.predicate
def submitted_it(user, report) -> bool:
    return report is not None and report.submitted_by_id == getattr(user, "pk", None)


@rules.predicate
def is_named_recipient(user, report) -> bool:
    return report is not None and report.recipients.filter(user_id=getattr(user, "pk", None)).exists()


rules.add_perm("returns.submit_tension", is_staff_user)
rules.add_perm("returns.analyse_tensions", is_tension_analyst)
rules.add_perm("returns.view_tension", is_tension_analyst | submitted_it | is_named_recipient)

# Third-party reporting centres: the Partnership's officers keep the register.
rules.add_perm("returns.manage_centres", enters)
