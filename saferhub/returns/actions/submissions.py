"""Save a submission's figures (clean, or as a flagged draft with a reason) and submit it (locks it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import can, require
from saferhub.returns import policies, rules
from saferhub.returns.actions.definitions import full_clean
from saferhub.returns.models import Figure, ReturnDefinition, Submission, SubmissionFlag, SubmissionStatus


class NotYourSubmission(ActionPermissionDenied):
    """The figures of that period and geography are another organisation's (answered 404, as if missing)."""


class FiguresBreakRules(RuleViolation):
    """Figures break rules between fields and no reason was given to keep them as a flagged draft."""

    def __init__(self, failures: list[rules.Failure]):
        self.failures = failures
        text = " ".join(f.message for f in failures)
        super().__init__(f"{text} Correct the figures, or give a reason to save them as a flagged draft.",
                         code="returns.rules_broken", field="flag_reason")


def specs_of(definition: ReturnDefinition) -> tuple[list[rules.FieldSpec], list[rules.RuleSpec]]:
    fields = [rules.FieldSpec(f.key, f.label, f.kind, tuple(f.categories)) for f in definition.fields.all()]
    between = [rules.RuleSpec(r.name, r.kind, r.whole, tuple(r.parts), r.tolerance) for r in definition.rules.all()]
    return fields, between


def evaluate(definition: ReturnDefinition, raw: dict) -> tuple[dict, list[rules.Failure]]:
    """Clean values and the rules they break, without saving (the CSV preview uses it too)."""
    fields, between = specs_of(definition)
    values = rules.clean_values(fields, raw)
    return values, rules.check_rules(between, fields, values)


@transaction.atomic
def save_submission(*, acting_user: Actor, definition: ReturnDefinition, period_start: dt.date,
                    period_end: dt.date, geography: str, values: dict, flag_reason: str = "",
                    note: str = "") -> Submission:
    """Create or replace the figures of one period and geography. Figures that break a rule are refused
    unless ``flag_reason`` says why they are kept; then the submission is a flagged draft with one flag
    per broken rule. A submitted return is locked."""
    require(acting_user, "returns.enter", definition)
    rules.check_period(definition.period_kind, period_start, period_end)
    if geography not in definition.geographies:
        raise RuleViolation(f"{definition.name} covers {', '.join(definition.geographies)}; not {geography!r}.",
                            code="returns.unknown_geography", field="geography")
    officer = can(acting_user, "returns.view_all_submissions", definition)
    named = policies.contributor_ids(definition, geography)
    organisation_id = None if officer else policies.contributor_organisation_id(acting_user)
    if not officer and organisation_id not in named:
        raise RuleViolation(f"Your organisation does not enter {definition.name} for {geography}: choose an area "
                            "your organisation contributes for.", code="returns.not_contributor_geography",
                            field="geography")
    cleaned, failures = evaluate(definition, values)
    reason = (flag_reason or "").strip()
    if failures and not reason:
        raise FiguresBreakRules(failures)
    submission = (Submission.objects.select_for_update(of=("self",))
                  .filter(definition=definition, period_start=period_start, period_end=period_end,
                          geography=geography).first())
    if submission is not None and not officer and submission.organisation_id != organisation_id:
        raise NotYourSubmission("These figures are another organisation's.")
    if submission is not None and submission.is_locked:
        raise RuleViolation("This return has been submitted and is locked; its figures cannot change.",
                            code="returns.locked")
    if submission is None:
        # An officer entering for a geography with one contributor enters that organisation's figures.
        owner = organisation_id if not officer else (next(iter(named)) if len(named) == 1 else None)
        submission = Submission(definition=definition, period_start=period_start, period_end=period_end,
                                geography=geography, organisation_id=owner)
    submission.status = SubmissionStatus.FLAGGED if failures else SubmissionStatus.DRAFT
    submission.flag_reason = reason if failures else ""
    submission.note = note
    full_clean(submission)
    submission.save()
    submission.figures.all().delete()
    submission.flags.all().delete()
    field_by_key = {f.key: f for f in definition.fields.all()}
    rows = []
    for key, value in cleaned.items():
        field = field_by_key[key]
        if isinstance(value, dict):
            rows += [Figure(submission=submission, field=field, category=c, value=v) for c, v in value.items()]
        elif isinstance(value, str):
            rows.append(Figure(submission=submission, field=field, text=value))
        else:
            rows.append(Figure(submission=submission, field=field, value=value))
    Figure.objects.bulk_create(rows)
    SubmissionFlag.objects.bulk_create([SubmissionFlag(submission=submission, rule_name=f.rule_name,
                                                       rule_kind=f.rule_kind, message=f.message) for f in failures])
    code = "returns.submission.flagged" if failures else "returns.submission.saved"
    audit.record(code, actor=acting_user, target=submission,
                 data={"figures": len(rows), "flags": [f.rule_name for f in failures], "reason": reason,
                       "organisation": submission.organisation_id})
    return submission


@transaction.atomic
def submit_submission(*, acting_user: Actor, submission: Submission) -> Submission:
    """Submit clean figures to the recipient; the submission is then locked. A flagged draft cannot be
    submitted: the figures must be corrected first."""
    submission = Submission.objects.select_for_update(of=("self",)).select_related("definition").get(pk=submission.pk)
    require(acting_user, "returns.enter_submission", submission)
    if submission.status == SubmissionStatus.SUBMITTED:
        raise RuleViolation("This return has already been submitted.", code="returns.already_submitted")
    if submission.status == SubmissionStatus.FLAGGED or submission.flags.exists():
        raise RuleViolation("A flagged draft cannot be submitted: its figures break a rule between fields. "
                            "Correct them first.", code="returns.flagged_not_submittable")
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = None if is_system(acting_user) else acting_user
    full_clean(submission)
    submission.save()
    audit.record("returns.submission.submitted", actor=acting_user, target=submission, data={})
    return submission


@transaction.atomic
def import_submissions(*, acting_user: Actor, definition: ReturnDefinition, rows: list) -> list[Submission]:
    """Save every row of a confirmed CSV upload, or none: a row that breaks a rule rolls back them all.
    Each row has ``number``, ``period_start``, ``period_end``, ``geography``, ``values``, ``flag_reason``."""
    require(acting_user, "returns.enter", definition)
    saved = []
    for row in rows:
        try:
            saved.append(save_submission(acting_user=acting_user, definition=definition,
                                         period_start=row.period_start, period_end=row.period_end,
                                         geography=row.geography, values=row.values, flag_reason=row.flag_reason))
        except RuleViolation as exc:
            raise RuleViolation(f"Row {row.number}: {exc.text} Nothing was saved.", code=exc.rule_code,
                                field=exc.field) from exc
    return saved
