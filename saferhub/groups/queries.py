"""Reads for the groups' pages, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q

from saferhub.core import calendar
from saferhub.core.models import Organisation
from saferhub.core.permissions import is_administrator, is_partnership_officer
from saferhub.core.site import get_site_configuration
from saferhub.governance.models import Attendance, AttendanceStatus, Committee, Meeting, MeetingStatus
from saferhub.groups import rules, tor_diff
from saferhub.groups.models import (
    OPEN_STATUSES,
    ChairTerm,
    GroupAction,
    GroupMembership,
    RequiredMember,
    SecretariatTask,
    TermsOfReference,
)

NOT_MET = [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]
ATTENDED = [AttendanceStatus.PRESENT, AttendanceStatus.IN_ATTENDANCE]


def holiday_region() -> str:
    return get_site_configuration().holiday_region or "ENG"


def version_in_force(body: Committee, day: dt.date) -> TermsOfReference | None:
    """The Terms of Reference version that applied to ``body`` on ``day`` ("what rules applied then")."""
    return (TermsOfReference.objects.filter(body=body, in_force_from__lte=day)
            .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=day)).first())


def timeline_rules(tor: TermsOfReference) -> rules.TimelineRules:
    return rules.TimelineRules(tor.pre_agenda_days_before, tor.papers_days_before, tor.papers_clear_working_days,
                               tor.minutes_days_after)


REGISTER_PER_PAGE = 50
VISIBILITIES = ("public", "private")


@dataclass
class RegisterFilters:
    """What the register is filtered by (the view bounds each value first; ``None`` or "" is no filter)."""

    q: str = ""
    organisation: int | None = None
    parent: int | None = None
    kind: str = ""
    visibility: str = ""


@dataclass
class Register:
    page: Page
    total: int
    filters: RegisterFilters
    organisations: list[Organisation]
    parents: list[Committee]
    parent: Committee | None
    may_see_private: bool
    query_string: str  # the filters, for the pagination links


def register(user, filters: RegisterFilters, page: int, today: dt.date) -> Register:
    """One page of the register of bodies: the active bodies ``user`` may see (``policies.visible_bodies_q``,
    in the query, never row by row), filtered, ``REGISTER_PER_PAGE`` a page with their current chairs. A fixed
    number of queries whatever the number of bodies or the page size: the count, the page, its chairs, the
    organisations for the filter, and one each for a parent filter, its choices and whether any private body
    is visible. A page past the last gives the last page (as the committee list does)."""
    from urllib.parse import urlencode

    from saferhub.groups.policies import visible_bodies_q

    visible = Committee.objects.filter(visible_bodies_q(user), is_active=True)
    sees_all = getattr(user, "is_authenticated", False) and (is_administrator(user) or is_partnership_officer(user))
    may_see_private = sees_all or (getattr(user, "is_authenticated", False)
                                   and visible.filter(is_public=False).exists())
    if not may_see_private:
        filters.visibility = ""
    organisations = list(Organisation.objects.filter(
        pk__in=Committee.objects.filter(is_active=True).values("organisation_id")).order_by("name", "id").only("id", "name"))
    if filters.organisation not in {o.pk for o in organisations}:
        filters.organisation = None
    parents = (list(visible.filter(organisation_id=filters.organisation, pk__in=Committee.objects.filter(
        is_active=True, parent__isnull=False).values("parent_id")).order_by("name", "id").only("id", "name"))
        if filters.organisation else [])
    parent = None
    if filters.parent:
        parent = next((p for p in parents if p.pk == filters.parent), None) or \
            visible.filter(pk=filters.parent).only("id", "name").first()
        filters.parent = parent.pk if parent else None
    qs = visible
    for word in filters.q.split()[:6]:
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    if filters.organisation:
        qs = qs.filter(organisation_id=filters.organisation)
    if parent:
        qs = qs.filter(parent=parent)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.visibility:
        qs = qs.filter(is_public=filters.visibility == "public")
    chairs = (ChairTerm.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)
              .select_related("person"))
    paginator = Paginator(qs.select_related("parent").prefetch_related(
        Prefetch("chair_terms", queryset=chairs, to_attr="current_chairs")).order_by("kind", "name", "id"),
        REGISTER_PER_PAGE)
    query_string = urlencode([(k, v) for k, v in (
        ("q", filters.q), ("organisation", filters.organisation or ""), ("parent", filters.parent or ""),
        ("kind", filters.kind), ("visibility", filters.visibility)) if v])
    page_obj = paginator.get_page(page)
    # The body each reports to, named only if this user may see it (a public group under a private body).
    rows = list(page_obj.object_list)
    parent_ids = {b.parent_id for b in rows if b.parent_id and not b.parent.is_public} if not sees_all else set()
    shown = set(visible.filter(pk__in=parent_ids).values_list("pk", flat=True)) if parent_ids else set()
    for b in rows:
        b.reports_to = b.parent if b.parent_id and (b.parent.is_public or b.parent_id in shown) else None
    page_obj.object_list = rows
    return Register(page_obj, paginator.count, filters, organisations, parents, parent, may_see_private, query_string)


@dataclass
class TaskRow:
    task: SecretariatTask
    overdue: bool


def tasks_for(meetings, today: dt.date) -> dict[int, list[TaskRow]]:
    out: dict[int, list[TaskRow]] = {}
    for task in SecretariatTask.objects.filter(meeting__in=meetings).order_by("due"):
        out.setdefault(task.meeting_id, []).append(
            TaskRow(task, rules.is_overdue(task.due, task.done_on is not None, today)))
    return out


def overdue_meeting_tasks(body: Committee, today: dt.date, limit: int = 5) -> tuple[list[SecretariatTask], int]:
    """The secretariat's timeline tasks past their due date and not done, for meetings of the body that are not
    cancelled or postponed: the oldest ``limit`` first, with how many there are in all; two queries."""
    qs = (SecretariatTask.objects.filter(meeting__committee=body, done_on__isnull=True, due__lt=today)
          .exclude(meeting__status__in=NOT_MET))
    return list(qs.select_related("meeting").order_by("due", "pk")[:limit]), qs.count()


def review_tasks(body: Committee, today: dt.date, done: int = 3) -> list[TaskRow]:
    """The body's own task list: its Terms of Reference review tasks, open ones first, then the last ``done``
    done; one query."""
    rows = [TaskRow(t, rules.is_overdue(t.due, t.done_on is not None, today)) for t in
            SecretariatTask.objects.filter(tor__body=body, kind="tor_review").select_related("tor")
            .order_by("-due", "-pk")]
    return [r for r in rows if r.task.done_on is None] + [r for r in rows if r.task.done_on is not None][:done]


@dataclass
class ActionRow:
    action: GroupAction
    overdue: bool


def overdue_count(body: Committee, today: dt.date) -> int:
    return GroupAction.objects.filter(body=body, status__in=OPEN_STATUSES, target_date__lt=today).count()


def action_log(body: Committee, today: dt.date, *, open_only: bool = False, page: str | int | None = None,
               per_page: int = 50):
    """The action log; with ``page``, (rows of that page, the page object) – 50 actions a page."""
    qs = _action_log_qs(body, open_only)
    if page is not None:
        from django.core.paginator import Paginator

        page_obj = Paginator(qs, per_page).get_page(page)
        return [ActionRow(a, rules.is_overdue(a.target_date, not a.is_open, today)) for a in page_obj], page_obj
    return [ActionRow(a, rules.is_overdue(a.target_date, not a.is_open, today)) for a in qs]


def _action_log_qs(body: Committee, open_only: bool):
    qs = (GroupAction.objects.filter(body=body)
          .select_related("body", "owner_person", "owner_organisation", "source_meeting", "delivery_action")
          .defer("owner_person__created_at", "owner_person__updated_at", "owner_organisation__created_at",
                 "owner_organisation__updated_at", "source_meeting__created_at", "source_meeting__updated_at",
                 "body__created_at", "body__updated_at", "body__inquorate_minute_template")
          .prefetch_related("updates").order_by("number"))
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return qs


def my_actions(person, today: dt.date) -> list[ActionRow]:
    """A person's open actions on every body, by target date: only the columns the page shows (and the
    body's visibility), so 200 actions stay one light query."""
    qs = (GroupAction.objects.filter(owner_person=person, status__in=OPEN_STATUSES).select_related("body")
          .only("number", "text", "target_date", "status", "owner_person_id", "body_id", "body__name",
                "body__short_name", "body__slug", "body__is_public", "body__is_active")
          .order_by("target_date", "pk"))
    return [ActionRow(a, rules.is_overdue(a.target_date, False, today)) for a in qs]


def members_on(body: Committee, day: dt.date) -> list[GroupMembership]:
    return list(GroupMembership.objects.filter(body=body, start_date__lte=day).exclude(end_date__lt=day)
                .select_related("person", "organisation").order_by("organisation__name", "person__name"))


def election_candidates(body: Committee) -> list[tuple[int, str]]:
    """Everyone who has been a member of the body at some time, for the election form: whether they were a member
    on the election date is the rule's to say, with its own message (an election may be recorded late)."""
    rows = (GroupMembership.objects.filter(body=body).select_related("person")
            .order_by("person__name", "person_id", "-start_date"))
    seen: dict[int, str] = {}
    for m in rows:
        if m.person_id not in seen:
            seen[m.person_id] = m.person.display_name + ("" if m.end_date is None else
                                                         f" (member until {rules.fmt(m.end_date)})")
    return list(seen.items())


def recent_meetings(body: Committee, day: dt.date, n: int) -> list[Meeting]:
    """The last ``n`` meetings on or before ``day`` that met and have attendance recorded."""
    return list(Meeting.objects.filter(committee=body, date__lte=day).exclude(status__in=NOT_MET)
                .annotate(rows=Count("attendances")).filter(rows__gt=0).order_by("-date")[:n])


def roster(body: Committee, day: dt.date, n: int | None = None
           ) -> tuple[TermsOfReference | None, list[rules.RosterRow], int]:
    """Required member organisations against current members and the last ``n`` meetings' attendance (without
    ``n``, the number the Terms of Reference in force configure, else three)."""
    tor = version_in_force(body, day)
    if tor is None:
        return None, [], 0
    n = rules.absence_meetings(n, tor.absence_meetings)
    places = [rules.RequiredPlace(r.name, r.organisation_id, r.organisation_kind)
              for r in RequiredMember.objects.filter(tor=tor).order_by("position")]
    members = [(m.person.display_name, m.organisation_id, m.organisation.kind) for m in members_on(body, day)]
    meetings = recent_meetings(body, day, n)
    present: dict[int, set] = {m.pk: set() for m in meetings}
    for meeting_id, org_id, kind in (Attendance.objects.filter(meeting__in=meetings, status__in=ATTENDED,
                                                               organisation__isnull=False)
                                     .values_list("meeting_id", "organisation_id", "organisation__kind")):
        present[meeting_id].add((org_id, kind))
    return tor, rules.roster(places, members, list(present.values())), len(meetings)


def quarter_report(body: Committee, year: int, quarter: int, today: dt.date) -> dict:
    """What the quarterly progress report is built from: the action log's movement in the quarter,
    open and overdue actions, the Delivery Plan actions the group's actions serve and its meetings."""
    start, end = calendar.quarter_bounds(year, quarter)
    log = action_log(body, today)
    meetings = list(Meeting.objects.filter(committee=body, date__range=(start, end)).exclude(status__in=NOT_MET))
    delivery = {row.action.delivery_action for row in log if row.action.delivery_action_id}
    return {
        "start": start, "end": end, "meetings": meetings,
        "completed": [r for r in log if r.action.updates.all() and not r.action.is_open
                      and any(start <= u.date <= end for u in r.action.updates.all())],
        "open": [r for r in log if r.action.is_open],
        "overdue": [r for r in log if r.overdue],
        "added": [r for r in log if r.action.source_meeting and start <= r.action.source_meeting.date <= end],
        "delivery_actions": sorted(delivery, key=lambda d: d.number),
        "tor": version_in_force(body, end),
    }


def previous_version(tor: TermsOfReference) -> TermsOfReference | None:
    return (TermsOfReference.objects.filter(body_id=tor.body_id, in_force_from__lt=tor.in_force_from)
            .prefetch_related("required_members").order_by("-in_force_from").first())


def tor_changes(old: TermsOfReference, new: TermsOfReference) -> list[tor_diff.FieldChange]:
    """What an amendment changed, field by field (added, removed or changed), the required members included."""
    return tor_diff.diff({n: getattr(old, n) for n in tor_diff.FIELDS}, {n: getattr(new, n) for n in tor_diff.FIELDS},
                         [r.name for r in old.required_members.all()], [r.name for r in new.required_members.all()])


def review_due_on(tor: TermsOfReference) -> dt.date | None:
    """When the version is due for review: its review date, or else so many months after it came into
    force (the configured cycle, "reviewed annually": review_months 12)."""
    if tor.review_date is not None:
        return tor.review_date
    if tor.review_months:
        return calendar.add_months(tor.in_force_from, tor.review_months)
    return None


def amendments(body: Committee):
    from saferhub.groups.models import TorAmendment

    return (TorAmendment.objects.filter(body=body).select_related("base", "agreed_at", "result", "proposed_by")
            .order_by("-proposed_on", "-pk"))
