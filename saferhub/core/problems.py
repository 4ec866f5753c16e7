"""The API's error answer (RFC 9457 problem details, ``application/problem+json``) as a schema, so
that every endpoint can declare the errors it gives: ``response={200: Out, **problems(404)}``."""

from __future__ import annotations

from typing import Any

from ninja import Schema

PROBLEM_MEDIA_TYPE = "application/problem+json"

#: What each error status means in this API (the description in the OpenAPI document).
MEANINGS = {
    400: "The request cannot be read.",
    401: "Sign in, or send a valid bearer token.",
    403: "Forbidden: the caller may not do this.",
    404: "No such record (or the caller may not see it).",
    422: "Invalid request: a parameter or the body is out of range or malformed, or a rule is broken "
         "(`rule` names it).",
}


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    rule: str | None = None
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """The error answers an endpoint declares, for ninja's ``response=`` mapping."""
    return dict.fromkeys(statuses, Problem)
