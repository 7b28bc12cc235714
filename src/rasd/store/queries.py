"""Read queries behind `rasd serve`: filtered event pages, one event with its evidence, documents, stats.

Design choices:
- Parameterised SQL only. Every user value is bound with `?`; the only SQL text chosen from user
  input is the ORDER BY clause, and that is picked from the fixed `SORTS` table by key (an unknown key
  is an error, never interpolated). Text filters use LIKE with an explicit escape character, so "%"
  and "_" typed by a user match themselves.
- The event's "day" is its own date when that is a full YYYY-MM-DD, else the article's publication
  date (`DAY_SQL`). Partial event dates ("2022-03") cannot be put on a daily timeline; the
  publication day is the best evidence-backed stand-in and is what the dashboard plots and filters.
  Queries read it from a relation `event_day(id, day)`: `rasd serve` attaches an indexed copy
  (rasd.serve.dayindex), and `ensure_event_day` creates a plain TEMP VIEW when none is there.
- Narrow first: filters, counts and sorting touch only `events` (and `event_day`), never the wide
  `documents` rows (reading `documents.published` or `source_id` walks past the article text); the
  source filter goes through the index documents(source_id). Full rows are read for one page only.
- A date-sorted page is found either by walking the (day, id) index from the newest day until the
  page is full (CROSS JOIN fixes that loop order) or by letting SQLite use the filter's index and
  sort the matches; `_walk_day_index` picks the cheaper from the match count already computed.
- The full-text filter `q` reuses the store's search (`search.match_expression`: normalised surfaces
  and clitic-free stems) and keeps the events of the documents that match.
- Every filter is one `EventQuery` (a frozen dataclass): the event list, the stats and the map points
  apply the same WHERE clause, so the timeline, the map and the table always agree.
- Full-text search is rasd.store.search.search itself (the API and `rasd search` give the same hits).
- Functions take an open sqlite3 connection (row_factory sqlite3.Row) and return plain dicts/lists
  ready for JSON; they never write.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Optional

from rasd.store.search import match_expression

MAX_PAGE = 500
DAY_SQL = "(CASE WHEN length(e.date_iso) = 10 THEN e.date_iso ELSE d.published END)"
SORTS = {
    "date": "ed.day ASC, ed.id ASC",
    "-date": "ed.day DESC, ed.id DESC",
    "id": "e.id ASC",
    "-id": "e.id DESC",
    "confidence": "e.confidence ASC, e.id ASC",
    "-confidence": "e.confidence DESC, e.id DESC",
    "type": "e.type ASC, e.id ASC",
}
_FROM = "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN sources s ON s.id = d.source_id"


class QueryError(ValueError):
    """A filter value that cannot be used (bad sort key, malformed bounding box)."""


@dataclass(frozen=True)
class EventQuery:
    types: tuple[str, ...] = ()
    country: Optional[str] = None          # actor, recipient or location country (alpha-3)
    actor: Optional[str] = None            # actor or recipient: kb_id, or a substring of its text / English name
    since: Optional[str] = None            # on the event day (see DAY_SQL)
    until: Optional[str] = None
    source: Optional[str] = None
    bbox: Optional[tuple[float, float, float, float]] = None  # min_lon, min_lat, max_lon, max_lat
    q: Optional[str] = None
    document: Optional[int] = None

    @property
    def selective(self) -> bool:
        """Whether a filter with an index of its own (or few matches) narrows the events."""
        return bool(self.types or self.country or self.actor or self.bbox or self.q or self.document is not None)

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)


def ensure_event_day(conn: sqlite3.Connection) -> None:
    """Make `event_day(id, day)` visible: the attached index of rasd serve, or else a TEMP VIEW."""
    try:
        conn.execute("SELECT 1 FROM event_day LIMIT 0")
    except sqlite3.OperationalError:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS event_day AS SELECT e.id AS id, {DAY_SQL} AS day "
                     "FROM events e JOIN documents d ON d.id = e.document_id")


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def event_where(query: EventQuery) -> tuple[str, list]:
    """SQL conditions on `events e` (and `event_day ed` for dates) with their parameters."""
    where, params = [], []
    if query.types:
        where.append("e.type IN (" + ",".join("?" * len(query.types)) + ")")
        params.extend(t.upper() for t in query.types)
    if query.country:
        where.append("(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?)")
        params.extend([query.country.upper()] * 3)
    if query.actor:
        pattern = _like(query.actor)
        parts = []
        for column in ("actor", "recipient"):
            parts.append(f"json_extract(e.{column}, '$.kb_id') = ?")
            parts.append(f"json_extract(e.{column}, '$.text') LIKE ? ESCAPE '\\'")
            parts.append(f"json_extract(e.{column}, '$.name_en') LIKE ? ESCAPE '\\'")
            params.extend([query.actor, pattern, pattern])
        where.append("(" + " OR ".join(parts) + ")")
    if query.since:
        where.append("ed.day >= ?")
        params.append(query.since)
    if query.until:
        where.append("ed.day <= ?")
        params.append(query.until)
    if query.source:
        where.append("e.document_id IN (SELECT d.id FROM documents d WHERE d.source_id = "
                     "(SELECT s.id FROM sources s WHERE s.name = ?))")
        params.append(query.source)
    if query.bbox:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        if min_lon > max_lon or min_lat > max_lat:
            raise QueryError("bbox must be min_lon,min_lat,max_lon,max_lat with min <= max")
        where.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
        params.extend([min_lon, max_lon, min_lat, max_lat])
    if query.q:
        expression = match_expression(query.q)
        if expression is None:
            where.append("0")  # a query of punctuation only matches nothing, as in `rasd search`
        else:
            where.append("e.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(expression)
    if query.document is not None:
        where.append("e.document_id = ?")
        params.append(query.document)
    return " AND ".join(where) or "1", params


def _narrow_from(query: EventQuery, *, with_day: bool = False) -> str:
    if with_day or query.dated:
        return "FROM events e JOIN event_day ed ON ed.id = e.id"
    return "FROM events e"


def _loads(text: Optional[str]) -> Any:
    return json.loads(text) if text else None


def _party(text: Optional[str]) -> Optional[dict]:
    party = _loads(text)
    if not party:
        return None
    return {k: party.get(k) for k in ("start", "end", "text", "country", "sector", "kb_id", "name_en")}


def _event(row: sqlite3.Row, *, detail: bool = False) -> dict:
    location = _loads(row["location"])
    sentence = None
    if row["sentence_text"] is not None:
        sentence = {"start": row["sentence_start"], "end": row["sentence_end"], "text": row["sentence_text"]}
    trigger = None
    if row["trigger_start"] is not None:
        trigger = {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]}
    out = {
        "id": row["id"], "document_id": row["document_id"], "doc_id": row["doc_id"], "type": row["type"],
        "mode": row["mode"], "trigger": trigger, "sentence": sentence,
        "actor": _party(row["actor"]), "recipient": _party(row["recipient"]),
        "location": None if not location else {k: location.get(k) for k in (
            "start", "end", "text", "place", "country", "admin1", "lat", "lon", "precision")},
        "date": _loads(row["date"]), "day": row["day"], "counts": _loads(row["counts"]) or {},
        "status": row["status"], "negated": bool(row["negated"]), "confidence": row["confidence"],
        "source": row["source_name"], "published": row["published"], "title": row["title"], "url": row["url"],
        "story_id": row["story_id"],
    }
    if detail:
        out.update({"contexts": _loads(row["contexts"]) or [], "historical": bool(row["historical"]),
                    "attribution": _loads(row["attribution"]), "evidence": _loads(row["evidence"]) or [],
                    "event_key": row["event_key"]})
    return out


_SELECT = (f"SELECT e.*, d.doc_id, d.url, d.title, d.published, s.name AS source_name, {DAY_SQL} AS day, "
           "CASE WHEN e.sentence_start IS NOT NULL AND e.sentence_end >= e.sentence_start "
           "THEN substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) END AS sentence_text ")


def _walk_day_index(conn: sqlite3.Connection, matches: int, wanted: int, query: EventQuery) -> bool:
    """Whether to find a date-sorted page by walking the (day, id) index until it is full.

    Walking visits about wanted * all / matches events; sorting the matches costs about `matches`
    (each joined to its day). Walk when the filter keeps many events, sort when it keeps few.
    """
    if not query.selective:
        return True
    if matches == 0:
        return False
    every = conn.execute("SELECT MAX(id) FROM events").fetchone()[0] or 0
    return wanted * every / matches < matches


def list_events(conn: sqlite3.Connection, query: EventQuery = EventQuery(), *, limit: int = 50, offset: int = 0,
                sort: str = "-date") -> dict:
    """A page of events: {"total", "limit", "offset", "items"}; `limit` is capped at MAX_PAGE."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    ensure_event_day(conn)
    limit = max(1, min(int(limit), MAX_PAGE))
    offset = max(0, int(offset))
    where, params = event_where(query)
    total = conn.execute(f"SELECT COUNT(*) {_narrow_from(query)} WHERE {where}", params).fetchone()[0]
    by_day = sort.lstrip("-") == "date"
    if by_day and _walk_day_index(conn, total, limit + offset, query):
        source = "FROM event_day ed CROSS JOIN events e ON e.id = ed.id"
    else:
        source = _narrow_from(query, with_day=by_day)
    ids = [row[0] for row in conn.execute(f"SELECT e.id {source} WHERE {where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?",
                                          [*params, limit, offset])]
    items = []
    if ids:
        rows = {row["id"]: row for row in conn.execute(
            f"{_SELECT} {_FROM} WHERE e.id IN ({','.join('?' * len(ids))})", ids)}
        items = [_event(rows[i]) for i in ids if i in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_event(conn: sqlite3.Connection, event_id: int) -> Optional[dict]:
    """One event with its evidence spans, attribution and the sentence it was read from."""
    row = conn.execute(f"{_SELECT} {_FROM} WHERE e.id = ?", (event_id,)).fetchone()
    return None if row is None else _event(row, detail=True)


def get_document(conn: sqlite3.Connection, document_id: int) -> Optional[dict]:
    """A stored document with its text and layers; `event_ids` maps each event of the document to its row id."""
    row = conn.execute("SELECT d.id, d.doc_id, d.text, d.analysed, d.published, d.url, d.title, s.name AS source "
                       "FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
                       (document_id,)).fetchone()
    if row is None:
        return None
    analysed = json.loads(row["analysed"])
    keys = {key: rid for rid, key in conn.execute("SELECT id, event_key FROM events WHERE document_id = ? ORDER BY id",
                                                  (document_id,))}
    events = []
    for event in analysed.get("events", []):
        events.append({**event, "row_id": keys.get(event.get("id"))})
    return {
        "id": row["id"], "doc_id": row["doc_id"], "title": row["title"], "published": row["published"],
        "source": row["source"], "url": row["url"], "text": row["text"],
        "sentences": analysed.get("sentences", []), "entities": analysed.get("entities", []),
        "actors": analysed.get("actors", []), "events": events,
    }


def stats(conn: sqlite3.Connection, query: EventQuery = EventQuery(), *, max_places: int = 2000) -> dict:
    """Counts of the selected events by type, country (any role, once per event), day and source, and map points."""
    ensure_event_day(conn)
    where, params = event_where(query)
    narrow = _narrow_from(query)

    def rows(sql: str, extra: tuple = ()) -> list:
        return [tuple(row) for row in conn.execute(sql, [*params, *extra])]

    total = rows(f"SELECT COUNT(*) {narrow} WHERE {where}")[0][0]
    # An event counts once per country, even when two of its roles share that country.
    params_three = params * 3
    by_country = [tuple(r) for r in conn.execute(
        "SELECT c, COUNT(DISTINCT id) AS n FROM ("
        + " UNION ALL ".join(f"SELECT e.id AS id, e.{column} AS c {narrow} WHERE {where} AND e.{column} IS NOT NULL"
                             for column in ("actor_country", "recipient_country", "location_country"))
        + ") GROUP BY c ORDER BY n DESC, c", params_three)] if total else []
    places = [{"lat": lat, "lon": lon, "precision": precision, "place": place, "country": country, "count": n}
              for lat, lon, country, n, precision, place in rows(
                  "SELECT g.lat, g.lon, g.country, g.n, json_extract(x.location, '$.precision'), "
                  "COALESCE(json_extract(x.location, '$.place'), json_extract(x.location, '$.text')) FROM ("
                  f"SELECT e.lat AS lat, e.lon AS lon, MAX(e.location_country) AS country, COUNT(*) AS n, "
                  f"MIN(e.id) AS first {narrow} WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
                  "GROUP BY e.lat, e.lon ORDER BY n DESC LIMIT ?) g JOIN events x ON x.id = g.first ORDER BY g.n DESC",
                  (max_places,))]
    by_source = rows("WITH ds AS MATERIALIZED (SELECT id, source_id FROM documents) "
                     f"SELECT COALESCE(s.name, '(none)'), COUNT(*) {narrow} JOIN ds ON ds.id = e.document_id "
                     f"LEFT JOIN sources s ON s.id = ds.source_id WHERE {where} GROUP BY ds.source_id "
                     "ORDER BY COUNT(*) DESC")
    by_day = rows(f"SELECT ed.day, e.type, COUNT(*) {_narrow_from(query, with_day=True)} WHERE {where} "
                  "AND ed.day IS NOT NULL GROUP BY ed.day, e.type ORDER BY ed.day, e.type")
    return {
        "events": total,
        "by_type": dict(rows(f"SELECT e.type, COUNT(*) {narrow} WHERE {where} GROUP BY e.type "
                             "ORDER BY COUNT(*) DESC, e.type")),
        "by_country": dict(by_country),
        "by_source": dict(by_source),
        "by_day": [{"day": day, "type": kind, "count": n} for day, kind, n in by_day],
        "places": places,
        "documents": conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
    }


def event_types(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]


def document_row_by_hash(conn: sqlite3.Connection, digest: str) -> Optional[int]:
    row = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
    return None if row is None else row[0]
