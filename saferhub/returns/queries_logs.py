"""Reads for the community tension log and the reporting-centre register (constant queries per page)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from saferhub.core.permissions import can
from saferhub.returns import rules
from saferhub.returns.models import ReportingCentre, TensionReport


def tensions_for(user) -> QuerySet[TensionReport]:
    """Every report for an analyst; otherwise the reports the user submitted or is named on."""
    qs = TensionReport.objects.select_related("submitted_by", "triaged_by")
    if can(user, "returns.analyse_tensions"):
        return qs
    mine = Q(submitted_by=user) | Q(pk__in=TensionReport.objects.filter(recipients__user=user).values("pk"))
    return qs.filter(mine)


def tension(pk: int) -> TensionReport | None:
    return (TensionReport.objects.select_related("submitted_by", "triaged_by", "escalated_by")
            .prefetch_related("recipients__user", "recipients__authority", "feedback__recipient__user",
                              "feedback__recorded_by").filter(pk=pk).first())


def nameable_people():
    """People who may be named as a responsible authority's contact: active accounts with a role."""
    return (get_user_model().objects.filter(is_active=True, groups__isnull=False).distinct()
            .order_by("last_name", "first_name", "username"))


@dataclass
class MonthRow:
    month: dt.date
    received: int
    triaged: int
    on_time: int
    late: int
    median_hours: Decimal | None
    escalated: int


def tension_volumes(*, triage_hours: int, now: dt.datetime | None = None) -> list[MonthRow]:
    """Per month of submission: reports received, triaged, triaged within the configured time, late (including
    those still waiting past it), the median hours to triage, and escalations."""
    now = now or timezone.now()
    months: dict[dt.date, list] = {}
    for submitted_at, triaged_at, escalated_on in (TensionReport.objects.order_by("submitted_at")
                                                   .values_list("submitted_at", "triaged_at", "escalated_on")):
        month = timezone.localdate(submitted_at).replace(day=1)
        months.setdefault(month, []).append((submitted_at, triaged_at, escalated_on))
    rows = []
    for month, items in months.items():
        hours = [rules.hours_between(s, t) for s, t, _ in items if t is not None]
        late = sum(rules.triage_late(submitted_at=s, triaged_at=t, now=now, hours=triage_hours) for s, t, _ in items)
        rows.append(MonthRow(month=month, received=len(items), triaged=len(hours),
                             on_time=sum(h <= triage_hours for h in hours), late=late,
                             median_hours=Decimal(statistics.median(hours)).quantize(Decimal("0.1")) if hours else None,
                             escalated=sum(e is not None for _, _, e in items)))
    return rows


@dataclass
class CentreRow:
    centre: ReportingCentre
    overdue: bool


def centres(*, check_months: int, today: dt.date | None = None) -> list[CentreRow]:
    day = today or timezone.localdate()
    return [CentreRow(c, rules.centre_check_overdue(last_checked_on=c.last_checked_on, months=check_months, today=day))
            for c in ReportingCentre.objects.order_by("-open", "name")]
