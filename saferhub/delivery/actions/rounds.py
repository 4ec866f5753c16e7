"""Reporting rounds: the Partnership team opens a round (a period and the date updates are due) and
closes it; owners answer it with ``submit_update(..., round=...)``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.delivery import queries, rules
from saferhub.delivery.models import Plan, ReportingRound


@transaction.atomic
def open_round(plan: Plan, *, title: str, period_start: dt.date, period_end: dt.date, due_by: dt.date,
               acting_user: Actor, opened_on: dt.date | None = None) -> ReportingRound:
    """Open a round on the published version's actions. One round is open at a time, so an owner always
    knows which period they are reporting on; the same period is asked for once."""
    require(acting_user, "delivery.manage_plan", plan)
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    title = " ".join((title or "").split())
    if not title:
        raise RuleViolation("Enter a name for the round, for example “Quarter 2, 2022 to 2023”.",
                            code="delivery.round_title_required", field="title")
    rules.check_round(period_start=period_start, period_end=period_end, due_by=due_by)
    version = queries.current_version(plan, published_only=True)
    if version is None:
        raise RuleViolation("Publish a version of the delivery plan first: owners report on published actions.",
                            code="delivery.round_needs_published_version", field="title")
    current = ReportingRound.objects.filter(plan=plan, closed_on__isnull=True).first()
    if current is not None:
        raise RuleViolation(f"“{current.title}” is still open: close it before opening another round.",
                            code="delivery.round_already_open", field="title")
    if ReportingRound.objects.filter(plan=plan, period_start=period_start, period_end=period_end).exists():
        raise RuleViolation("A round for this reporting period has already been held.",
                            code="delivery.round_duplicate_period", field="period_start")
    round_ = ReportingRound.objects.create(
        plan=plan, version=version, title=title[:120], period_start=period_start, period_end=period_end,
        due_by=due_by, opened_on=opened_on or timezone.localdate(),
        opened_by=None if is_system(acting_user) else acting_user)
    audit.record("delivery.round.opened", actor=acting_user, target=plan,
                 data={"round": round_.pk, "title": round_.title, "period_end": period_end, "due_by": due_by})
    return round_


@transaction.atomic
def close_round(round_: ReportingRound, *, acting_user: Actor, closed_on: dt.date | None = None) -> ReportingRound:
    """Close a round: no more updates are taken for it; who did not reply stays on record."""
    require(acting_user, "delivery.manage_plan", round_.plan)
    round_ = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RuleViolation(f"This round closed on {round_.closed_on:%-d %B %Y}.", code="delivery.round_closed",
                            field="title")
    round_.closed_on = closed_on or timezone.localdate()
    round_.save(update_fields=["closed_on"])
    progress = queries.round_progress(round_, today=round_.closed_on)
    audit.record("delivery.round.closed", actor=acting_user, target=round_.plan,
                 data={"round": round_.pk, "replied": progress["counts"]["replied"],
                       "not_replied": progress["counts"]["not_replied"]})
    return round_
