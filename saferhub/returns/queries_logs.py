"""Reads for the community tension log and the reporting-centre register (constant queries per page)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from saferhub.core.models import Organisation, OrganisationKind
from saferhub.core.partnerships import home_partnership, partnership_ids
from saferhub.returns import rules
from saferhub.returns.models import ReportingCentre, TensionReport, TensionStatus
from saferhub.returns.policies import analyst_partnership_ids


def tensions_for(user) -> QuerySet[TensionReport]:
    """Every report of the partnerships the user analyses, and the reports they submitted or are named on."""
    qs = TensionReport.objects.select_related("submitted_by", "triaged_by", "partnership")
    mine = Q(submitted_by=user) | Q(pk__in=TensionReport.objects.filter(recipients__user=user).values("pk"))
    analysed = analyst_partnership_ids(user)
    return qs.filter(mine | Q(partnership_id__in=analysed)) if analysed else qs.filter(mine)


def waiting_for_triage(user) -> int | None:
    """How many reports of the partnerships the user analyses wait for triage (``None`` for a non-analyst)."""
    analysed = analyst_partnership_ids(user)
    if not analysed:
        return None
    return TensionReport.objects.filter(partnership_id__in=analysed, status=TensionStatus.SUBMITTED).count()


def report_partnerships(actor) -> list[Organisation]:
    """The partnerships whose log a person may report to: those they work for, else the home partnership."""
    ids = partnership_ids(actor)
    if ids:
        return list(Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.PARTNERSHIP).order_by("name"))
    home = home_partnership()
    return [home] if home is not None else []


def tension(pk: int) -> TensionReport | None:
    return (TensionReport.objects.select_related("submitted_by", "triaged_by", "escalated_by", "partnership")
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


def tension_volumes(*, triage_hours: int, partnership_ids, now: dt.datetime | None = None) -> list[MonthRow]:
    """Per month of submission, for the logs of ``partnership_ids``: reports received, triaged, triaged within the
    configured time, late (including those still waiting past it), the median hours to triage, and escalations."""
    now = now or timezone.now()
    months: dict[dt.date, list] = {}
    for submitted_at, triaged_at, escalated_on in (TensionReport.objects.filter(partnership_id__in=partnership_ids)
                                                   .order_by("submitted_at")
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
