"""Actor phrases coded to country + CAMEO sector, in the manner of PETRARCH and NGEC.

Within each sentence, left to right, the longest knowledge-base match at each word decides:
- a head (sector noun or office title: "قوات الأمن", "وزير الخارجية", "المحتجين") takes a country
  from what follows it: a nationality adjective ("الكازاخية"), possibly after up to two listed
  modifiers ("القوات الخاصة الروسية"); a country name in construct ("برلمان تركيا"); "في" + a
  country ("الشرطة في كازاخستان"); for titles, an organisation ("الأمين العام للأمم المتحدة").
  A head that needs a nationality (PETRARCH lemma nouns, "الجانب", "الأمن") is no actor without
  one. A person named right after the phrase is its apposition and joins it ("وزير الخارجية
  الروسي سيرغي لافروف"); otherwise a title with a country resolves to the office's holder on the
  document's date (lexicon.office_holder), keeping kind "nominal".
- an organisation, role phrase or person is a named actor with its KB code on the document's date.
- a country name, or a capital, is the government (GOV) unless it is a place: after a locative word
  ("في", "شمال", "إلى") or a ب proclitic ("بموسكو"), or in a dateline ("القاهرة (رصد) -").
- a plural nationality noun ("العراقيون", "الأتراك") is that country's people: country, no sector.
- NER entities (PER/ORG) the dictionaries miss are resolved through entities.resolve_span (fuzzy
  spelling variants included) and compete with dictionary matches by length.
- a short form of a name given in full earlier in the document ("كيري" after "جون كيري", "الحركة"
  after "حركة المقاومة الإسلامية") takes the full mention's code (coref.py).
Provenance: no country is inherited from the article; a bare head keeps country None.
"""
from __future__ import annotations

from typing import Optional, Sequence

from rasd.lexicon import kb
from rasd.link import lexicon as lx
from rasd.link.coref import replace_weaker, short_name_mentions
from rasd.link.entities import PLACE_RIVAL_RATIO, day_of, resolve_span, word_range
from rasd.link.matcher import Match, match_at, sentence_matches, sentence_ranges
from rasd.link.words import Word, splits_hashtag, tag_line_sentences, words_of
from rasd.model.document import Document
from rasd.model.spans import ActorMention

MAX_MODIFIERS = 2
CONSTRUCT_PLACE_POPULATION = 100_000
_NAMED = ("org", "weak_org", "person", "weak_person")


def find_actors(doc: Document) -> list[ActorMention]:
    words = words_of(doc)
    day = day_of(doc)
    from_entities = _entity_matches(doc, words)
    matches = sentence_matches(words)
    out: list[ActorMention] = []
    tag_lines = tag_line_sentences(doc.text, words)
    for first, end in sentence_ranges(words):
        if words[first].sentence in tag_lines:
            continue
        i = first
        while i < end:
            m = _best(matches[i], i, end, from_entities)
            if m is None or m.kind == "never":
                i = m.last + 1 if m else i + 1
                continue
            if m.kind in ("country", "place") and _is_dateline(doc.text, words, m, first):
                i = m.last + 1
                continue
            actor, last = _actor(words, m, first, end, day, from_entities)
            if actor is not None and not splits_hashtag(words, m.first, max(last, m.last)):
                out.append(actor)
            i = max(last, m.last) + 1
    actors = _longest(out)
    # Short forms of names given in full earlier ("وأضاف كيري", "وقالت الحركة"): coref.py
    short = short_name_mentions(doc.text, words, actors, doc.entities, matches, from_entities)
    return doc.clear_of_boilerplate(replace_weaker(actors, short))


def _entity_matches(doc: Document, words: Sequence[Word]) -> dict[int, Match]:
    found: dict[int, Match] = {}
    for entity in doc.entities:
        if entity.label not in ("PER", "ORG"):
            continue
        span = word_range(words, entity.start, entity.end)
        if span is not None:
            m = resolve_span(words, span[0], span[1], entity.label)
            if m is not None:
                found[m.first] = m
    return found


def _best(m: Optional[Match], i, end, from_entities) -> Optional[Match]:
    e = from_entities.get(i)
    if e is not None and e.last < end and (m is None or e.last > m.last or m.kind.startswith("weak")):
        return e
    if m is not None and m.kind in ("weak_org", "weak_person"):
        return None  # one-word PETRARCH names need the NER's support
    return m


def _actor(words, m: Match, first: int, end: int, day, from_entities) -> tuple[Optional[ActorMention], int]:
    kind, value = m.kind, m.value
    if kind in ("head", "weak_head"):
        if lx.is_place_noun(words[m.first].key) and _is_locative(words, m.first, first):
            return None, m.last  # "في محافظة جدة" is a place, not the governorate's authorities
        return _head_phrase(words, m, end, day, from_entities)
    if kind in _NAMED:
        country, sector = lx.actor_code(value, day)
        return _mention(words, m.first, m.last, country, sector, lx.actor_id(value), value.name_en, "named"), m.last
    if kind == "role":
        roles = lx.roles_on(value, day)
        if not roles:
            return None, m.last
        tail = match_at(words, m.last, end)
        if tail is not None and tail.kind == "country" and tail.last > m.last:
            # The role phrase ends inside a longer country name: "رئيس روسيا البيضاء" is Belarus's.
            return _mention(words, m.first, tail.last, tail.value.iso3, roles[0].sector or None,
                            None, None, "nominal"), tail.last
        return _mention(words, m.first, m.last, roles[0].country or None, roles[0].sector or None,
                        None, None, "nominal"), m.last
    if kind in ("country", "place"):
        if _is_locative(words, m.first, first):
            return None, m.last
        if kind == "country":
            return _mention(words, m.first, m.last, value.iso3, "GOV", lx.country_id(value), value.name_en,
                            "named"), m.last
        capital = lx.capital_of(value[0])
        if capital is None:
            return None, m.last
        return _mention(words, m.first, m.last, capital.iso3, "GOV", lx.place_id(value[0]), value[0].name_en,
                        "named"), m.last
    if kind == "nat" and value.plural and not words[m.first].clitics.endswith("ب"):
        return _mention(words, m.first, m.last, value.country.iso3, None, None, None, "nominal"), m.last
    return None, m.last


_DATELINE_MARKS = ("-", "–", "—", ":", "(", "/")


def _is_dateline(text: str, words, m: Match, sentence_first: int) -> bool:
    """A place opening a sentence and followed by a dash, colon or bracket ("القاهرة (رصد) -",
    "بغداد - تظاهر", "الرياض:") is the dateline: where the report was filed, not who acted."""
    if m.first != sentence_first:
        return False
    return text[words[m.last].end:words[m.last].end + 3].lstrip().startswith(_DATELINE_MARKS)


def _is_locative(words, i: int, sentence_first: int) -> bool:
    if "ب" in words[i].clitics:
        return True
    return i > sentence_first and lx.is_locative(words[i - 1].key)


def _head_phrase(words, m: Match, end: int, day, from_entities) -> tuple[Optional[ActorMention], int]:
    head: lx.Head = m.value
    last, country, where = m.last, None, None
    k = m.last + 1
    if not words[m.last].enclitic and k < end:
        # A country name in construct needs a head without the article ("برلمان تركيا"), and
        # PETRARCH's lemma heads take only a nationality adjective: "طالب العراق" is a verb.
        construct = m.kind == "head" and not words[m.first].key.startswith("ال")
        country, where, last = _modifier(words, head, k, end, last, construct)
    if country is None and (not head.alone or m.kind == "weak_head"):
        return None, m.last
    person, p_last = _apposition(words, last + 1, end, day, country, from_entities, head)
    kb_id = name_en = None
    kind = "nominal"
    sector = head.sector
    if person is not None:
        p_country, p_sector = lx.actor_code(person, day)
        country = country or p_country
        sector = p_sector or sector
        kb_id, name_en, kind, last = lx.actor_id(person), person.name_en or None, "named", p_last
    elif head.office and where:
        holder = lx.office_holder(where, head.office, day)
        if holder is not None:
            kb_id, name_en = lx.actor_id(holder), holder.name_en or None
    if where and where.startswith("org:") and sector == "GOV":
        sector = "IGO" if country == "IGO" else sector
    return _mention(words, m.first, last, country, sector, kb_id, name_en, kind), last


def _modifier(words, head: lx.Head, k: int, end: int, last: int, construct: bool):
    """(country, office scope, last word) from the words after a head."""
    skipped = k
    # Listed adjectives may stand before the nationality ("القوات الخاصة الروسية"); after a head in
    # construct, so may its definite complement ("وزير الري المصري", "وزير التعليم العالي السعودي").
    while (skipped < end and skipped - k < MAX_MODIFIERS and not words[skipped].clitics
           and (lx.is_modifier(words[skipped].loose)
                or construct and words[skipped].key.startswith("ال") and lx.nationality(words[skipped].key) is None)
           and not words[skipped - 1].enclitic):
        skipped += 1
    if skipped < end and not words[skipped].clitics:
        nat = lx.nationality(words[skipped].key)
        if nat is not None:
            return nat.country.iso3, f"country:{nat.country.iso3}", skipped
    nxt = match_at(words, k, end)
    if construct and nxt is None and _plain_noun(words[k]) and k + 1 < end and not words[k + 1].clitics:
        # One more noun of the construct chain before the name: "محكمة جنايات القاهرة",
        # "وزير خارجية مصر", "مديرية أمن الجيزة".
        after = match_at(words, k + 1, end)
        if after is not None and after.kind in ("country", "place"):
            k, nxt = k + 1, after
    if nxt is None:
        if words[k].key == "في" and k + 1 < end:
            # "الشرطة في كازاخستان", "وزير الداخلية في رام الله", "الشرطة في مدينة سامراء"
            j = k + 2 if lx.is_place_noun(words[k + 1].key) and k + 2 < end else k + 1
            after = match_at(words, j, end)
            if after is not None and after.kind == "country":
                return after.value.iso3, None, after.last
            if after is not None and after.kind == "place" and head.alone:  # PETRARCH's lemma nouns stay out
                country = _clear_country(after.value)
                if country is not None:
                    return country, None, after.last
        return None, None, last
    if nxt.kind == "country" and not words[k].clitics and construct:
        return nxt.value.iso3, f"country:{nxt.value.iso3}", nxt.last
    if nxt.kind == "place" and not words[k].clitics and construct and (
            nxt.value[0].population >= CONSTRUCT_PLACE_POPULATION or lx.capital_of(nxt.value[0])):
        # A city or province in construct ("شرطة بغداد", "محافظ البصرة") gives its country when the
        # name is not shared with a place of comparable size elsewhere. Small places are left out:
        # their names are often common nouns ("وزير الري" is the irrigation minister, not Rey's).
        country = _clear_country(nxt.value)
        if country is not None:
            return country, None, nxt.last
    if nxt.kind == "org" and head.office and words[k].clitics in ("", "ل"):
        country, _ = lx.actor_code(nxt.value, None)
        return country, lx.actor_id(nxt.value), nxt.last
    return None, None, last


def _plain_noun(word: Word) -> bool:
    """An indefinite noun with nothing attached: the middle of a construct chain."""
    return bool(word.key) and not word.clitics and not word.enclitic and not word.key.startswith("ال")


def _clear_country(places: Sequence[kb.Place]) -> Optional[str]:
    top = places[0]
    rivals = [p for p in places[1:] if p.country != top.country]
    if rivals and max(p.population for p in rivals) * PLACE_RIVAL_RATIO > top.population:
        return None
    return top.country


def _apposition(words, k: int, end: int, day, country, from_entities, head: lx.Head):
    """A person named right after an actor phrase: (Actor, last word) or (None, None)."""
    if k >= end or words[k].clitics:
        return None, None
    m = from_entities.get(k) or match_at(words, k, end)
    if m is not None and m.kind in ("person", "weak_person"):
        return m.value, m.last
    if m is None and head.office and country:
        # A spelling variant right after "وزير الخارجية الأذربيجاني": accept only a person who
        # holds a role in that country on the day, so the fuzzy match cannot drift.
        for last in (min(k + 1, end - 1), k):
            phrase = " ".join(w.key for w in words[k:last + 1])
            hits = kb.actors_named("person", phrase, True) if len(phrase) >= 5 else []
            if hits and any(r.country == country for r in lx.roles_on(hits[0], day)):
                return hits[0], last
    return None, None


def _mention(words, first, last, country, sector, kb_id, name_en, kind) -> ActorMention:
    return ActorMention(words[first].start, words[last].end, country=country, sector=sector, kb_id=kb_id,
                        name_en=name_en, kind=kind)


def _longest(actors: list[ActorMention]) -> list[ActorMention]:
    """Sorted by start; of overlapping phrases only the longest stays."""
    kept: list[ActorMention] = []
    for a in sorted(actors, key=lambda a: (a.start, -a.end)):
        if kept and a.start < kept[-1].end:
            if a.end - a.start > kept[-1].end - kept[-1].start:
                kept[-1] = a
            continue
        kept.append(a)
    return kept
