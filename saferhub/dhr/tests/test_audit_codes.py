"""Every audit code the app registers is written by some action, and every code an action writes is registered."""

import re
from pathlib import Path

from saferhub.dhr.apps import AUDIT_CODES

ACTIONS = Path(__file__).resolve().parents[1] / "actions"


def test_registered_and_written_audit_codes_match():
    written = set()
    for path in ACTIONS.glob("*.py"):
        written |= set(re.findall(r'audit\.record\("(dhr\.[a-z_.]+)"', path.read_text()))
    registered = {code for code, _, _ in AUDIT_CODES}
    assert written == registered
