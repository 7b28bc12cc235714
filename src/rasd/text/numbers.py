"""Quantities in Arabic news text: digits, number words, vague quantities, bounds and ranges.

`find_numbers(text)` returns `NumberMention`s sorted by start and never overlapping.

Design:
* One compiled regex (numbers_grammar.lexicon().scanner) scans the normalised text once. Every
  alternative starts at a word start, and the word lists are compiled as tries with their proclitics
  expanded, so the scan is a deterministic walk (about 5x faster than plain alternations). A match
  is an optional bound/approximation phrase, a run of number atoms (digit strings or number words,
  separated by blanks and "و"), an optional percent sign/phrase and an optional suffix phrase
  ("تقريبا", "على الأقل"; one counted noun may stand before it). Compound ordinals ("الخامس عشر",
  "الحادي والعشرين") are matched too, so their pieces are never read as counts, and then dropped.
* Candidates are rare, so the rest runs in Python: the grammar in numbers_grammar.py cuts each run
  of atoms into numbers ("2022 1678" stays two), this module applies bound phrases and joins ranges.
* Word lists, bound phrases, range joins and the words that make "حتى" temporal live in
  data/number_words.json and data/number_words_phrases.json, normalised at load time.

Conventions:
* Spans cover the quantity expression, bound phrase included ("أكثر من 2000"), but not a leading
  conjunction or preposition clitic: "وألفي" -> "ألفي", "بأكثر من 5" -> "أكثر من 5". When ل meets
  the article ("للعشرات") the span starts at the second ل, as token segments do.
* Kinds: "exact"; "approximate" (نحو 300: value 300, low = high = 300); "vague" (عشرات -> [20, 99],
  a plural scale alone is [2, 9] x scale, a vague word before a plural scale multiplies:
  عشرات الآلاف -> [20000, 99999]); "lower_bound"/"upper_bound" (strict bounds move by one for
  integers: "أكثر من 2000" -> [2001, None], "أقل من 10" -> [None, 9]); "range" ("بين 20 و30",
  "20-30", "3 أو 4", "يتراوح من 50 إلى 80": value None, low 20, high 30).
* Percentages keep their number as the value ("30 في المئة" -> 30), the span includes the percent.
* Separators: "1,678" and "1.678" (3-digit groups) are thousands, except "1.500 مليون" (a dot
  before a scale word is a decimal); "1.5", "2,4" and "٢٫٥" are decimals; "٬" is always thousands;
  "7,245.18" mixes both. Anything else ("21.07.2015", "1,2,3") is split into separate numbers.
* Never returned: ordinals (the date stage has its own table) and clock times ("10:30"). Years are
  ordinary exact numbers, but a range is never built between two years ("2014-2015") or from date
  pieces ("12 - 11 - 1436", "30 إلى 31 يناير"), and "حتى" is no bound before a year, a month or a
  time of day ("حتى 30 يونيو" -> exact 30).
* "من 20 إلى 30" is read as a change (a toll rising from 20 to 30): two exact numbers, unless a
  range verb (يتراوح) comes just before. A first number with a percent never opens a range
  ("تراجع 1.5% إلى 1116 دولارا").
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Optional

from rasd.model.spans import NumberMention
from rasd.text.normalize import Normalized, normalize
from rasd.text.numbers_grammar import SP, Item, lexicon, read_atoms, read_number


def _bounded(item: Item, kind: str, strict: bool) -> None:
    """Apply a bound or approximation phrase to an item in place."""
    if item.kind == "exact":
        v = item.low
        step = 1 if strict and v.denominator == 1 else 0
        if kind == "approximate":
            item.kind = kind
        elif kind == "lower_bound":
            item.kind, item.low, item.high = kind, v + step, None
        elif kind == "upper_bound":
            item.kind, item.low, item.high = kind, None, v - step
    elif item.kind == "vague" and kind in ("lower_bound", "upper_bound"):
        item.kind = kind
        if kind == "lower_bound":
            item.high = None
        else:
            item.low = None


_BLANKS = re.compile(rf"{SP}+")
_NEXT_WORD = re.compile(rf"{SP}*(\w+)")
_DATE_TAIL = re.compile(rf"{SP}*[/-]{SP}*[0-9]")
_DATE_HEAD = re.compile(rf"[0-9]{SP}*[/-]{SP}*\Z")


def _temporal_after(norm: str, end: int) -> bool:
    """The number ending at `end` is a day or part of a date: "30 يونيو", "17 من شهر", "14/11"."""
    if _DATE_TAIL.match(norm, end):
        return True
    following = _NEXT_WORD.match(norm, end)
    if following is None:
        return False
    word, temporal = following.group(1), lexicon().temporal
    if word == "من":
        following = _NEXT_WORD.match(norm, following.end())
        word = following.group(1) if following else ""
    return word in temporal


_OPENER = re.compile(rf"(?<!\w)[وف]?(?P<op>(?:ما{SP}+)?(?:بين|من)){SP}+\Z")


def _candidates(text: str, normalized: Normalized) -> list[Item]:
    """Numbers from every scanner match, with their bound, percent and suffix phrases applied."""
    lex, norm = lexicon(), normalized.text
    items: list[Item] = []
    for m in lex.scanner.finditer(norm):
        if m.group("chunk") is None:
            continue  # a compound ordinal: not a count
        atoms = read_atoms(norm, m.start("chunk"), m.end("chunk"), text, normalized)
        found, i = [], 0
        while i < len(atoms):
            item = read_number(atoms, i)
            if item is None:
                i += 1
                continue
            found.append(item)
            i = item.last_atom + 1
        if not found:
            continue
        first, last = found[0], found[-1]
        if m.group("pre") and first.first_atom == 0:
            phrase = _BLANKS.sub(" ", m.group("pre"))
            skip = next(k for k in range(3) if phrase[k:] in lex.prefixes)
            kind, strict, temporal_guard = lex.prefixes[phrase[skip:]]
            if not (temporal_guard and (first.year_like or _temporal_after(norm, first.end))):
                _bounded(first, kind, strict)
                first.start = m.start("pre") + skip
        if last.last_atom == len(atoms) - 1:
            if m.group("pct"):
                last.end, last.percent = m.end("pct"), True
            if m.group("suf"):
                phrase = _BLANKS.sub(" ", m.group("suffix"))
                kind, strict, _ = lex.suffixes[phrase]
                if last.kind in ("exact", "vague") or (last.kind == kind == "approximate"):
                    _bounded(last, kind, strict)
                    last.end = m.end("suf")
        items.extend(found)
    return items


def _after_range_verb(norm: str, pos: int, verbs: frozenset) -> bool:
    """True when one of the few words before `pos` is a range verb ("تتراوح الأسعار من ...")."""
    for word in norm[max(0, pos - 40):pos].split()[-4:]:
        if word in verbs or (word[:1] in "وف" and word[1:] in verbs):
            return True
    return False


def _join_ranges(items: list[Item], norm: str) -> list[Item]:
    """Merge "بين 20 و30", "20-30", "3 أو 4" into one range item."""
    lex = lexicon()
    out, k = [], 0
    while k < len(items):
        a = items[k]
        b = items[k + 1] if k + 1 < len(items) else None
        merged = None
        if b is not None and b.start - a.end <= 12 and a.kind in ("exact", "approximate") \
                and b.kind in ("exact", "approximate"):
            gap = _BLANKS.sub("", norm[a.end:b.start])
            opener = _OPENER.search(norm, max(0, a.start - 16), a.start)
            opener_word = opener.group("op").split()[-1] if opener else None
            ranged = opener_word in lex.range_openers or (
                opener_word in lex.change_openers and _after_range_verb(norm, opener.start(), lex.range_verbs))
            if ranged:
                allowed = gap in lex.joins_after_opener
            else:
                allowed = gap in lex.joins and not (opener_word in lex.change_openers and gap != "-")
            if _DATE_HEAD.search(norm, max(0, a.start - 6), a.start) or _DATE_TAIL.match(norm, b.end) \
                    or _temporal_after(norm, b.end):
                allowed = False  # a date or a code: "12 - 11 - 1427", "15-25 يوليو", "4 - 2 - 3 - 1"
            low, high = a.low, b.low
            if b.scale > 1 and a.scale == 1 and low * b.scale < high:
                low = low * b.scale  # بين 2 و3 ملايين
            # "ارتفع 1.5% إلى 1116 دولارا" is a change, not a range: the first end carries no unit.
            if allowed and low < high and not (a.year_like and b.year_like) and not a.percent:
                start = opener.start("op") if ranged else a.start
                merged = Item(start, b.end, low, high, "range", b.scale)
        if merged is not None:
            out.append(merged)
            k += 2
        else:
            out.append(a)
            k += 1
    return out


def _plain(x: Optional[Fraction]):
    if x is None:
        return None
    return int(x) if x.denominator == 1 else float(x)


def find_numbers(text: str, normalized: Optional[Normalized] = None) -> list[NumberMention]:
    """Every quantity in `text`, sorted by start, non-overlapping (see the module docstring).

    `normalized` may pass in `normalize(text)` when a caller already has it: normalising is about
    half of the cost of this function.
    """
    if normalized is None:
        normalized = normalize(text)
    items = _join_ranges(_candidates(text, normalized), normalized.text)
    mentions = []
    for item in items:
        start, end = normalized.to_original(item.start, item.end)
        mentions.append(NumberMention(start, end, _plain(item.value), _plain(item.low), _plain(item.high),
                                      item.kind))
    return mentions
