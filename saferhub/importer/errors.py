"""The importer's one error type for a file that cannot be read.

A module of its own so that the reader (``parsing/reader.py``) and the decompression guard
(``expansion.py``) can both raise it without importing each other.
"""

from __future__ import annotations


class ReadError(Exception):
    """A file cannot be imported; the message says which file and why."""
