"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search.

Both engines index the same Python-computed stems (Snowball English), so they match the same rows
for the same query. Ranking is portable and identical on both: entries whose title contains every
query word first, then newest first, then by id. Snippets are cut from the original text in
Python, with the matched words marked, so they are identical too.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass

import snowballstemmer
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from saferhub.search.models import SearchEntry

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:'[a-z]+)?")
MAX_TERMS = 8
MAX_COUNT = 1000


@functools.lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem_word(w.lower().replace("'", "")) for w in _WORD.findall(text or "")]


def stem_text(text: str) -> str:
    return " ".join(stems(text))


@dataclass
class Hit:
    entry: SearchEntry
    snippet: SafeString
    title_hit: bool


@dataclass
class Results:
    hits: list[Hit]
    count: int
    capped: bool
    terms: list[str]


def _filters(*, public_only: bool, committee_id: int | None, kinds: list[str] | None, date_from, date_to):
    sql, params = [], []
    if public_only:
        sql.append("e.is_public = %s")
        params.append(True)
    if committee_id:
        sql.append("e.committee_id = %s")
        params.append(committee_id)
    if kinds:
        sql.append("e.kind IN (" + ",".join(["%s"] * len(kinds)) + ")")
        params += list(kinds)
    if date_from:
        sql.append("e.date >= %s")
        params.append(date_from)
    if date_to:
        sql.append("e.date <= %s")
        params.append(date_to)
    return sql, params


#: PostgreSQL: title words weigh A, body words B, so a query can ask for title words alone.
TSV = "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"

#: Above this many matches, a query walks the entries newest first and stops at the page it
#: needs; below it, the matches are fetched from the full-text index and sorted.
SMALL_SET = 20_000


class _Engine:
    """The engine-specific SQL for one query: which entries match every term (``all``) and
    which match every term in their title (``title``)."""

    def __init__(self, terms: list[str]):
        self.terms = terms
        if connection.vendor == "postgresql":
            self.all_param = " & ".join(terms)
            self.title_param = " & ".join(f"{t}:A" for t in terms)
        else:
            self.all_param = " AND ".join(f'"{t}"' for t in terms)
            self.title_param = " AND ".join(f'title_stems : "{t}"' for t in terms)

    def probe(self, which: str) -> str:
        """A condition on the entry ``e`` for ``which`` (``all``, ``title`` or ``body``: all but title)."""
        if connection.vendor == "postgresql":
            return {"all": "e.tsv @@ to_tsquery('simple', %s)", "title": "e.tsv @@ to_tsquery('simple', %s)",
                    "body": "e.tsv @@ to_tsquery('simple', %s) AND NOT e.tsv @@ to_tsquery('simple', %s)"}[which]
        one = "EXISTS (SELECT 1 FROM search_fts f WHERE f.search_fts MATCH %s AND f.rowid = e.id)"
        return {"all": one, "title": one, "body": f"{one} AND NOT {one}"}[which]

    def params(self, which: str) -> list[str]:
        return {"all": [self.all_param], "title": [self.title_param], "body": [self.all_param, self.title_param]}[which]

    def matches_capped(self, which: str, cap: int, cursor) -> int:
        """How many entries match (whatever the filters), counting no further than ``cap``."""
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM search_searchentry e WHERE {self.probe(which)} "  # noqa: S608 (fragments are constants; user input is bound)
                           f"LIMIT {int(cap)}) t", self.params(which))
        else:
            match = {"all": self.all_param, "title": self.title_param,
                     "body": f"({self.all_param}) NOT ({self.title_param})"}[which]
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608 (fragments are constants; user input is bound)
                           f"LIMIT {int(cap)})", [match])
        return cursor.fetchone()[0]

    def source(self, which: str, small: bool, walk_by_date: bool = False) -> tuple[str, list]:
        """The FROM and WHERE for ``which``: a small set is read from the full-text index and sorted;
        a large one is walked newest first, each entry probed, so the walk stops at the page."""
        if connection.vendor == "sqlite" and small:
            match = {"all": self.all_param, "title": self.title_param,
                     "body": f"({self.all_param}) NOT ({self.title_param})"}[which]
            return "search_searchentry e WHERE e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", [match]
        if connection.vendor == "sqlite" and walk_by_date:
            return f"search_searchentry e INDEXED BY search_entry_date WHERE {self.probe(which)}", self.params(which)
        return f"search_searchentry e WHERE {self.probe(which)}", self.params(which)


def _order() -> str:
    # Newest first, undated last, then by id: SQLite sorts NULL lowest, so DESC puts it last; on
    # PostgreSQL the index is built DESC NULLS LAST to match.
    return "e.date DESC NULLS LAST, e.id DESC" if connection.vendor == "postgresql" else "e.date DESC, e.id DESC"


def _ids(cursor, engine: _Engine, which: str, small: bool, where: list[str], params: list, limit: int,
         offset: int, walk_by_date: bool) -> list[int]:
    base, base_params = engine.source(which, small, walk_by_date)
    head, _, cond = base.partition(" WHERE ")
    # The filters come first, so that a walk probes the full-text index only for entries they keep.
    cursor.execute(f"SELECT e.id FROM {head} WHERE {' AND '.join([*where, cond])} ORDER BY {_order()} "  # noqa: S608 (fragments are constants; user input is bound)
                   "LIMIT %s OFFSET %s", [*params, *base_params, limit, offset])
    return [r[0] for r in cursor.fetchall()]


def search(query: str, *, public_only: bool = True, committee_id: int | None = None, kinds: list[str] | None = None,
           date_from: dt.date | None = None, date_to: dt.date | None = None, limit: int = 20,
           offset: int = 0) -> Results:
    """Entries matching every word of ``query`` (stemmed), best first: entries with every word in
    their title, then the others; newest first within each, undated last, then by id."""
    terms = list(dict.fromkeys(t for t in stems(query) if t))[:MAX_TERMS]
    if not terms:
        return Results([], 0, False, [])
    where, params = _filters(public_only=public_only, committee_id=committee_id, kinds=kinds, date_from=date_from,
                             date_to=date_to)
    engine = _Engine(terms)
    with connection.cursor() as cursor:
        small_all = engine.matches_capped("all", SMALL_SET, cursor) < SMALL_SET
        small_title = small_all or engine.matches_capped("title", SMALL_SET, cursor) < SMALL_SET
        small_body = small_all or engine.matches_capped("body", SMALL_SET, cursor) < SMALL_SET
        # Walk newest first along the date index unless a committee narrows the entries more.
        by_date = committee_id is None
        title_ids = _ids(cursor, engine, "title", small_title, where, params, limit + offset, 0, by_date)
        page = title_ids[offset:offset + limit]
        if len(page) < limit:
            body_offset = max(0, offset - len(title_ids))
            page += _ids(cursor, engine, "body", small_body, where, params, limit - len(page), body_offset, by_date)
        base, base_params = engine.source("all", small_all)
        head, _, cond = base.partition(" WHERE ")
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {head} WHERE {' AND '.join(where + [cond])} "  # noqa: S608 (fragments are constants; user input is bound)
                       f"LIMIT {MAX_COUNT + 1}) t", [*params, *base_params])
        count = cursor.fetchone()[0]
    title_set = set(title_ids)
    entries = SearchEntry.objects.in_bulk(page)
    hits = [Hit(entries[i], snippet(entries[i].body, terms), i in title_set) for i in page if i in entries]
    return Results(hits, min(count, MAX_COUNT), count > MAX_COUNT, terms)


def snippet(text: str, terms: list[str], width: int = 240) -> SafeString:
    """A window of ``text`` around the first matched word, with every matched word in <mark>."""
    words = list(_WORD.finditer(text))
    wanted = set(terms)
    positions = [m for m in words if stem_word(m.group(0).lower().replace("'", "")) in wanted]
    if positions:
        # The window holding the most different query words, so "community trigger" shows both.
        best = positions[0]
        best_score = 0
        for m in positions:
            inside = {stem_word(p.group(0).lower().replace("'", "")) for p in positions
                      if m.start() <= p.start() <= m.start() + width // 2}
            if len(inside) > best_score:
                best, best_score = m, len(inside)
        centre = best.start()
        start = max(0, centre - width // 3)
        end = min(len(text), start + width)
    else:
        start, end = 0, min(len(text), width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    out = []
    cursor = start
    for m in positions:
        if m.start() < start or m.end() > end:
            continue
        out.append(html.escape(text[cursor:m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        cursor = m.end()
    out.append(html.escape(text[cursor:end]))
    body = " ".join("".join(out).split())
    return mark_safe(("… " if start > 0 else "") + body + (" …" if end < len(text) else ""))  # noqa: S308


def index_entries(rows: list[dict]) -> None:
    """Add or replace many records in the index at once (``rows`` as for ``index_entry``)."""
    if not rows:
        return
    entries = []
    for row in rows:
        record = row["record"]
        title = (row["title"] or "")[:300]
        body = row["body"] or ""
        entries.append(SearchEntry(
            record_type=f"{record._meta.app_label}.{record._meta.model_name}", record_id=str(record.pk),
            kind=row["kind"], title=title, body=body, title_stems=stem_text(title), body_stems=stem_text(body),
            url=row["url"][:300], committee_id=row["committee_id"], date=row["date"], is_public=row["is_public"]))
    keys = {(e.record_type, e.record_id) for e in entries}
    old = []
    for record_type in {k[0] for k in keys}:
        ids = [k[1] for k in keys if k[0] == record_type]
        old += list(SearchEntry.objects.filter(record_type=record_type, record_id__in=ids).values_list("id", flat=True))
    with connection.cursor() as cursor:
        if old and connection.vendor == "sqlite":
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [[i] for i in old])
    SearchEntry.objects.filter(id__in=old).delete()
    created = SearchEntry.objects.bulk_create(entries, batch_size=500)
    if any(e.pk is None for e in created):
        created = list(SearchEntry.objects.filter(record_type__in={k[0] for k in keys}).filter(
            record_id__in={k[1] for k in keys}))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(f"UPDATE search_searchentry SET tsv = {TSV} WHERE id = %s",  # noqa: S608 (fragments are constants; user input is bound)
                               [[e.title_stems, e.body_stems, e.pk] for e in created])
        else:
            cursor.executemany("INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (%s, %s, %s)",
                               [[e.pk, e.title_stems, e.body_stems] for e in created])


def index_entry(*, record, kind: str, title: str, body: str, url: str, committee_id, date, is_public: bool) -> None:
    """Add or replace one record in the index (both the table and the engine's full-text index)."""
    record_type = f"{record._meta.app_label}.{record._meta.model_name}"
    title = (title or "")[:300]
    entry, _ = SearchEntry.objects.update_or_create(
        record_type=record_type, record_id=str(record.pk),
        defaults={"kind": kind, "title": title, "body": body or "", "title_stems": stem_text(title),
                  "body_stems": stem_text(body), "url": url[:300], "committee_id": committee_id, "date": date,
                  "is_public": is_public},
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"UPDATE search_searchentry SET tsv = {TSV} WHERE id = %s",  # noqa: S608 (fragments are constants; user input is bound)
                           [entry.title_stems, entry.body_stems, entry.pk])
        else:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute("INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (%s, %s, %s)",
                           [entry.pk, entry.title_stems, entry.body_stems])
