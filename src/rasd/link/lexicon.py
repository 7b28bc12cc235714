"""What the linker knows about a word or a phrase: the knowledge base (rasd.lexicon.kb) plus the
linker's own tables in link/data (actor head nouns, modifiers, locative words, dated offices).

Design:
- Every entry, from the KB or from link/data, is tokenised and keyed exactly like running text
  (words.phrase_loose), so multi-word names match whatever clitics or spelling of the article the
  text uses. Multi-word entries live in one phrase index (loose phrase -> best entry) with the set
  of its prefixes, so the matcher walks forward word by word and only at words that can start one.
- One-word entries are classified once per distinct word (lru_cache): most words of a news text
  repeat, so the per-token cost is a cache hit.
- Precision over recall for one-word names: PETRARCH's one-word people and organisations include
  ordinary words ("صدر", "بحر", "عون", "نهار"), so only hand-curated ones (source "hand") count on
  their own; the others need the NER stage's span ("weak" kinds below).
- When two tables name the same phrase, the order of `_PRIORITY` decides: "never" entries first,
  then the linker's head nouns, organisations, role phrases, countries, people, places.
- The phrase index is compiled from the KB's whole-vocabulary views (kb.actor_names, kb.place_names).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from rasd.lexicon import kb
from rasd.lexicon.keys import exact_key, index_keys
from rasd.link.words import phrase_loose, words_of_text


@dataclass(frozen=True)
class Head:
    """A sector noun or office title that heads an actor phrase."""
    sector: str
    alone: bool                    # an actor without a nationality ("الشرطة", "الرئيس")
    office: Optional[str] = None   # office id for dated holders ("president")


@dataclass(frozen=True)
class Nationality:
    country: kb.Country
    plural: bool                   # "العراقيون", "الأتراك" name people; "العراقية" is an adjective


# "kbhead": the KB's sector nouns and titles (mostly PETRARCH lemmas) rank below named entities,
# so "مجلس الأمن" is the UN Security Council, not a generic council.
_PRIORITY = {"never": 0, "head": 1, "org": 2, "role": 3, "country": 4, "kbhead": 5, "person": 6, "place": 7}
PLACE_PHRASE_MIN_POPULATION = 100_000


def _rows(package: str, *path: str) -> list[list[str]]:
    text = resources.files(package).joinpath("/".join(path)).read_text("utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


# ---------------------------------------------------------------- link/data tables
@lru_cache(maxsize=1)
def actor_words() -> dict[str, dict[str, str]]:
    """kind ("alone", "head", "modifier", "locative", "place_noun", "never", "never_bare") -> {loose
    phrase: sector} (locative, place_noun and never_bare entries are keyed by exact keys)."""
    out: dict[str, dict[str, str]] = {}
    for kind, sector, phrases in _rows("rasd.link", "data", "actor_words.tsv"):
        table = out.setdefault(kind, {})
        for phrase in phrases.split("|"):
            key = exact_key(phrase) if kind in ("locative", "place_noun", "never_bare") else phrase_loose(phrase)
            if key:
                table.setdefault(key, sector)
    return out


@lru_cache(maxsize=1)
def hand_heads() -> dict[str, Head]:
    """The KB's hand-curated sector nouns and titles: surface forms that stand alone as actors."""
    titles = title_offices()
    out: dict[str, Head] = {}
    for file in ("titles.tsv", "sectors.tsv"):
        for phrases, sector in _rows("rasd.lexicon", "data", "hand", file):
            for phrase in phrases.split("|"):
                key = phrase_loose(phrase)
                if key and key not in out:
                    out[key] = Head(sector, True, titles.get(key))
    for kind in ("alone", "head"):
        for key, sector in actor_words().get(kind, {}).items():
            out[key] = Head(sector, kind == "alone", titles.get(key))
    return out


@lru_cache(maxsize=1)
def title_offices() -> dict[str, str]:
    return {phrase_loose(t): office for office, titles in _rows("rasd.link", "data", "office_titles.tsv")
            for t in titles.split("|")}


@lru_cache(maxsize=1)
def _holders() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for row in _rows("rasd.link", "data", "office_holders.tsv"):
        where, office, name, start, end = (row + ["", ""])[:5]
        out.setdefault((where, office), []).append((start, end, name))
    return out


def office_holder(where: str, office: str, day: Optional[str]) -> Optional[kb.Actor]:
    """The person who held `office` of `where` ("country:KAZ", "org:united-nations") on `day`."""
    if not day:
        return None
    valid = [(start, name) for start, end, name in _holders().get((where, office), ())
             if (not start or start <= day) and (not end or day <= end)]
    if not valid:
        return None
    return person_named(max(valid)[1])


def holders_table() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    return _holders()


@lru_cache(maxsize=4096)
def person_named(name: str) -> Optional[kb.Actor]:
    hits = kb.actors_named("person", name, False)
    return hits[0] if hits else None


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Words that start at least as many of the KB's people's names as they end ("محمد", "علي",
    "فيصل"): a given name is no family name; "محمد" after "الشيخ محمد" would find every Mohammed."""
    first, last = Counter(), Counter()
    for name, _ in kb.actor_names("person"):
        words = words_of_text(name)
        if len(words) >= 2 and words[0].key:
            first[words[0].key] += 1
            last[words[-1].key] += 1
    return frozenset(key for key, n in first.items() if n >= 2 and n >= last[key])


# ---------------------------------------------------------------- countries
@lru_cache(maxsize=1)
def _country_data():
    data = json.loads(resources.files("rasd.lexicon").joinpath("data", "countries.json").read_text("utf-8"))
    words: dict[str, object] = {}
    nationalities: dict[str, Nationality] = {}
    phrases: list[tuple[str, kb.Country]] = []
    capitals: dict[tuple[str, str], kb.Country] = {}
    # Precedence: a name as written, then nationality forms, then a name with its article toggled.
    # "سورية" is Syria, but "السورية" is the adjective "Syrian"; "السعودية" stays the country (as written).
    toggled: list[tuple[str, kb.Country]] = []
    for c in data["countries"]:
        country = kb.country_by_code(c["iso3"])
        if c.get("capital"):
            capitals[(c["iso3"], c["capital"])] = country
        for name in c["names"]:
            if " " in exact_key(name):
                phrases.append((name, country))
            else:
                as_written, *others = index_keys(name)
                words.setdefault(as_written, country)
                toggled += [(key, country) for key in others]
        for form in c["nationalities"]:
            key0 = exact_key(form)
            plural = not (key0.endswith("ي") or key0.endswith("يه"))
            for key in index_keys(form):
                nationalities.setdefault(key, Nationality(country, plural))
    for key, nat in nationalities.items():
        words.setdefault(key, nat)
    for key, country in toggled:
        words.setdefault(key, country)
    return words, phrases, capitals, nationalities


def nationality(key: str) -> Optional[Nationality]:
    """The nationality form `key` is, even when it is also a country's name ("السعودية"); the
    indefinite accusative counts ("جنديا أميركيا" -> أميركي)."""
    words, _, _, table = _country_data()
    found = table.get(key)
    if found is None and not isinstance(words.get(key), kb.Country):  # "روسيا" is Russia, not روسي + ا
        bare = _without_case_ending(key)
        if bare:
            found = table.get(bare)
    return found


def _without_case_ending(key: str) -> Optional[str]:
    """The singular stem of an indefinite accusative ("جنديا", "مقاتلا") or of a nisba dual or
    plural ("جنديين", "شرطيين", "جنديان"), which the dictionaries list only in the base form."""
    if len(key) >= 4 and key.endswith("ا") and not key.endswith("وا"):
        return key[:-1]
    if len(key) >= 5 and key.endswith(("يين", "يان")):
        return key[:-2]  # nisba dual or plural: جنديين، جنديان، عراقيان
    return None


def capital_of(place: kb.Place) -> Optional[kb.Country]:
    return _country_data()[2].get((place.country, place.name_en))


# ---------------------------------------------------------------- the phrase index
@lru_cache(maxsize=1)
def phrase_index() -> tuple[dict[str, tuple[str, object]], frozenset[str]]:
    """Multi-word entries: loose phrase -> (kind, value), and every proper prefix of a phrase."""
    best: dict[str, tuple[int, str, object]] = {}

    def add(name: str, kind: str, value) -> None:
        key = phrase_loose(name)
        if " " not in key:
            return
        rank = _PRIORITY[kind]
        old = best.get(key)
        if kind == "place" and old is not None and old[1] == "place":
            best[key] = (rank, kind, old[2] + (value,))
        elif old is None or rank < old[0]:
            best[key] = (rank, kind, (value,) if kind == "place" else value)

    for key in actor_words().get("never", {}):
        best[key] = (0, "never", None)
    for key, head in hand_heads().items():
        if " " in key:
            best.setdefault(key, (1, "head", head))
    sectors = json.loads(resources.files("rasd.lexicon").joinpath("data", "sectors.json").read_text("utf-8"))
    offices = title_offices()
    for name, sector in sectors["titles"].items():
        add(name, "kbhead", Head(sector, True, offices.get(phrase_loose(name))))
    for name, sector in sectors["nouns"].items():
        add(name, "kbhead", Head(sector, True))
    for name, actor in kb.actor_names("organisation"):
        add(name, "org", actor)
    for name, actor in kb.actor_names("role"):
        add(name, "role", actor)
    for name, country in _country_data()[1]:
        add(name, "country", country)
    for name, actor in kb.actor_names("person"):
        add(name, "person", actor)
    for name, place in kb.place_names():
        if place.population >= PLACE_PHRASE_MIN_POPULATION or place.kind == "region":
            add(name, "place", place)
    _drop_compositional_roles(best)
    index = {key: ("head" if kind == "kbhead" else kind, value) for key, (_, kind, value) in best.items()}
    prefixes = {" ".join(key.split(" ")[:n]) for key in index for n in range(1, key.count(" ") + 1)}
    return index, frozenset(prefixes)


def _drop_compositional_roles(best: dict) -> None:
    """PETRARCH role phrases and organisations that are a head plus a nationality ("وزير خارجية
    روسي", "شرطة عراقية") are left to the actor finder's composition, which also resolves the
    office holder and an apposition, and does not invent an id for a generic phrase."""
    for key, (_, kind, value) in list(best.items()):
        if kind != "role" and not (kind == "org" and value.source != "hand"):
            continue
        head, _, last = key.rpartition(" ")
        entry = best.get(head)
        head_known = (entry is not None and entry[1] in ("head", "kbhead")) or head in hand_heads()
        if head_known and isinstance(_country_data()[0].get(last), Nationality):
            del best[key]


# ---------------------------------------------------------------- one word
@lru_cache(maxsize=100_000)
def classify_word(key: str, loose: str) -> Optional[tuple[str, object]]:
    """(kind, value) of a one-word name or head, or None. Kinds: never, country, nat, head, org,
    person, place, and weak_org / weak_person / weak_head (usable only with more evidence)."""
    if not key:
        return None
    words = actor_words()
    if loose in words.get("never", {}) or key in words.get("never_bare", {}):
        return "never", None
    country = _country_data()[0].get(key)
    if isinstance(country, Nationality):
        return "nat", country
    if country is not None:
        return "country", country
    head = hand_heads().get(loose)
    if head is not None:
        return "head", head
    sector = kb.office_title(key)
    if sector:
        return "head", Head(sector, True, title_offices().get(loose))
    named = [(kind, hits[0]) for kind in ("organisation", "person")
             for hits in [kb.actors_named(kind, key, False)] if hits]
    for kind, actor in named:
        if actor.source == "hand":
            return ("org" if kind == "organisation" else "person"), actor
    places = kb.places_by_name(key)
    if places:
        return "place", tuple(places)
    for kind, actor in named:
        return ("weak_org" if kind == "organisation" else "weak_person"), actor
    sector = kb.sector_noun(key)
    if sector:
        return "weak_head", Head(sector, False)
    bare = _without_case_ending(key)
    if bare:
        # Only heads and nationalities: "اسبانيا" must stay Spain, and a name is not declined.
        hit = classify_word(bare, bare)
        if hit is not None and hit[0] in ("head", "weak_head", "nat"):
            return hit
    return None


@lru_cache(maxsize=100_000)
def is_modifier(loose: str) -> bool:
    return loose in actor_words().get("modifier", {})


@lru_cache(maxsize=100_000)
def is_locative(key: str) -> bool:
    return key in actor_words().get("locative", {})


def is_place_noun(key: str) -> bool:
    """"مدينة", "محافظة": a noun that introduces a place name ("في مدينة سامراء")."""
    return key in actor_words().get("place_noun", {})


# ---------------------------------------------------------------- ids
_LATIN_FOLD = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d", "ł": "l"})


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def country_id(country: kb.Country) -> str:
    return f"country:{country.iso3}"


def place_id(place: kb.Place) -> str:
    return f"place:geonames:{place.geonameid}" if place.geonameid > 0 else f"place:region:{-place.geonameid}"


def actor_id(actor: kb.Actor) -> str:
    prefix = "org" if actor.kind == "organisation" else "person"
    slug = _slug(actor.name_en) if actor.name_en else ""
    return f"{prefix}:{slug or exact_key(actor.name).replace(' ', '_')}"


def roles_on(actor: kb.Actor, day: Optional[str]) -> list[kb.Role]:
    """The actor's roles valid on `day` (all when None), dated roles first, latest start first."""
    return kb.latest_first(r for r in actor.roles if day is None or r.valid_on(day))


def actor_code(actor: kb.Actor, day: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(country, sector) of an organisation or person on `day`; an organisation coded only with a
    transnational code (IGO, NGO) gets that code as its sector too, as CAMEO does."""
    roles = roles_on(actor, day)
    if not roles:
        # Known, but holds no role on that day (a former official): the country still stands.
        former = roles_on(actor, None)
        return (former[0].country or None, None) if former else (None, None)
    if day is None:
        # Undated text: the office is the likeliest reading of a name ("أحمدي نجاد" the president,
        # not the former official he became), so state roles go before the rest and ELI last.
        roles = sorted(roles, key=lambda r: _UNDATED_SECTOR_ORDER.get(r.sector, 1))
    role = roles[0]
    country = role.country or None
    sector = role.sector or (country if country in ("IGO", "NGO") else None)
    return country, sector


_UNDATED_SECTOR_ORDER = {"GOV": 0, "MIL": 0, "LEG": 0, "JUD": 0, "ELI": 2, "": 3}
