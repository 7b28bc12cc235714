"""Word tables for the date finder, loaded once from data/dates_cldr.json and data/dates_lexicon.json.

dates_cldr.json is generated from CLDR (scripts/build_date_tables.py); dates_lexicon.json holds the
hand-written rest. Every entry is passed through `normalize_string` here, so the JSON stays in
ordinary Arabic and the keys match the normalised text the patterns run on. Multi-word keys are
stored with single spaces; `lookup` collapses the whitespace of a matched string the same way and
also strips the one-letter proclitics that the patterns allow in front of a word (بالأمس، للعام).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Optional

from rasd.text.normalize import normalize_string
from rasd.text.trie import trie_alternation


def _key(s: str) -> str:
    return " ".join(normalize_string(s).split())


@dataclass(frozen=True)
class DateTables:
    gregorian_months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]          # Python weekday(): Monday = 0
    ordinals: dict[str, int]
    counts: dict[str, int]
    relative_days: dict[str, int]
    needs_prefix: frozenset[str]      # relative words that are dates only after يوم/صباح...: الغد
    definite_days: frozenset[str]     # اليوم/الليلة: "the day/night" when an ال- adjective follows
    not_adjectives: frozenset[str]    # ال- words after اليوم that leave it "today": إلى، الآن
    period_units: dict[str, str]      # "الاسبوع" -> "week"
    directions: dict[str, int]        # "الماضي" -> -1
    demonstratives: frozenset[str]
    ago_directions: dict[str, int]
    ago_units: dict[str, tuple[str, Optional[int]]]
    times_of_day: frozenset[str]
    night_words: frozenset[str]       # "ليل الجمعة السبت" is the night from Friday to Saturday
    period_parts: frozenset[str]
    year_words: frozenset[str]
    year_prepositions: frozenset[str]
    eras: dict[str, str]
    count_nouns: frozenset[str]
    adverbs: frozenset[str]           # end in tanwin alef like counted nouns, but are not (أيضا)
    event_names: frozenset[str]       # ثورة يوليو: a month naming an event
    exclude_before: dict[str, frozenset[str]]
    exclude_after: dict[str, frozenset[str]]
    future_cues: frozenset[str] = frozenset()      # "يعقد ... الأحد": the coming Sunday
    same_year: tuple[str, ...] = ()                # "من ذلك العام": the year last named
    future_not_verbs: frozenset[str] = frozenset()  # س-initial nouns that are not future verbs (سيارة)


def _read(name: str) -> dict:
    return json.loads(resources.files("rasd.text").joinpath(f"data/{name}").read_text("utf-8"))


def _keyed(mapping: Mapping) -> dict:
    return {_key(k): v for k, v in mapping.items()}


@lru_cache(maxsize=1)
def tables() -> DateTables:
    cldr, lex = _read("dates_cldr.json"), _read("dates_lexicon.json")
    months = {_key(e["name"]): e["month"] for e in cldr["gregorian_months"]}
    months.update(_keyed(lex["gregorian_month_variants"]["names"]))
    weekdays = {_key(e["name"]): e["weekday"] for e in cldr["weekdays"]}
    weekdays.update(_keyed(lex["weekday_variants"]["names"]))
    relative_days = _keyed(cldr["relative"]["days"])
    relative_days.update(_keyed(lex["relative_days"]["names"]))
    units = _keyed(cldr["relative"]["period_units"])
    units.update(_keyed(lex["period_units"]["names"]))
    directions = _keyed(cldr["relative"]["directions"])
    directions.update(_keyed(lex["directions"]["names"]))
    before: dict[str, frozenset[str]] = {}
    after: dict[str, frozenset[str]] = {}
    for rule in lex["exclusions"]["rules"]:
        word = _key(rule["word"])
        before[word] = frozenset(_key(w) for w in rule["before"])
        after[word] = frozenset(_key(w) for w in rule["after"])
    future = lex.get("future_cues", {})
    return DateTables(
        future_cues=frozenset(_key(w) for w in future.get("words", ())),
        same_year=tuple(sorted({_key(w) for w in lex.get("same_year", {}).get("names", ())}, key=len, reverse=True)),
        future_not_verbs=frozenset(_key(w) for w in future.get("not_verbs", ())),
        gregorian_months=months,
        ambiguous_months=frozenset(_key(w) for w in lex["ambiguous_month_names"]["names"]
                                   + lex["ambiguous_hijri_months"]["names"]),
        hijri_months=_keyed(lex["hijri_months"]["names"]),
        weekdays=weekdays,
        ordinals=_keyed(lex["ordinal_days"]["names"]),
        counts=_keyed(lex["count_words"]["names"]),
        relative_days=relative_days,
        needs_prefix=frozenset(_key(w) for w in lex["relative_days"]["needs_prefix"]),
        definite_days=frozenset(_key(w) for w in lex["relative_days"]["definite"]["names"]),
        not_adjectives=frozenset(_key(w) for w in lex["relative_days"]["definite"]["not_adjectives"]),
        period_units=units,
        directions=directions,
        demonstratives=frozenset(_key(w) for w in cldr["relative"]["demonstratives"]
                                 + lex["demonstratives"]["names"]),
        ago_directions=_keyed(lex["ago"]["directions"]),
        ago_units={_key(k): (v[0], v[1]) for k, v in lex["ago"]["units"].items()},
        times_of_day=frozenset(_key(w) for w in lex["times_of_day"]["names"]),
        night_words=frozenset(_key(w) for w in lex["times_of_day"]["night"]),
        period_parts=frozenset(_key(w) for w in lex["period_parts"]["names"]),
        year_words=frozenset(_key(w) for w in lex["year_words"]["names"]),
        year_prepositions=frozenset(_key(w) for w in lex["year_prepositions"]["names"]),
        eras=_keyed(lex["eras"]["names"]),
        count_nouns=frozenset(_key(w) for w in lex["count_nouns"]["names"]),
        adverbs=frozenset(_key(w) for w in lex["count_nouns"]["adverbs"]),
        event_names=frozenset(_key(w) for w in lex["event_names"]["names"]),
        exclude_before=before,
        exclude_after=after,
    )


def lookup(mapping: Mapping, matched: str):
    """The value of a matched word or phrase, allowing the proclitics the patterns accept."""
    key = " ".join(matched.split())
    if key in mapping:
        return mapping[key]
    if key.startswith("لل") and "ا" + key[1:] in mapping:  # للعام = ل + العام
        return mapping["ا" + key[1:]]
    if key[:1] in "بلك" and key[1:] in mapping:
        return mapping[key[1:]]
    return None


def strip_proclitic(word: str) -> str:
    """The dictionary form of a word that may carry و/ف and ب/ل/ك in front (والعام -> العام)."""
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word.startswith("لل") and len(word) > 3:
        return "ا" + word[1:]
    if word[:1] in "بك" and word[1:3] == "ال":
        return word[1:]
    return word


# --- regex construction -------------------------------------------------------------------------

SPACE = r"[^\S\n]+"  # dates never run across a line break


def _trie_regex(words: Iterable[str]) -> str:
    return trie_alternation(words, SPACE)


def alternation(words: Iterable[str], proclitics: bool = False) -> str:
    """A regex for any of `words`; with proclitics, also بال/كال/لل/ب/ل forms of the first word."""
    words = sorted(set(words))
    plain = _trie_regex(words)
    if not proclitics:
        return f"(?:{plain})"
    with_article = sorted({w[2:] for w in words if w.startswith("ال") and len(w) > 3})
    without = [w for w in words if not w.startswith("ال")]
    parts = [plain]
    if with_article:
        parts.append(f"(?:[بك]ال|لل){_trie_regex(with_article)}")
    if without:
        parts.append(f"[بل]{_trie_regex(without)}")
    return "(?:" + "|".join(parts) + ")"
