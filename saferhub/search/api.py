"""GET /api/v1/search: the same search as the public page, as JSON (published material only)."""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema

from saferhub.search.engine import search

router = Router(tags=["search"])


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
def search_api(request, q: str = Query(..., max_length=200), committee: int | None = None,
               kind: list[str] = Query(None), date_from: dt.date | None = None, date_to: dt.date | None = None,
               limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0, le=10000)):
    results = search(q, public_only=True, committee_id=committee, kinds=kind or None, date_from=date_from,
                     date_to=date_to, limit=limit, offset=offset)
    return {"count": results.count, "capped": results.capped, "results": [
        {"kind": h.entry.kind, "title": h.entry.title, "snippet": str(h.snippet), "url": h.entry.url,
         "date": h.entry.date, "committee_id": h.entry.committee_id} for h in results.hits]}
