"""GET /api/v1/search: the same search as the public page, as JSON (published material only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema

from saferhub.core.params import Id, IsoDate, Limit100
from saferhub.search.engine import search
from saferhub.search.models import SearchEntry

router = Router(tags=["search"])

Kind = Literal[tuple(SearchEntry.Kind.values)]
#: The deepest result the search reads (its count stops at 1,000 anyway).
SearchOffset = Annotated[int, Field(ge=0, le=10_000, description="Results to skip (0 to 10,000).")]


class SearchHit(Schema):
    kind: str
    title: str
    snippet: str
    url: str
    date: dt.date | None
    committee_id: int | None


class SearchOut(Schema):
    count: int
    capped: bool
    results: list[SearchHit]


@router.get("/search", response=SearchOut, summary="Full-text search of published documents and records")
def search_api(request, q: str = Query(..., max_length=200), committee: Id | None = None,
               kind: list[Kind] = Query(None), date_from: IsoDate | None = None, date_to: IsoDate | None = None,
               limit: Limit100 = 20, offset: SearchOffset = 0):
    results = search(q, public_only=True, committee_id=committee, kinds=kind or None, date_from=date_from,
                     date_to=date_to, limit=limit, offset=offset)
    return {"count": results.count, "capped": results.capped, "results": [
        {"kind": h.entry.kind, "title": h.entry.title, "snippet": str(h.snippet), "url": h.entry.url,
         "date": h.entry.date, "committee_id": h.entry.committee_id} for h in results.hits]}
