"""Full-text search over Arabic-normalised, clitic-aware terms (SQLite FTS5).

Design choices:
- The FTS table is contentless: it stores the index only, never a second copy of the text. What it
  indexes is built here, not by an FTS tokenizer: for every token, its normalised surface
  (`Token.norm`: hamza forms, ta marbuta, alef maqsura, diacritics and tatweel folded) and, when the
  token carries clitics, its normalised stem ("والاعتقال" -> "والاعتقال" + "اعتقال"). A query term
  goes through the same path and matches either form, so "اعتقال" finds "والاعتقال" and "للاعتقال",
  and "والاعتقال" also finds a bare "اعتقال".
- The MATCH expression is assembled from normalised tokens, each quoted as an FTS string, and bound as
  a parameter with every filter: user text never becomes SQL or FTS syntax.
- Snippets are cut from the original text around the first place where a query term occurs in the
  normalised text, mapped back through `normalize(...).to_original`, so they show the article as
  written. Ranking is FTS5's bm25.
- Date filters apply to the document's publication date (`published`), the only date every stored
  document can have; event-level dates stay in `events.date_iso` for the exports.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from rasd.text.normalize import normalize, normalize_string
from rasd.text.tokenize import tokenize

SNIPPET_CHARS = 160


def token_terms(text: str, tokens: Optional[Sequence] = None) -> list[tuple[str, ...]]:
    """For each word token: its normalised surface and, when different, its normalised stem. `tokens`, when
    given, are tokenize(text) already made (the pipeline's tokens layer), which saves tokenising again."""
    out = []
    for token in (tokens if tokens is not None else tokenize(text)):
        surface = token.norm
        if not surface or not any(ch.isalnum() for ch in surface):
            continue
        terms = [surface]
        for segment in token.segments:
            if segment.kind == "stem":
                stem = normalize_string(segment.form)
                if stem and stem != surface:
                    terms.append(stem)
        out.append(tuple(terms))
    return out


def index_text(text: Optional[str], tokens: Optional[Sequence] = None) -> str:
    """The string the FTS table indexes for `text` (surfaces and stems, space-separated)."""
    if not text:
        return ""
    return " ".join(term for terms in token_terms(text, tokens) for term in terms)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> Optional[str]:
    """An FTS5 expression: every query word must match, through its surface or its stem."""
    parts = []
    for terms in token_terms(query):
        options = " OR ".join(_quote(t) for t in dict.fromkeys(terms))
        parts.append(f"({options})" if len(terms) > 1 else options)
    return " AND ".join(parts) if parts else None


@dataclass(frozen=True)
class SearchFilters:
    event_type: Optional[str] = None
    country: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    source: Optional[str] = None


@dataclass
class Hit:
    id: int
    doc_id: str
    title: Optional[str]
    published: Optional[str]
    source: Optional[str]
    url: Optional[str]
    snippet: str
    score: float
    event_types: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"id": self.id, "doc_id": self.doc_id, "title": self.title, "published": self.published,
                "source": self.source, "url": self.url, "snippet": self.snippet, "score": round(self.score, 4),
                "event_types": self.event_types}


def document_where(filters: SearchFilters) -> tuple[list[str], list]:
    """SQL conditions (on documents d and sources s) and their parameters for the document filters."""
    where, params = [], []
    if filters.since:
        where.append("d.published >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("d.published <= ?")
        params.append(filters.until)
    if filters.source:
        where.append("s.name = ?")
        params.append(filters.source)
    return where, params


def search(conn: sqlite3.Connection, query: str, filters: SearchFilters = SearchFilters(), limit: int = 20) -> list[Hit]:
    expression = match_expression(query)
    if expression is None:
        return []
    where = ["documents_fts MATCH ?"]
    params: list = [expression]
    if filters.event_type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND e.type = ?)")
        params.append(filters.event_type.upper())
    if filters.country:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.document_id = d.id AND "
                     "(e.actor_country = ? OR e.recipient_country = ? OR e.location_country = ?))")
        params.extend([filters.country.upper()] * 3)
    more_where, more_params = document_where(filters)
    where += more_where
    params += more_params
    sql_where = " AND ".join(where)
    sql = (f"SELECT d.id, d.doc_id, d.title, d.published, d.url, d.text, s.name AS source, bm25(documents_fts) AS score "
           f"FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
           f"LEFT JOIN sources s ON s.id = d.source_id WHERE {sql_where} ORDER BY score LIMIT ?")
    params.append(int(limit))
    rows = conn.execute(sql, params).fetchall()
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    types: dict[int, list[str]] = {}
    for document_id, kind in conn.execute(
            f"SELECT DISTINCT document_id, type FROM events WHERE document_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY document_id, type", ids):
        types.setdefault(document_id, []).append(kind)
    wanted = [t for terms in token_terms(query) for t in terms]
    return [Hit(row["id"], row["doc_id"], row["title"], row["published"], row["source"], row["url"],
                snippet(row["text"], wanted), row["score"], types.get(row["id"], [])) for row in rows]


def normalised_snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of the original text around the first occurrence of a term (the reference
    implementation: it normalises the whole article, ~3 ms; `snippet` gives the same, cheaper)."""
    normalized = normalize(text)
    norm_text = normalized.text
    positions = [p for p in (norm_text.find(t) for t in terms) if p >= 0]
    if not positions:
        start = 0
    else:
        first = min(positions)
        original = normalized.to_original(first, first + 1)[0]
        start = max(0, original - width // 3)
    end = min(len(text), start + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


@lru_cache(maxsize=1)
def _folds() -> tuple[dict[str, str], str]:
    """normalised char -> the original chars that normalise to it; and the chars normalisation deletes."""
    from rasd.text.normalize import _tables
    mapping = _tables()[0]
    sources: dict[str, set[str]] = {}
    for original, folded in mapping.items():
        if len(folded) == 1:
            sources.setdefault(folded, set()).add(original)
    deleted = "".join(sorted(ch for ch, folded in mapping.items() if folded == ""))
    return {k: "".join(sorted(v)) for k, v in sources.items()}, deleted


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> Optional[re.Pattern]:
    """A regex over the ORIGINAL text that matches exactly where a normalised term occurs."""
    if not terms:
        return None
    sources, deleted = _folds()
    skip = f"[{re.escape(deleted)}]*" if deleted else ""
    alternatives = []
    for term in sorted(set(terms), key=len, reverse=True):
        chars = []
        for ch in term:
            options = ch + sources.get(ch, "")
            chars.append("[" + re.escape("".join(dict.fromkeys(options))) + "]")
        alternatives.append(skip.join(chars))
    return re.compile("|".join(alternatives))


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of the original text around the first occurrence of a term, without
    normalising the whole article.

    The first occurrence of a term is found by a regex over the original text whose character
    classes are the inverse of the normaliser's one-to-one folds (deleted marks may sit between
    letters); where that cannot match (a character that expands to several), it falls back to
    normalised_snippet, so the result is the same, only cheaper (an article is ~3 ms to normalise).
    """
    pattern = _term_pattern(tuple(terms))
    found = pattern.search(text) if pattern is not None else None
    if found is None:
        return normalised_snippet(text, terms, width)
    start = max(0, found.start() - width // 3)
    end = min(len(text), start + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def hits_json(hits: list[Hit]) -> str:
    return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1)
