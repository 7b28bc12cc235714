"""Exports of stories: one record per real-world event with the articles that report it (rasd.store.stories).

    rasd export --db news.db --stories --format csv --output stories.csv --min-articles 2

Design choices:
- The columns follow the event export's names where they mean the same (event_type, country,
  latitude, actor1_country, fatalities...), so a story table and an event table join on story_id.
- Nothing is averaged: a count cell lists every distinct reported value ("5 | 7", ranges written as in
  the event export), `conflicts` names the fields whose values cannot all be true, and JSONL adds
  `counts` and `dates` with the documents (doc ids) behind each value.
- Filters mean what they mean for events, applied to the story: its type, the country of its location
  or actors, its anchor day for since/until, and a source that reported it.
- The writers (atomic temporary file, Parquet batches) are the event export's.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator, Optional

from rasd.errors import require_extra
from rasd.store.db import schema_version
from rasd.store.export import (COUNT_KEYS, ExportError, _public, _write_lines, format_count, write_csv,
                               write_geojson, write_parquet)
from rasd.store.search import SearchFilters

# One row per story (`export(..., stories=True)`): a real-world event and the articles that report it.
# Count cells list every distinct reported value ("5 | 7"); `conflicts` names the fields that disagree.
STORY_COLUMNS = (
    "story_id", "event_type", "negated", "day", "date_min", "date_max", "num_events", "num_articles",
    "num_sources", "location", "country", "latitude", "longitude", "actor1_country", "actor2_country",
    "fatalities", "injured", "arrested", "participants", "troops", "conflicts",
    "documents", "sources", "urls", "evidence_sentence",
)
STORY_FORMATS = ("csv", "jsonl", "parquet", "geojson")


def _count_cell(values: list[dict]) -> Optional[str]:
    return " | ".join(str(format_count(v["value"])) for v in values) or None


def story_rows(conn: sqlite3.Connection, filters: SearchFilters = SearchFilters(), min_articles: int = 1
               ) -> Iterator[dict]:
    """One dict per story (keys: STORY_COLUMNS, plus "counts_detail" and "dates_detail": every reported value
    with the documents that report it), oldest story first."""
    if schema_version(conn) < 2:
        raise ExportError("this store has no stories (written by an older rasd: run rasd ingest on it once)")
    where, params = ["st.num_articles >= ?"], [int(min_articles)]
    if filters.event_type:
        where.append("st.type = ?")
        params.append(filters.event_type.upper())
    if filters.country:
        where.append("(st.actor_country = ? OR st.recipient_country = ? OR st.location_country = ?)")
        params.extend([filters.country.upper()] * 3)
    if filters.since:
        where.append("st.day >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("st.day <= ?")
        params.append(filters.until)
    if filters.source:
        where.append("EXISTS (SELECT 1 FROM events e JOIN documents d ON d.id = e.document_id JOIN sources s "
                     "ON s.id = d.source_id WHERE e.story_id = st.id AND s.name = ?)")
        params.append(filters.source)
    for story in conn.execute(f"SELECT st.* FROM stories st WHERE {' AND '.join(where)} ORDER BY st.id", params
                              ).fetchall():
        members = conn.execute(
            "SELECT d.doc_id, s.name, d.url, CASE WHEN e.sentence_start IS NOT NULL AND e.sentence_end >= "
            "e.sentence_start THEN substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) END "
            "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN sources s ON s.id = d.source_id "
            "WHERE e.story_id = ? ORDER BY e.id", (story["id"],)).fetchall()
        counts = json.loads(story["counts"])
        distinct = lambda values: ";".join(dict.fromkeys(v for v in values if v)) or None  # noqa: E731
        yield {
            "story_id": story["id"], "event_type": story["type"], "negated": bool(story["negated"]),
            "day": story["day"], "date_min": story["date_min"], "date_max": story["date_max"],
            "num_events": story["num_events"], "num_articles": story["num_articles"],
            "num_sources": story["num_sources"], "location": story["place"], "country": story["location_country"],
            "latitude": story["lat"], "longitude": story["lon"], "actor1_country": story["actor_country"],
            "actor2_country": story["recipient_country"],
            "fatalities": _count_cell(counts.get("dead", [])),
            **{key: _count_cell(counts.get(key, [])) for key in COUNT_KEYS[1:]},
            "conflicts": ";".join(json.loads(story["conflicts"])) or None,
            "documents": distinct(m[0] for m in members), "sources": distinct(m[1] for m in members),
            "urls": distinct(m[2] for m in members), "evidence_sentence": next((m[3] for m in members if m[3]), None),
            "counts_detail": counts, "dates_detail": json.loads(story["dates"]),
        }


def export_stories(conn: sqlite3.Connection, fmt: str, output: Path, filters: SearchFilters, *, excel: bool,
                    min_articles: int) -> int:
    if fmt not in STORY_FORMATS:
        raise ExportError(f"stories export in {fmt!r} is not available (choose from {', '.join(STORY_FORMATS)})")
    if fmt == "parquet":
        require_extra("pyarrow", "export")
    rows = story_rows(conn, filters, min_articles)
    if fmt == "csv":
        return write_csv(rows, output, excel=excel, columns=STORY_COLUMNS)
    if fmt == "parquet":
        return write_parquet(rows, output, columns=STORY_COLUMNS)
    if fmt == "geojson":
        return write_geojson(rows, output, columns=STORY_COLUMNS)

    def record(row: dict) -> dict:
        out = _public(row, STORY_COLUMNS)
        out["counts"], out["dates"] = row["counts_detail"], row["dates_detail"]
        for key in ("documents", "sources", "urls", "conflicts"):
            out[key] = out[key].split(";") if out[key] else []
        return out
    return _write_lines(rows, output, record)
