"""Importing published documents is for administrators and committee officers."""

import rules

from saferhub.core.permissions import is_administrator, is_committee_officer

rules.add_perm("importer.import_documents", is_administrator | is_committee_officer)
