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
from saferhub.returns.models import ReturnDefinition, ReturnField, ValidationRule


def full_clean(instance) -> None:
    try:
        instance.full_clean(validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="returns.invalid_value", name_field=True) from exc


@transaction.atomic
def define_return(*, acting_user: Actor, slug: str, name: str, recipient: str, period_kind: str,
                  geographies: list[str], fields: list[dict], rules_between: list[dict] | None = None,
                  description: str = "", source: str = "") -> ReturnDefinition:
    """Create a return with its fields (``key``, ``label``, ``kind``, ``categories``) and rules
    (``name``, ``kind``, ``whole``, ``parts``, ``tolerance``, ``source``)."""
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
    audit.record("returns.definition.defined", actor=acting_user, target=definition,
                 data={"fields": len(specs), "rules": len(rule_specs)})
    return definition
