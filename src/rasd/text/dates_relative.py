"""Handlers for relative time expressions: أمس, الأسبوع الماضي, قبل يومين, الخميس المقبل.

Every value here is counted from the publication date; without one the span is still returned with
iso None and relative True. Conventions (week = its Monday, "الماضي" strictly before) are in
dates_calendar.py.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Optional

from rasd.text import dates_calendar as cal
from rasd.text.dates_rules import Candidate, Context, make_candidate, phrase_key
from rasd.text.dates_tables import lookup, strip_proclitic


def _shifted(pub: dt.date, unit: str, amount: int) -> tuple[str, str]:
    """(iso, precision) of the period `amount` units away from the publication date."""
    if unit == "day":
        return cal.iso_day(pub + dt.timedelta(days=amount)), "day"
    if unit == "week":
        return cal.iso_day(cal.monday_of(pub + dt.timedelta(days=7 * amount))), "week"
    if unit == "month":
        return cal.iso_month(*cal.add_months(pub.year, pub.month, amount)), "month"
    return f"{pub.year + amount:04d}", "year"


def relative_day(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    word = phrase_key(g("rd"))
    offset = lookup(t.relative_days, word)
    bare = strip_proclitic(word)
    if bare in t.needs_prefix and not (g("tod") or g("yawm")):
        return  # "الغد" alone is as often "the future" as "tomorrow"
    if not (g("wd") or g("wdp")) and bare in t.definite_days:
        follower = ctx.next_word(m.end("x"))
        if follower.startswith("ال") and follower not in t.not_adjectives:
            return  # اليوم الوطني, اليوم التالي, الليلة الثانية: "the day/night", not today
    if ctx.excluded(m.start("x"), m.end("x")):
        return
    if ctx.published is None:
        yield make_candidate(m, None, "day", True)
        return
    # With "أمس الخميس" the relative word wins when the two disagree: it is the more specific.
    yield make_candidate(m, cal.iso_day(ctx.published + dt.timedelta(days=offset)), "day", True)


def period(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    unit = lookup(t.period_units, g("unit") or g("unit2"))
    if g("before"):
        shift = -2  # العام قبل الماضي
    elif g("dir"):
        shift = lookup(t.directions, g("dir"))
    else:
        shift = 0   # هذا العام
    if ctx.excluded(m.start("x"), m.end("x")):
        return
    if ctx.published is None:
        yield make_candidate(m, None, unit, True)
        return
    iso, precision = _shifted(ctx.published, unit, shift)
    yield make_candidate(m, iso, precision, True)


def ago(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    direction = lookup(t.ago_directions, g("dir"))
    unit, implied = lookup(t.ago_units, g("unit"))
    count: Optional[int] = None
    if g("n"):
        count = int(g("n")) if g("n").isdigit() else lookup(t.counts, g("n"))
    count = count if count is not None else implied
    if not count:
        return  # "منذ سنوات", "قبل أيام": too vague to place
    if ctx.next_word(m.end("x")) in ("من", "علي"):
        return  # "قبل يومين من الانتخابات": counted from another event, not from publication
    if ctx.published is None:
        yield make_candidate(m, None, unit, True)
        return
    iso, precision = _shifted(ctx.published, unit, direction * count)
    yield make_candidate(m, iso, precision, True)


def weekday(m: re.Match, ctx: Context) -> Iterator[Candidate]:
    t, g = ctx.tables, m.group
    number = lookup(t.weekdays, g("wd"))
    end = m.end("x")
    direction: Optional[int] = None
    if g("wd2"):
        tod = phrase_key(g("tod"))
        second = lookup(t.weekdays, g("wd2"))
        if not (tod and strip_proclitic(tod) in t.night_words and second == (number + 1) % 7):
            end = m.end("wd")  # two weekdays in a row are one expression only as "ليل الجمعة السبت"
    if end == m.end("x"):
        if g("before"):
            direction = -2
        elif g("dir"):
            direction = lookup(t.directions, g("dir"))
    if ctx.excluded(m.start("x"), end):
        return
    if ctx.published is None:
        yield make_candidate(m, None, "day", True, end=end)
        return
    if direction is None and _future_before(ctx, m.start("x")):
        day = cal.weekday_upcoming(ctx.published, number)
    else:
        day = cal.weekday_near(ctx.published, number, direction)
    yield make_candidate(m, cal.iso_day(day), "day", True, end=end)


FUTURE_WINDOW = 5
_CLAUSE_END = re.compile(r"[.،,:؛;!?؟\n]")
_FUTURE_VERB = re.compile(r"^[وف]?س[يتن]\w{3,}$")


def _future_before(ctx: Context, pos: int) -> bool:
    """A future verb or cue in the few words before `pos`, within its clause ("سيعقد ... الأحد",
    "من المقرر أن يصل الخميس"): a bare weekday then names the coming day, not the last one."""
    before = ctx.text[max(0, pos - 80):pos]
    before = _CLAUSE_END.split(before)[-1]
    t = ctx.tables
    for word in before.split()[-FUTURE_WINDOW:]:
        bare = strip_proclitic(word)
        if bare in t.future_cues or word in t.future_cues:
            return True
        if _FUTURE_VERB.match(word) and bare not in t.future_not_verbs and word not in t.future_not_verbs:
            return True
    return False
