"""Who may do what with returns (``rules`` predicates).

- Partnership officers (the Partnership's analysts and officers) and administrators define returns,
  enter figures, save flagged drafts and submit.
- Councillors see a return's submitted figures only: drafts and flagged drafts are work in progress.
- Nobody else sees returns. (There is no separate "analyst" role yet: analysts hold the partnership
  officer role.)
"""

from __future__ import annotations

import rules

from saferhub.core.permissions import is_administrator, is_councillor, is_partnership_officer


@rules.predicate
def is_submitted(user, obj) -> bool:
    return getattr(obj, "status", None) == "submitted"


enters = is_administrator | is_partnership_officer

rules.add_perm("returns.define", enters)
rules.add_perm("returns.enter", enters)
rules.add_perm("returns.view_return", enters | is_councillor)
rules.add_perm("returns.view_drafts", enters)
rules.add_perm("returns.view_submission", enters | (is_councillor & is_submitted))
