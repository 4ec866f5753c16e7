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


def search(query: str, *, public_only: bool = True, committee_id: int | None = None, kinds: list[str] | None = None,
           date_from: dt.date | None = None, date_to: dt.date | None = None, limit: int = 20,
           offset: int = 0) -> Results:
    """Entries matching every word of ``query`` (stemmed), best first."""
    terms = list(dict.fromkeys(t for t in stems(query) if t))[:MAX_TERMS]
    if not terms:
        return Results([], 0, False, [])
    where, params = _filters(public_only=public_only, committee_id=committee_id, kinds=kinds, date_from=date_from,
                             date_to=date_to)
    title_expr = " AND ".join(["(' ' || e.title_stems || ' ') LIKE %s"] * len(terms))
    title_params = [f"% {t} %" for t in terms]
    if connection.vendor == "postgresql":
        match = "e.tsv @@ to_tsquery('simple', %s)"
        match_params = [" & ".join(terms)]
        base = f"FROM search_searchentry e WHERE {match}" + "".join(f" AND {w}" for w in where)
    else:
        fts = " AND ".join(f'"{t}"' for t in terms)
        match = "e.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        match_params = [fts]
        base = f"FROM search_searchentry e WHERE {match}" + "".join(f" AND {w}" for w in where)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id, CASE WHEN {title_expr} THEN 1 ELSE 0 END AS title_hit {base} "
            f"ORDER BY title_hit DESC, CASE WHEN e.date IS NULL THEN 1 ELSE 0 END, e.date DESC, e.id DESC "
            f"LIMIT %s OFFSET %s",
            [*title_params, *match_params, *params, limit, offset],
        )
        rows = cursor.fetchall()
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT {MAX_COUNT + 1}) t", [*match_params, *params])
        count = cursor.fetchone()[0]
    entries = SearchEntry.objects.in_bulk([r[0] for r in rows])
    hits = [Hit(entries[r[0]], snippet(entries[r[0]].body, terms), bool(r[1])) for r in rows if r[0] in entries]
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
            cursor.executemany("UPDATE search_searchentry SET tsv = to_tsvector('simple', %s) WHERE id = %s",
                               [[e.title_stems + " " + e.body_stems, e.pk] for e in created])
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
            cursor.execute(
                "UPDATE search_searchentry SET tsv = to_tsvector('simple', %s) WHERE id = %s",
                [entry.title_stems + " " + entry.body_stems, entry.pk],
            )
        else:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
            cursor.execute("INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (%s, %s, %s)",
                           [entry.pk, entry.title_stems, entry.body_stems])
