"""Entity linking: each NER entity -> knowledge-base id, country, English name, subtype, coordinates.

Rules, in order:
1. Clitics: an entity that starts at a token start is trimmed to the word after its proclitics
   ("وبموسكو" -> "موسكو"); the KB is looked up with the words' keys (words.py).
2. Candidates by label: PER -> people; LOC -> countries, nationality forms (subtype NORP), places,
   organisations; ORG -> organisations, then countries (metonymy) and role phrases; MISC ->
   nationality forms, organisations, countries, people. Exact keys first, then the KB's spelling-
   variant (fuzzy) lookup for names the exact keys miss ("بيرموف" -> Bayramov); a person's variant
   never for a given name alone or a word the KB reads as something else.
3. Places with one name in several countries: prefer (a) a candidate whose country is named in the
   same sentence (by name, nationality or capital), then (b) one whose country is named elsewhere in
   the article, then (c) the most populous.
4. Recovery: names the NER missed are added, with score RECOVERED_SCORE, when the KB match is strong
   and unambiguous: country names, capitals, cities of at least RECOVER_CITY_POPULATION whose name
   no smaller place of PLACE_RIVAL_RATIO-th the population shares, hand-curated organisations, and
   hand-curated or multi-word people. Recovered spans never overlap NER spans, and never end in a
   word with a pronoun suffix ("جدته", "ميدانها": common nouns that happen to spell a place).
"""
from __future__ import annotations

from bisect import bisect_right

from dataclasses import replace
from typing import Optional, Sequence

from rasd.lexicon import kb
from rasd.link import lexicon as lx
from rasd.link.matcher import Match, match_at, matches_in, sentence_ranges
from rasd.link.words import Word, splits_hashtag, tag_line_sentences, words_of
from rasd.model.document import Document
from rasd.model.spans import Entity

RECOVERED_SCORE = 0.5
RECOVER_CITY_POPULATION = 1_000_000
PLACE_RIVAL_RATIO = 10

_ALLOWED = {
    "PER": ("person", "weak_person"),
    "LOC": ("country", "nat", "place", "org"),
    "ORG": ("org", "weak_org", "country", "role", "place"),
    "MISC": ("nat", "org", "weak_org", "country", "person", "weak_person"),
}
_FUZZY = {"PER": ("person",), "LOC": ("country", "place"), "ORG": ("organisation",), "MISC": ("organisation",)}


def day_of(doc: Document) -> Optional[str]:
    return doc.published.isoformat()[:10] if doc.published else None


def word_range(words: Sequence[Word], start: int, end: int) -> Optional[tuple[int, int]]:
    """First and last keyed word overlapping [start, end). Words are in text order, so their ends grow:
    a binary search finds the first one, instead of a scan of the whole document per entity."""
    first = last = None
    for i in range(bisect_right(words, start, key=_word_end), len(words)):
        w = words[i]
        if w.token_start >= end:
            break
        if w.key:
            if first is None:
                first = w.index
            last = w.index
    return None if first is None else (first, last)


def _word_end(w: Word) -> int:
    return w.end


def resolve_span(words: Sequence[Word], first: int, last: int, label: str) -> Optional[Match]:
    """The KB entry a labelled span names, or None."""
    allowed = _ALLOWED.get(label, _ALLOWED["MISC"])
    hit = match_at(words, first, last + 1)
    if hit is not None and hit.last == last and hit.kind in allowed:
        return hit
    phrase = " ".join(w.key for w in words[first:last + 1])
    for kind in _FUZZY.get(label, ()):
        if kind == "person" and first == last and _not_a_surname(words[first], hit):
            continue
        found = _fuzzy(kind, phrase)
        if found is not None:
            return Match(first, last, *found)
    return None


def _not_a_surname(word: Word, hit: Optional[Match]) -> bool:
    """One word that spelling variants must not turn into a person: a given name, which names nobody
    in particular ("إسماعيل" is one letter pair from Smailov's "إسماعيلوف"), or a word the KB reads
    otherwise ("العراقي" is the adjective, not Araghchi's "عراقجي")."""
    return word.key in lx.given_names() or hit is not None and hit.last == word.index


def _fuzzy(kind: str, phrase: str) -> Optional[tuple[str, object]]:
    if kind == "country":
        country = kb.country_by_name(phrase, fuzzy=True)
        return ("country", country) if country else None
    if kind == "place":
        places = kb.places_by_name(phrase, fuzzy=True)
        return ("place", tuple(places)) if places else None
    hits = kb.actors_named(kind, phrase, True)
    return ("org" if kind == "organisation" else "person", hits[0]) if hits else None


def countries_in(words: Sequence[Word], first: int, end: int) -> set[str]:
    """ISO3 codes named in the sentence words[first:end] by a country name, nationality or capital."""
    found: set[str] = set()
    for m in matches_in(words, first, end):
        if m.kind == "country":
            found.add(m.value.iso3)
        elif m.kind == "nat":
            found.add(m.value.country.iso3)
        elif m.kind == "place" and len({p.country for p in m.value}) == 1:
            # A capital is evidence only when its name is unambiguous: "طرابلس" must not vote
            # for Libya while it is the name being disambiguated.
            capital = lx.capital_of(m.value[0])
            if capital:
                found.add(capital.iso3)
    return found


def pick_place(places: Sequence[kb.Place], sentence_countries: set[str], doc_countries: set[str]) -> kb.Place:
    return min(places, key=lambda p: (p.country not in sentence_countries, p.country not in doc_countries,
                                      -p.population))


def _linked(entity: Entity, m: Match, day: Optional[str], context) -> Entity:
    kind, value = m.kind, m.value
    if kind == "country":
        return replace(entity, kb_id=lx.country_id(value), country=value.iso3, name_en=value.name_en,
                       subtype="GPE", lat=value.lat, lon=value.lon)
    if kind == "nat":
        c = value.country
        return replace(entity, kb_id=lx.country_id(c), country=c.iso3, name_en=c.name_en, subtype="NORP")
    if kind == "place":
        place = pick_place(value, *context())
        return replace(entity, kb_id=lx.place_id(place), country=place.country, name_en=place.name_en,
                       subtype="GPE" if place.kind == "city" else "LOC", lat=place.lat, lon=place.lon)
    if kind in ("org", "weak_org", "person", "weak_person", "role"):
        country, sector = lx.actor_code(value, day)
        kb_id = lx.actor_id(value) if kind != "role" else None
        return replace(entity, kb_id=kb_id, country=country, sector=sector, name_en=value.name_en or None)
    return entity


def link_entities(doc: Document) -> list[Entity]:
    """Every NER entity linked where the KB knows it (others unchanged but trimmed of clitics), plus
    strong KB names the NER missed (score RECOVERED_SCORE); sorted by start; none in boilerplate."""
    words = words_of(doc)
    day = day_of(doc)
    ranges = sentence_ranges(words)
    range_of = {words[first].sentence: (first, end) for first, end in ranges}
    cache: dict[object, set[str]] = {}

    def countries_of(sentence: int) -> set[str]:
        if sentence not in cache:
            cache[sentence] = countries_in(words, *range_of.get(sentence, (0, 0)))
        return cache[sentence]

    def doc_countries() -> set[str]:
        if "doc" not in cache:
            cache["doc"] = set().union(set(), *(countries_of(s) for s in range_of))
        return cache["doc"]

    out: list[Entity] = []
    entities = doc.entities
    for n, entity in enumerate(entities):
        span = word_range(words, entity.start, entity.end)
        if span is None:
            out.append(entity)
            continue
        first = words[span[0]]
        start = first.start if entity.start <= first.token_start else entity.start
        trimmed = replace(entity, start=start)
        m = resolve_span(words, span[0], span[1], entity.label)
        if m is None:
            m = _completed(words, span, range_of[first.sentence][1], entity.label,
                           entities[n + 1].start if n + 1 < len(entities) else len(doc.text))
            if m is not None:
                trimmed = replace(trimmed, end=words[m.last].end)
        if m is None:
            out.append(trimmed)
            continue
        sentence = first.sentence
        out.append(_linked(trimmed, m, day, lambda: (countries_of(sentence), doc_countries())))
    tag_lines = tag_line_sentences(doc.text, words)
    out += _recovered(words, [r for r in ranges if words[r[0]].sentence not in tag_lines], out, day,
                      countries_of, doc_countries)
    return doc.clear_of_boilerplate(sorted(out, key=lambda e: (e.start, -e.end)))


def _completed(words: Sequence[Word], span: tuple[int, int], sentence_end: int, label: str,
               next_entity_start: int) -> Optional[Match]:
    """The KB name that the NER span begins and the text goes on to spell in full ("منظمة معاهدة الأمن"
    tagged, "منظمة معاهدة الأمن الجماعي" written): the tagger cut a name the KB knows whole. Never
    across the next entity."""
    m = match_at(words, span[0], sentence_end)
    if m is None or m.last <= span[1] or m.kind not in _COMPLETABLE or m.kind not in _ALLOWED.get(label, ()):
        return None
    return m if words[m.last].end <= next_entity_start else None


_COMPLETABLE = frozenset({"org", "person", "country", "place"})


def _strong(m: Match) -> Optional[str]:
    """The NER label for a KB match strong enough to add without NER support, else None."""
    if m.kind == "country":
        return "LOC"
    if m.kind == "place":
        top = m.value[0]
        rival = m.value[1].population if len(m.value) > 1 else 0
        if lx.capital_of(top) or (top.population >= RECOVER_CITY_POPULATION
                                  and rival * PLACE_RIVAL_RATIO <= top.population):
            return "LOC"
    if m.kind == "org" and m.value.country == "IGO" or m.kind == "org" and m.last > m.first:
        return "ORG"
    if m.kind == "person" and (m.value.source == "hand" or m.last > m.first):
        return "PER"
    return None


def _recovered(words, ranges, linked: list[Entity], day, countries_of, doc_countries) -> list[Entity]:
    taken = sorted((e.start, e.end) for e in linked)
    out = []
    for first, end in ranges:
        sentence = words[first].sentence
        for m in matches_in(words, first, end):
            # A possessive pronoun makes a common noun of the word: "جدته" (his grandmother), not Jeddah.
            label = None if words[m.last].enclitic or splits_hashtag(words, m.first, m.last) else _strong(m)
            start, stop = words[m.first].start, words[m.last].end
            if label and not any(s < stop and start < e for s, e in taken):
                entity = Entity(start, stop, label, score=RECOVERED_SCORE)
                out.append(_linked(entity, m, day, lambda s=sentence: (countries_of(s), doc_countries())))
    return out
