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


class ActionPermissionDenied(PermissionError):
    """The acting user may not perform this action on this object."""

    def __init__(self, message: str = "You do not have permission to do that."):
        super().__init__(message)
        self.message = message
