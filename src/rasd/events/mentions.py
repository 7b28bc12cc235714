"""Party phrases the actor layer leaves out but event arguments need: counterparts and short names.

The linker (rasd.link) codes a phrase from what the phrase itself says. Two Arabic news habits name a
party through another phrase, and argument extraction resolves them from evidence in the same article:

- Counterparts: "التقى وزير الخارجية السعودي بنظيره البريطاني", "اتصال هاتفي مع نظيره الروسي". "نظير"
  with a pronoun suffix and a nationality adjective is the holder of the same office in that country:
  the country comes from the adjective, the sector is government (counterparts are officials).
- Short names: a person named in full once is later called by the family name alone ("نيكي هيلي" ...
  "سيلتقي هيلي"). A later person name (an NER PER entity no actor phrase covers) whose last word is the
  last word of an earlier coded person takes that person's country and sector. A coded person is a
  named actor from the knowledge base, or a name in apposition to a title phrase that names a country
  ("سفيرة الولايات المتحدة في الأمم المتحدة، نيكي هيلي": the words right after the comma; without a
  comma, a PER entity a few words after the title: "الوزير السريلانكي للتخطيط المدني رؤوف حكيم").

- Hashtags: the tokenizer keeps "#الشرطة_النمساوية" as one token, which the linker does not read. A
  hashtag whose words are, as a whole, one knowledge-base name or a sector noun with a nationality is
  that party ("#الحوثيين", "#الشرطة_النمساوية"); a country or city hashtag is a place ("#فيينا") for
  the location finder. A slogan ("#الشعب_يريد") matches no whole name and stays nothing.

Every mention keeps a span on its own words in the text (a hashtag's span leaves out the "#"); the code
comes from the earlier phrase or the knowledge base.
"""
from __future__ import annotations

from typing import Optional

from rasd.events.triggers import token_key
from rasd.model.spans import ActorMention, Entity, Token

__all__ = ["extra_actors", "counterpart_at", "hashtag_party", "hashtag_places", "COUNTERPART_KEYS"]

COUNTERPART_KEYS = frozenset({"نظير", "نظيرة", "نظراء"})
APPOSITION_WORDS = 3   # name words taken after the comma that follows a title phrase
APPOSITION_GAP = 4     # words allowed between the title phrase and that comma ("في الأمم المتحدة")
_PUNCT = frozenset("،,؛;:.!?؟()\"«»")

# one document at a time: the short-name index is built once per document, not once per sentence
_MEMO: list = [None, None]


def counterpart_at(text: str, toks: list, i: int) -> Optional[ActorMention]:
    """"نظيره الروسي" at token i: a counterpart with the adjective's country, or None."""
    from rasd.link.lexicon import nationality
    from rasd.link.words import analyse_token
    tok = toks[i]
    if len(tok.segments) < 2 or i + 1 >= len(toks):  # "نظيره" carries its pronoun: one segment is never it
        return None
    if token_key(tok) not in COUNTERPART_KEYS and tok.stem.form not in COUNTERPART_KEYS:
        return None
    if not any(s.kind == "enclitic" for s in tok.segments):
        return None
    nat = nationality(analyse_token(toks[i + 1])[1])
    if nat is None:
        return None
    return ActorMention(tok.stem.start, toks[i + 1].end, country=nat.country.iso3, sector="GOV", kind="nominal")


def _covered(start: int, end: int, spans) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _sentence_tokens(doc, sent) -> list[Token]:
    return [t for t in doc.within("tokens", sent) if t.stem.form.strip()]


def _short_name_index(doc) -> dict[str, ActorMention]:
    """Last-word key -> the earlier coded person it names."""
    if _MEMO[0] is doc:
        return _MEMO[1]
    index: dict[str, ActorMention] = {}
    toks = [t for t in doc.tokens if t.stem.form.strip()]
    starts = {t.start: i for i, t in enumerate(toks)}
    ends = {t.end: i for i, t in enumerate(toks)}
    for a in doc.actors:
        if a.country is None:
            continue
        if (a.kb_id or "").startswith("person:") and a.kind == "named":
            last = ends.get(a.end)
            if last is not None and last > starts.get(a.start, last):
                index.setdefault(token_key(toks[last]), a)
            continue
        if a.kind != "nominal" or a.end not in ends:
            continue
        # a title phrase, then (after at most a short "في X") a comma and the name
        k = ends[a.end] + 1
        while k < len(toks) and k - ends[a.end] <= APPOSITION_GAP and doc.text[toks[k].start:toks[k].end] not in _PUNCT:
            k += 1
        if k >= len(toks) or doc.text[toks[k].start:toks[k].end] not in ("،", ","):
            # no comma: a person name the NER found right after the title ("الوزير السريلانكي للتخطيط
            # المدني رؤوف حكيم") is its apposition
            person = next((e for e in doc.entities if e.label == "PER" and a.end <= e.start
                           and e.start in starts and starts[e.start] - ends[a.end] <= APPOSITION_GAP
                           and not any(doc.text[t.start:t.end] in _PUNCT
                                       for t in toks[ends[a.end] + 1:starts[e.start]])), None)
            if person is not None and person.end in ends:
                index.setdefault(token_key(toks[ends[person.end]]), a)
            continue
        for j in range(k + 1, min(len(toks), k + 1 + APPOSITION_WORDS)):
            if doc.text[toks[j].start:toks[j].end] in _PUNCT:
                break
            index.setdefault(token_key(toks[j]), a)
    _MEMO[:] = [doc, index]
    return index


def _hashtag_match(text: str, tok: Token):
    """(match, words) when the hashtag's words are one knowledge-base match as a whole (a head may take a
    nationality after it), else None."""
    if text[tok.start] != "#" or tok.end - tok.start < 3:
        return None
    surface = text[tok.start:tok.end]
    from rasd.link.lexicon import nationality
    from rasd.link.matcher import match_at
    from rasd.link.words import words_of_text
    words = words_of_text(surface[1:].replace("_", " "))
    if not words:
        return None
    m = match_at(words, 0, len(words))
    if m is None:
        return None
    if m.last == len(words) - 1:
        return m, None
    if m.kind in ("head", "kbhead") and m.last == len(words) - 2:
        nat = nationality(words[-1].key)
        if nat is not None and not nat.plural:
            return m, nat.country.iso3
    return None


def hashtag_party(doc, tok: Token) -> Optional[ActorMention]:
    """The party a hashtag names ("#الحوثيين", "#الشرطة_النمساوية"), or None."""
    found = _hashtag_match(doc.text, tok)
    if found is None:
        return None
    m, country = found
    from rasd.link import lexicon as lx
    from rasd.link.entities import day_of
    start = tok.start + 1
    if m.kind in ("org", "person"):
        code = lx.actor_code(m.value, day_of(doc))
        return ActorMention(start, tok.end, country=code[0], sector=code[1], kb_id=lx.actor_id(m.value),
                            name_en=m.value.name_en or None, kind="named")
    if m.kind in ("head", "kbhead") and (country is not None or m.value.alone):
        return ActorMention(start, tok.end, country=country, sector=m.value.sector, kind="nominal")
    if m.kind == "nat" and m.value.plural:
        return ActorMention(start, tok.end, country=m.value.country.iso3, kind="nominal")
    return None


def hashtag_places(doc, toks: list) -> list[Entity]:
    """Places named by hashtags ("#فيينا", "#السعودية"), as LOC entities for the location finder."""
    from rasd.link import lexicon as lx
    out = []
    for tok in toks:
        found = _hashtag_match(doc.text, tok)
        if found is None or found[1] is not None:
            continue
        m = found[0]
        if m.kind == "country":
            c = m.value
            out.append(Entity(tok.start + 1, tok.end, "LOC", "GPE", lx.country_id(c), c.iso3, c.name_en,
                              lat=c.lat, lon=c.lon))
        elif m.kind == "place" and m.value:
            p = m.value[0]
            out.append(Entity(tok.start + 1, tok.end, "LOC", "GPE", lx.place_id(p), p.country, p.name_en,
                              lat=p.lat, lon=p.lon))
    return out


def extra_actors(doc, sent, toks: list) -> list[ActorMention]:
    """Counterparts, hashtag parties and short-name references in one sentence that no actor phrase covers."""
    actors = doc.within("actors", sent) if doc.has("actors") else []
    out: list[ActorMention] = []
    for i in range(len(toks)):
        c = counterpart_at(doc.text, toks, i) or hashtag_party(doc, toks[i])
        if c is None:
            continue
        # "نظيره الروسي سيرغي لافروف": the name that follows is the party, with its own code
        named_next = i + 2 < len(toks) and any(a.start == toks[i + 2].start for a in actors)
        if not _covered(c.start, c.end, actors) and not (c.kb_id is None and named_next
                                                         and c.sector == "GOV" and c.kind == "nominal"):
            out.append(c)
    names = [e for e in doc.within("entities", sent) if e.label == "PER" and not _covered(e.start, e.end, actors)]
    if names:
        index = _short_name_index(doc)
        for e in names:
            last = next((t for t in reversed(toks) if t.start < e.end and e.start < t.end), None)
            ref = index.get(token_key(last)) if last is not None else None
            if ref is not None and ref.start < e.start and not (ref.start <= e.start and e.end <= ref.end):
                out.append(ActorMention(e.start, e.end, country=ref.country, sector=ref.sector, kb_id=ref.kb_id,
                                        name_en=ref.name_en, kind="named"))
    return out


def institution_places(doc, sent) -> list[Entity]:
    """Cities and regions named inside an institution's name ("جامعة القاهرة"), which the entity layer
    gives as one ORG, as LOC entities. They place an event only when nothing else in its sentence does
    (places.location): an institution may act away from the city it is named for."""
    from rasd.link import lexicon as lx
    from rasd.link.entities import pick_place
    from rasd.link.matcher import match_at
    from rasd.link.words import words_of
    orgs = [e for e in doc.within("entities", sent) if e.label == "ORG"]
    if not orgs:
        return []
    words = words_of(doc)
    out = []
    for org in orgs:
        inside = [w.index for w in words if org.start <= w.start and w.end <= org.end]
        if len(inside) < 2:
            continue
        last = inside[-1]
        for i in inside[1:]:
            m = match_at(words, i, last + 1)
            if m is None or m.kind != "place" or not m.value:
                continue
            p = pick_place(m.value, {org.country} if org.country else set(), set())
            out.append(Entity(words[i].start, words[m.last].end, "LOC", "GPE", lx.place_id(p), p.country,
                              p.name_en, lat=p.lat, lon=p.lon))
            break
    return out
