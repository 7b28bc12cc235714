"""The knowledge base: countries, places, organisations, people with dated roles, sector nouns.

Data files (built by scripts/build_lexicon.py, sources and licences inside each file and in
NOTICE) are read lazily, each once (functools.lru_cache), on the first lookup that
needs them; nothing is downloaded.

Lookup conventions:
- Every query goes through `keys.exact_key` (normalize_string, "_" -> space). One-word entries are
  indexed with and without the article (`keys.index_keys`), so "الروسية" and "روسية" both find
  RUS. The caller strips other clitics (و، ب، ل...).
- Multi-word names also match on `keys.loose_key` (articles and final ة dropped), which lets news
  forms meet PETRARCH's lemma forms ("المحكمة الجنائية الدولية" = "محكمة_جنائي_دولي_").
- `fuzzy=True` adds a spelling-variant fallback (fuzzy.py); exact answers always win.
- Country codes are ISO 3166-1 alpha-3 (Kosovo: XKX); CAMEO's transnational codes (IGO, NGO,
  IMG...) stand in the country slot for organisations. Sectors are CAMEO 3-letter codes.
- A role's dates are ISO strings; "" means open. Roles without dates are valid on every date.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional, Union

from rasd.lexicon.fuzzy import FuzzyIndex
from rasd.lexicon.keys import exact_key, index_keys, loose_key

DateLike = Union[str, dt.date, None]


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name_en: str
    name_ar: str
    lat: Optional[float]
    lon: Optional[float]
    coord_source: str  # "capital", "largest city" or "none"


@dataclass(frozen=True)
class Place:
    geonameid: int  # negative for hand-curated regions
    name_ar: str
    name_en: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    kind: str  # "city" or "region"


@dataclass(frozen=True)
class Role:
    country: str  # ISO3, CAMEO transnational code, or "" (unknown)
    sector: str  # CAMEO sector or ""
    start: str = ""  # YYYY-MM-DD, "" = open
    end: str = ""

    def valid_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str  # "organisation", "person", "role" (role phrase) or "geo"
    roles: tuple[Role, ...]
    name_en: str = ""
    source: str = ""

    @property
    def country(self) -> str:
        return self.roles[0].country if self.roles else ""

    @property
    def sector(self) -> str:
        return self.roles[0].sector if self.roles else ""


def _read(name: str) -> str:
    return resources.files("rasd.lexicon").joinpath("data", name).read_text("utf-8")


def _iso_day(on_date: DateLike) -> str:
    if isinstance(on_date, dt.datetime):
        on_date = on_date.date()
    return on_date.isoformat() if isinstance(on_date, dt.date) else str(on_date)[:10]


def _index(pairs: Iterable[tuple[str, object]], loose: bool = True):
    """(name, value) pairs -> exact-key and loose-key dicts of value lists, first-seen order.

    Only multi-word names get a loose key: `_lookup` uses it only for multi-word queries."""
    exact: dict[str, list] = {}
    loose_index: dict[str, list] = {}
    for name, value in pairs:
        keys = index_keys(name)
        for key in keys:
            bucket = exact.setdefault(key, [])
            if not bucket or value not in bucket:
                bucket.append(value)
        if loose and " " in keys[0]:
            bucket = loose_index.setdefault(loose_key(name), [])
            if not bucket or value not in bucket:
                bucket.append(value)
    return exact, loose_index


def _lookup(exact: dict, loose: dict, s: str) -> list:
    key = exact_key(s)
    if key in exact:
        return exact[key]
    return loose.get(loose_key(s), []) if " " in key else []


# ---------------------------------------------------------------- countries
@lru_cache(maxsize=1)
def _countries():
    data = json.loads(_read("countries.json"))
    pairs = []
    by_iso3 = {}
    forms = []
    for c in data["countries"]:
        country = Country(c["iso3"], c["iso2"], c["en"], (c["names"] or [c["en"]])[0],
                          c["lat"], c["lon"], c["coord_source"])
        by_iso3[c["iso3"]] = country
        pairs += [(n, country) for n in c["names"] + c["nationalities"]]
        forms.append((country, tuple(c["names"]), tuple(c["nationalities"])))
    exact, _ = _index(pairs, loose=False)
    return exact, by_iso3, pairs, forms


@lru_cache(maxsize=1)
def _country_fuzzy() -> FuzzyIndex:
    return FuzzyIndex(_countries()[2])


def country_by_code(iso3: str) -> Optional[Country]:
    return _countries()[1].get(iso3)


def country_by_name(s: str, fuzzy: bool = False) -> Optional[Country]:
    """A country from its Arabic name or a nationality form ("الروسية", "أتراك", "كازخستان")."""
    hits = _lookup(_countries()[0], {}, s)
    if not hits and fuzzy:
        found = _country_fuzzy().best(s)
        hits = found[2] if found else []
    return hits[0] if hits else None


# ---------------------------------------------------------------- places
@lru_cache(maxsize=1)
def _places():
    pairs = []
    for line in _read("places.tsv").splitlines():
        if line.startswith("#") or line.startswith("id\t"):
            continue
        pid, names, en, country, admin1, lat, lon, pop, kind = line.split("\t")
        name_list = names.split("|")
        place = Place(int(pid), name_list[0], en, country, admin1, float(lat), float(lon), int(pop), kind)
        pairs += [(n, place) for n in name_list]
    exact, loose = _index(pairs)
    return exact, loose, pairs


@lru_cache(maxsize=1)
def _place_fuzzy() -> FuzzyIndex:
    return FuzzyIndex(_places()[2])


def places_by_name(s: str, fuzzy: bool = False) -> list[Place]:
    """All places with this Arabic name, most populous first (the file is sorted that way)."""
    exact, loose, _ = _places()
    hits = _lookup(exact, loose, s)
    if not hits and fuzzy:
        found = _place_fuzzy().best(s)
        hits = found[2] if found else []
    return sorted(hits, key=lambda p: -p.population)


# ---------------------------------------------------------------- actors
def _actor(entry: dict, kind: str) -> Actor:
    roles = tuple(Role(*r) for r in entry["roles"])
    return Actor(entry["names"][0], kind, roles, entry.get("en", ""), entry.get("source", ""))


@lru_cache(maxsize=1)
def _actors():
    data = json.loads(_read("actors.json"))
    kinds = {"organisation": "organisations", "person": "people", "role": "role_phrases", "geo": "geo"}
    indexes, pairs_by_kind = {}, {}
    for kind, section in kinds.items():
        pairs = [(n, actor) for e in data[section] for actor in [_actor(e, kind)] for n in e["names"]]
        indexes[kind] = _index(pairs)
        pairs_by_kind[kind] = pairs
    return indexes, pairs_by_kind


@lru_cache(maxsize=None)
def _actor_fuzzy(kind: str) -> FuzzyIndex:
    return FuzzyIndex(_actors()[1][kind])


def actors_named(kind: str, s: str, fuzzy: bool = False) -> list[Actor]:
    """Every actor of `kind` ("organisation" | "person" | "role" | "geo") with this name, best first."""
    exact, loose = _actors()[0][kind]
    hits = _lookup(exact, loose, s)
    if not hits and fuzzy:
        found = _actor_fuzzy(kind).best(s)
        hits = found[2] if found else []
    return hits


def organisation_by_name(s: str, fuzzy: bool = False) -> Optional[Actor]:
    """An organisation (IGO, armed group, party, ministry...); hand entries win over PETRARCH."""
    hits = actors_named("organisation", s, fuzzy)
    return hits[0] if hits else None


def person_roles(name: str, on_date: DateLike = None, fuzzy: bool = False) -> list[Role]:
    """Roles of the person(s) with this name valid on `on_date` (all roles when None)."""
    roles: list[Role] = []
    for person in actors_named("person", name, fuzzy):
        roles += [r for r in person.roles if r not in roles]
    if on_date is not None:
        day = _iso_day(on_date)
        roles = [r for r in roles if r.valid_on(day)]
    return latest_first(roles)


def latest_first(roles: Iterable[Role]) -> list[Role]:
    """Dated roles first, latest start first: they are more specific than undated codes."""
    return sorted(roles, key=lambda r: (not r.start and not r.end, _neg(r.start)))


def _neg(day: str) -> str:
    """A sort key that orders ISO dates descending ("" last)."""
    return "".join(chr(255 - ord(c)) for c in day) if day else "\uffff"


def actor_by_name(s: str, on_date: DateLike = None, fuzzy: bool = False) -> Optional[Actor]:
    """Any coded actor: organisation, person, role phrase ("الرئيس السوداني") or geo name.

    With `on_date`, the returned actor keeps only the roles valid on that day (a person with none
    is skipped)."""
    day = _iso_day(on_date) if on_date is not None else None
    for kind in ("organisation", "person", "role", "geo"):
        for actor in actors_named(kind, s, fuzzy):
            if day is None:
                return actor
            valid = tuple(r for r in actor.roles if r.valid_on(day))
            if valid:
                return Actor(actor.name, actor.kind, valid, actor.name_en, actor.source)
    return None


# ---------------------------------------------------------------- sectors
@lru_cache(maxsize=1)
def _sectors():
    data = json.loads(_read("sectors.json"))
    nouns = _index(data["nouns"].items())
    titles = _index(data["titles"].items())
    return nouns, titles


def sector_noun(s: str) -> Optional[str]:
    """CAMEO sector of a group noun ("الشرطة" -> COP, "المتظاهرون" -> CVL), else None."""
    hits = _lookup(*_sectors()[0], s)
    return hits[0] if hits else None


def office_title(s: str) -> Optional[str]:
    """CAMEO sector of an office title ("وزير الخارجية" -> GOV, "رئيس الأركان" -> MIL)."""
    hits = _lookup(*_sectors()[1], s)
    return hits[0] if hits else None


# ---------------------------------------------------------------- whole-vocabulary views
# For stages that compile their own matchers (the NER gazetteer features, the linker's phrase index).
def country_names() -> list[tuple[str, Country]]:
    """(Arabic name or nationality form, country) for every entry, as written in the data."""
    return list(_countries()[2])


def country_forms() -> list[tuple[Country, tuple[str, ...], tuple[str, ...]]]:
    """(country, its Arabic names, its nationality forms) for every country."""
    return list(_countries()[3])


def place_names() -> list[tuple[str, Place]]:
    return list(_places()[2])


def actor_names(kind: str) -> list[tuple[str, Actor]]:
    """(name, actor) for every actor of `kind` ("organisation" | "person" | "role" | "geo")."""
    return list(_actors()[1][kind])


def sector_words() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Exact-key indexes of the sector nouns and of the office titles: key -> [CAMEO sector]."""
    (nouns, _), (titles, _) = _sectors()
    return nouns, titles


def load_all() -> None:
    """Load every file now (e.g. before forking workers); each loads only once anyway."""
    _countries(), _places(), _actors(), _sectors()
