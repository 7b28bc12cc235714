"""Party phrases the actor layer leaves out but event arguments need: counterparts and hashtags.

The linker (rasd.link) codes a phrase from what the phrase itself says, and a short name from the full
name earlier in the article (rasd.link.coref: "سيلتقي هيلي" after "نيكي هيلي" arrives as an actor
phrase). Arabic news also names a party through another phrase, and argument extraction resolves it
from evidence in the same article:

- Counterparts: "التقى وزير الخارجية السعودي بنظيره البريطاني", "اتصال هاتفي مع نظيره الروسي". "نظير"
  with a pronoun suffix and a nationality adjective is the holder of the same office in that country:
  the country comes from the adjective, the sector is government (counterparts are officials).
- Hashtags: the linker reads a hashtag in running text as its words (rasd.link.words), so most hashtag
  parties arrive with the actor layer; these functions remain for the places and for tags the linker
  leaves out (hashtag-only lines). A hashtag whose words are, as a whole, one knowledge-base name or a
  sector noun with a nationality is that party ("#الحوثيين", "#الشرطة_النمساوية"); a country or city
  hashtag is a place ("#فيينا") for the location finder. A slogan ("#الشعب_يريد") matches no whole
  name and stays nothing.

Every mention keeps a span on its own words in the text (a hashtag's span leaves out the "#"); the code
comes from the adjective or the knowledge base.
"""
from __future__ import annotations

from typing import Optional

from rasd.events.triggers import token_key
from rasd.model.spans import ActorMention, Entity, Token

__all__ = ["extra_actors", "counterpart_at", "hashtag_party", "hashtag_places", "COUNTERPART_KEYS"]

COUNTERPART_KEYS = frozenset({"نظير", "نظيرة", "نظراء"})


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
    """Counterparts and hashtag parties in one sentence that no actor phrase covers."""
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
