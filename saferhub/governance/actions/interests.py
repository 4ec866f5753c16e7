"""Actions on the register of interests: entries, reviews, changes, dispensations and the
monitoring officer's tasks (Localism Act 2011 ss.29-34)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Person
from saferhub.core.permissions import require
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import full_clean
from saferhub.governance.models import (
    Committee,
    Declaration,
    Dispensation,
    InterestType,
    MonitoringOfficerTask,
    RegisterChange,
    RegisterEntry,
    RegisterReview,
)


def _councillor(person: Person) -> None:
    if not person.is_councillor:
        raise RuleViolation(f"{person.display_name} is not a councillor; only councillors keep a register of interests.",
                            code="governance.register_councillor", field="person")


@transaction.atomic
def add_register_entry(
    person: Person, *, interest_type: str, category: str, description: str, registered_on: dt.date,
    acting_user: Actor, ended_on: dt.date | None = None, sensitive: bool = False, code_category: str = "",
) -> RegisterEntry:
    """Add an entry to a councillor's register: a DPI in a statutory category, or another
    registrable interest of the council's code (``rules.check_register_entry``)."""
    from saferhub.governance.interests import code_categories

    require(acting_user, "governance.keep_register", person)
    _councillor(person)
    if ended_on and ended_on < registered_on:
        raise RuleViolation("The end date is before the date registered.", code="governance.period", field="ended_on")
    gov_rules.check_register_entry(interest_type=interest_type, category=category, code_category=code_category,
                                   code_keys=[k for k, _ in code_categories()])
    entry = RegisterEntry(
        person=person, interest_type=InterestType(interest_type), category=RegisterEntry.Category(category),
        description=description.strip(), registered_on=registered_on, ended_on=ended_on, sensitive=sensitive,
        code_category=code_category if interest_type != InterestType.DPI else "",
    )
    full_clean(entry)
    entry.save()
    audit.record("governance.register.entry_added", actor=acting_user, target=person,
                 data={"category": category, "interest_type": interest_type, "sensitive": sensitive})
    return entry


@transaction.atomic
def record_register_review(person: Person, *, reviewed_on: dt.date, acting_user: Actor, note: str = "") -> RegisterReview:
    """The member has brought their register up to date (or confirmed nothing changed)."""
    require(acting_user, "governance.update_register", person)
    _councillor(person)
    review = RegisterReview.objects.create(person=person, reviewed_on=reviewed_on, note=note.strip()[:300])
    audit.record("governance.register.reviewed", actor=acting_user, target=person, data={"on": reviewed_on})
    return review


@transaction.atomic
def record_register_change(person: Person, *, occurred_on: dt.date, description: str, acting_user: Actor) -> RegisterChange:
    """A change the register must reflect within 28 days (starts the reminder)."""
    require(acting_user, "governance.update_register", person)
    _councillor(person)
    if not description.strip():
        raise RuleViolation("Describe the change.", code="governance.change_required", field="description")
    change = RegisterChange.objects.create(person=person, occurred_on=occurred_on, description=description.strip()[:300])
    audit.record("governance.register.changed", actor=acting_user, target=person, data={"on": occurred_on})
    return change


@transaction.atomic
def grant_dispensation(
    person: Person, *, granted_by: str, scope: str, valid_from: dt.date, valid_to: dt.date, reason: str,
    acting_user: Actor, committee: Committee | None = None,
) -> Dispensation:
    """Record a dispensation (s.33): who granted it, what it covers, its period and ground."""
    require(acting_user, "governance.keep_register", person)
    gov_rules.check_dispensation(valid_from=valid_from, valid_to=valid_to, granted_by=granted_by, scope=scope, reason=reason)
    dispensation = Dispensation(person=person, committee=committee, granted_by=granted_by.strip(), scope=scope.strip(),
                                valid_from=valid_from, valid_to=valid_to, reason=reason.strip())
    full_clean(dispensation)
    dispensation.save()
    audit.record("governance.dispensation.granted", actor=acting_user, target=person,
                 data={"from": valid_from, "to": valid_to, "committee": str(committee) if committee else None})
    return dispensation


def raise_task_if_unregistered(declaration: Declaration, *, acting_user: Actor) -> MonitoringOfficerTask | None:
    """Called inside ``record_declaration``'s transaction: a DPI declared that is not on the
    register becomes a task for the monitoring officer (``rules.dpi_needs_monitoring_officer``)."""
    from saferhub.governance.interests import dpi_on_register

    meeting = declaration.meeting
    if not gov_rules.dpi_needs_monitoring_officer(
        interest_type=declaration.interest_type, on_register=dpi_on_register(declaration.person_id, meeting.date),
    ):
        return None
    task = MonitoringOfficerTask.objects.create(
        declaration=declaration, person=declaration.person, meeting=meeting,
        due_on=meeting.date + dt.timedelta(days=gov_rules.REGISTER_DAYS),
        reason=(f"{declaration.person.display_name} declared a Disclosable Pecuniary Interest ({declaration.nature}) "
                "that is not on their register. They must notify the monitoring officer within 28 days "
                "(Localism Act 2011 s.31(3))."),
    )
    audit.record("governance.monitoring_task.raised", actor=acting_user, target=meeting,
                 data={"person": declaration.person.display_name})
    return task


@transaction.atomic
def close_monitoring_task(task: MonitoringOfficerTask, *, outcome: str, acting_user: Actor) -> MonitoringOfficerTask:
    require(acting_user, "governance.monitoring_officer")
    if not outcome.strip():
        raise RuleViolation("Say what was done.", code="governance.outcome_required", field="outcome")
    task.status, task.outcome = MonitoringOfficerTask.Status.DONE, outcome.strip()
    task.save(update_fields=["status", "outcome", "updated_at"])
    audit.record("governance.monitoring_task.closed", actor=acting_user, target=task.meeting,
                 data={"person": task.person.display_name})
    return task
