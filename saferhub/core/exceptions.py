"""Errors raised by actions when a rule from the guidance is broken."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A write was refused because it breaks a named rule.

    ``code`` identifies the rule (for example ``"governance.named_substitute"``); ``field`` is the
    form field the message belongs to, when there is one. The message is written for the person
    using the system and names the rule in the guidance's own words.
    """

    def __init__(self, message: str, *, code: str, field: str | None = None, params: dict | None = None):
        super().__init__(message, code=code, params=params)
        self.rule_code = code
        self.field = field

    @property
    def text(self) -> str:
        return self.messages[0]

    def __str__(self) -> str:
        return self.text


def rule_violation_from(exc: ValidationError, *, code: str, name_field: bool = False) -> RuleViolation:
    """The first problem of a model's ``ValidationError`` as a ``RuleViolation`` on its field
    (``name_field`` starts the message with the field's name, for pages that show it alone)."""
    if hasattr(exc, "message_dict"):
        field, messages = next(iter(exc.message_dict.items()))
    else:
        field, messages = "__all__", exc.messages
    message = messages[0]
    if name_field and field != "__all__":
        message = f"{field.replace('_', ' ').capitalize()}: {message}"
    return RuleViolation(message, code=code, field=None if field == "__all__" else field)


class ActionPermissionDenied(PermissionError):
    """The acting user may not perform this action on this object."""

    def __init__(self, message: str = "You do not have permission to do that."):
        super().__init__(message)
        self.message = message
