"""A side index of each event's day, so that the dashboard's "newest first" and date filters stay fast.

Why: an event's day (rasd.store.queries.DAY_SQL: its own date when known to the day, else the
article's publication date) mixes two tables, so SQLite cannot index it, and sorting a quarter of a
million events by it costs about half a second per request; reading `documents.published` for every
event is itself slow because that column sits after the article text in the row. The server keeps
a small SQLite file of (event id, day) with an index on (day, id), built at start from the store
(~1 s per 250k events) and ATTACHed read-only to every read connection as schema `rasd_days`; the
queries find it as `event_day` (queries.ensure_event_day falls back to a plain view without it).

Freshness: events are only ever appended (ids grow), so `refresh()` copies the events whose id is
above the last one seen; it runs at most once per `refresh_seconds` (and right after an API ingest).
An event written by another process shows up in sorted lists within that delay; a deleted event
simply no longer joins. The file lives in a private temporary directory removed at shutdown.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
import time
import weakref
from pathlib import Path

from rasd.store.queries import DAY_SQL

SCHEMA = "rasd_days"


class DayIndex:
    def __init__(self, store_path: Path, refresh_seconds: float = 1.0):
        self.store_path = Path(store_path)
        self.folder = Path(tempfile.mkdtemp(prefix="rasd-serve-"))
        self.path = self.folder / "days.db"
        # Removed at close(), or when the index is garbage-collected if the app never shut down cleanly.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, True)
        self.refresh_seconds = refresh_seconds
        self._lock = threading.Lock()
        self._checked = 0.0
        self._writer = sqlite3.connect(f"file:{self.path}", uri=True, isolation_level=None, check_same_thread=False)
        self._writer.execute("PRAGMA journal_mode = WAL")
        self._writer.execute("PRAGMA synchronous = OFF")  # a cache: rebuilt from the store at every start
        self._writer.execute("CREATE TABLE event_day (id INTEGER PRIMARY KEY, day TEXT)")
        self._writer.execute("CREATE INDEX event_day_day ON event_day(day, id)")
        self._writer.execute("ATTACH DATABASE ? AS store", (f"file:{self.store_path}?mode=ro",))
        self.last_id = 0
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> int:
        """Copy the days of the events added since the last refresh; returns how many were added."""
        now = time.monotonic()
        if not force and now - self._checked < self.refresh_seconds:
            return 0
        with self._lock:
            self._checked = now
            newest = self._writer.execute("SELECT MAX(id) FROM store.events").fetchone()[0] or 0
            if newest <= self.last_id:
                return 0
            # The publication dates come from the covering index documents(published), not the wide rows.
            day = DAY_SQL.replace("d.published", "p.published")
            self._writer.execute("BEGIN")
            added = self._writer.execute(
                "WITH p AS MATERIALIZED (SELECT id, published FROM store.documents) "
                f"INSERT OR IGNORE INTO event_day (id, day) SELECT e.id, {day} FROM store.events e "
                "JOIN p ON p.id = e.document_id WHERE e.id > ?", (self.last_id,)).rowcount
            self._writer.execute("COMMIT")
            self.last_id = newest
            return added

    def attach(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (f"file:{self.path}?mode=ro",))

    def close(self) -> None:
        with self._lock:
            self._writer.close()
        self._cleanup()
