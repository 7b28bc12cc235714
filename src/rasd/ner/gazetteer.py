"""Gazetteer and trigger-word tables for the NER features, built once from the knowledge base.

Why a private table instead of calling `kb.country_by_name` & co. per word: the tagger asks about
every word and every 2-3 word window of every sentence. One dict keyed by `keys.exact_key` with a
frozenset of type codes answers all of those questions in a single lookup, and the table is built in
one pass over the KB's name lists when the model loads (about half a second, once per process).

Codes (feature names, so keep them short and stable; the trained model depends on them):
  CTRY country name, NAT nationality form, PLC place (+ PLC4..PLC7: log10 of the largest
  population with that name), ORG organisation, PER full person name, PNP person-name part,
  ROLE role phrase ("الرئيس السوداني"), GEO other geo name, SECT sector noun, TITLE office title.
Trigger words (data/triggers.json, hand-written): TRG_ORG, TRG_PER, TRG_LOC, matched on the stem.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from rasd.lexicon import kb
from rasd.lexicon.keys import exact_key, index_keys
from rasd.text.normalize import normalize_string

# Person-name parts this short or this common carry no signal of their own.
_NAME_PART_MIN = 3
MAX_WINDOW = 3
_NOT_NAME_PARTS = frozenset({"CTRY", "NAT", "SECT", "TITLE", "ROLE", "TRG_ORG", "TRG_PER", "TRG_LOC"})


def _add(table: dict[str, set], name: str, code: str) -> None:
    for key in index_keys(name):
        if key:
            table.setdefault(key, set()).add(code)


def _population_code(population: int) -> str:
    return f"PLC{min(7, max(3, int(math.log10(population)) if population > 0 else 3))}"


@lru_cache(maxsize=1)
def table() -> dict[str, frozenset]:
    """exact_key of a name (one word, or 2-3 words) -> frozenset of type codes."""
    codes: dict[str, set] = {}
    for _country, names, nationalities in kb.country_forms():
        for name in names:
            _add(codes, name, "CTRY")
        for name in nationalities:
            _add(codes, name, "NAT")
    best_population: dict[str, int] = {}
    for name, place in kb.place_names():
        _add(codes, name, "PLC")
        key = exact_key(name)
        best_population[key] = max(best_population.get(key, 0), place.population)
    for key, population in best_population.items():
        codes.setdefault(key, set()).add(_population_code(population))
    kind_codes = {"organisation": "ORG", "person": "PER", "role": "ROLE", "geo": "GEO"}
    for kind in kind_codes:
        for name, _actor in kb.actor_names(kind):
            _add(codes, name, kind_codes[kind])
            if kind == "person":
                for part in exact_key(name).split(" "):
                    if len(part) >= _NAME_PART_MIN:
                        _add(codes, part, "PNP")
    nouns, titles = kb.sector_words()
    for key in nouns:
        codes.setdefault(key, set()).add("SECT")
    for key in titles:
        codes.setdefault(key, set()).add("TITLE")
    for label, words in _triggers().items():
        for word in words:
            codes.setdefault(word, set()).add("TRG_" + label)
    # PETRARCH person entries carry titles and countries ("الرئيس", "ألمانيا"): those words are not
    # name parts.
    for value in codes.values():
        if "PNP" in value and value & _NOT_NAME_PARTS:
            value.discard("PNP")
    return {key: frozenset(value) for key, value in codes.items()}


@lru_cache(maxsize=1)
def _triggers() -> dict[str, list[str]]:
    data = json.loads(resources.files("rasd.ner").joinpath("data", "triggers.json").read_text("utf-8"))
    return {label: [normalize_string(w) for w in words] for label, words in data.items()
            if label not in ("source", "EDGE_STOP")}


@lru_cache(maxsize=1)
def edge_stop_words() -> frozenset:
    """Normalised words that never end an entity ("اليوم", "أمس"): trimmed off a predicted span."""
    data = json.loads(resources.files("rasd.ner").joinpath("data", "triggers.json").read_text("utf-8"))
    return frozenset(normalize_string(w) for w in data.get("EDGE_STOP", ()))


@lru_cache(maxsize=1)
def window_starts() -> frozenset:
    """First words of multi-word names: a window is looked up only when it opens with one."""
    return frozenset(key.split(" ", 1)[0] for key in table() if " " in key)
