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
import json
import re
from dataclasses import dataclass

import snowballstemmer
from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe

from saferhub.governance.models import Committee
from saferhub.search.models import SearchEntry

_STEMMER = snowballstemmer.stemmer("english")
#: A word: Latin-1 letters and digits (not × and ÷, which the full-text tokenizers split on).
_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:'[a-z]+)?")
#: A token either engine reads as exactly one token: a stem, a "t_" title word or a facet. Only such
#: tokens reach an index query, so no input can make a phrase (FTS5 refuses phrases without
#: positions), an operator (NEAR, AND, *, ^, a "column:" filter) or a tsquery syntax error.
_TOKEN = re.compile(r"[0-9a-zß-öø-ÿ_]+")
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


#: Each entry is indexed as one list of tokens, the same on both engines: its words (title and
#: body stems), its title words again with a "t_" prefix (so that "every word in the title" is a
#: plain index lookup, not a check of every match), and its filter values as facets: "f_pub"
#: (published), "f_c<committee id>" and "f_k<kind without underscores>". Stems never contain "_",
#: so a query word cannot match a title token or a facet. No positions are stored: the search has
#: no phrase or proximity operators, and the index is smaller and faster without them.
_TITLE_TOKENS_SQL = "CASE WHEN e.title_stems = '' THEN '' ELSE 't_' || replace(e.title_stems, ' ', ' t_') END"
_FACETS_SQL = ("(CASE WHEN e.is_public THEN 'f_pub ' ELSE '' END) || COALESCE('f_c' || e.committee_id || ' ', '') "
               "|| 'f_k' || replace(e.kind, '_', '')")
TOKENS_SQL = f"e.title_stems || ' ' || e.body_stems || ' ' || {_TITLE_TOKENS_SQL} || ' ' || {_FACETS_SQL}"

#: PostgreSQL: the tokens as lexemes, verbatim (no parser, no dictionary), in a GIN index.
TSV_SQL = f"array_to_tsvector(array_remove(string_to_array({TOKENS_SQL}, ' '), ''))"

#: SQLite: the full-text row's rowid is the search order: the entry's date (proleptic Gregorian
#: ordinal, 0 when undated) above its id, so reading rowids downwards is newest first, undated
#: last, then by id, and a date range is a rowid range. The index stops at the page it needs.
ID_BITS = 28
ROWID_SQL = (f"(((CASE WHEN e.date IS NULL THEN 0 ELSE CAST(julianday(e.date) - 1721424.5 AS INTEGER) END) "
             f"<< {ID_BITS}) | e.id)")

#: SQLite: the FTS5 table (``migrations/0003``): one column of tokens, "_" part of a token, rowids only.
FTS_TABLE_SQL = ("CREATE VIRTUAL TABLE search_fts USING fts5(tokens, "
                 "tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\", detail=none)")

#: PostgreSQL: up to this many matches are read through the GIN index and sorted; above it a query
#: walks the entries newest first along the order index and stops at the page. It must exceed
#: ``MAX_COUNT``, so that a larger set's count is simply "more than ``MAX_COUNT``".
PROBE = 2_000
#: PostgreSQL: a walk looks at no more than this many entries before reading every match instead.
WALK = 5_000


def fts5_quote(token: str) -> str:
    """``token`` as an FTS5 string (a double-quoted token: never an operator or a column filter)."""
    if not _TOKEN.fullmatch(token):
        raise ValueError(f"Not an index token: {token!r}")
    return '"' + token.replace('"', '""') + '"'


def tsquery_quote(token: str) -> str:
    """``token`` as a quoted tsquery lexeme (never an operator, a weight or a prefix match)."""
    if not _TOKEN.fullmatch(token):
        raise ValueError(f"Not an index token: {token!r}")
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _sort_key(day: dt.date | None, entry_id: int = 0) -> int:
    return ((day.toordinal() if day else 0) << ID_BITS) | entry_id


def _facets(*, public_only: bool, committee_id: int | None, kinds: list[str] | None) -> list[list[str]]:
    """The filters as facet tokens: every inner list must match at least one of its tokens."""
    out = []
    if public_only:
        out.append(["f_pub"])
    if committee_id is not None:
        # Only an id (from 1) names a committee; anything else matches nothing.
        out.append([f"f_c{committee_id}" if isinstance(committee_id, int) and committee_id > 0 else "f_cnone"])
    if kinds:
        out.append([f"f_k{k.replace('_', '')}" for k in kinds if re.fullmatch(r"[a-z_]+", k)] or ["f_knone"])
    return out


def _expressions(terms, facets, *, quote, conj, disj, negate) -> dict[str, str]:
    """The index queries for entries with every term anywhere (``all``), every term in the title
    (``title``) and the rest (``body``), each with the facets, in one engine's syntax."""
    filters = "".join(f" {conj} (" + f" {disj} ".join(quote(f) for f in group) + ")" for group in facets)
    words = f" {conj} ".join(quote(t) for t in terms)
    title = f" {conj} ".join(quote(f"t_{t}") for t in terms)
    return {"all": f"({words}){filters}", "title": f"({title}){filters}",
            "body": negate(f"({words}){filters}", f"({title})")}


class _SQLite:
    """FTS5: the terms, the facets and the date range in one index read, in the search order."""

    def __init__(self, terms, facets, date_from, date_to):
        self.match = _expressions(terms, facets, quote=fts5_quote, conj="AND", disj="OR",
                                  negate=lambda a, b: f"{a} NOT {b}")
        low = _sort_key(date_from) if date_from else (0 if date_to is None else 1 << ID_BITS)
        high = _sort_key(date_to + dt.timedelta(days=1)) - 1 if date_to and date_to < dt.date.max else (1 << 62)
        self.range = [low, high]

    def ids(self, cursor, which: str, limit: int, offset: int) -> list[int]:
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s "
                       "ORDER BY rowid DESC LIMIT %s OFFSET %s", [self.match[which], *self.range, limit, offset])
        mask = (1 << ID_BITS) - 1
        return [r[0] & mask for r in cursor.fetchall()]

    def count(self, cursor, cap: int) -> int:
        cursor.execute("SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                       "AND rowid BETWEEN %s AND %s LIMIT %s)", [self.match["all"], *self.range, cap])
        return cursor.fetchone()[0]


class _PostgreSQL:
    """tsvector + GIN with the same tokens; the date range and the order from the table.

    When the planner expects few matches, a probe reads at most ``PROBE`` + 1 of them through the
    GIN index (which intersects the words' lists exactly, whatever their correlation); when that is
    all of them they are sorted here and the count is exact. Otherwise the title and body passes
    walk the order index (newest first, undated last) over at most ``WALK`` entries, and fall back
    to reading every match when a walk cannot fill its page. The planner's own choice of plan is
    not trusted: it takes the words as unrelated ("domestic" and "abuse" go together; title words
    may never meet), so each statement states its plan."""

    #: Planner settings for each strategy, for the current transaction (``SET LOCAL``).
    PLANS = {
        "probe": "SET LOCAL enable_bitmapscan = on; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off",
        "walk": ("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = on; "
                 "SET LOCAL enable_sort = off"),
    }

    def __init__(self, terms, facets, date_from, date_to):
        # Published or not is a column test here: nine entries in ten are published, and making the
        # GIN index intersect that list would cost more than checking the rows it returns.
        public = ["f_pub"] in facets
        facets = [group for group in facets if group != ["f_pub"]]
        self.skipped_probe = False
        self.query = _expressions(terms, facets, quote=tsquery_quote, conj="&", disj="|",
                                  negate=lambda a, b: f"{a} & !{b}")
        # The filters other than the words, and their parameters (the dates).
        self.filters, self.params = (["e.is_public"] if public else []), []
        if date_from:
            self.filters.append("e.date >= %s")
            self.params.append(date_from)
        if date_to:
            self.filters.append("e.date <= %s")
            self.params.append(date_to)
        self.where = ["e.tsv @@ %s::tsquery", *self.filters]
        self.found: dict[str, list | None] = {}

    def _from(self, which: str) -> tuple[str, list]:
        return f"search_searchentry e WHERE {' AND '.join(self.where)}", [self.query[which], *self.params]

    def _entries(self) -> str:
        """The entries the filters keep, whatever their words (parameters: ``self.params``)."""
        return "search_searchentry e" + (f" WHERE {' AND '.join(self.filters)}" if self.filters else "")

    def _matches(self, cursor, which: str, cap: int | None) -> list | None:
        """Matches of ``which`` read through the GIN index, in the search order; ``None`` when
        there are more than ``cap``. Each row: id, date, whether every word is in the title."""
        source, params = self._from(which)
        cursor.execute(self.PLANS["probe"])
        cursor.execute(f"SELECT e.id, e.date, e.tsv @@ %s::tsquery FROM {source}"  # noqa: S608 (fragments are constants; user input is bound)
                       + (" LIMIT %s" if cap else ""), [self.query["title"], *params, *([cap + 1] if cap else [])])
        rows = cursor.fetchall()
        if cap and len(rows) > cap:
            return None
        rows.sort(key=lambda r: (r[1] is None, -(r[1].toordinal() if r[1] else 0), -r[0]))
        return rows

    def _probe(self, cursor, which: str) -> list | None:
        """Every match of ``which`` in the search order, or ``None`` when there are (or the planner
        expects) more than ``PROBE``; then the title and body passes walk first."""
        if which not in self.found:
            if which != "all":
                rows = self._probe(cursor, "all")
                self.found[which] = None if rows is None else [r for r in rows if r[2] == (which == "title")]
            elif self._surely_large(cursor, which):
                self.found[which], self.skipped_probe = None, True
            else:
                self.found[which] = self._matches(cursor, which, PROBE)
        return self.found[which]

    def _surely_large(self, cursor, which: str) -> bool:
        """Whether the planner expects more than ``PROBE`` matches. Its estimate multiplies the
        words' frequencies (exact for one word, from the statistics of the most common lexemes),
        so related words make it too low, which is safe (the probe runs), and words that avoid
        each other make it too high, which costs time but never a wrong answer: a walk that does
        not fill its page falls back to reading every match, and so does a count that the walk
        cannot settle."""
        return self._estimate(cursor, *self._from(which)) > PROBE

    def _estimate(self, cursor, source: str, params: list) -> float:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {source}", params)  # noqa: S608 (fragments are constants; user input is bound)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]["Plan Rows"]

    def _walk(self, cursor, which: str, select: str, tail: str, params: list, rows: int = WALK) -> list:
        """Look at the newest ``rows`` entries (after the date and published filters) for matches."""
        cursor.execute(self.PLANS["walk"])
        cursor.execute(f"SELECT {select} FROM (SELECT e.id, e.date, e.tsv FROM {self._entries()} "  # noqa: S608 (fragments are constants; user input is bound)
                       f"ORDER BY e.date DESC NULLS LAST, e.id DESC LIMIT %s) w WHERE w.tsv @@ %s::tsquery {tail}",
                       [*self.params, rows, self.query[which], *params])
        return cursor.fetchall()

    def ids(self, cursor, which: str, limit: int, offset: int) -> list[int]:
        rows = self._probe(cursor, which)
        if rows is None:
            # Walk newest first, looking at no more than WALK entries: enough when the matches are
            # spread over time. Matches bunched in the past (a word only used in 2019) would make
            # the walk read most of the table, so then all the matches are read and sorted instead.
            found = [r[0] for r in self._walk(cursor, which, "w.id", "ORDER BY w.date DESC NULLS LAST, w.id DESC "
                                                "LIMIT %s OFFSET %s", [limit, offset])]
            if len(found) == limit:
                return found
            rows = self.found[which] = self._matches(cursor, which, None)
        return [r[0] for r in rows[offset:offset + limit]]

    def count(self, cursor, cap: int) -> int:
        rows = self._probe(cursor, "all")
        if rows is None and (self.skipped_probe or PROBE < cap):
            # Counted by a walk when the planner expects ``cap`` matches among the newest 2 × WALK
            # entries (and the walk finds them); otherwise, or if it does not, exactly.
            entries = self._estimate(cursor, self._entries(), self.params)
            expected = self._estimate(cursor, *self._from("all")) / max(entries, 1) * 2 * WALK
            if expected < 1.5 * cap or len(self._walk(cursor, "all", "1", "LIMIT %s", [cap], rows=2 * WALK)) < cap:
                rows = self._matches(cursor, "all", cap)
                return len(rows) if rows is not None else cap
        return min(cap, len(rows)) if rows is not None else cap


def search(query: str, *, public_only: bool = True, committee_id: int | None = None, kinds: list[str] | None = None,
           date_from: dt.date | None = None, date_to: dt.date | None = None, limit: int = 20,
           offset: int = 0) -> Results:
    """Entries matching every word of ``query`` (stemmed), best first: entries with every word in
    their title, then the others; newest first within each, undated last, then by id."""
    terms = list(dict.fromkeys(t for t in stems(query) if _TOKEN.fullmatch(t)))[:MAX_TERMS]
    limit, offset = max(0, limit), max(0, offset)
    if not terms or (date_from and date_to and date_from > date_to):
        return Results([], 0, False, terms)
    facets = _facets(public_only=public_only, committee_id=committee_id, kinds=kinds)
    engine = (_PostgreSQL if connection.vendor == "postgresql" else _SQLite)(terms, facets, date_from, date_to)
    # One transaction, so that the PostgreSQL planner settings (SET LOCAL) end with it.
    with transaction.atomic(), connection.cursor() as cursor:
        title_ids = engine.ids(cursor, "title", limit + offset, 0)
        page = title_ids[offset:offset + limit]
        if len(page) < limit:
            page += engine.ids(cursor, "body", limit - len(page), max(0, offset - len(title_ids)))
        count = engine.count(cursor, MAX_COUNT + 1)
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
    if end < len(text) and not text[end].isspace():
        # End at a word's end, not part-way through one (a space within the last 30 characters).
        space = text.rfind(" ", start, end)
        end = space if space > end - 30 else end
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


def refresh_index(entry_ids: list[int] | None = None) -> None:
    """Write the engine's full-text index for these entries (all of them when ``None``) from their
    rows in ``search_searchentry``; the rows' old full-text data must already be gone."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            where, params = ("", []) if entry_ids is None else ("WHERE e.id = ANY(%s)", [list(entry_ids)])
            cursor.execute(f"UPDATE search_searchentry e SET tsv = {TSV_SQL} {where}", params)  # noqa: S608 (fragments are constants; user input is bound)
        else:
            where, params = (("", []) if entry_ids is None else
                             ("WHERE e.id IN (SELECT value FROM json_each(%s))", [json.dumps(list(entry_ids))]))
            cursor.execute(f"INSERT INTO search_fts(rowid, tokens) SELECT {ROWID_SQL}, {TOKENS_SQL} "  # noqa: S608 (fragments are constants; user input is bound)
                           f"FROM search_searchentry e {where}", params)


def rebuild_index() -> None:
    """Recreate the engine's full-text index from every entry (after a change to how entries are
    indexed, or a restore): SQLite rebuilds the FTS5 table, PostgreSQL the tsvectors and their index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
            cursor.execute(FTS_TABLE_SQL)
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_entry_tsv")
        else:
            return
    refresh_index()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The update queued the deferred foreign-key checks; PostgreSQL builds no index over them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("CREATE INDEX search_entry_tsv ON search_searchentry USING GIN (tsv)")


def remove_from_index(entry_ids: list[int]) -> None:
    """Remove these entries' rows from the SQLite full-text index (PostgreSQL keeps it in the row)."""
    if connection.vendor == "sqlite" and entry_ids:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN (SELECT {ROWID_SQL} FROM search_searchentry e "  # noqa: S608 (fragments are constants; user input is bound)
                           "WHERE e.id IN (SELECT value FROM json_each(%s)))", [json.dumps(list(entry_ids))])


def index_entries(rows: list[dict]) -> None:
    """Add or replace many records in the index at once. Each row: ``record`` (a model instance),
    ``kind``, ``title``, ``body``, ``url``, ``committee_id``, ``date`` and ``is_public``."""
    if not rows:
        return
    # A private body's business (a Partnership group that meets in private) is never public in the index,
    # whatever its documents' own publication state says (issue 11).
    private = set(Committee.objects.filter(
        is_public=False, pk__in={r["committee_id"] for r in rows if r["committee_id"]}).values_list("pk", flat=True))
    entries = []
    for row in rows:
        record = row["record"]
        title = (row["title"] or "")[:300]
        body = row["body"] or ""
        entries.append(SearchEntry(
            record_type=f"{record._meta.app_label}.{record._meta.model_name}", record_id=str(record.pk),
            kind=row["kind"], title=title, body=body, title_stems=stem_text(title), body_stems=stem_text(body),
            url=row["url"][:300], committee_id=row["committee_id"], date=row["date"],
            is_public=row["is_public"] and row["committee_id"] not in private))
    keys = {(e.record_type, e.record_id) for e in entries}
    old = []
    for record_type in {k[0] for k in keys}:
        ids = [k[1] for k in keys if k[0] == record_type]
        old += list(SearchEntry.objects.filter(record_type=record_type, record_id__in=ids).values_list("id", flat=True))
    remove_from_index(old)
    SearchEntry.objects.filter(id__in=old).delete()
    created = SearchEntry.objects.bulk_create(entries, batch_size=500)
    if any(e.pk is None for e in created):
        created = list(SearchEntry.objects.filter(record_type__in={k[0] for k in keys}).filter(
            record_id__in={k[1] for k in keys}))
    refresh_index([e.pk for e in created])
