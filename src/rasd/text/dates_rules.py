"""Handlers that turn a pattern match (dates_patterns.py) into resolved date candidates.

A handler gets the match and a `Context` and returns candidates (start, end, iso, precision, relative,
calendar) in normalised offsets, or nothing when the match is not a date after all (a count, a name,
"اليوم الوطني"). Conventions are in dates_calendar.py; `relative` is True whenever the value depends
on the publication date, including a day and month written without a year.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from rasd.text import dates_calendar as cal
from rasd.text.dates_tables import DateTables, lookup, strip_proclitic

Candidate = tuple[int, int, Optional[str], str, bool, str]

_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass
class Context:
    text: str                         # normalised
    published: Optional[dt.date]
    tables: DateTables
    is_number_span: Callable[[int, int], bool]  # True when the numbers layer says "not a plain number"

    def previous_word(self, pos: int) -> str:
        words = _WORD.findall(self.text, max(0, pos - 30), pos)
        return words[-1] if words else ""

    def next_word(self, pos: int) -> str:
        m = _WORD.search(self.text, pos, pos + 30)
        return m.group() if m and not self.text[pos:m.start()].strip(" \t") else ""

    def excluded(self, start: int, end: int) -> bool:
        """The lexicon's exclusions: "روسيا اليوم", "أمس الحاجة", "الأحد عشر", "الأمين العام"."""
        span = _WORD.findall(self.text, start, end)
        if not span:
            return False
        t = self.tables
        first, last = strip_proclitic(span[0]), strip_proclitic(span[-1])
        if first in t.exclude_before and not _forms(self.previous_word(start)).isdisjoint(t.exclude_before[first]):
            return True
        return last in t.exclude_after and not _forms(self.next_word(end)).isdisjoint(t.exclude_after[last])

    def looks_like_count(self, start: int, end: int) -> bool:
        """A number followed by a counted noun ("2000 حالة", "1678 شخصا") is a count, not a year."""
        if self.is_number_span(start, end):
            return True
        word = self.next_word(end)
        if not word:
            return False
        t = self.tables
        if word in t.count_nouns or strip_proclitic(word) in t.count_nouns:
            return True
        return word.endswith("ا") and len(word) > 2 and word not in t.adverbs


def _forms(word: str) -> set[str]:
    """A word as written, without a و/ف/ب/ل/ك proclitic, and in dictionary form (لهذا -> هذا)."""
    return {word, strip_proclitic(word), word[1:] if word[:1] in "وفبلك" else word}


def make_candidate(m: re.Match, iso, precision, relative, calendar="gregorian", end=None) -> Candidate:
    return (m.start("x"), m.end("x") if end is None else end, iso, precision, relative, calendar)


def phrase_key(s: Optional[str]) -> Optional[str]:
    return " ".join(s.split()) if s else None


def _resolve_calendar_date(ctx: Context, calendar: str, year, month, day, direction):
    """(iso, precision, relative) for a month name with optional day and year."""
    pub = ctx.published
    relative = year is None
    if year is None:
        if pub is None:
            return None, ("day" if day else "month"), True
        ref = (pub.year, pub.month, pub.day) if calendar == "gregorian" else cal.hijri_of(pub)
        if ref is None:
            return None, ("day" if day else "month"), True
        if day:
            year = cal.place_day(ref, month, day, direction)[0]
        else:
            year = cal.place_month(ref[0], ref[1], month, direction)[0]
    if calendar == "hijri":
        if day:
            d = cal.hijri_to_date(year, month, day)
            return (cal.iso_day(d) if d else None), "day", relative
        return cal.hijri_month_iso(year, month), "month", relative
    if day:
        d = cal.valid_day(year, month, day)
        return (cal.iso_day(d) if d else None), "day", relative
    return cal.iso_month(year, month), "month", relative


def month(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    if g("m1"):
        calendar, name, number = "gregorian", phrase_key(g("m1")), lookup(t.gregorian_months, g("m1"))
    else:
        calendar, name, number = "hijri", phrase_key(g("h1")), lookup(t.hijri_months, g("h1"))
    day = None
    if g("d") or g("dn"):
        day = int(g("d") or g("dn"))
    elif g("ord"):
        day = lookup(t.ordinals, g("ord"))
    elif g("first"):
        day = 1
    if day is not None and not 1 <= day <= 31:
        return
    direction = lookup(t.directions, g("dir")) if g("dir") else None
    paired = g("m2") or g("m3") or g("m4") or g("m5")
    if paired and lookup(t.gregorian_months, paired) != number:
        # "يونيو يوليو": two months, not one month named in two calendars. The first stands alone
        # and the text from the second on is matched again.
        iso, precision, relative = _resolve_calendar_date(ctx, calendar, None, number, day, None)
        yield make_candidate(m, iso, precision, relative, calendar, end=m.end("m1"))
        pair_group = next(name for name in ("m2", "m3", "m4", "m5") if g(name))
        rest = m.re.search(ctx.text, m.start(pair_group), m.endpos)
        if rest:
            yield from month(rest, ctx)
        return
    year = int(g("y")) if g("y") else None
    context_given = day or paired or year or g("shahr") or g("part") or g("dir") or g("rydir") or g("rythis")
    if name in t.ambiguous_months and not context_given:
        if _forms(ctx.previous_word(m.start("x"))).isdisjoint(t.year_prepositions):
            return
    if year is None and not _forms(ctx.previous_word(m.start("x"))).isdisjoint(t.event_names):
        return  # ثورة يوليو, أحداث 11 سبتمبر: an event's name, not a date near publication
    if year is None and (g("rydir") or g("rythis")):
        if ctx.published is None:
            yield make_candidate(m, None, "day" if day else "month", True, calendar)
            return
        shift = lookup(t.directions, g("rydir")) if g("rydir") else 0
        reference_year = ctx.published.year if calendar == "gregorian" else (cal.hijri_of(ctx.published) or (0,))[0]
        iso, precision, _ = _resolve_calendar_date(ctx, calendar, reference_year + shift, number, day, None)
        yield make_candidate(m, iso, precision, True, calendar)
        return
    if year is not None and calendar == "gregorian" and not 1000 <= year <= 2200:
        return
    if year is not None and calendar == "hijri" and 1800 <= year <= 2200:
        year = _hijri_year_in(year, number, day or 15)  # "رمضان 2015": a Gregorian year
    iso, precision, relative = _resolve_calendar_date(ctx, calendar, year, number, day, direction)
    if iso is None and (not relative or ctx.published is not None):
        return  # 31 فبراير 2022: not a date
    yield make_candidate(m, iso, precision, relative, calendar)


def _hijri_year_in(gregorian_year: int, month: int, day: int) -> int:
    """The Hijri year in which (month, day) falls inside `gregorian_year`."""
    start = cal.hijri_of(dt.date(gregorian_year, 1, 1))
    if start is None:
        return 0
    first = cal.hijri_to_date(start[0], month, day)
    return start[0] if first and first.year == gregorian_year else start[0] + 1


def _is_hijri_year(ctx: Context, year: int, era: Optional[str]) -> bool:
    if era:
        return lookup(ctx.tables.eras, era) == "hijri"
    if not 1343 <= year <= 1500 or ctx.published is None:
        return False
    hijri_now = cal.hijri_of(ctx.published)  # Saudi papers write عام 1436 without هـ
    return hijri_now is not None and abs(hijri_now[0] - year) <= 50


def numeric(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    g = m.group
    if g("y"):
        day, number, year = int(g("d")), int(g("m")), int(g("y"))
        separators = g("s1"), g("s1b")
    else:
        day, number, year = int(g("d2")), int(g("m2")), int(g("y2"))
        separators = g("s2"), g("s2b")
    if separators[0].strip() != separators[1].strip():
        return  # 2/1-2022: mixed separators are not one date
    if _is_hijri_year(ctx, year, g("era")):
        d = cal.hijri_to_date(year, number, day)
        if d:
            yield make_candidate(m, cal.iso_day(d), "day", False, "hijri")
        return
    d = cal.valid_day(year, number, day) if 1800 <= year <= 2200 else None
    if d:
        yield make_candidate(m, cal.iso_day(d), "day", False)


def day_of_month(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    day = int(g("d")) if g("d") else lookup(t.ordinals, g("ord"))
    if g("cur") and lookup(t.directions, g("cur")) != 0:
        return  # "25 الماضي" alone is too vague; "25 من الشهر الماضي" is fine
    shift = lookup(t.directions, g("dir")) if g("dir") else 0
    if not day or not 1 <= day <= 31:
        return
    pub = ctx.published
    if pub is None:
        yield make_candidate(m, None, "day", True)
        return
    year, number = cal.add_months(pub.year, pub.month, shift)
    d = cal.valid_day(year, number, day)
    if d:
        yield make_candidate(m, cal.iso_day(d), "day", True)


def _year_candidate(ctx: Context, start: int, end: int, year: int, era: Optional[str]) -> Optional[Candidate]:
    if _is_hijri_year(ctx, year, era):
        iso = cal.hijri_year_iso(year)
        return (start, end, iso, "year", False, "hijri") if iso else None
    if not 1000 <= year <= 2200:
        return None
    return start, end, f"{year:04d}", "year", False, "gregorian"


def year_word(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    first = _year_candidate(ctx, m.start("x"), m.end("x"), int(m.group("y")), m.group("era"))
    if first:
        yield first
        if m.group("y2") and phrase_key(m.group("kw")).endswith("عامي"):  # عامي 2014 و2015
            second = _year_candidate(ctx, m.start("y2"), m.end("y2"), int(m.group("y2")), m.group("era"))
            if second:
                yield second


def year_era(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    candidate = _year_candidate(ctx, m.start("x"), m.end("x"), int(m.group("y")), m.group("era"))
    if candidate:
        yield candidate


def year_prep(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    """في 2016, مطلع 2015: a preposition or a period part makes a bare number a year."""
    if (m.group("prep") or m.group("part")) and not ctx.looks_like_count(m.start("y"), m.end("y")):
        yield make_candidate(m, m.group("y"), "year", False)


def year_bare(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    if not ctx.looks_like_count(m.start("y"), m.end("y")):
        yield make_candidate(m, m.group("y"), "year", False)
