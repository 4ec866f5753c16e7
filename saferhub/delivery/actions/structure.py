"""The Plan's structure: the strategic plan, its themes, priorities, outcomes and measures, and the
partnership's wording of its RAG scale."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.models import Measure, Outcome, Plan, Priority, Theme

ERROR = "delivery.invalid_value"


@transaction.atomic
def create_strategic_plan(*, slug: str, title: str, start_year: int, end_year: int, acting_user: Actor,
                          **fields) -> Plan:
    require(acting_user, "delivery.manage_plan")
    if end_year < start_year:
        raise RuleViolation("The plan must end in or after the year it starts.", code="delivery.plan_years",
                            field="end_year")
    if Plan.objects.filter(slug=slug).exists():
        raise RuleViolation("That plan is already recorded.", code="delivery.duplicate_plan", field="slug")
    plan = Plan(slug=slug, title=" ".join(title.split()), start_year=start_year, end_year=end_year, **fields)
    writes.full_clean(plan, code=ERROR)
    plan.save()
    audit.record("delivery.plan.structured", actor=acting_user, target=plan, data={"title": plan.title})
    return plan


@transaction.atomic
def add_theme(plan: Plan, *, number: int, title: str, acting_user: Actor) -> Theme:
    require(acting_user, "delivery.manage_plan", plan)
    if plan.themes.filter(number=number).exists():
        raise RuleViolation(f"Theme {number} is already in this plan.", code="delivery.duplicate_theme", field="number")
    theme = Theme(plan=plan, number=number, title=title.strip())
    writes.full_clean(theme, code=ERROR)
    theme.save()
    audit.record("delivery.theme.added", actor=acting_user, target=plan, data={"number": number, "title": title})
    return theme


@transaction.atomic
def add_priority(plan: Plan, *, title: str, acting_user: Actor, theme: Theme | None = None, sub_areas=(),
                 note: str = "") -> Priority:
    require(acting_user, "delivery.manage_plan", plan)
    priority = Priority(plan=plan, theme=theme, title=title.strip(), sub_areas=list(sub_areas), note=note,
                        position=plan.priorities.count() + 1)
    writes.full_clean(priority, code=ERROR)
    priority.save()
    audit.record("delivery.priority.added", actor=acting_user, target=plan, data={"title": title})
    return priority


@transaction.atomic
def add_outcome(plan: Plan, *, theme: Theme, number: int, title: str, acting_user: Actor,
                appendix_number: int | None = None, wording_variants=(), note: str = "") -> Outcome:
    """Add a long-term outcome under the Delivery Plan's number; ``appendix_number`` is the Plan
    appendix's alias (seed 003:928-993), unique too where given."""
    require(acting_user, "delivery.manage_plan", plan)
    if theme.plan_id != plan.pk:
        raise RuleViolation("That theme belongs to another plan.", code="delivery.theme_plan", field="theme")
    if plan.outcomes.filter(number=number).exists():
        raise RuleViolation(f"Outcome {number} is already in this plan.", code="delivery.duplicate_outcome",
                            field="number")
    if appendix_number and plan.outcomes.filter(appendix_number=appendix_number).exists():
        raise RuleViolation(f"Appendix outcome {appendix_number} already names another outcome.",
                            code="delivery.duplicate_outcome_alias", field="appendix_number")
    outcome = Outcome(plan=plan, theme=theme, number=number, title=" ".join(title.split()),
                      appendix_number=appendix_number, wording_variants=list(wording_variants), note=note)
    writes.full_clean(outcome, code=ERROR)
    outcome.save()
    audit.record("delivery.outcome.added", actor=acting_user, target=plan, data={"number": number})
    return outcome


@transaction.atomic
def add_measure(outcome: Outcome, *, name: str, acting_user: Actor, owner=None, **fields) -> Measure:
    """Add a measure to an outcome; ``owner`` is an organisation or a partnership group (a Committee)."""
    from saferhub.core.models import Organisation
    from saferhub.governance.models import Committee

    require(acting_user, "delivery.manage_plan", outcome.plan)
    measure = Measure(outcome=outcome, name=" ".join(name.split()), position=outcome.measures.count() + 1, **fields)
    if isinstance(owner, Committee):
        measure.owner_body = owner
    elif isinstance(owner, Organisation):
        measure.owner_organisation = owner
    elif owner is not None:
        raise RuleViolation("A measure's owner is an organisation or a partnership group.",
                            code="delivery.owner_kind", field="owner")
    writes.full_clean(measure, code=ERROR)
    measure.save()
    audit.record("delivery.measure.added", actor=acting_user, target=outcome.plan,
                 data={"outcome": outcome.number, "measure": measure.name})
    return measure


@transaction.atomic
def set_rag_definitions(plan: Plan, *, definitions: dict, acting_user: Actor) -> Plan:
    """The partnership's wording of what each RAG status means (``rules.check_rag_definitions``): owners read it
    when they choose a status, and the public plan page shows it."""
    require(acting_user, "delivery.manage_plan", plan)
    own = rules.check_rag_definitions(definitions)
    return writes.update_with_audit(plan, allowed=["rag_definitions"], data={"rag_definitions": own},
                                    acting_user=acting_user, audit_code="delivery.rag_definitions.set",
                                    error_code=ERROR)
