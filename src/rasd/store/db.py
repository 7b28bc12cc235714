"""Connections and schema migrations.

Design choices:
- WAL journal: readers never block the single writer and the writer never blocks readers, so
  `rasd search` works while `rasd ingest` runs. `synchronous=NORMAL` is safe with WAL (a power cut may
  lose the last commits, never corrupt the file; a killed process loses nothing committed).
- Migrations are numbered SQL files in data/migrations (`0001_initial.sql`, `0002_...`), applied in
  order, each in its own transaction together with its row in `schema_migrations` (sqlite-utils
  style), so a crash mid-migration leaves the previous version intact. A database written by a newer
  rasd (an unknown version number) is refused rather than half-understood.
"""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.errors import InputError

WRITER_CACHE_KIB = 32_768  # a writer touches a dozen B-trees per document: keep their inner pages cached
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class StoreError(InputError):
    """The database file is unusable: not SQLite, from a newer rasd, or locked for too long."""
    code = "R017"


@lru_cache(maxsize=1)
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(version, name, sql) of every packaged migration, in order."""
    folder = resources.files("rasd.store").joinpath("data/migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def connect(path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> sqlite3.Connection:
    """Open the store; a writer also creates and migrates it. Autocommit mode: transactions are explicit."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError("no such database", source=str(path))
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
        else:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            migrate(conn)
        else:
            _check_version(conn, str(path))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"not a usable rasd database ({exc})", source=str(path)) from None
    conn.row_factory = sqlite3.Row
    return conn


def applied_versions(conn: sqlite3.Connection) -> list[int]:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL)")
    return [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied to this store (0 for an empty file)."""
    try:
        return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _check_version(conn: sqlite3.Connection, where: str) -> None:
    try:
        done = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    except sqlite3.OperationalError:
        raise StoreError("not a rasd database (no schema_migrations table)", source=where) from None
    known = len(migrations())
    if done and max(done) > known:
        raise StoreError(f"written by a newer rasd (schema version {max(done)}, this rasd knows {known})", source=where)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations not yet applied; returns the versions applied now."""
    done = set(applied_versions(conn))
    _check_version(conn, "database")
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated between our read and our lock.
            if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                         (version, name, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(sql: str):
    """Split a migration into statements (executescript would commit our transaction)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement in a migration: {buffer[:80]!r}")
