"""Exports of the store: CSV, JSONL, Parquet, GeoJSON and PLOVER, one event (or document) at a time.

    >>> from rasd.store import Store
    >>> from rasd.store.export import export
    >>> with Store.open("news.db", readonly=True) as store:
    ...     export(store.conn, "csv", "events.csv")

Design choices:
- One flat row per event (`EVENT_COLUMNS`, ACLED-like) feeds CSV, Parquet, GeoJSON properties and the
  PLOVER records, so every format says the same thing. The evidence sentence is cut by SQLite
  (`substr` counts characters, the same code points as Python offsets), so a long article is never
  loaded to export one sentence.
- Streaming: rows come from one cursor and are written as they are read (Parquet in record batches of
  `PARQUET_BATCH` rows). Output goes to a temporary file next to the target, renamed on success:
  a failed export leaves no half-written file under the requested name.
- Filters are the ones of `rasd search` (SearchFilters), bound as SQL parameters: event type; country
  of the actor, recipient or location; source name; `since`/`until` on the document's publication date
  (as in search; an event's own date can be partial, "2022-03" or "2022", and is exported, not filtered).
  For event formats a filter selects events; for JSONL it selects documents (a document with a
  matching event is exported whole, with all its events).
- Counts: an integer stays an integer; a range [min, max] is written "min-max", ">=min" or "<=max"
  (SCHEMA.md: "أكثر من 2000" is [2001, null] -> ">=2001"). Parquet keeps the same strings.
- CSV is UTF-8 without BOM (what other programs expect); `excel=True` adds the BOM, without which
  Excel shows Arabic as mojibake.

PLOVER mapping (PLOVER manual v0.7b1, chapter "JSON Data Fields"; one record per line, JSONL, as the
manual recommends):
    id               <- "rasd-<events.id>" (unique in the store)
    date             <- event date (YYYY-MM-DD, YYYY-MM or YYYY as extracted); the article's published
                        date is NOT substituted (no evidence that the event happened that day)
    event            <- [type]                  mode <- mode        context <- contexts (list)
    quad_code        <- PLOVER's quad of the type (REQUEST, rasd's name for DEMAND, is 3)
    source           <- [{code: actor country, sector, actor_text, identifier_id: kb_id,
                          identifier_text: name_en}] or [] (PLOVER's "source" actor = rasd's actor)
    recipient        <- the same object for the recipient, or []
    event_loc        <- {name: place or text, cc3: alpha-3 country, latitude, longitude,
                         admin1, precision}  ("admin1" and "precision" are rasd additions; PLOVER's
                         geonames "admin1 code" and alpha-2 "country code" are not known here)
    event_text       <- [evidence sentence]     text_info <- {start, end} of that sentence
    size_info        <- counts as exported (dead, injured, arrested, participants, troops)
    cite_info        <- {url, title, publication: source, language: "ar", coder: "rasd"}
    link             <- document id (the events of one article share it)
    status, negated, historical, confidence, trigger, attribution: rasd additions (the manual
    invites extra named fields).
"""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Optional

from rasd.errors import InputError, require_extra
from rasd.store.db import schema_version
from rasd.store.search import SearchFilters, document_where

FORMATS = ("csv", "jsonl", "parquet", "geojson", "plover")
PARQUET_BATCH = 5_000
COUNT_KEYS = ("dead", "injured", "arrested", "participants", "troops")

EVENT_COLUMNS = (
    "event_id", "event_date", "date_precision", "event_type", "mode", "contexts",
    "actor1", "actor1_country", "actor1_sector", "actor2", "actor2_country", "actor2_sector",
    "location", "country", "admin1", "latitude", "longitude", "geo_precision",
    "fatalities", "injured", "arrested", "participants", "troops",
    "attribution", "status", "negated", "historical", "confidence",
    "evidence_sentence", "trigger", "source", "url", "document_id", "published",
    "story_id", "num_articles", "num_sources",
)


QUAD = {**dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
        **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
        **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
        **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4)}


class ExportError(InputError):
    """An export that cannot be made: unknown format, unwritable output."""
    code = "R019"


# -- selecting -----------------------------------------------------------------------------------
def _event_where(filters: SearchFilters) -> tuple[str, list]:
    where, params = [], []
    if filters.event_type:
        where.append("e.type = ?")
        params.append(filters.event_type.upper())
    if filters.country:
        where.append("(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?)")
        params.extend([filters.country.upper()] * 3)
    where_doc, params_doc = document_where(filters)
    return " AND ".join(where + where_doc) or "1", params + params_doc


def format_count(value: Any) -> Any:
    """int -> int; [min, max] -> "min-max" / ">=min" / "<=max"; nothing -> None."""
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 2:
        low, high = value
        if low is not None and high is not None:
            return str(low) if low == high else f"{low}-{high}"
        if low is not None:
            return f">={low}"
        if high is not None:
            return f"<={high}"
        return None
    return str(value)


def _loads(text: Optional[str]) -> Any:
    return json.loads(text) if text else None


def event_rows(conn: sqlite3.Connection, filters: SearchFilters = SearchFilters()) -> Iterator[dict]:
    """One flat dict per stored event (keys: EVENT_COLUMNS, plus the JSON objects PLOVER needs), in store order."""
    where, params = _event_where(filters)
    with_stories = schema_version(conn) >= 2  # a read-only store from an older rasd has no stories
    story_select = "st.num_articles, st.num_sources" if with_stories else "NULL AS num_articles, NULL AS num_sources"
    story_join = "LEFT JOIN stories st ON st.id = e.story_id " if with_stories else ""
    sql = (f"SELECT e.*, d.doc_id, d.url, d.title, d.published, s.name AS source_name, {story_select}, "
           "CASE WHEN e.sentence_start IS NOT NULL AND e.sentence_end >= e.sentence_start "
           "THEN substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) END AS sentence_text "
           "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN sources s ON s.id = d.source_id "
           f"{story_join}WHERE {where} ORDER BY e.id")
    cursor = conn.execute(sql, params)
    for row in cursor:
        actor, recipient = _loads(row["actor"]) or {}, _loads(row["recipient"]) or {}
        location = _loads(row["location"]) or {}
        counts = _loads(row["counts"]) or {}
        attribution = _loads(row["attribution"]) or {}
        out = {
            "event_id": row["id"], "event_date": row["date_iso"], "date_precision": row["date_precision"],
            "event_type": row["type"], "mode": row["mode"], "contexts": ";".join(_loads(row["contexts"]) or []) or None,
            "actor1": actor.get("text"), "actor1_country": row["actor_country"], "actor1_sector": row["actor_sector"],
            "actor2": recipient.get("text"), "actor2_country": row["recipient_country"],
            "actor2_sector": row["recipient_sector"],
            "location": location.get("text") or location.get("place"), "country": row["location_country"],
            "admin1": location.get("admin1"), "latitude": row["lat"], "longitude": row["lon"],
            "geo_precision": location.get("precision"),
            "fatalities": format_count(counts.get("dead")),
            **{key: format_count(counts.get(key)) for key in COUNT_KEYS[1:]},
            "attribution": attribution.get("text"), "status": row["status"], "negated": bool(row["negated"]),
            "historical": bool(row["historical"]), "confidence": row["confidence"],
            "evidence_sentence": row["sentence_text"], "trigger": row["trigger_text"], "source": row["source_name"],
            "url": row["url"], "document_id": row["doc_id"], "published": row["published"],
            "story_id": row["story_id"], "num_articles": row["num_articles"], "num_sources": row["num_sources"],
        }
        out["_plover"] = {"actor": actor, "recipient": recipient, "location": location, "title": row["title"],
                          "contexts": _loads(row["contexts"]) or [], "sentence": (row["sentence_start"],
                                                                                   row["sentence_end"]),
                          "kb": (actor.get("kb_id"), recipient.get("kb_id"))}
        yield out


def documents(conn: sqlite3.Connection, filters: SearchFilters = SearchFilters()) -> Iterator[dict]:
    """The stored SCHEMA documents (as Store.document gives them) of the documents that pass the filters."""
    where, params = document_where(filters)
    if filters.event_type or filters.country:
        event_where, event_params = _event_where(SearchFilters(event_type=filters.event_type, country=filters.country))
        where.append(f"EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND {event_where})")
        params.extend(event_params)
    sql = ("SELECT d.text, d.analysed, d.provenance FROM documents d LEFT JOIN sources s ON s.id = d.source_id "
           f"WHERE {' AND '.join(where) or '1'} ORDER BY d.id")
    for text, analysed, provenance in conn.execute(sql, params):
        out = json.loads(analysed)
        out["text"] = text
        out["provenance"] = json.loads(provenance)
        yield out


def _public(row: dict, columns: tuple = EVENT_COLUMNS) -> dict:
    return {k: row[k] for k in columns}


# -- writing -------------------------------------------------------------------------------------
@contextmanager
def _atomic(path: Path, mode: str = "w", **kw) -> Iterator[IO]:
    """Write to a temporary file beside `path`; rename it into place only when the writing succeeded."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError("the output folder does not exist", source=str(path))
    if path.is_dir():
        raise ExportError("the output is a directory, not a file", source=str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kw) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterator[dict], path: Path, *, excel: bool = False, columns: tuple = EVENT_COLUMNS) -> int:
    n = 0
    with _atomic(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(row[k]) for k in columns])
            n += 1
    return n


def _write_lines(items: Iterator[Any], path: Path, encode: Callable[[Any], dict]) -> int:
    n = 0
    with _atomic(path, "w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            handle.write(json.dumps(encode(item), ensure_ascii=False) + "\n")
            n += 1
    return n


def write_geojson(rows: Iterator[dict], path: Path, columns: tuple = EVENT_COLUMNS) -> int:
    """A FeatureCollection of the events with both coordinates (RFC 7946: [longitude, latitude])."""
    n = 0
    with _atomic(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type": "FeatureCollection", "features": [\n')
        for row in rows:
            if row["latitude"] is None or row["longitude"] is None:
                continue
            feature = {"type": "Feature", "id": row[columns[0]],
                       "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                       "properties": _public(row, columns)}
            handle.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        handle.write("\n]}\n")
    return n


def plover_record(row: dict) -> dict:
    """One PLOVER JSON record for an event row (see the mapping in the module docstring)."""
    extra = row["_plover"]

    def party(obj: dict, code: Optional[str], sector: Optional[str]) -> list[dict]:
        if not obj and not code and not sector:
            return []
        return [{"code": code, "sector": sector, "actor_text": obj.get("text"), "identifier_id": obj.get("kb_id"),
                 "identifier_text": obj.get("name_en")}]

    location = extra["location"]
    event_loc = None
    if location or row["country"]:
        event_loc = {"name": location.get("place") or location.get("text"), "cc3": row["country"],
                     "latitude": row["latitude"], "longitude": row["longitude"], "admin1": row["admin1"],
                     "precision": row["geo_precision"]}
    start, end = extra["sentence"]
    return {
        "id": f"rasd-{row['event_id']}", "date": row["event_date"], "event": [row["event_type"]],
        "quad_code": QUAD.get(row["event_type"]), "mode": row["mode"], "context": extra["contexts"],
        "source": party(extra["actor"], row["actor1_country"], row["actor1_sector"]),
        "recipient": party(extra["recipient"], row["actor2_country"], row["actor2_sector"]),
        "event_loc": event_loc,
        "event_text": [row["evidence_sentence"]] if row["evidence_sentence"] else [],
        "text_info": {"start": start, "end": end},
        "size_info": {key: row["fatalities" if key == "dead" else key] for key in COUNT_KEYS},
        "cite_info": {"url": row["url"], "title": extra["title"], "publication": row["source"], "language": "ar",
                      "coder": "rasd"},
        "link": row["document_id"],
        "status": row["status"], "negated": row["negated"], "historical": row["historical"],
        "confidence": row["confidence"], "trigger": row["trigger"], "attribution": row["attribution"],
    }


def _parquet_schema(pa, columns: tuple = EVENT_COLUMNS):
    text, number, flag, integer = pa.string(), pa.float64(), pa.bool_(), pa.int64()
    types = {"event_id": integer, "latitude": number, "longitude": number, "confidence": number,
             "negated": flag, "historical": flag, "story_id": integer, "num_articles": integer,
             "num_sources": integer, "num_events": integer}
    return pa.schema([(name, types.get(name, text)) for name in columns])


def write_parquet(rows: Iterator[dict], path: Path, columns: tuple = EVENT_COLUMNS) -> int:
    """The flat event (or story) table; counts are strings (an exact count or a range), as in the CSV."""
    pa = require_extra("pyarrow", "export")
    pq = require_extra("pyarrow.parquet", "export")
    schema = _parquet_schema(pa, columns)
    counted = set(COUNT_KEYS[1:]) | {"fatalities"}

    def cell(name: str, value: Any) -> Any:
        return None if value is None else (str(value) if name in counted else value)

    n = 0
    with _atomic(path, "wb") as handle:
        writer = pq.ParquetWriter(handle, schema)
        try:
            batch: list[dict] = []
            for row in rows:
                batch.append({k: cell(k, row[k]) for k in columns})
                if len(batch) >= PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    n += len(batch)
                    batch = []
            if batch or n == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
        finally:
            writer.close()
    return n


def export(conn: sqlite3.Connection, fmt: str, output: str | Path, filters: SearchFilters = SearchFilters(),
           *, excel: bool = False, stories: bool = False, min_articles: int = 1) -> int:
    """Write the store in `fmt` (one of FORMATS) to `output`; returns the number of records written
    (events, or documents for jsonl; for geojson only the events with coordinates). With `stories`, one
    record per story instead (story_export.STORY_COLUMNS; csv, jsonl, parquet or geojson), of the stories reported by
    at least `min_articles` articles."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    output = Path(output)
    if stories:
        from rasd.store.story_export import export_stories
        return export_stories(conn, fmt, output, filters, excel=excel, min_articles=min_articles)
    if fmt == "parquet":
        require_extra("pyarrow", "export")  # fail before reading anything
        return write_parquet(event_rows(conn, filters), output)
    if fmt == "jsonl":
        return _write_lines(documents(conn, filters), output, lambda d: d)
    if fmt == "csv":
        return write_csv(event_rows(conn, filters), output, excel=excel)
    if fmt == "geojson":
        return write_geojson(event_rows(conn, filters), output)
    return _write_lines(event_rows(conn, filters), output, plover_record)

