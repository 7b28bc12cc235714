"""Writing analysed documents and reading counts back.

Design choices:
- One document, one transaction: the document row, its entities, actors, events, its full-text
  entry, its near-duplicate cluster (rasd.store.dedup) and its events' stories (rasd.store.stories)
  are written between BEGIN IMMEDIATE and COMMIT, so a kill -9 leaves either all of them or none.
  That is what makes ingest resumable: a rerun skips what was committed and redoes the rest.
- Documents without a cluster (stored before migration 2, or while datasketch was missing) are
  placed, oldest first, before the first write of a Store (`ready_for_writing`), so they end up
  where one run in insertion order would have put them.
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
import logging
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any, Optional, Sequence

from rasd.store.db import connect, schema_version
from rasd.store.dedup import available as dedup_available
from rasd.store.dedup import ensure_parameters, place_document, signature
from rasd.store.search import Hit, SearchFilters, index_text, search
from rasd.store.stories import link_document, story_stats

_SPACE = re.compile(r"\s+")
log = logging.getLogger(__name__)


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
        self._ready = False
        self._clustering = False
        self._batch: Optional[int] = None

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> "Store":
        return cls(connect(path, readonly=readonly), Path(path))

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._batch is not None:
            self.commit_batch()
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

        `index` is the full-text index string (search.index_text of the text), computed here when not
        given. Ingest workers call prepare_document themselves and hand the result to add_prepared.
        """
        prepared = prepare_document(analysed, index=index, digest=digest)
        return self.add_prepared(prepared, provenance=provenance, author=author)

    def add_prepared(self, prepared: dict, *, provenance: dict, author: Optional[str] = None) -> Optional[int]:
        """Store a document made by prepare_document: its row, layers, FTS entry, near-duplicate cluster and
        stories, all in one transaction (or one savepoint of an open batch). None when its content is
        already stored."""
        self.ready_for_writing()
        conn = self.conn
        now = _now()
        begin, commit, rollback = (("SAVEPOINT document", "RELEASE document", "ROLLBACK TO document")
                                   if self._batch is not None else ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"))
        conn.execute(begin)
        try:
            doc = self._insert(prepared, provenance, author, now)
            if doc is not None and self._clustering:
                place_document(conn, doc, prepared["signature"] if "signature" in prepared
                               else signature(prepared["text"]))
                link_document(conn, doc, now)
        except BaseException:
            self._undo(rollback, commit)
            raise
        if doc is None:
            self._undo(rollback, commit)
            return None
        conn.execute(commit)
        if self._batch is not None:
            self._batch += 1
        return doc

    def _undo(self, rollback: str, release: str) -> None:
        if self.conn.in_transaction:
            self.conn.execute(rollback)
            if self._batch is not None:
                self.conn.execute(release)  # ROLLBACK TO keeps the savepoint open
        self._source_ids.clear()  # a source row inserted by the undone statements is gone

    # -- batches ---------------------------------------------------------------------------------
    def begin_batch(self) -> None:
        """Group the next documents in one transaction, each in its own savepoint: a document is still
        stored whole or not at all, and a kill -9 loses at most the uncommitted batch, which a rerun
        redoes. Fewer commits make the single writer cheaper; readers see a batch when it commits."""
        if self._batch is None:
            self.ready_for_writing()
            self.conn.execute("BEGIN IMMEDIATE")
            self._batch = 0

    def commit_batch(self) -> int:
        """Commit the open batch (if any); returns how many documents it stored."""
        stored, self._batch = self._batch or 0, None
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        return stored

    @property
    def batch_size(self) -> Optional[int]:
        """Documents stored in the open batch, None when no batch is open."""
        return self._batch

    def _insert(self, p: dict, provenance: dict, author: Optional[str], now: str) -> Optional[int]:
        conn = self.conn
        row = conn.execute(
            "INSERT INTO documents (doc_id, content_hash, text, published, source_id, url, title, author, provenance,"
            " analysed, word_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(content_hash) DO NOTHING RETURNING id",
            (p["id"] or p["digest"][:16], p["digest"], p["text"], p["published"], self._source_id(p["source"]),
             p["url"], p["title"], author, _json(provenance), p["analysed"], p["word_count"], now)).fetchone()
        if row is None:
            return None
        doc = row[0]
        conn.executemany(
            'INSERT INTO entities (document_id, start, "end", text, label, subtype, kb_id, country, sector, name_en)'
            " VALUES (?,?,?,?,?,?,?,?,?,?)", [(doc, *r) for r in p["entities"]])
        conn.executemany(
            'INSERT INTO actors (document_id, start, "end", text, kind, kb_id, country, sector, name_en)'
            " VALUES (?,?,?,?,?,?,?,?,?)", [(doc, *r) for r in p["actors"]])
        conn.executemany(_EVENT_INSERT, [(doc, *r) for r in p["events"]])
        conn.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (doc, p["title_index"], p["index"]))
        return doc

    def ready_for_writing(self) -> None:
        """Once per Store: signatures made with other MinHash parameters are redone, and documents stored
        before migration 2 are placed in clusters and stories (each in its own transaction)."""
        if self._ready:
            return
        self._clustering = dedup_available()
        if self._clustering:
            ensure_parameters(self.conn)
            self.place_pending()
        else:
            log.warning("datasketch is not installed (pip install 'rasd[ingest]'): documents are stored without "
                        "near-duplicate clusters and stories until an ingest with it places them")
        self._ready = True

    def place_pending(self) -> int:
        """Cluster and link the documents that have no cluster yet, oldest first; returns how many."""
        done = 0
        while True:
            row = self.conn.execute("SELECT id, text FROM documents WHERE cluster_id IS NULL ORDER BY id LIMIT 1"
                                    ).fetchone()
            if row is None:
                return done
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.conn.execute("SELECT cluster_id FROM documents WHERE id = ?", (row[0],)).fetchone()[0] is None:
                    place_document(self.conn, row[0], signature(row[1]))
                    link_document(self.conn, row[0], _now())
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            done += 1

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
            **self._story_stats(),
        }

    def _story_stats(self) -> dict:
        if schema_version(self.conn) < 2:  # a store from an older rasd opened read-only
            return {}
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "near_duplicates": {
                "documents": one("SELECT COUNT(*) FROM documents WHERE near_duplicate_of IS NOT NULL"),
                "clusters": one("SELECT COUNT(*) FROM (SELECT cluster_id FROM documents WHERE cluster_id IS NOT NULL "
                                "GROUP BY cluster_id HAVING COUNT(*) > 1)"),
                "pending": one("SELECT COUNT(*) FROM documents WHERE cluster_id IS NULL"),
            },
            "stories": story_stats(self.conn),
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


_EVENT_INSERT = (
    "INSERT INTO events (document_id, event_key, type, mode, contexts, trigger_start, trigger_end,"
    " trigger_text, sentence_start, sentence_end, actor, actor_country, actor_sector, recipient,"
    " recipient_country, recipient_sector, location, location_country, lat, lon, date, date_iso,"
    " date_precision, counts, attribution, status, negated, historical, confidence, evidence)"
    " VALUES (" + ",".join("?" * 30) + ")")


def prepare_document(analysed: dict, *, index: Optional[str] = None, tokens: Optional[Sequence] = None,
                     digest: Optional[str] = None) -> dict:
    """Everything the writer stores for an analysed SCHEMA document, as JSON-able data: the row values of the
    document, its entities, actors and events (nested objects already JSON text), the full-text index
    strings and the MinHash signature (absent without datasketch). Ingest workers call this, so the single writer only executes SQL."""
    text = analysed["text"]
    title = analysed.get("title")
    events = [_event_row(None, e)[1:] for e in analysed.get("events", [])]
    return {
        "id": analysed.get("id"), "digest": digest or content_hash(text), "text": text, "published": analysed.get("published"),
        "source": analysed.get("source"), "url": analysed.get("url"), "title": title,
        "analysed": _json({k: v for k, v in analysed.items() if k != "text"}), "word_count": len(text.split()),
        "entities": [(e["start"], e["end"], e["text"], e["label"], e.get("subtype"), e.get("kb_id"), e.get("country"),
                      e.get("sector"), e.get("name_en")) for e in analysed.get("entities", [])],
        "actors": [(a["start"], a["end"], a["text"], a.get("kind"), a.get("kb_id"), a.get("country"), a.get("sector"),
                    a.get("name_en")) for a in analysed.get("actors", [])],
        "events": events,
        "index": index if index is not None else index_text(text, tokens),
        "title_index": index_text(title) if title else "",
        **({"signature": signature(text)} if dedup_available() else {}),
    }
