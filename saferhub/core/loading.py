"""Reading a partnership's data files (YAML): the one home for what every app's loader shares.

An app's loader (``<app>/loader.py``) turns its data file into calls to its own actions; the reading
of the file and the checking of plain values (a date written as YYYY-MM-DD) are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml


class DataFileError(Exception):
    """A data file cannot be loaded; the message says where in the file and why.

    Each app's loader raises its own subclass, so a command can name which file was wrong."""


def read_yaml(path: Path | str, *, error: type[DataFileError] = DataFileError) -> dict:
    """The file's mapping; an unreadable file or one that is not valid YAML raises ``error``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: the file cannot be read ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: the file is not valid YAML ({exc}).") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error(f"{path}: the file must hold a mapping of names to values at the top.")
    return data


def data_date(value: Any, where: str, *, error: type[Exception] = DataFileError,
              optional: bool = False) -> dt.date | None:
    """A date from a data file: a YAML date, or text written as YYYY-MM-DD. Empty is allowed only
    when ``optional``; anything else raises ``error`` naming the place."""
    if value in (None, "") and optional:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise error(f"{where}: {value!r} is not a date (write it as YYYY-MM-DD).") from None
