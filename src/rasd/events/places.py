"""Where an event happened: the event's own place in its sentence, and the country an article is about.

A place entity counts when a locative cue governs it (في، ب، داخل، قرب، شمال، مدينة ...), or إلى / من
for types that move something (a visit, a deployment, a withdrawal); a bare city name counts too, a bare
country name does not (it is more often a party than a scene). Places inside the actor's or recipient's
own phrase (their nationality: "الشرطة النمساوية") are not the scene, unless the event names no other
place and the party is an institution named for a city ("محكمة جنايات الجيزة", "جامعة القاهرة"); nor are topics ("بحث الأوضاع في
كازاخستان") or places inside a relative clause on the object ("أدان أعمال العنف التي شهدتها ألماتي").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence

from rasd.events.view import ArgumentCues, Draft, SentenceView
from rasd.model.spans import Entity, Place

__all__ = ["location", "article_country", "scene_country", "dateline_end", "ARTICLE_MIN_PLACES"]


def _place_of(e: Entity) -> Place:
    precision, admin1 = "country", None
    if e.kb_id and not e.kb_id.startswith("country:"):
        precision, admin1 = _place_detail(e.kb_id, e.name_en)
    return Place(e.start, e.end, e.country, e.name_en, admin1, e.lat, e.lon, precision)


@lru_cache(maxsize=4096)
def _place_detail(kb_id: str, name_en: Optional[str]) -> tuple[str, Optional[str]]:
    from rasd.lexicon import kb
    gid = kb_id.rsplit(":", 1)[-1]
    for p in kb.places_by_name(name_en or "") if name_en else ():
        if str(p.geonameid) == gid:
            return ("admin1" if p.kind in ("admin1", "region") else "city"), p.admin1
    return "city", None


def location(v: SentenceView, d: Draft, cues: ArgumentCues, taken: Sequence) -> Optional[Place]:
    etype, first, last = d.event.type, d.first, d.last
    directional = {k for k, types in cues.directional.items() if etype in types}
    best, best_score = None, None
    inner = []  # places inside a party's or institution's name: "محكمة جنايات الجيزة"
    opening = dateline_end(v.text) if v.span.start == 0 else 0
    for f, l, e in v.places:
        if first <= l and f <= last or e.end <= opening:
            continue
        prep = v.prep_before(f)
        located = prep in cues.locative or prep in directional
        if prep == "في" and f >= 2 and v.keys[f - 2] in cues.topics:
            continue  # "بحث الأوضاع في كازاخستان": the topic, not where it happened
        if f > last + 1 and any(v.keys[i] in cues.relatives for i in range(last + 2, f)):
            continue  # inside a relative clause on the object: "أدان أعمال العنف التي شهدتها ألماتي"
        inside_party = any(p is not None and p.start is not None and p.start <= e.start and e.end <= p.end for p in taken)
        is_country = (e.kb_id or "").startswith("country:") or e.subtype == "GPE" and e.lat is None
        if inside_party and not located:
            # the name's head comes first: "محكمة جنايات الجيزة"; a bare city is a government ("كييف")
            if not is_country and e.country is not None and any(
                    p is not None and p.start is not None and p.start < e.start and e.end <= p.end for p in taken):
                inner.append((f, l, e))
            continue
        if not located and (is_country or e.country is None):
            continue
        distance = f - last if f > last else (first - l) + 2
        score = (v.clause[f] != v.clause[first], 0 if located else 1, distance)
        if best_score is None or score < best_score:
            best, best_score = e, score
    if best is not None:
        return _place_of(best)
    inner += [(f, l, e) for f, l, e in v.named_in if v.clause[f] == v.clause[first]]
    if inner:
        return _place_of(min(inner, key=lambda x: abs(x[0] - first))[2])
    return _home_reference(v, d, cues)


def _home_reference(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[Place]:
    """"في شرق البلاد", "في أنحاء البلاد": the country the article is about, named as "the country". The
    span is the word البلاد; fill_countries gives it the article's country (article_country)."""
    for i in range(1, len(v.keys)):
        if v.keys[i] not in cues.home_words or v.clause[i] != v.clause[d.first] or d.first <= i <= d.last:
            continue
        if not any(s.kind == "proclitic" and s.form == "ال" for s in v.toks[i].segments):
            continue
        if v.keys[i - 1] in cues.locative or v.keys[i - 1] in cues.home_lead:
            tok = v.toks[i]
            return Place(tok.start, tok.end, precision="country")
    return None

ARTICLE_MIN_PLACES = 2
# A dateline opens the text: a place (and country), an agency in brackets or after a dash, then "--", a
# dash or a colon: "دبي، الإمارات العربية المتحدة (CNN)--", "القاهرة - رويترز:", "بيروت ـ «الشرق الأوسط»:"
_DATELINE = re.compile(r"^[^.\n،]{1,40}(?:،[^.\n،]{1,40})?\s*(?:\([^)]{1,20}\)\s*)?(?:--|—|–| - | ـ )(?:[^.\n:]{0,30}:)?")


def dateline_end(text: str) -> int:
    """End offset of the dateline that opens an article, or 0."""
    m = _DATELINE.match(text[:120])
    return m.end() if m else 0


def _place_counts(doc) -> tuple[Optional[str], int]:
    """(most named place country, how often), ties to the first named, (None, -1) for a tie of single
    mentions; dateline places left out."""
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    opening = dateline_end(doc.text)
    for e in doc.entities:
        if e.end <= opening:
            continue  # "دبي، الإمارات العربية المتحدة (CNN)--": where the newsroom is, not the story
        if e.country and e.country != "IGO" and (e.label == "LOC" or e.subtype in ("GPE", "FAC") or e.lat is not None):
            counts[e.country] = counts.get(e.country, 0) + 1
            first_seen.setdefault(e.country, e.start)
    best = min(counts, key=lambda c: (-counts[c], first_seen[c])) if counts else None
    if best is not None and sum(1 for n in counts.values() if n == counts[best]) > 1 and counts[best] < ARTICLE_MIN_PLACES:
        return None, -1  # one mention each of two countries: neither is the article's
    return best, counts.get(best, 0)


def scene_country(doc) -> Optional[str]:
    """The country an article's place names point to (article_country without the nationality fallback):
    the scene of events that name no place of their own, since a nationality alone places nothing."""
    best, n = _place_counts(doc)
    return best if n >= ARTICLE_MIN_PLACES else None


def article_country(doc) -> Optional[str]:
    """The country an article is about: the one its place names point to most often (ties: the first
    named), counting only articles that name places in at least two sentences or twice in one. A
    domestic nominal actor with no scene of its own ("وطالبت الأسر", "أفرجت السلطات") takes it."""
    best, n = _place_counts(doc)
    if best is not None and n >= ARTICLE_MIN_PLACES:
        return best
    if not doc.has("actors") or n < 0:
        return None
    # too few place names: the nationality adjectives of its nominal actors ("الأمن السوداني") tell the
    # country, when they name only one and it is the country of the places named, if any
    nationalities = {a.country for a in doc.actors if a.kind == "nominal" and a.country and a.country != "IGO"}
    if len(nationalities) == 1 and (best is None or best in nationalities):
        return next(iter(nationalities))
    return None

