"""One event, many reports: event mentions of different articles linked into stories (GDELT's idea).

A story is one real-world event as the store knows it: the event mentions of the articles that report
it, with num_articles and num_sources (distinct documents and sources among its mentions; documents
without a source count together as one unknown source). When the
reports disagree (5 dead in one, 7 in another; another date) every value is kept with the documents
that give it, and the field is listed in the story's `conflicts`; nothing is averaged or chosen.

Design choices:
- Linking happens when a document is stored, in the same transaction (kill -9 leaves a document
  either stored and linked or absent), and only looks at what is already stored, so the story of an
  event is decided once: incremental runs give what one run over the same inputs in the same order
  gives. A story never merges with another and an event never moves.
- Candidates: stories of the same PLOVER type and negation whose anchor day is within MAX_DAYS of the
  event's anchor day (anchor_day: the event's own date when it is a day; else the article's
  publication day, when the event has no date or a month or year containing it: "date unknown on one
  side but the same publication window"). An event without an anchor (dated another month, or
  historical) gets a story of its own.
- Evidence, scored against each member mention from another article: the same city (PLACE_SCORE for
  events that happen at a place, PLACE_DEFINED; COUNTRY_SCORE for the others), the same location
  country (COUNTRY_SCORE), the same actor / recipient knowledge-base id (ACTOR_SCORE; a country's id
  is only its country) or only its country (COUNTRY_SCORE), articles of one near-duplicate cluster
  (CLUSTER_SCORE: the same text republished). Conflicts veto: different location countries or
  cities, party countries that differ, two different people. Events that happen at a place link
  only through their city or a near-duplicate cluster (one armed group attacks in many places a
  day); the others (meetings, statements, agreements...) through who acts on whom. A story is
  accepted when no member conflicts with the new mention and its best member reaches LINK_SCORE;
  the best story wins (highest score, then the oldest). So an attack in Aden reported twice links on
  the city alone; two meetings in Riyadh need their participants; the same type and day alone never
  link.
- Lookup by index, not by scan: a news day holds hundreds of events of one type, so comparing a new
  event with all of them would make ingest quadratic. Every linked mention writes `story_keys`,
  hashes of (type, negation, anchor day, one combination of evidence that reaches LINK_SCORE: the
  city; both parties' ids; one party's id with the location and the other party's country; ...); a
  new mention looks up its own keys for each day of the window, plus the mentions of its
  near-duplicate cluster, and only those candidate stories are scored. Two mentions that can link
  share a key or a cluster, so this finds what comparing with everything would, at index cost.
- The summary columns of a story (counts, dates, conflicts, num_*) are recomputed from its member
  events whenever one joins: idempotent, and the same whatever the order of joins.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Optional

MAX_DAYS = 1
LINK_SCORE = 2.0
PLACE_SCORE, ACTOR_SCORE, COUNTRY_SCORE, CLUSTER_SCORE = 2.0, 1.0, 0.5, 3.0
# Events that happen at a place (an attack, an arrest, a protest, a deployment, relief, a withdrawal): the
# same city on the same day is enough. The others (meetings, statements, agreements, accusations...) are
# defined by who acts on whom; a capital hosts many of them a day, so there the city only adds a little.
PLACE_DEFINED = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "AID", "RETREAT"})
MAX_CLUSTER_CANDIDATES = 50
CLUSTER_DAYS = 3  # near-copies published this close are one story's reports
COUNT_ORDER = ("dead", "injured", "arrested", "participants", "troops")

_EVENT_SQL = ("SELECT e.id, e.document_id, e.type, e.negated, e.date_iso, e.date_precision, e.location, "
              "e.location_country, e.actor, e.actor_country, e.recipient, e.recipient_country, d.published, "
              "d.cluster_id, e.story_id, d.doc_id, d.source_id, e.counts, e.lat, e.lon, e.historical "
              "FROM events e JOIN documents d ON d.id = e.document_id ")
_MEMBER_SQL = ("SELECT e.document_id, d.doc_id, d.source_id, e.counts, e.date_iso, e.location_country, e.location, "
               "e.lat, e.lon, e.actor_country, e.recipient_country FROM events e JOIN documents d ON d.id = e.document_id "
               "WHERE e.story_id = ? ORDER BY e.id")
_SUMMARY_COLUMNS = ("num_events", "num_articles", "num_sources", "date_min", "date_max", "location_country", "place",
                    "lat", "lon", "actor_country", "recipient_country", "counts", "dates", "conflicts", "updated_at")


def _member(row) -> tuple:
    """An _EVENT_SQL row as a _MEMBER_SQL row."""
    return (row[1], row[15], row[16], row[17], row[4], row[7], row[6], row[18], row[19], row[9], row[11])


@dataclass(frozen=True)
class Mention:
    id: int
    document_id: int
    type: str
    negated: int
    anchor: Optional[str]
    place: Optional[str]          # a city-level or finer place; None for a country-level location
    location_country: Optional[str]
    actor_kb: Optional[str]
    actor_country: Optional[str]
    recipient_kb: Optional[str]
    recipient_country: Optional[str]
    cluster_id: Optional[int]
    published: Optional[str] = None

    @classmethod
    def from_row(cls, row) -> "Mention":
        location = json.loads(row[6]) if row[6] else {}
        actor = json.loads(row[8]) if row[8] else {}
        recipient = json.loads(row[10]) if row[10] else {}
        place = None
        if location and location.get("precision") != "country":
            place = location.get("place") or location.get("text")
        return cls(row[0], row[1], row[2], int(row[3] or 0), anchor_day(row[4], row[12], bool(row[20])), place,
                   row[7], _identity(actor.get("kb_id")), row[9], _identity(recipient.get("kb_id")), row[11], row[13],
                   _valid_day(row[12]))


def _identity(kb_id: Optional[str]) -> Optional[str]:
    """A knowledge-base id that names one actor; a country's id ("country:SAU") is only its country, which
    the *_country columns already carry."""
    return None if not kb_id or kb_id.startswith("country:") else kb_id


def anchor_day(date_iso: Optional[str], published: Optional[str], historical: bool) -> Optional[str]:
    """The day an event mention is placed on for linking: its own date when that is a day; the publication
    day when the event has no date, or a month or year that contains the publication day; else None (an
    event of another time, or a past event recalled in passing, is not linked by the publication day)."""
    if date_iso and len(date_iso) == 10:
        return date_iso
    if historical or not published:
        return None
    if date_iso and not published.startswith(date_iso):
        return None
    return published


def _party_score(kb_a, country_a, kb_b, country_b) -> Optional[float]:
    """None for a conflict, else the evidence that the two parties are the same."""
    if country_a and country_b and country_a != country_b:
        return None
    if kb_a and kb_b:
        if kb_a == kb_b:
            return ACTOR_SCORE
        if kb_a.startswith("person:") and kb_b.startswith("person:"):
            return None  # two different people
    if country_a and country_b:
        return COUNTRY_SCORE
    return 0.0


def match_score(new: Mention, old: Mention) -> Optional[float]:
    """How strongly two mentions of the same type and time window report one event; None when they conflict."""
    score = 0.0
    if new.location_country and old.location_country:
        if new.location_country != old.location_country:
            return None
        score += COUNTRY_SCORE
    same_place = False
    if new.place and old.place:
        if new.place != old.place:
            return None
        same_place = True
        score += PLACE_SCORE if new.type in PLACE_DEFINED else COUNTRY_SCORE
    for kb_a, country_a, kb_b, country_b in ((new.actor_kb, new.actor_country, old.actor_kb, old.actor_country),
                                             (new.recipient_kb, new.recipient_country, old.recipient_kb,
                                              old.recipient_country)):
        party = _party_score(kb_a, country_a, kb_b, country_b)
        if party is None:
            return None
        score += party
    same_cluster = new.cluster_id is not None and new.cluster_id == old.cluster_id
    if same_cluster:
        score += CLUSTER_SCORE
    if new.type in PLACE_DEFINED and not (same_place or same_cluster):
        return 0.0  # an armed group's attacks of one day are many attacks: these link by place only
    return score


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _valid_day(day: Optional[str]) -> Optional[str]:
    try:
        return dt.date.fromisoformat(day).isoformat() if day else None
    except ValueError:
        return None


def evidence_keys(mention: Mention, day: str) -> list[int]:
    """The story_keys of a mention anchored on `day`: one per combination of evidence that reaches LINK_SCORE
    (see match_score), so that two mentions that can link share at least one key."""
    place, actor, recipient = mention.place, mention.actor_kb, mention.recipient_kb
    where, actor_c, recipient_c = mention.location_country, mention.actor_country, mention.recipient_country
    if mention.type in PLACE_DEFINED:
        values = [f"place|{place}"] if place else []
    else:
        values = [v for v, known in (
            (f"ab|{actor}|{recipient}", actor and recipient),
            (f"al|{actor}|{where}|{recipient_c}", actor and where and recipient_c),
            (f"rl|{recipient}|{where}|{actor_c}", recipient and where and actor_c),
            (f"pa|{place}|{actor}", place and actor),
            (f"pr|{place}|{recipient}", place and recipient),
            (f"pc|{place}|{actor_c}|{recipient_c}", place and actor_c and recipient_c)) if known]
    prefix = f"{mention.type}|{mention.negated}|{day}|"
    return [int.from_bytes(hashlib.blake2b((prefix + v).encode("utf-8"), digest_size=8).digest(), "little") >> 1
            for v in values]


def _find_story(conn: sqlite3.Connection, new: Mention, anchor: str) -> Optional[int]:
    """The best story for `new` among those of the mentions that share a piece of evidence with it (story_keys,
    over the days of the window) or whose article is in its near-duplicate cluster."""
    low, high = _shift(anchor, -MAX_DAYS), _shift(anchor, MAX_DAYS)
    keys = [k for offset in range(-MAX_DAYS, MAX_DAYS + 1) for k in evidence_keys(new, _shift(anchor, offset))]
    candidates: list[int] = []
    if keys:
        candidates = [row[0] for row in conn.execute(
            f"SELECT event_id FROM story_keys WHERE key IN ({','.join('?' * len(keys))})", keys)]
    if new.cluster_id is not None and new.cluster_id != new.document_id:  # the first of a cluster has no peers yet
        # copies published around the same time (an old copy of a long-lived template is another day's report)
        around = new.published or anchor
        peers = [row[0] for row in conn.execute(
            "SELECT id FROM documents INDEXED BY documents_cluster WHERE cluster_id = ? AND id != ? AND "
            "(published IS NULL OR published BETWEEN ? AND ?) ORDER BY id DESC LIMIT ?",
            (new.cluster_id, new.document_id, _shift(around, -CLUSTER_DAYS), _shift(around, CLUSTER_DAYS),
             MAX_CLUSTER_CANDIDATES))]
        if peers:
            candidates += [row[0] for row in conn.execute(
                f"SELECT id FROM events INDEXED BY events_document WHERE document_id IN ({','.join('?' * len(peers))})"
                " AND type = ? AND negated = ? AND story_id IS NOT NULL", (*peers, new.type, new.negated))]
    if not candidates:
        return None
    ids = sorted(set(candidates))
    stories = [row[0] for row in conn.execute(
        # CROSS JOIN keeps the candidates as the outer loop (else SQLite may walk every story of the window)
        f"SELECT DISTINCT e.story_id FROM events e CROSS JOIN stories st ON st.id = e.story_id WHERE e.id IN "
        f"({','.join('?' * len(ids))}) AND e.document_id != ? AND st.type = ? AND st.negated = ? "
        "AND st.day BETWEEN ? AND ?", (*ids, new.document_id, new.type, new.negated, low, high))]
    if not stories:
        return None
    # every member of a candidate story must be compatible with the new mention (no chaining from Raqqa to
    # Ramadi through a report without a place); the best member gives the story's score
    scores: dict[int, Optional[float]] = {}
    for row in conn.execute(_EVENT_SQL + f"WHERE e.story_id IN ({','.join('?' * len(stories))}) "
                            "AND e.document_id != ?", (*stories, new.document_id)):
        story = row[14]
        if story in scores and scores[story] is None:
            continue
        score = match_score(new, Mention.from_row(row))
        scores[story] = None if score is None else max(score, scores.get(story) or 0.0)
    ranked = sorted((-score, story) for story, score in scores.items() if score is not None and score >= LINK_SCORE)
    return ranked[0][1] if ranked else None


def link_document(conn: sqlite3.Connection, document_id: int, now: str) -> list[int]:
    """Give every unlinked event of the document a story (joining one or starting one); inside the caller's
    transaction. Returns the ids of the stories touched."""
    touched: list[int] = []
    rows = conn.execute(_EVENT_SQL + "WHERE e.document_id = ? AND e.story_id IS NULL ORDER BY e.id",
                        (document_id,)).fetchall()
    keys: list[tuple[int, int]] = []
    links: list[tuple[int, int]] = []
    joined: list[int] = []
    for row in rows:
        new = Mention.from_row(row)
        anchor = _valid_day(new.anchor)
        story = _find_story(conn, new, anchor) if anchor else None
        if story is None:  # a story of its own: written whole at once, its summary from this one mention
            story = conn.execute(
                f"INSERT INTO stories (type, negated, day, first_event_id, first_document_id, "
                f"{', '.join(_SUMMARY_COLUMNS)}) VALUES ({','.join('?' * (5 + len(_SUMMARY_COLUMNS)))}) RETURNING id",
                (new.type, new.negated, anchor, new.id, document_id, *_summary([_member(row)]), now)).fetchone()[0]
        elif story not in joined:
            joined.append(story)
        links.append((story, new.id))
        if anchor:
            keys.extend((key, new.id) for key in evidence_keys(new, anchor))
        touched.append(story)
    # the document's own mentions are never candidates for each other, so these writes can wait until here
    conn.executemany("UPDATE events SET story_id = ? WHERE id = ?", links)
    conn.executemany("INSERT OR IGNORE INTO story_keys (key, event_id) VALUES (?, ?)", keys)
    for story in joined:
        refresh_story(conn, story, now)
    return list(dict.fromkeys(touched))


# -- the summary of a story ------------------------------------------------------------------------
def _interval(value: Any) -> tuple[float, float]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        low, high = value
        return (float("-inf") if low is None else low, float("inf") if high is None else high)
    return (value, value)


def _disagree(values: list[Any]) -> bool:
    """Counts disagree when two of them cannot both be true (ranges that do not overlap)."""
    spans = [_interval(v) for v in values if isinstance(v, (int, float, list, tuple))]
    return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1:])


def _dates_disagree(values: list[str]) -> bool:
    """"2022-01" and "2022-01-13" agree (one is less precise); "2022-01-13" and "2022-01-14" do not."""
    return any(not (a.startswith(b) or b.startswith(a)) for i, a in enumerate(values) for b in values[i + 1:])


def _add(groups: dict, key: str, doc: str) -> None:
    docs = groups.setdefault(key, [])
    if doc not in docs:
        docs.append(doc)


def refresh_story(conn: sqlite3.Connection, story_id: int, now: str) -> None:
    """Recompute a story's summary columns from its member events."""
    members = conn.execute(_MEMBER_SQL, (story_id,)).fetchall()
    conn.execute(f"UPDATE stories SET {', '.join(c + ' = ?' for c in _SUMMARY_COLUMNS)} WHERE id = ?",
                 (*_summary(members), now, story_id))


def _summary(members: list) -> tuple:
    """The values of _SUMMARY_COLUMNS but updated_at, from _MEMBER_SQL rows in event order."""
    counts: dict[str, dict[str, list[str]]] = {}
    dates: dict[str, list[str]] = {}
    first: dict[str, Any] = {}
    for document_id, doc_id, source_id, counts_json, date_iso, country, location, lat, lon, actor_c, recip_c in members:
        for key, value in (json.loads(counts_json) if counts_json else {}).items():
            if value is not None:
                _add(counts.setdefault(key, {}), json.dumps(value), doc_id)
        if date_iso:
            _add(dates, date_iso, doc_id)
        place = None
        if location:
            loc = json.loads(location)
            place = loc.get("place") or loc.get("text")
        for name, value in (("location_country", country), ("place", place), ("actor_country", actor_c),
                            ("recipient_country", recip_c)):
            if value and name not in first:
                first[name] = value
        if lat is not None and lon is not None and "lat" not in first:
            first["lat"], first["lon"] = lat, lon
    ordered = sorted(counts, key=lambda k: (COUNT_ORDER.index(k) if k in COUNT_ORDER else len(COUNT_ORDER), k))
    counts_out = {key: [{"value": json.loads(v), "documents": docs} for v, docs in counts[key].items()]
                  for key in ordered}
    conflicts = [key for key in ordered if _disagree([v["value"] for v in counts_out[key]])]
    if _dates_disagree(list(dates)):
        conflicts.append("date")
    return (len(members), len({m[0] for m in members}), len({m[2] if m[2] is not None else 0 for m in members}),
            min(dates) if dates else None, max(dates) if dates else None, first.get("location_country"),
            first.get("place"), first.get("lat"), first.get("lon"), first.get("actor_country"),
            first.get("recipient_country"), json.dumps(counts_out, ensure_ascii=False),
            json.dumps([{"value": d, "documents": docs} for d, docs in dates.items()], ensure_ascii=False),
            json.dumps(conflicts))


def story_stats(conn: sqlite3.Connection, top: int = 5) -> dict:
    """Counts for `rasd stats`: stories, those reported by several articles / sources, the biggest ones."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    biggest = [
        {"story_id": row[0], "type": row[1], "day": row[2], "num_articles": row[3], "num_sources": row[4],
         "location_country": row[5], "conflicts": json.loads(row[6])}
        for row in conn.execute("SELECT id, type, day, num_articles, num_sources, location_country, conflicts "
                                "FROM stories WHERE num_articles > 1 ORDER BY num_articles DESC, num_sources DESC, id "
                                "LIMIT ?", (top,))]
    return {
        "stories": one("SELECT COUNT(*) FROM stories"),
        "multi_article": one("SELECT COUNT(*) FROM stories WHERE num_articles > 1"),
        "multi_source": one("SELECT COUNT(*) FROM stories WHERE num_sources > 1"),
        "with_conflicts": one("SELECT COUNT(*) FROM stories WHERE conflicts != '[]'"),
        "largest": biggest,
    }
