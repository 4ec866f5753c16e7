"""OParl 1.1 read-only endpoints at /oparl/v1/ (System, Body, lists and single objects).

Lists are paginated with keyset cursors (see ``pagination.py``) and take the protocol's
``created_since``, ``created_until``, ``modified_since`` and ``modified_until`` filters and
``limit``. Bad parameters answer 400 with a JSON message, unknown objects 404, never a 500.
Deleted objects answer 200 with ``"deleted": true`` (OParl 1.1 soft delete).
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.db.models import Max, Min
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from saferhub.core import calendar
from saferhub.core.params import parse_id
from saferhub.core.site import get_site_configuration
from saferhub.governance.models import Meeting
from saferhub.opendata import queries
from saferhub.opendata.middleware import content_version
from saferhub.opendata.models import OParlTombstone
from saferhub.opendata.oparl.pagination import BadRequest, Source, paginate
from saferhub.opendata.oparl.serializers import Context, venue_from_key

TERM = re.compile(r"^\d{4}-\d{2}$")
CACHE_SECONDS = 300


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int, parameter: str | None = None) -> JsonResponse:
    body = {"error": message, "status": status}
    if parameter:
        body["parameter"] = parameter
    return _json(body, status)


def _ctx(request) -> Context:
    return Context(root=f"{request.scheme}://{request.get_host()}")


def oparl_view(func):
    """GET and HEAD only; BadRequest answers 400 with the message."""

    @require_safe
    def wrapper(request, *args, **kwargs):
        try:
            return func(request, *args, **kwargs)
        except BadRequest as exc:
            return _error(exc.message, 400, exc.parameter)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _tombstone_source(ctx: Context, kind: str) -> Source:
    return Source(OParlTombstone.objects.filter(object_type=kind), ctx.tombstone_row, created_field="created",
                  modified_field="deleted_at")


def _tombstone_or_404(ctx: Context, kind: str, object_id: str) -> JsonResponse:
    row = OParlTombstone.objects.filter(object_type=kind, object_id=object_id).first()
    if row is None:
        return _error("There is no such object.", 404)
    return _json(ctx.tombstone_row(row))


def civic_years() -> list[str]:
    """Civic years (1 May to 30 April) from the first meeting to the last, cached."""
    key = f"saferhub:oparl:terms:{content_version()}"
    terms = cache.get(key)
    if terms is None:
        span = Meeting.objects.aggregate(first=Min("date"), last=Max("date"))
        terms = []
        if span["first"]:
            first = calendar.civic_year_start(span["first"]).year
            last = calendar.civic_year_start(span["last"]).year
            terms = [f"{y}-{(y + 1) % 100:02d}" for y in range(first, last + 1)]
        cache.set(key, terms, CACHE_SECONDS)
    return terms


def venues() -> list[str]:
    key = f"saferhub:oparl:venues:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = sorted(v for v in Meeting.objects.exclude(venue="").values_list("venue", flat=True).distinct() if v)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _single_page(data: list, base_url: str) -> dict:
    return {"data": data, "pagination": {"totalElements": len(data), "elementsPerPage": max(1, len(data)),
                                         "currentPage": 1, "totalPages": 1},
            "links": {"first": base_url, "last": base_url}}


# ---------------------------------------------------------------------------------------------
# System and Body
# ---------------------------------------------------------------------------------------------


@oparl_view
def system(request):
    return _json(_ctx(request).system(get_site_configuration()))


@oparl_view
def body_list(request):
    ctx = _ctx(request)
    return _json(_single_page([ctx.body(get_site_configuration(), civic_years())], f"{ctx.base}/body"))


@oparl_view
def body(request, pk):
    if pk != 1:
        return _error("There is no such body; this system has one, /oparl/v1/body/1.", 404)
    return _json(_ctx(request).body(get_site_configuration(), civic_years()))


# ---------------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------------


def _meeting_source(ctx: Context, qs=None) -> Source:
    qs = qs if qs is not None else queries.public_meetings()
    return Source(qs.select_related("committee", "papers").defer(*queries.COMMITTEE_TEXTS)
                  .prefetch_related(*queries.meeting_prefetches()), ctx.meeting,
                  attach=queries.attach_attendance)


LISTS = {
    "organization": lambda ctx: [
        Source(queries.public_committees(), ctx.committee, attach=queries.attach_committee_memberships),
        Source(queries.public_organisations(), ctx.organisation),
        _tombstone_source(ctx, "Organization"),
    ],
    "person": lambda ctx: [
        Source(queries.public_people(), ctx.person, attach=queries.attach_memberships),
        _tombstone_source(ctx, "Person"),
    ],
    "membership": lambda ctx: [
        Source(queries.public_memberships().select_related("seat"), ctx.membership),
        Source(queries.public_group_memberships(), ctx.group_membership),  # a Partnership group's members
        _tombstone_source(ctx, "Membership"),
    ],
    "meeting": lambda ctx: [_meeting_source(ctx), _tombstone_source(ctx, "Meeting")],
    "agendaitem": lambda ctx: [
        Source(queries.public_agenda_items().select_related("meeting", "meeting__papers", "cover_report")
               .prefetch_related(*queries.agenda_item_prefetches()), ctx.agenda_item),
        _tombstone_source(ctx, "AgendaItem"),
    ],
    "paper": lambda ctx: [
        Source(queries.public_reports().select_related("agenda_item__meeting__committee")
               .prefetch_related(*queries.report_prefetches()), ctx.paper),
        _tombstone_source(ctx, "Paper"),
    ],
    "consultation": lambda ctx: [
        Source(queries.public_reports().select_related("agenda_item__meeting"), ctx.consultation),
        _tombstone_source(ctx, "Consultation"),
    ],
    "file": lambda ctx: [
        Source(queries.public_documents().defer("text"), ctx.file),
        _tombstone_source(ctx, "File"),
    ],
}


@oparl_view
def body_list_of(request, pk, kind):
    if pk != 1:
        return _error("There is no such body; this system has one, /oparl/v1/body/1.", 404)
    ctx = _ctx(request)
    base_url = f"{ctx.body_id}/{kind}"
    if kind == "location":
        return _json(_single_page([ctx.location(v) for v in venues()], base_url))
    if kind == "legislativeterm":
        return _json(_single_page([ctx.legislative_term(t) for t in civic_years()], base_url))
    if kind not in LISTS:
        return _error("There is no such list.", 404)
    return _json(paginate(request, LISTS[kind](ctx), base_url))


@oparl_view
def organization_meetings(request, object_id):
    ctx = _ctx(request)
    committee_id = parse_id(object_id[1:]) if object_id.startswith("c") else None
    if committee_id is None:
        return _error("Only committees have meetings.", 404)
    if not queries.public_committees().filter(pk=committee_id).exists():
        return _error("There is no such object.", 404)  # a private body has no open data, not even its name
    qs = queries.public_meetings().filter(committee_id=committee_id)
    return _json(paginate(request, [_meeting_source(ctx, qs)], f"{ctx.base}/organization/{object_id}/meeting"))


# ---------------------------------------------------------------------------------------------
# Single objects
# ---------------------------------------------------------------------------------------------


@oparl_view
def organization(request, object_id):
    ctx = _ctx(request)
    prefix, number = object_id[:1], parse_id(object_id[1:])
    if prefix not in ("c", "o") or number is None:
        return _error("There is no such object.", 404)
    if prefix == "c":
        found = queries.public_committees().filter(pk=number).first()
        if found is not None:
            queries.attach_committee_memberships([found])
            return _json(ctx.committee(found))
    else:
        found = queries.public_organisations().filter(pk=number).first()
        if found is not None:
            return _json(ctx.organisation(found))
    return _tombstone_or_404(ctx, "Organization", object_id)


def _single(kind: str, queryset_for, serialise_for):
    @oparl_view
    def view(request, pk):
        ctx = _ctx(request)
        found = queryset_for().filter(pk=pk).first()
        if found is not None:
            return _json(serialise_for(ctx)(found))
        return _tombstone_or_404(ctx, kind, str(pk))

    view.__name__ = kind.lower()
    return view


def _person_with_memberships(ctx: Context):
    def serialise(person):
        queries.attach_memberships([person])
        return ctx.person(person)

    return serialise


person = _single("Person", queries.public_people, _person_with_memberships)
membership = _single("Membership", lambda: queries.public_memberships().select_related("seat"), lambda ctx: ctx.membership)


@oparl_view
def group_membership(request, pk):
    """A public Partnership group's member (``membership/g<id>``); a private group's answers 404."""
    ctx = _ctx(request)
    found = queries.public_group_memberships().filter(pk=pk).first()
    if found is not None:
        return _json(ctx.group_membership(found))
    return _tombstone_or_404(ctx, "Membership", f"g{pk}")


def _meeting_with_attendance(ctx: Context):
    def serialise(meeting):
        queries.attach_attendance([meeting])
        return ctx.meeting(meeting)

    return serialise


meeting = _single("Meeting", lambda: queries.public_meetings().select_related("committee", "papers")
                  .defer(*queries.COMMITTEE_TEXTS).prefetch_related(*queries.meeting_prefetches()), _meeting_with_attendance)
agenda_item = _single("AgendaItem", lambda: queries.public_agenda_items().select_related("meeting", "meeting__papers", "cover_report")
                      .prefetch_related(*queries.agenda_item_prefetches()), lambda ctx: ctx.agenda_item)
paper = _single("Paper", lambda: queries.public_reports().select_related("agenda_item__meeting__committee")
                .prefetch_related(*queries.report_prefetches()), lambda ctx: ctx.paper)
consultation = _single("Consultation", lambda: queries.public_reports().select_related("agenda_item__meeting"),
                       lambda ctx: ctx.consultation)
file = _single("File", lambda: queries.public_documents().defer("text"), lambda ctx: ctx.file)


@oparl_view
def location(request, key):
    ctx = _ctx(request)
    venue = venue_from_key(key)
    if not venue or "\x00" in venue or len(venue) > 200 or not Meeting.objects.filter(venue=venue).exists():
        return _error("There is no such location.", 404)
    return _json(ctx.location(venue))


@oparl_view
def legislative_term(request, label):
    if not TERM.match(label):
        return _error("There is no such legislative term; civic years are written 2022-23.", 404)
    try:
        calendar.civic_year_bounds(label)
    except ValueError:
        return _error("There is no such legislative term; civic years are written 2022-23.", 404)
    return _json(_ctx(request).legislative_term(label))
