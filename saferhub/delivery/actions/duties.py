"""The partnership's statutory duties: adding one (the data file), setting when it falls due, and recording
that it was done, with evidence."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from saferhub.core import audit, writes
from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.models import DutyRecord, Frequency, Plan, StatutoryDuty

ERROR = "delivery.invalid_duty"


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        raise RuleViolation("Choose how often the duty falls due.", code="delivery.duty_frequency", field="frequency")


@transaction.atomic
def add_duty(plan: Plan, *, title: str, acting_user: Actor, frequency: str = Frequency.ANNUAL, description: str = "",
             source: str = "", first_due: dt.date | None = None, slug: str = "") -> StatutoryDuty:
    require(acting_user, "delivery.manage_plan", plan)
    title = " ".join((title or "").split())
    if not title:
        raise RuleViolation("Enter the duty.", code="delivery.duty_title_required", field="title")
    _check_frequency(frequency)
    slug = slugify(slug or title)[:60]
    if StatutoryDuty.objects.filter(plan=plan, slug=slug).exists():
        raise RuleViolation("That duty is already recorded.", code="delivery.duplicate_duty", field="title")
    position = StatutoryDuty.objects.filter(plan=plan).count() + 1
    duty = StatutoryDuty(plan=plan, slug=slug, title=title[:200], description=description.strip(),
                         source=source.strip()[:200], frequency=frequency, first_due=first_due, position=position)
    writes.full_clean(duty, code=ERROR, exclude=["plan"])
    duty.save()
    audit.record("delivery.duty.added", actor=acting_user, target=plan, data={"duty": duty.slug})
    return duty


@transaction.atomic
def schedule_duty(duty: StatutoryDuty, *, first_due: dt.date, frequency: str, acting_user: Actor) -> StatutoryDuty:
    """Set when a duty first falls due and how often. Dates already met stay met only if they are still due
    dates of the new schedule; otherwise the change is refused (the records would lose their meaning)."""
    require(acting_user, "delivery.manage_plan", duty.plan)
    _check_frequency(frequency)
    recorded = set(duty.records.values_list("due_on", flat=True))
    if recorded:
        due = set(rules.duty_due_dates(first_due=first_due, frequency=frequency, until=max(recorded)))
        if not recorded <= due:
            raise RuleViolation("The new schedule does not include dates already recorded as met "
                                f"({', '.join(f'{d:%-d %B %Y}' for d in sorted(recorded - due))}).",
                                code="delivery.duty_schedule_breaks_records", field="first_due")
    return writes.update_with_audit(duty, allowed=["first_due", "frequency"],
                                    data={"first_due": first_due, "frequency": frequency}, acting_user=acting_user,
                                    audit_code="delivery.duty.scheduled", error_code=ERROR, target=duty.plan,
                                    audit_data={"duty": duty.slug})


@transaction.atomic
def record_duty_done(duty: StatutoryDuty, *, due_on: dt.date, done_on: dt.date, evidence: str, acting_user: Actor,
                     link: str = "", today: dt.date | None = None) -> DutyRecord:
    require(acting_user, "delivery.manage_plan", duty.plan)
    duty = StatutoryDuty.objects.select_for_update().get(pk=duty.pk)
    rules.check_duty_record(due_on=due_on, done_on=done_on, evidence=evidence, first_due=duty.first_due,
                            frequency=duty.frequency, today=today or timezone.localdate(),
                            recorded=set(duty.records.values_list("due_on", flat=True)))
    record = DutyRecord(duty=duty, due_on=due_on, done_on=done_on, evidence=evidence.strip(), link=link.strip(),
                        recorded_by=None if is_system(acting_user) else acting_user)
    writes.full_clean(record, code=ERROR, exclude=["duty", "recorded_by"])
    record.save()
    audit.record("delivery.duty.done", actor=acting_user, target=duty.plan,
                 data={"duty": duty.slug, "due_on": due_on, "done_on": done_on})
    return record
