"""The reader and the decompression guard do not import each other (the ReadError lives in errors.py)."""

from __future__ import annotations

import subprocess
import sys


def test_expansion_does_not_import_the_reader():
    code = ("import sys; import saferhub.importer.expansion; "
            "print('saferhub.importer.parsing.reader' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_read_error_is_one_class():
    from saferhub.importer import errors, expansion
    from saferhub.importer.parsing import reader

    assert reader.ReadError is errors.ReadError
    assert issubclass(expansion.ExpansionLimitExceeded, errors.ReadError)
