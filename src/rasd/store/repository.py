"""Writing analysed documents and reading counts back.

Design choices:
- One document, one transaction: the document row, its entities, actors, events and its full-text
  entry are written between BEGIN IMMEDIATE and COMMIT, so a kill -9 leaves either all of them or
  none. That is what makes ingest resumable: a rerun skips what was committed and redoes the rest.
- Idempotency key: sha256 of the text after Unicode NFKC and whitespace collapsing ("the same content"
  republished with other line breaks or presentation forms is the same document). Spelling variants
  (hamza, diacritics) are NOT folded here: two such texts are near-duplicates, the job of the later
  MinHash clustering, not of the unique key. INSERT ... ON CONFLICT DO NOTHING makes the check atomic
  even when two identical documents are in flight at once.
- The analysed SCHEMA document is kept as JSON (`analysed`) without its "text", which is already the
  `text` column (storing it twice would add ~30% to the file); `Store.document()` reassembles the
  whole SCHEMA document. The fields people filter on (event type, actor/recipient/location country
  and sector, event date) are also columns.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any, Optional

from rasd.store.db import connect
from rasd.store.search import Hit, SearchFilters, index_text, search

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _json(value: Any) -> Optional[str]:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """A rasd SQLite database. Use as a context manager, or call close()."""

    def __init__(self, conn: sqlite3.Connection, path: Optional[Path] = None):
        self.conn = conn
        self.path = path
        self._source_ids: dict[str, int] = {}

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> "Store":
        return cls(connect(path, readonly=readonly), Path(path))

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- writing ---------------------------------------------------------------------------------
    def has_hash(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone() is not None

    def _source_id(self, name: Optional[str]) -> Optional[int]:
        if not name:
            return None
        if name not in self._source_ids:
            self.conn.execute("INSERT INTO sources (name, first_seen) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                              (name, _now()))
            self._source_ids[name] = self.conn.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()[0]
        return self._source_ids[name]

    def add_document(self, analysed: dict, *, provenance: dict, author: Optional[str] = None,
                     index: Optional[str] = None, digest: Optional[str] = None) -> Optional[int]:
        """Store one analysed SCHEMA document with all its layers; None when its content is already stored.

        `index` is the full-text index string (search.index_text of title + text); computed here when
        not given (workers compute it in parallel so the single writer does not).
        """
        text = analysed["text"]
        digest = digest or content_hash(text)
        body = index if index is not None else index_text(text)
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            source_id = self._source_id(analysed.get("source"))
            row = conn.execute(
                "INSERT INTO documents (doc_id, content_hash, text, published, source_id, url, title, author, provenance,"
                " analysed, word_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(content_hash) DO NOTHING RETURNING id",
                (analysed.get("id") or digest[:16], digest, text, analysed.get("published"), source_id,
                 analysed.get("url"), analysed.get("title"), author, _json(provenance),
                 _json({k: v for k, v in analysed.items() if k != "text"}),
                 len(text.split()), _now())).fetchone()
            if row is None:
                conn.execute("ROLLBACK")
                return None
            doc = row[0]
            conn.executemany(
                'INSERT INTO entities (document_id, start, "end", text, label, subtype, kb_id, country, sector, name_en)'
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc, e["start"], e["end"], e["text"], e["label"], e.get("subtype"), e.get("kb_id"), e.get("country"),
                  e.get("sector"), e.get("name_en")) for e in analysed.get("entities", [])])
            conn.executemany(
                'INSERT INTO actors (document_id, start, "end", text, kind, kb_id, country, sector, name_en)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc, a["start"], a["end"], a["text"], a.get("kind"), a.get("kb_id"), a.get("country"),
                  a.get("sector"), a.get("name_en")) for a in analysed.get("actors", [])])
            conn.executemany(
                "INSERT INTO events (document_id, event_key, type, mode, contexts, trigger_start, trigger_end,"
                " trigger_text, sentence_start, sentence_end, actor, actor_country, actor_sector, recipient,"
                " recipient_country, recipient_sector, location, location_country, lat, lon, date, date_iso,"
                " date_precision, counts, attribution, status, negated, historical, confidence, evidence)"
                " VALUES (" + ",".join("?" * 30) + ")",
                [_event_row(doc, e) for e in analysed.get("events", [])])
            title = analysed.get("title")
            conn.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
                         (doc, index_text(title) if title else "", body))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return doc

    # -- reading ---------------------------------------------------------------------------------
    def document(self, row_id: int) -> Optional[dict]:
        """The stored SCHEMA document (with "text" and "provenance") of documents.id `row_id`."""
        row = self.conn.execute("SELECT text, analysed, provenance FROM documents WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            return None
        out = json.loads(row[1])
        out["text"] = row[0]
        out["provenance"] = json.loads(row[2])
        return out

    def stats(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        by_type = dict(self.conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"))
        by_source = {}
        for name, docs, events in self.conn.execute(
                "SELECT COALESCE(s.name, '(none)'), COUNT(*), "
                "(SELECT COUNT(*) FROM events e JOIN documents d2 ON d2.id = e.document_id "
                " WHERE d2.source_id IS d.source_id) "
                "FROM documents d LEFT JOIN sources s ON s.id = d.source_id GROUP BY d.source_id ORDER BY COUNT(*) DESC"):
            by_source[name] = {"documents": docs, "events": events}
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "events": one("SELECT COUNT(*) FROM events"),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "actors": one("SELECT COUNT(*) FROM actors"),
            "sources": one("SELECT COUNT(*) FROM sources"),
            "words": one("SELECT COALESCE(SUM(word_count), 0) FROM documents"),
            "published_range": list(self.conn.execute("SELECT MIN(published), MAX(published) FROM documents").fetchone()),
            "events_by_type": by_type,
            "by_source": by_source,
        }

    def search(self, query: str, filters: SearchFilters = SearchFilters(), limit: int = 20) -> list[Hit]:
        return search(self.conn, query, filters, limit)


def _party_fields(party: Optional[dict]) -> tuple:
    if not party:
        return None, None, None
    return _json(party), party.get("country"), party.get("sector")


def _event_row(doc: int, e: dict) -> tuple:
    trigger = e.get("trigger") or {}
    sentence = e.get("sentence") or {}
    location = e.get("location") or None
    date = e.get("date") or None
    return (doc, e.get("id"), e["type"], e.get("mode"), _json(e.get("contexts") or []), trigger.get("start"),
            trigger.get("end"), trigger.get("text"), sentence.get("start"), sentence.get("end"),
            *_party_fields(e.get("actor")), *_party_fields(e.get("recipient")),
            _json(location), (location or {}).get("country"), (location or {}).get("lat"), (location or {}).get("lon"),
            _json(date), (date or {}).get("iso"), (date or {}).get("precision"),
            _json(e.get("counts") or {}), _json(e.get("attribution")), e.get("status"), int(bool(e.get("negated"))),
            int(bool(e.get("historical"))), e.get("confidence"), _json(e.get("evidence") or []))
