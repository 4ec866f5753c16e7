"""Who may do what with consultations (``rules`` predicates).

- Partnership officers and administrators build surveys, key in paper returns, code free text, see
  results before they are published and publish them.
- Everyone (signed in or not) may answer an open survey and read published results: those are public
  pages and need no permission.
"""

from __future__ import annotations

import rules

from saferhub.core.permissions import is_administrator, is_partnership_officer

manages = is_administrator | is_partnership_officer

rules.add_perm("consultations.manage", manages)
rules.add_perm("consultations.key_in", manages)
rules.add_perm("consultations.code", manages)
rules.add_perm("consultations.view_results", manages)
