"""Returns under /api/v1/returns/ (a signed-in session or a bearer token).

- ``GET /returns/``: the returns the caller may see, with their fields and rules; ``PUT /returns/{slug}``
  defines a new one (a slug already defined is 422).
- ``GET /returns/{slug}/submissions``: the submissions the caller may see (councillors: submitted only).
- ``POST /returns/{slug}/submissions``: save one period's figures; figures breaking a rule are answered
  422 (problem+json naming each rule) unless ``flag_reason`` is given, then saved as a flagged draft.
- ``POST /returns/submissions/{id}/submit``: submit and lock a clean draft.

A return may name contributing organisations (per geography or for the whole return): their staff see
and enter only their own organisation's submissions; another organisation's is 404, as if missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Path, Router, Schema, Status

from saferhub.core.api_auth import write_auth
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.params import Id, Limit500, Offset
from saferhub.core.permissions import can
from saferhub.core.problems import problems
from saferhub.returns import actions, queries
from saferhub.returns.models import Submission

router = Router(tags=["Data returns"])

Number = Annotated[str | int | float, Field(description="A number, written as JSON number or string")]
Value = Number | dict[str, Number] | str


class FieldOut(Schema):
    key: str
    label: str
    kind: str
    categories: list[str]


class RuleOut(Schema):
    name: str
    kind: str
    whole: str
    parts: list[str]


class ContributorOut(Schema):
    organisation: str
    geography: str = Field(description="Empty: the whole return")


class DefinitionOut(Schema):
    slug: str
    name: str
    recipient: str
    period_kind: str
    geographies: list[str]
    fields: list[FieldOut]
    rules: list[RuleOut]
    contributors: list[ContributorOut]


class FigureOut(Schema):
    field: str
    category: str
    value: str | None
    text: str


class SubmissionOut(Schema):
    id: int
    period_start: dt.date
    period_end: dt.date
    geography: str
    organisation: str | None
    status: str
    flag_reason: str
    flags: list[str]
    figures: list[FigureOut]


class SubmissionIn(Schema):
    period_start: dt.date
    period_end: dt.date
    geography: str = Field(max_length=120)
    values: dict[str, Value] = Field(default_factory=dict, max_length=500)
    flag_reason: str = Field("", max_length=2000)
    note: str = Field("", max_length=5000)


class FieldIn(Schema):
    key: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    label: str = Field("", max_length=200)
    kind: Literal["count", "percentage", "breakdown", "text"]
    categories: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(default_factory=list,
                                                                                  max_length=200)


class RuleIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["parts_sum_to_total", "subset_not_over_set", "percentages_sum_to_100"]
    whole: str = Field("", max_length=200)
    parts: list[Annotated[str, Field(max_length=200)]] = Field(max_length=200)
    tolerance: Annotated[float, Field(ge=0, le=1000)] = 0
    source: str = Field("", max_length=200)


class ContributorIn(Schema):
    organisation_id: Id
    geography: str = Field("", max_length=120, description="Empty: the whole return")


class DefinitionIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    recipient: str = Field(min_length=1, max_length=200)
    period_kind: Literal["monthly", "quarterly", "annual", "per_meeting", "period"]
    geographies: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(min_length=1, max_length=500)
    fields: list[FieldIn] = Field(min_length=1, max_length=500)
    rules: list[RuleIn] = Field(default_factory=list, max_length=200)
    contributors: list[ContributorIn] = Field(default_factory=list, max_length=500)
    description: str = Field("", max_length=5000)


def _definition_out(d) -> dict:
    return {"slug": d.slug, "name": d.name, "recipient": d.recipient, "period_kind": d.period_kind,
            "geographies": d.geographies,
            "fields": [{"key": f.key, "label": f.label, "kind": f.kind, "categories": f.categories}
                       for f in d.fields.all()],
            "rules": [{"name": r.name, "kind": r.kind, "whole": r.whole, "parts": r.parts} for r in d.rules.all()],
            "contributors": [{"organisation": c.organisation.name, "geography": c.geography}
                             for c in d.contributors.all()]}


def _submission_out(s: Submission) -> dict:
    return {"id": s.pk, "period_start": s.period_start, "period_end": s.period_end, "geography": s.geography,
            "organisation": s.organisation.name if s.organisation_id else None, "status": s.status, "flag_reason": s.flag_reason, "flags": [f.message for f in s.flags.all()],
            "figures": [{"field": f.field.key, "category": f.category,
                         "value": None if f.value is None else f"{f.value.normalize():f}", "text": f.text}
                        for f in s.figures.all()]}


def _definition(request, slug: str, perm: str = "returns.view_return"):
    definition = queries.definitions().filter(slug=slug[:80]).first()
    if definition is None or not can(request.user, perm, definition):
        raise Http404
    return definition


@router.get("/", auth=write_auth, response={200: list[DefinitionOut], **problems(401)},
            summary="Returns the caller may see")
def list_returns(request):
    return [_definition_out(d) for d in queries.visible_definitions(request.user)]


Slug = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,80}$", description="The return's short name")]


@router.put("/{slug}", auth=write_auth, response={201: DefinitionOut, **problems(400, 401, 403, 404, 422)},
            summary="Define a new return called slug, with its fields and rules between fields")
def define_return(request, slug: Slug, payload: DefinitionIn):
    organisations = Organisation.objects.in_bulk([c.organisation_id for c in payload.contributors])
    if any(c.organisation_id not in organisations for c in payload.contributors):
        raise RuleViolation("A contributor names an organisation that does not exist.",
                            code="returns.contributor_unknown", field="contributors")
    definition = actions.define_return(
        acting_user=request.user, slug=slug, name=payload.name, recipient=payload.recipient,
        period_kind=payload.period_kind, geographies=payload.geographies, description=payload.description,
        fields=[f.dict() for f in payload.fields], rules_between=[r.dict() for r in payload.rules],
        contributors=[{"organisation": organisations[c.organisation_id], "geography": c.geography}
                      for c in payload.contributors])
    return Status(201, _definition_out(queries.definitions().get(pk=definition.pk)))


@router.get("/{slug}/submissions", auth=write_auth, response={200: list[SubmissionOut], **problems(401, 404, 422)},
            summary="A return's submissions the caller may see")
def list_submissions(request, slug: str, limit: Limit500 = 100, offset: Offset = 0):
    definition = _definition(request, slug)
    subs = queries.submissions_for(request.user, definition).select_related("definition")[offset:offset + limit]
    return [_submission_out(s) for s in subs]


@router.post("/{slug}/submissions", auth=write_auth,
             response={201: SubmissionOut, **problems(400, 401, 403, 404, 422)},
             summary="Save one period's figures (a broken rule needs flag_reason)")
def save_submission(request, slug: str, payload: SubmissionIn):
    definition = _definition(request, slug)
    try:
        sub = actions.save_submission(acting_user=request.user, definition=definition,
                                      period_start=payload.period_start, period_end=payload.period_end,
                                      geography=payload.geography, values=payload.values,
                                      flag_reason=payload.flag_reason, note=payload.note)
    except actions.NotYourSubmission:
        raise Http404 from None
    sub = queries.submissions_for(request.user, definition).get(pk=sub.pk)
    return Status(201, _submission_out(sub))


@router.post("/submissions/{submission_id}/submit", auth=write_auth,
             response={200: SubmissionOut, **problems(401, 403, 404, 422)}, summary="Submit and lock a clean draft")
def submit_submission(request, submission_id: Id):
    try:
        sub = queries.submission_for(request.user, submission_id)
    except Submission.DoesNotExist:
        raise Http404 from None
    sub = actions.submit_submission(acting_user=request.user, submission=sub)
    return _submission_out(queries.submissions_for(request.user, sub.definition).get(pk=sub.pk))
