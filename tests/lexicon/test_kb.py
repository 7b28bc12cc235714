"""Knowledge-base lookups: countries, nationality forms, places, organisations, sector nouns,
office titles, dated person roles, fuzzy variants and negatives (cases in kb_cases.tsv)."""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest

from rasd.lexicon import kb
from rasd.lexicon.keys import loose_key, skeleton

CASES_FILE = Path(__file__).with_name("kb_cases.tsv")


def _cases():
    for line in CASES_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            yield pytest.param(*fields[:3], fields[3] if len(fields) > 3 else None,
                               id=f"{fields[0]}:{fields[1]}:{fields[3] if len(fields) > 3 else ''}")


def _code(country: str, sector: str) -> str:
    return f"{country}/{sector}"


def _answer(function: str, query: str, date: str | None) -> str:
    if function in ("country", "country_fuzzy"):
        c = kb.country_by_name(query, fuzzy=function.endswith("fuzzy"))
        return c.iso3 if c else "-"
    if function in ("place", "place_fuzzy"):
        places = kb.places_by_name(query, fuzzy=function.endswith("fuzzy"))
        return places[0].country if places else "-"
    if function == "org":
        o = kb.organisation_by_name(query)
        return _code(o.country, o.sector) if o else "-"
    if function == "actor":
        a = kb.actor_by_name(query)
        return _code(a.country, a.sector) if a else "-"
    if function == "sector":
        return kb.sector_noun(query) or "-"
    if function == "title":
        return kb.office_title(query) or "-"
    if function in ("person", "person_fuzzy"):
        roles = kb.person_roles(query, date, fuzzy=function.endswith("fuzzy"))
        return _code(roles[0].country, roles[0].sector) if roles else "-"
    raise ValueError(function)


@pytest.mark.parametrize("function,query,expected,date", list(_cases()))
def test_case(function, query, expected, date):
    assert _answer(function, query, date) == expected


def test_case_file_has_enough_cases():
    assert len(list(_cases())) >= 60


def test_country_carries_coordinates_and_their_source():
    kaz = kb.country_by_name("كازاخستان")
    assert kaz.iso2 == "KZ" and kaz.coord_source == "capital"
    assert 50 < kaz.lat < 52 and 70 < kaz.lon < 73  # Astana
    assert kb.country_by_code("EGY").name_ar == "مصر"


def test_place_has_coordinates_population_and_geonames_id():
    mosul = kb.places_by_name("الموصل")[0]
    assert mosul.name_en == "Mosul" and mosul.geonameid > 0
    assert abs(mosul.lat - 36.34) < 0.2 and abs(mosul.lon - 43.12) < 0.2
    assert mosul.population > 1_000_000


def test_ambiguous_place_keeps_all_candidates_by_population():
    tripoli = kb.places_by_name("طرابلس")
    assert [p.country for p in tripoli[:2]] == ["LBY", "LBN"]
    assert tripoli[0].population > tripoli[1].population


def test_hand_region_uses_its_seat_city_coordinates():
    anbar = kb.places_by_name("الأنبار")[0]
    ramadi = kb.places_by_name("الرمادي")[0]
    assert anbar.kind == "region" and anbar.geonameid < 0
    assert (anbar.lat, anbar.lon) == (ramadi.lat, ramadi.lon)


def test_person_roles_accept_date_objects_and_none():
    on_day = kb.person_roles("ديفيد كاميرون", dt.date(2012, 6, 1))
    assert [(r.country, r.sector) for r in on_day] == [("GBR", "GOV")]
    assert {r.sector for r in kb.person_roles("ديفيد كاميرون")} == {"GOV", "OPP"}


def test_office_changes_hands():
    """Two holders of the UK premiership (PETRARCH data): Brown before May 2010, Cameron after."""
    def is_gov(name, day):
        return any(r.sector == "GOV" for r in kb.person_roles(name, day))
    assert is_gov("غوردون براون", "2009-06-01") and not is_gov("ديفيد كاميرون", "2009-06-01")
    assert is_gov("ديفيد كاميرون", "2012-06-01") and not is_gov("غوردون براون", "2012-06-01")


def test_actor_by_name_filters_roles_by_date():
    actor = kb.actor_by_name("رجب طيب اردوغان", on_date="2002-01-01")
    assert actor.kind == "person" and {r.sector for r in actor.roles} == {"PTY"}


def test_petrarch_lemma_meets_news_form_through_loose_key():
    assert loose_key("اتحاد_أوروبي_") == loose_key("الاتحاد الأوروبي")
    assert loose_key("محكمة_جنائي_دولي_") == loose_key("المحكمة الجنائية الدولية")
    assert loose_key("عبد الله") == loose_key("عبدالله")


@pytest.mark.parametrize("a,b", [("تشاووش أوغلو", "جاويش أوغلو"), ("بيرموف", "بيراموف"),
                                 ("كازخستان", "كازاخستان")])
def test_transliteration_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_fuzzy_never_beats_exact_and_skips_short_words():
    assert kb.country_by_name("مصرف", fuzzy=True) is None
    assert kb.places_by_name("أمس", fuzzy=True) == []


def test_data_files_name_their_sources_and_build():
    data = resources.files("rasd.lexicon").joinpath("data")
    total = 0
    for name in ("countries.json", "actors.json", "sectors.json"):
        meta = json.loads(data.joinpath(name).read_text("utf-8"))["meta"]
        assert meta["sources"] and meta["built"] and "build_lexicon.py" in meta["command"]
        total += len(data.joinpath(name).read_bytes())
    places = data.joinpath("places.tsv").read_text("utf-8")
    assert places.startswith("# sources:") and "GeoNames" in places[:2000]
    assert sum(1 for line in places.splitlines() if not line.startswith("#")) > 10_001
    total += len(places.encode("utf-8"))
    assert total < 15_000_000


def test_every_country_has_arabic_name_and_iso3():
    from rasd.lexicon.kb import _countries
    countries = _countries()[1]
    assert len(countries) >= 249
    assert all(len(code) == 3 and c.name_ar for code, c in countries.items())
