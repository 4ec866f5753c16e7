"""Read-only selectors for open data: only what is public, with a fixed number of queries.

What is public (the same as the public web pages):
- public committees (not private Partnership groups) and organisations that are councils or partnerships or that a committee,
  seat or person on a committee is tied to;
- people who are councillors or have sat on a public committee or a public Partnership group (the group's public
  page names its members; officers who only attend are not published);
- members of public Partnership groups as Memberships (``g<id>``); a private group's members never;
- every meeting and its agenda; attendance, decisions and declarations only once the meeting's
  record is published (``record_published``);
- documents once published (``published_at``), reported as deleted once withdrawn;
- cover reports once their meeting's agenda is published.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Exists, Max, Min, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from saferhub.core.models import Organisation, Person
from saferhub.core.models.organisations import COUNCIL_KINDS
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    Membership,
    Recommendation,
    Seat,
    took_place_q,
)
from saferhub.groups.models import ChairTerm, GroupMembership
from saferhub.papers.models import CoverReport, Document

PUBLIC_ORGANISATION_KINDS = {*COUNCIL_KINDS, "partnership"}


def public_organisations():
    return Organisation.objects.filter(
        Q(kind__in=PUBLIC_ORGANISATION_KINDS)
        | Exists(Seat.objects.filter(organisation=OuterRef("pk")))
        | Exists(Committee.objects.filter(organisation=OuterRef("pk")))
        | Exists(Committee.objects.filter(scrutinises=OuterRef("pk")))
        | Exists(GroupMembership.objects.filter(organisation=OuterRef("pk"), body__is_public=True))
    )


def public_committees():
    # A private Partnership group is not open data (issue 11); the parent is read to link it only if public.
    return Committee.objects.filter(is_public=True).select_related("parent")


def public_people():
    """The governance rule for personal data, applied to groups too: a person is published (name and form of
    address only, never contact details or job title) when a councillor or a member of a public body, whose
    public page names them; a member only of private bodies, or an officer who only attends, is not."""
    return Person.objects.filter(
        Q(is_councillor=True)
        | Exists(Membership.objects.filter(person=OuterRef("pk"), committee__is_public=True))
        | Exists(GroupMembership.objects.filter(person=OuterRef("pk"), body__is_public=True))
    )


def public_memberships():
    return Membership.objects.filter(committee__is_public=True)


def _current_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))


def public_group_memberships(today: dt.date | None = None):
    """Members of public Partnership groups (never a private group's), each annotated ``chair`` ("chair",
    "co_chair" or "") when the member holds a chair's term today."""
    today = today or timezone.localdate()
    terms = ChairTerm.objects.filter(_current_q(today), body=OuterRef("body"), person=OuterRef("person"))
    current = _current_q(today)
    return GroupMembership.objects.filter(body__is_public=True).annotate(chair=Case(
        When(current & Exists(terms.filter(co_chair=False)), then=Value("chair")),
        When(current & Exists(terms.filter(co_chair=True)), then=Value("co_chair")),
        default=Value(""),
    ))


def public_meetings():
    return Meeting.objects.filter(committee__is_public=True)


def public_agenda_items():
    return AgendaItem.objects.filter(meeting__committee__is_public=True)


def agenda_published_q(prefix: str = "") -> Q:
    """Meetings whose agenda is public: published papers, or a published record of a meeting that
    took place (the same test as the agenda page)."""
    return Q(**{f"{prefix}papers__published_at__isnull": False}) | (
        Q(**{f"{prefix}record_published": True}) & took_place_q(prefix)
    )


def public_reports():
    """Cover reports of published agendas; withdrawn ones stay (reported as deleted)."""
    return CoverReport.objects.filter(status=CoverReport.Status.FINAL, agenda_item__exemption__isnull=True).filter(
        agenda_published_q("agenda_item__meeting__")
    )


def public_documents():
    """Published documents; withdrawn ones stay (reported as deleted)."""
    return Document.objects.filter(published_at__isnull=False).exclude(cover_report__agenda_item__exemption__isnull=False)


# ---------------------------------------------------------------------------------------------
# Prefetches for the OParl pages (each one query whatever the page size)
# ---------------------------------------------------------------------------------------------

LIVE_DOCUMENTS = Document.objects.filter(published_at__isnull=False, deleted_at__isnull=True).defer("text").order_by(
    "kind", "position", "id"
)


def meeting_prefetches() -> list:
    decisions = Decision.objects.only("id", "agenda_item_id", "sequence", "verb", "text").order_by("sequence").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.select_related(
            "addressee_organisation", "addressee_committee"))
    )
    items = (AgendaItem.objects.select_related("cover_report")
             .only("id", "meeting_id", "position", "number", "title", "carry_forward", "created_at", "updated_at",
                   "cover_report__id", "cover_report__status", "cover_report__deleted_at")
             .order_by("position")
             .prefetch_related(Prefetch("decisions", queryset=decisions)))
    return [
        Prefetch("agenda_items", queryset=items),
        Prefetch("documents", queryset=LIVE_DOCUMENTS, to_attr="live_documents"),
    ]


ATTENDANCE_FIELDS = ("meeting_id", "person_id", "role", "status", "voting", "substitute_for_id", "recorded_name",
                     "title", "person__honorific", "person__name")


def attach_attendance(meetings: list) -> None:
    """Set ``oparl_attendance`` (tuples of ATTENDANCE_FIELDS, in printed order) on meetings whose
    record is published, in one query. Plain tuples: a page of twenty meetings has some three
    hundred rows, and model instances would cost more than the rest of the page."""
    published = [m for m in meetings if m.record_published]
    rows: dict[int, list[tuple]] = {m.pk: [] for m in published}
    if published:
        for row in (Attendance.objects.filter(meeting_id__in=list(rows)).order_by("meeting_id", "position", "id")
                    .values_list(*ATTENDANCE_FIELDS)):
            rows[row[0]].append(row)
    for m in meetings:
        m.oparl_attendance = rows.get(m.pk, [])


#: Long committee texts a meeting's OParl object never shows.
COMMITTEE_TEXTS = ("committee__role_text", "committee__legal_basis", "committee__inquorate_minute_template")


def agenda_item_prefetches() -> list:
    return [Prefetch("decisions", queryset=Decision.objects.order_by("sequence")),
            Prefetch("cover_report__annexes", queryset=LIVE_DOCUMENTS, to_attr="live_annexes")]


MEMBERSHIP_FIELDS = ("person_id", "id", "committee_id", "role", "voting", "start_date", "end_date", "created_at",
                     "updated_at", "seat__number", "seat__organisation_id")


#: A group member's Membership, as a tuple (embedded in Person): ``chair`` is the annotation of
#: ``public_group_memberships``.
GROUP_MEMBERSHIP_FIELDS = ("person_id", "id", "body_id", "kind", "start_date", "end_date", "created_at", "updated_at",
                           "organisation_id", "chair")


def attach_committee_memberships(committees: list) -> None:
    """Set ``oparl_membership_ids`` on committees (every membership, past and present: the committee's, then a
    Partnership group's members as ``g<id>``), in two queries."""
    ids: dict[int, list] = {c.pk: [] for c in committees}
    if ids:
        for committee_id, pk in (Membership.objects.filter(committee_id__in=list(ids)).order_by("committee_id", "id")
                                 .values_list("committee_id", "id")):
            ids[committee_id].append(pk)
        for body_id, pk in (GroupMembership.objects.filter(body_id__in=list(ids), body__is_public=True)
                            .order_by("body_id", "id").values_list("body_id", "id")):
            ids[body_id].append(f"g{pk}")
    for c in committees:
        c.oparl_membership_ids = ids.get(c.pk, [])


def attach_memberships(people: list) -> None:
    """Set ``oparl_memberships`` (tuples of MEMBERSHIP_FIELDS) and ``oparl_group_memberships`` (tuples of
    GROUP_MEMBERSHIP_FIELDS) on people, one query each, public bodies only: a page of twenty councillors
    embeds some three hundred memberships."""
    rows: dict[int, list[tuple]] = {p.pk: [] for p in people}
    group_rows: dict[int, list[tuple]] = {p.pk: [] for p in people}
    if rows:
        for row in (public_memberships().filter(person_id__in=list(rows)).order_by("person_id", "start_date", "id")
                    .values_list(*MEMBERSHIP_FIELDS)):
            rows[row[0]].append(row)
        for row in (public_group_memberships().filter(person_id__in=list(rows))
                    .order_by("person_id", "start_date", "id").values_list(*GROUP_MEMBERSHIP_FIELDS)):
            group_rows[row[0]].append(row)
    for p in people:
        p.oparl_memberships = rows.get(p.pk, [])
        p.oparl_group_memberships = group_rows.get(p.pk, [])


def report_prefetches() -> list:
    return [Prefetch("annexes", queryset=LIVE_DOCUMENTS, to_attr="live_annexes")]


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------


def calendar_meetings(*, committee: Committee | None = None, start: dt.date | None = None, end: dt.date | None = None):
    qs = Meeting.objects.select_related("committee").only(
        "id", "date", "date_precision", "start_time", "venue", "status", "committee__name", "committee__short_name",
        "committee__slug",
    ).filter(committee__is_public=True)
    if committee is not None:
        qs = qs.filter(committee=committee)
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    return qs


def calendar_years(committee: Committee | None = None) -> tuple[int, int]:
    """The years the calendar can show: from the first year with a public meeting to the year after
    the last (this year when there are none). One query."""
    qs = Meeting.objects.filter(committee__is_public=True)
    if committee is not None:
        qs = qs.filter(committee=committee)
    bounds = qs.aggregate(first=Min("date"), last=Max("date"))
    this_year = timezone.localdate().year
    first = bounds["first"].year if bounds["first"] else this_year
    last = bounds["last"].year + 1 if bounds["last"] else this_year
    return min(first, this_year), max(last, this_year)


def upcoming_meetings(committee: Committee | None = None, limit: int = 30) -> list[Meeting]:
    today = timezone.localdate()
    return list(calendar_meetings(committee=committee, start=today).order_by("date", "start_time", "id")[:limit])


def recent_meetings(committee: Committee | None = None, limit: int = 20) -> list[Meeting]:
    today = timezone.localdate()
    return list(calendar_meetings(committee=committee, end=today - dt.timedelta(days=1))
                .order_by("-date", "-start_time", "-id")[:limit])


def feed_meetings(committee: Committee):
    return Meeting.objects.filter(committee=committee, committee__is_public=True, date_precision="day").select_related(
        "committee", "postponed_to")


def published_decisions(committee: Committee | None = None):
    qs = Decision.objects.filter(agenda_item__meeting__record_published=True,
                                 agenda_item__meeting__committee__is_public=True).select_related(
        "agenda_item__meeting__committee")
    if committee is not None:
        qs = qs.filter(agenda_item__meeting__committee=committee)
    return qs.order_by("-agenda_item__meeting__date", "-id")


def decisions_list(committee: Committee, *, start: dt.date | None = None, end: dt.date | None = None,
                   verb: str = "", text: str = ""):
    """Every published decision of a public committee, newest first, filtered by meeting date, verb
    and words in the decision or its item's title."""
    qs = published_decisions(committee).prefetch_related("recommendations__addressee_organisation",
                                                         "recommendations__addressee_committee")
    if start:
        qs = qs.filter(agenda_item__meeting__date__gte=start)
    if end:
        qs = qs.filter(agenda_item__meeting__date__lte=end)
    if verb:
        qs = qs.filter(verb=verb)
    for word in text.split()[:8]:
        qs = qs.filter(Q(text__icontains=word) | Q(agenda_item__title__icontains=word))
    return qs.order_by("-agenda_item__meeting__date", "agenda_item__position", "sequence", "id")


def published_documents(committee: Committee | None = None):
    """Newly published documents for feeds: the web page of generated papers, and uploaded files."""
    qs = (Document.objects.filter(published_at__isnull=False, deleted_at__isnull=True)
          .filter(Q(generated=False) | Q(format="html"))
          .select_related("committee", "meeting").defer("text"))
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs.order_by("-published_at", "-id")
