"""Record audit events. Every action calls ``record`` inside its own transaction.

Codes are registered once, by the app that owns them, with a verb and a past tense (as Wagtail
does), so that the audit trail reads as sentences and an unknown code is a programming error.

The trail is append-only. On PostgreSQL a trigger (migration ``core.0003_audit_append_only``) refuses every
DELETE and every UPDATE of ``core_auditevent``, with two exceptions: a foreign key set to NULL because the user
or content type it pointed to was deleted (the names stay in ``actor_repr`` and ``target_repr``), and
``redact`` below, the one way to blank personal data in old rows (the ASB retention rule); it turns on the
session setting ``saferhub.audit_redaction`` for its own statements only, may change nothing but ``data``, and
is itself audited (``core.audit.redacted``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from saferhub.core.actors import Actor, SystemActor


@dataclass(frozen=True)
class AuditCode:
    code: str
    verb: str
    past_tense: str
    app: str


_REGISTRY: dict[str, AuditCode] = {}


def register_codes(app: str, codes: list[tuple[str, str, str]]) -> None:
    """Register ``(code, verb, past tense)`` triples for an app; a code may be registered once."""
    for code, verb, past in codes:
        existing = _REGISTRY.get(code)
        if existing and existing.app != app:
            raise ValueError(f"Audit code {code!r} is already registered by {existing.app}.")
        _REGISTRY[code] = AuditCode(code, verb, past, app)


def registered_codes() -> dict[str, AuditCode]:
    return dict(_REGISTRY)


def label_for(code: str) -> str:
    entry = _REGISTRY.get(code)
    return entry.past_tense if entry else code


def jsonable(value: Any) -> Any:
    """Turn a model field value into something JSON can hold, for old/new values."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``instance``, ready for an audit row."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = jsonable(getattr(instance, attname))
    return out


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as ``{field: {"old": …, "new": …}}``."""
    return {k: {"old": old.get(k), "new": v} for k, v in new.items() if old.get(k) != v}


def record(code: str, *, actor: Actor, target: models.Model | None = None, data: dict[str, Any] | None = None):
    """Write one audit row in the caller's transaction.

    Raises ``RuntimeError`` outside a transaction: an audit row must commit or roll back with the
    change it describes.
    """
    from saferhub.core.models import AuditEvent

    if code not in _REGISTRY:
        raise ValueError(f"Unregistered audit code {code!r}.")
    if not connection.in_atomic_block:
        raise RuntimeError("Audit events must be recorded inside the action's transaction.")
    user = None if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False) else actor
    return AuditEvent.objects.create(
        actor=user,
        actor_repr=str(actor) if user is None else (user.get_full_name() or user.get_username()),
        code=code,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=jsonable(data or {}),
    )


def record_many(code: str, *, actor: Actor, events: list[tuple[models.Model | None, dict[str, Any] | None]]) -> list:
    """Write one audit row per ``(target, data)`` pair with a single insert, in the caller's
    transaction – the rows are the same as ``record`` would write one by one."""
    from saferhub.core.models import AuditEvent

    if code not in _REGISTRY:
        raise ValueError(f"Unregistered audit code {code!r}.")
    if not connection.in_atomic_block:
        raise RuntimeError("Audit events must be recorded inside the action's transaction.")
    if not events:
        return []
    user = None if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False) else actor
    actor_repr = str(actor) if user is None else (user.get_full_name() or user.get_username())
    rows = [
        AuditEvent(
            actor=user, actor_repr=actor_repr, code=code,
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            target_repr=str(target)[:300] if target is not None else "",
            data=jsonable(data or {}),
        )
        for target, data in events
    ]
    return AuditEvent.objects.bulk_create(rows, batch_size=500)


#: The PostgreSQL setting the append-only trigger looks for (core migration 0003).
REDACTION_SETTING = "saferhub.audit_redaction"


def _redaction(on: bool) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # is_local = true: like SET LOCAL, it ends with the transaction at the latest.
            cursor.execute("SELECT set_config(%s, %s, true)", [REDACTION_SETTING, "on" if on else "off"])


def redact(events, *, scrub: Callable[[dict], dict], actor: Actor, reason: str,
           target: models.Model | None = None) -> list[int]:
    """Replace the ``data`` of the audit rows in ``events`` (a queryset) with ``scrub(data)``, in the caller's
    transaction, and record one ``core.audit.redacted`` row naming the rows changed and why.

    The only write to existing audit rows (see the module docstring); ``scrub`` must return what may be kept.
    Returns the ids of the rows whose data changed.
    """
    from saferhub.core.models import AuditEvent

    if not connection.in_atomic_block:
        raise RuntimeError("Audit rows must be redacted inside the action's transaction.")
    changed: list[int] = []
    _redaction(True)
    try:
        for pk, data in events.order_by("pk").values_list("pk", "data"):
            new = jsonable(scrub(dict(data or {})))
            if new != data:
                AuditEvent.objects.filter(pk=pk).update(data=new)
                changed.append(pk)
    finally:
        _redaction(False)
    record("core.audit.redacted", actor=actor, target=target, data={"events": changed, "reason": reason})
    return changed
