"""Define a return: its recipient, period, geographies, fields and rules between fields."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation, rule_violation_from
from saferhub.core.permissions import require
from saferhub.returns import rules
from saferhub.returns.models import ReturnContributor, ReturnDefinition, ReturnField, ValidationRule


def full_clean(instance) -> None:
    try:
        instance.full_clean(validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="returns.invalid_value", name_field=True) from exc


@transaction.atomic
def define_return(*, acting_user: Actor, slug: str, name: str, recipient: str, period_kind: str,
                  geographies: list[str], fields: list[dict], rules_between: list[dict] | None = None,
                  description: str = "", source: str = "",
                  contributors: list[dict] | None = None) -> ReturnDefinition:
    """Create a return with its fields (``key``, ``label``, ``kind``, ``categories``), rules
    (``name``, ``kind``, ``whole``, ``parts``, ``tolerance``, ``source``) and, optionally, its contributing
    organisations (``organisation``, ``geography``: blank for the whole return)."""
    require(acting_user, "returns.define")
    if ReturnDefinition.objects.filter(slug=slug).exists():
        raise RuleViolation(f"A return called {slug!r} is already defined.", code="returns.slug_taken", field="slug")
    if not geographies:
        raise RuleViolation("A return covers at least one geography.", code="returns.geography_needed")
    specs = [rules.FieldSpec(f["key"], f.get("label") or f["key"], f["kind"], tuple(f.get("categories") or ()))
             for f in fields]
    if len({s.key for s in specs}) != len(specs):
        raise RuleViolation("Each field of a return has its own key.", code="returns.field_key_twice")
    for spec in specs:
        if spec.kind == rules.BREAKDOWN and not spec.categories:
            raise RuleViolation(f"{spec.label}: a breakdown lists its categories.", code="returns.categories_needed")
    rule_specs = [rules.RuleSpec(r["name"], r["kind"], r.get("whole", ""), tuple(r.get("parts") or ()),
                                 Decimal(str(r.get("tolerance", 0)))) for r in rules_between or []]
    for spec in rule_specs:
        rules.check_rule_definition(spec, specs)
    definition = ReturnDefinition(slug=slug, name=name, recipient=recipient, period_kind=period_kind,
                                  geographies=list(geographies), description=description, source=source)
    full_clean(definition)
    definition.save()
    for order, spec in enumerate(specs):
        row = ReturnField(definition=definition, key=spec.key, label=spec.label, kind=spec.kind,
                          categories=list(spec.categories), order=order)
        full_clean(row)
        row.save()
    for order, (spec, raw) in enumerate(zip(rule_specs, rules_between or [], strict=True)):
        row = ValidationRule(definition=definition, name=spec.name, kind=spec.kind, whole=spec.whole,
                             parts=list(spec.parts), tolerance=spec.tolerance, source=raw.get("source", ""),
                             order=order)
        full_clean(row)
        row.save()
    if contributors:
        _write_contributors(definition, contributors)
    audit.record("returns.definition.defined", actor=acting_user, target=definition,
                 data={"fields": len(specs), "rules": len(rule_specs), "contributors": len(contributors or [])})
    return definition


def _write_contributors(definition: ReturnDefinition, contributors: list[dict]) -> list[ReturnContributor]:
    pairs = [(c["organisation"].name, (c.get("geography") or "").strip()) for c in contributors]
    rules.check_contributors(list(definition.geographies), pairs)
    definition.contributors.all().delete()
    rows = []
    for c, (_, geography) in zip(contributors, pairs, strict=True):
        row = ReturnContributor(definition=definition, organisation=c["organisation"], geography=geography)
        full_clean(row)
        row.save()
        rows.append(row)
    return rows


@transaction.atomic
def name_contributors(*, acting_user: Actor, definition: ReturnDefinition,
                      contributors: list[dict]) -> list[ReturnContributor]:
    """Replace the organisations that enter their own figures for a return (``organisation``, ``geography``:
    blank for the whole return); an empty list makes it the Partnership officers' alone again. Submissions
    already saved keep the organisation they were entered for."""
    require(acting_user, "returns.define")
    definition = ReturnDefinition.objects.select_for_update().get(pk=definition.pk)
    rows = _write_contributors(definition, contributors)
    audit.record("returns.definition.contributors_named", actor=acting_user, target=definition,
                 data={"contributors": [[r.organisation_id, r.geography] for r in rows]})
    return rows
