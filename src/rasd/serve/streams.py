"""Exports streamed over HTTP: the formats of `rasd export`, written chunk by chunk as rows are read.

Design choice: the rows and records are exactly those of rasd.store.export (event_rows, documents,
plover_record, EVENT_COLUMNS), so a download from the dashboard and a file from `rasd export` say the
same thing; only the writing differs (chunks of about CHUNK_BYTES yielded to the client instead of a
temporary file renamed into place). Parquet cannot be streamed row by row: it is written to a
temporary file with rasd.store.export.export and sent from there (when pyarrow is installed).
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Callable, Iterable, Iterator

from rasd.store.export import EVENT_COLUMNS, documents, event_rows, plover_record
from rasd.store.search import SearchFilters

CHUNK_BYTES = 64 * 1024
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "plover": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "plover": "plover.jsonl", "geojson": "geojson", "parquet": "parquet"}


def _chunked(pieces: Iterable[str]) -> Iterator[bytes]:
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_BYTES:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)

    def line(values) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(values)
        return out.getvalue()

    yield line(EVENT_COLUMNS)
    for row in rows:
        yield line([("true" if row[k] else "false") if isinstance(row[k], bool) else row[k] for k in EVENT_COLUMNS])


def _json_lines(items: Iterable, encode: Callable[[object], dict]) -> Iterator[str]:
    for item in items:
        yield json.dumps(encode(item), ensure_ascii=False) + "\n"


def _geojson(rows: Iterable[dict]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        feature = {"type": "Feature", "id": row["event_id"],
                   "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                   "properties": {k: row[k] for k in EVENT_COLUMNS}}
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def stream_export(conn: sqlite3.Connection, fmt: str, filters: SearchFilters, on_close: Callable[[], None]
                  ) -> Iterator[bytes]:
    """Bytes of the export in `fmt` (csv, jsonl, geojson, plover); calls `on_close` when done or abandoned."""
    try:
        if fmt == "csv":
            pieces = _csv_lines(event_rows(conn, filters))
        elif fmt == "jsonl":
            pieces = _json_lines(documents(conn, filters), lambda d: d)
        elif fmt == "geojson":
            pieces = _geojson(event_rows(conn, filters))
        elif fmt == "plover":
            pieces = _json_lines(event_rows(conn, filters), plover_record)
        else:
            raise ValueError(f"not a streamed format: {fmt}")
        yield from _chunked(pieces)
    finally:
        on_close()
