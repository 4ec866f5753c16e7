"""Reads for the register of interests: the council's list of other registrable interests (data),
whether a member's register is due for updating, and the dispensations beside a meeting's declarations."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from django.db.models import Max, Min

from saferhub.governance import rules as gov_rules
from saferhub.governance.models import (
    Dispensation,
    InterestType,
    Membership,
    MembershipRole,
    RegisterChange,
    RegisterEntry,
    RegisterReview,
)

DATA = Path(__file__).parent / "data" / "interests.yaml"


@lru_cache(maxsize=1)
def code_categories() -> tuple[tuple[str, str], ...]:
    """The other registrable interests of the council's code, as (key, label), from the data file."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return tuple((row["key"], row["label"]) for row in data.get("other_registrable_interests", []))


def code_label(key: str) -> str:
    return dict(code_categories()).get(key, "")


def register_due_for(person_ids, today: dt.date) -> dict[int, gov_rules.RegisterDue]:
    """Members whose register is due or overdue, keyed by person id: three queries for any number."""
    ids = list(person_ids)
    elected = dict(
        Membership.objects.filter(person__in=ids, person__is_councillor=True,
                                  role__in=[MembershipRole.MEMBER, MembershipRole.SUBSTITUTE, MembershipRole.CO_OPTED])
        .values("person").annotate(first=Min("start_date")).values_list("person", "first")
    )
    triggers: dict[int, list[tuple[dt.date, str]]] = {pid: [(day, "taking up a committee place")] for pid, day in elected.items()}
    for pid, day, what in RegisterChange.objects.filter(person__in=elected).values_list("person", "occurred_on", "description"):
        triggers[pid].append((day, f"a change: {what}"))
    reviewed = dict(RegisterReview.objects.filter(person__in=elected).values("person")
                    .annotate(last=Max("reviewed_on")).values_list("person", "last"))
    due = {}
    for pid, items in triggers.items():
        result = gov_rules.register_due(triggers=items, last_review=reviewed.get(pid), today=today)
        if result is not None:
            due[pid] = result
    return due


def dpi_on_register(person_id: int, day: dt.date) -> bool:
    """Whether the member has any DPI on the register on ``day`` (registered by then, not ended)."""
    return RegisterEntry.objects.filter(
        person=person_id, interest_type=InterestType.DPI, registered_on__lte=day,
    ).exclude(ended_on__lt=day).exists()


def dispensations_for_meeting(meeting) -> dict[int, list[Dispensation]]:
    """Dispensations covering ``meeting``, keyed by person id (one query)."""
    found: dict[int, list[Dispensation]] = {}
    for d in Dispensation.objects.filter(valid_from__lte=meeting.date, valid_to__gte=meeting.date,
                                         person__in=meeting.declarations.values("person")):
        if gov_rules.dispensation_applies(valid_from=d.valid_from, valid_to=d.valid_to, committee_id=d.committee_id,
                                          meeting_committee_id=meeting.committee_id, day=meeting.date):
            found.setdefault(d.person_id, []).append(d)
    return found


def current_councillor_ids(today: dt.date) -> list[int]:
    return list(Membership.objects.filter(person__is_councillor=True, start_date__lte=today)
                .exclude(end_date__lt=today).values_list("person", flat=True).distinct())


def dashboard_section(request):
    """"Register of interests" on the dashboard of whoever keeps it: members whose register is due
    or overdue (28 days after taking a place or a change) and the monitoring officer's open tasks."""
    from django.utils import timezone

    from saferhub.core.models import Person
    from saferhub.core.pages import Section
    from saferhub.core.permissions import can
    from saferhub.governance.models import MonitoringOfficerTask

    if not can(request.user, "governance.view_monitoring_tasks"):
        return None
    today = timezone.localdate()
    due = register_due_for(current_councillor_ids(today), today)
    people = Person.objects.in_bulk(list(due)) if due else {}
    rows = sorted(((people[pid], d) for pid, d in due.items()), key=lambda r: r[1].due_on)
    tasks = MonitoringOfficerTask.objects.filter(status=MonitoringOfficerTask.Status.OPEN).count()
    return Section("governance/sections/interests.html", {"due": rows[:50], "more": max(0, len(rows) - 50), "tasks": tasks})


def notifications(user):
    """Staff notifications (``core.notifications``): registers due and DPIs to follow up."""
    from django.urls import reverse
    from django.utils import timezone

    from saferhub.core.notifications import Notification
    from saferhub.core.permissions import can
    from saferhub.governance.models import MonitoringOfficerTask

    if not can(user, "governance.view_monitoring_tasks"):
        return
    today = timezone.localdate()
    for task in MonitoringOfficerTask.objects.filter(status=MonitoringOfficerTask.Status.OPEN).select_related("person"):
        yield Notification(key=f"governance.monitoring_task:{task.pk}", title=f"Interest to follow up: {task.person.display_name}",
                           url=reverse("governance:monitoring-tasks"), due_on=task.due_on)
    for pid, d in register_due_for(current_councillor_ids(today), today).items():
        yield Notification(key=f"governance.register_due:{pid}:{d.due_on}", title="A member's register of interests is due for updating",
                           url=reverse("governance:person-detail", args=[pid]), detail=f"After {d.because}.", due_on=d.due_on)


def own_register_notifications(user):
    """Staff notifications (``core.notifications``) for a councillor about their own register: it is due for
    updating (within 28 days of taking a committee place or of a change), and again once it is overdue."""
    from django.urls import reverse
    from django.utils import timezone

    from saferhub.core.notifications import Notification
    from saferhub.core.permissions import can

    person = getattr(user, "person", None)
    if person is None or not person.is_councillor or not can(user, "governance.update_register", person):
        return
    due = register_due_for([person.pk], timezone.localdate()).get(person.pk)
    if due is None:
        return
    state = "overdue" if due.overdue else "due"
    title = (f"Your register of interests was due for updating by {due.due_on:%-d %B %Y}" if due.overdue
             else f"Update your register of interests by {due.due_on:%-d %B %Y}")
    yield Notification(key=f"governance.own_register:{due.due_on}:{state}", title=title,
                       url=reverse("governance:register-detail", args=[person.pk]),
                       detail=f"After {due.because}. Tell the monitoring officer of any change, or confirm that it is "
                              "up to date.", due_on=due.due_on)
