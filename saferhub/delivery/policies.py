"""Who may change delivery plans: administrators and committee officers."""

import rules

from saferhub.core.permissions import is_administrator, is_committee_officer

rules.add_perm("delivery.manage_plan", is_administrator | is_committee_officer)
