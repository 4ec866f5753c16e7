"""OParl object lists: keyset pagination over one or more sources, with the protocol's filters.

A list may draw on several sources in turn (committees then organisations, then tombstones of
deleted ones). The cursor ``after=<source>.<pk>`` means "everything up to that row"; every page,
wherever it is in the list, costs the same queries: one per source read, one or two for ``prev``
and ``last``, and a count (cached for a minute). No OFFSET, so deep pages are as cheap as the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from saferhub.core.params import MAX_DATE, MIN_DATE, parse_int
from saferhub.opendata.middleware import content_version

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
CURSOR = re.compile(r"^([0-9]{1,2})\.([0-9]{1,18})$")
COUNT_SECONDS = 60


class BadRequest(Exception):
    """A list parameter the client must fix (answered 400 with a JSON message)."""

    def __init__(self, message: str, parameter: str):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


@dataclass
class Source:
    """A queryset ordered by primary key, what to prefetch, and how to serialise each row."""

    queryset: object
    serialise: Callable
    created_field: str | None = "created_at"
    modified_field: str | None = "updated_at"
    attach: Callable | None = None  # attach(rows): one more query for the whole page, if needed

    def filtered(self, params: ListParams):
        qs = self.queryset
        bounds = {
            "created_since": (self.created_field, "gte"), "created_until": (self.created_field, "lte"),
            "modified_since": (self.modified_field, "gte"), "modified_until": (self.modified_field, "lte"),
        }
        for key, (field, op) in bounds.items():
            value = params.filters.get(key)
            if value is not None and field:
                qs = qs.filter(**{f"{field}__{op}": value})
        return qs


@dataclass
class ListParams:
    limit: int
    cursor: tuple[int, int] | None
    filters: dict[str, dt.datetime]
    raw_filters: dict[str, str]


def parse_moment(value: str, name: str) -> dt.datetime:
    """An ISO 8601 date-time (with or without offset) or a date, as an aware datetime."""
    parsed = None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))  # a "+" in an offset often arrives as a space
        if parsed is None:
            day = parse_date(value)
            if day is not None:
                parsed = dt.datetime.combine(day, dt.time.min)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadRequest(f"{name} must be an ISO 8601 date-time such as 2024-05-01T00:00:00+01:00, or a date "
                         "such as 2024-05-01.", name)
    if not MIN_DATE <= parsed.date() <= MAX_DATE:
        raise BadRequest(f"{name} must fall between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}.", name)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def parse_params(query) -> ListParams:
    try:
        limit = parse_int(query.get("limit"), low=1, high=MAX_LIMIT) or DEFAULT_LIMIT
    except ValueError:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}.", "limit") from None
    cursor = None
    raw_after = query.get("after")
    if raw_after is not None:
        match = CURSOR.match(raw_after)
        if not match:
            raise BadRequest("after must be a cursor taken from a next, prev or last link.", "after")
        cursor = (int(match.group(1)), int(match.group(2)))
    filters, raw = {}, {}
    for name in FILTERS:
        value = query.get(name)
        if value is not None:
            filters[name] = parse_moment(value, name)
            raw[name] = value
    for a, b in (("created_since", "created_until"), ("modified_since", "modified_until")):
        if a in filters and b in filters and filters[a] > filters[b]:
            raise BadRequest(f"{a} must not be later than {b}.", a)
    return ListParams(limit=limit, cursor=cursor, filters=filters, raw_filters=raw)


def _forward(sources, querysets, start: tuple[int, int] | None, want: int) -> list[tuple[int, object]]:
    """Up to ``want`` rows after ``start``, walking the sources in order."""
    rows: list[tuple[int, object]] = []
    first_source, after_pk = start if start else (0, 0)
    for index in range(first_source, len(sources)):
        qs = querysets[index]
        if index == first_source and after_pk:
            qs = qs.filter(pk__gt=after_pk)
        rows.extend((index, obj) for obj in qs.order_by("pk")[: want - len(rows)])
        if len(rows) >= want:
            break
    return rows


def _backward_cursor(querysets, end: tuple[int, int] | None, count: int) -> tuple[int, int] | None:
    """The cursor that starts a page of ``count`` rows ending at ``end`` (inclusive) or at the end
    of the list; None when that page is the first."""
    last_source = end[0] if end else len(querysets) - 1
    seen = 0
    for index in range(last_source, -1, -1):
        qs = querysets[index]
        if end and index == end[0]:
            qs = qs.filter(pk__lte=end[1])
        pks = list(qs.order_by("-pk").values_list("pk", flat=True)[: count + 1 - seen])
        if seen + len(pks) > count:
            return (index, pks[count - seen])
        seen += len(pks)
    return None


def _count(sources, querysets, key: str) -> int:
    total = cache.get(key)
    if total is None:
        total = sum(qs.count() for qs in querysets)
        cache.set(key, total, COUNT_SECONDS)
    return total


def paginate(request, sources: list[Source], base_url: str) -> dict:
    """Build an OParl list page: ``data``, ``pagination`` and ``links``."""
    params = parse_params(request.GET)
    if params.cursor and params.cursor[0] >= len(sources):
        raise BadRequest("after must be a cursor taken from a next, prev or last link.", "after")
    querysets = [s.filtered(params) for s in sources]
    rows = _forward(sources, querysets, params.cursor, params.limit + 1)
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    for index, source in enumerate(sources):
        if source.attach is not None:
            source.attach([obj for i, obj in rows if i == index])
    data = [sources[index].serialise(obj) for index, obj in rows]

    def link(cursor: tuple[int, int] | None) -> str:
        query = dict(params.raw_filters)
        if params.limit != DEFAULT_LIMIT:
            query["limit"] = str(params.limit)
        if cursor:
            query["after"] = f"{cursor[0]}.{cursor[1]}"
        return base_url + ("?" + urlencode(query) if query else "")

    links = {"first": link(None)}
    if params.cursor:
        links["prev"] = link(_backward_cursor(querysets, params.cursor, params.limit))
    if more:
        links["next"] = link((rows[-1][0], rows[-1][1].pk))
    links["last"] = link(_backward_cursor(querysets, None, params.limit))
    key = (f"saferhub:oparl:count:{content_version()}:{base_url.split('/oparl/', 1)[-1]}:"
           + urlencode(sorted(params.raw_filters.items())))
    total = _count(sources, querysets, key)
    pagination = {
        "totalElements": total,
        "elementsPerPage": params.limit,
        "totalPages": max(1, -(-total // params.limit)),
    }
    return {"data": data, "pagination": pagination, "links": links}
