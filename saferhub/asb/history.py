"""A case's history in the words a person uses: what happened (the audit code's past tense, as registered in
``AsbConfig.ready``), who did it ("the public applicant" or "SaferHub (automatic)" when no one signed in), and
each change with the field's label and readable values ("Yes", "2 March 2026", a choice's label), never the
internal code, a class name or ``False → True``. The API keeps the codes and raw values for machines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from saferhub.asb.models import Case
from saferhub.core import audit

PUBLIC_APPLICANT = "The public applicant"
AUTOMATIC = "SaferHub (automatic)"
NOTHING = "–"


@dataclass(frozen=True)
class HistoryRow:
    at: dt.datetime
    who: str
    what: str
    changes: list[tuple[str, str, str]]


def who(event) -> str:
    """A person's name; the public applicant for an anonymous visitor; SaferHub for the system (with the job's
    name when it has one, e.g. "SaferHub (automatic): Retention job")."""
    if event.actor_id:
        user = event.actor
        return user.get_full_name() or user.get_username()
    label = (event.actor_repr or "").strip()
    if label in ("", "AnonymousUser"):
        return PUBLIC_APPLICANT
    if label == "System":
        return AUTOMATIC
    return f"{AUTOMATIC}: {label}"


def what(code: str) -> str:
    """The registered past tense of the audit code ("Stored a document on the case")."""
    label = audit.label_for(code)
    return label if label != code else "Changed the case"


def _date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def readable_value(field: models.Field | None, value: Any) -> str:
    """A stored old or new value as a person reads it."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment.day} {moment:%B %Y %H:%M}"
    if isinstance(field, models.DateField) and isinstance(value, str):
        return _date(value)
    if isinstance(value, dict):
        return str(value.get("repr") or value.get("name") or value)
    if isinstance(value, list | tuple):
        return ", ".join(readable_value(None, v) for v in value) or NOTHING
    return str(value)


def field_label(name: str) -> tuple[str, models.Field | None]:
    try:
        field = Case._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ").capitalize(), None
    label = str(getattr(field, "verbose_name", name))
    return label[:1].upper() + label[1:], field


def readable_changes(changes: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = []
    for name, change in changes.items():
        label, field = field_label(name)
        if isinstance(change, dict):
            old, new = change.get("old"), change.get("new")
        else:
            old, new = None, change
        rows.append((label, readable_value(field, old), readable_value(field, new)))
    return rows


def rows_for(events) -> list[HistoryRow]:
    return [HistoryRow(event.created_at, who(event), what(event.code),
                       readable_changes((event.data or {}).get("changes") or {})) for event in events]
