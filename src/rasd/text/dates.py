"""Arabic time expressions, resolved against the publication date.

`find_dates(text, published)` returns DateMention spans (sorted, non-overlapping, each covering a
whole expression) with an ISO value:

- absolute dates: "12 يناير 2022", "12 يناير/كانون الثاني 2022", "12 كانون الثاني (يناير) 2022",
  "الثاني من يناير", "2/1/2022" (day/month/year, the Arabic order), "2022-01-02", Egyptian/Gulf,
  Levantine and Maghrebi month names, Hijri dates ("15 رمضان 1443 هـ", converted with hijridate,
  calendar="hijri"), years ("عام 2018", "في 2016", "2000م");
- relative ones (relative=True): اليوم, أمس, أول أمس, غدا, بعد غد, قبل يومين, منذ أسبوع, الأسبوع
  الماضي, الشهر المقبل, العام الجاري, weekdays ("الخميس", "الخميس المقبل", "مساء الأربعاء"), day and
  month without a year, "يوم 5 من الشهر الجاري".

Conventions:
- precision is day | week | month | year; a week is written as the ISO date of its Monday.
- A weekday alone is the most recent such day on or before publication (on a Thursday, "الخميس" is
  that day), unless a future verb or cue stands before it in its clause ("يعقد ... الأحد", "سيزور
  ... الاثنين", "من المقرر": data/dates_lexicon.json future_cues): then it is the coming such day, on
  or after publication. "الخميس الماضي" is strictly before, "الخميس المقبل" strictly after. "ليلة الأربعاء" is
  read as Wednesday (newspapers use it both ways). "أمس الخميس" is one expression; أمس wins if the
  two disagree.
- A month or a day and month without a year take the publication year, or the year before when that
  would be after publication; "الماضي"/"المقبل" after them move strictly before/after; "من ذلك العام"
  / "من العام نفسه" after them takes the year last named in the text (the phrase joins the span).
- Without a publication date, relative expressions (and dates with no year) keep their span with
  iso None.
- Spans leave out a leading و/ف and free-standing prepositions (في، منذ، خلال); they keep the
  one-letter prepositions glued to a word (بالأمس، للعام) and parts of day or period (صباح، مطلع).
- A bare number is a year only in a year context ("عام 2000", "سنة", "في 2016", "2000م") and when not
  followed by a counted noun ("في 2000 حالة"); numbers-layer spans that extend beyond the digits
  ("2000 ألف") are counts. With bare_years=True a lone 19xx/20xx is read as a year too.

- Hijri: hijridate's Umm al-Qura tables; a Hijri month is reported as the Gregorian month of its
  15th day, a Hijri year as the Gregorian year of its 1 Rajab; "عام 1436" without هـ is Hijri when
  within 50 years of the publication's Hijri year.

Design: all words come from data files (dates_tables.py). A cheap prefilter (the text's vocabulary
intersected with the trigger words, plus a digit scan) finds where an expression can be; only windows
around those triggers are parsed, each by the rule patterns that trigger can start (dates_patterns.py);
handlers turn matches into candidates (dates_rules.py, dates_relative.py), overlapping candidates are
settled longest first, and offsets are mapped back with `to_original`. `find_dates_normalized` takes an
already normalised text, for a pipeline that normalises once for several stages.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from rasd.model.spans import DateMention, NumberMention
from rasd.text import dates_relative, dates_rules
from rasd.text.dates_patterns import anchor_rules, patterns
from rasd.text.dates_rules import Candidate, Context
from rasd.text.dates_tables import tables
from rasd.text.normalize import Normalized, normalize

__all__ = ["find_dates", "find_dates_normalized"]

# Each rule: its handler and how far (normalised characters) its expressions reach to the left and
# right of the trigger that starts it, e.g. "صباح يوم الخميس الموافق الحادي والثلاثين من شهر" before
# a month name, "/كانون الثاني 2022م" or " من العام الماضي" after it.
_RULES = {
    "month": (dates_rules.month, 64, 40),
    "numeric": (dates_rules.numeric, 40, 24),
    "day_of_month": (dates_rules.day_of_month, 48, 32),
    "year_word": (dates_rules.year_word, 24, 24),
    "year_era": (dates_rules.year_era, 2, 12),
    "year_prep": (dates_rules.year_prep, 20, 4),
    "year_bare": (dates_rules.year_bare, 2, 4),
    "relative_day": (dates_relative.relative_day, 20, 24),
    "period": (dates_relative.period, 16, 24),
    "ago": (dates_relative.ago, 24, 12),
    "weekday": (dates_relative.weekday, 24, 32),
}
_YEAR_RULES = ("year_word", "year_era", "year_prep")


def find_dates(text: str, published: Optional[dt.date], numbers: Sequence[NumberMention] = (),
               bare_years: bool = False) -> list[DateMention]:
    """Time expressions in `text`, resolved against `published` (a date, or None when unknown)."""
    if not text:
        return []
    return find_dates_normalized(normalize(text), published, numbers, bare_years)


def find_dates_normalized(norm: Normalized, published: Optional[dt.date],
                          numbers: Sequence[NumberMention] = (), bare_years: bool = False) -> list[DateMention]:
    """`find_dates` on an already normalised text (for callers that share one `normalize` pass)."""
    ntext = norm.text
    pats = patterns()
    triggers = _triggers(ntext, pats, bare_years)
    if not triggers:
        return []
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = Context(ntext, published, tables(), _number_checker(norm, numbers))
    candidates: list[Candidate] = []
    for name, spans in triggers.items():
        handler, left, right = _RULES[name]
        pattern = getattr(pats, name)
        for start, end in _windows(ntext, spans, left, right):
            for match in pattern.finditer(ntext, start, end):
                candidates.extend(handler(match, ctx))
    mentions = []
    for start, end, iso, precision, relative, calendar in _same_year(ntext, _settle(candidates), ctx.tables):
        ostart, oend = norm.to_original(start, end)
        mentions.append(DateMention(ostart, oend, iso, precision, relative, calendar))
    return mentions


def _same_year(ntext: str, settled: list, t) -> list:
    """A day or month without a year followed by "من ذلك العام" takes the year last named before it,
    and the phrase joins its span; with no year named before, the reading is left as it was."""
    out, last_year = [], None
    for start, end, iso, precision, relative, calendar in settled:
        if out and start < out[-1][1]:
            continue  # inside a phrase that an earlier date took over
        if relative and iso and precision in ("day", "month") and last_year:
            after = ntext[end:end + 24].lstrip()
            phrase = next((p for p in t.same_year if after.startswith(p)), None)
            if phrase is not None:
                end = ntext.index(phrase, end) + len(phrase)
                iso, relative = last_year + iso[4:], False
        if not relative and iso and calendar == "gregorian":
            last_year = iso[:4]
        out.append((start, end, iso, precision, relative, calendar))
    return out


def _triggers(ntext: str, pats, bare_years: bool) -> dict[str, list[tuple[int, int]]]:
    """Rule name -> spans of the trigger words and numbers that can start one of its matches."""
    rules_of = anchor_rules()
    found = rules_of.keys() & set(pats.words.findall(ntext))
    triggers: dict[str, list[tuple[int, int]]] = {}
    n = len(ntext)
    for form in found:
        size, names = len(form), rules_of[form]
        at = ntext.find(form)
        while at >= 0:
            end = at + size
            if (at == 0 or not ntext[at - 1].isalnum()) and (end == n or not ntext[end].isalnum()):
                for name in names:
                    triggers.setdefault(name, []).append((at, end))
            at = ntext.find(form, end)
    year_rules = _YEAR_RULES + (("year_bare",) if bare_years else ())
    for hit in pats.digits.finditer(ntext):
        start, end = hit.span()
        after = ntext[end:end + 4].replace(" ", "")
        if after[:1] in ("/", ".", "-") and after[1:2].isdigit():
            triggers.setdefault("numeric", []).append((start, end))
        if end - start == 4:
            for name in year_rules:
                triggers.setdefault(name, []).append((start, end))
        elif end - start <= 2 and ntext[end:end + 4].lstrip()[:2] in ("ال", "من"):  # 25 الجاري
            triggers.setdefault("day_of_month", []).append((start, end))
    return triggers


def _windows(ntext: str, spans: list[tuple[int, int]], left: int, right: int) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger spans, widened to whitespace so no word is split."""
    n = len(ntext)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start - left), min(n, end + right)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    result = []
    for start, end in merged:
        start = max(ntext.rfind(" ", 0, start), ntext.rfind("\n", 0, start)) + 1
        space, newline = ntext.find(" ", end), ntext.find("\n", end)
        if space < 0 or 0 <= newline < space:
            space = newline
        result.append((start, n if space < 0 else space))
    return result


def _number_checker(norm, numbers: Sequence[NumberMention]):
    """A test for "the numbers layer reads these digits as part of a larger quantity"."""
    spans = [(m.start, m.end, m.kind) for m in numbers]
    if not spans:
        return lambda start, end: False

    def is_number_span(start: int, end: int) -> bool:
        ostart, oend = norm.to_original(start, end)
        return any(s < oend and e > ostart and ((s, e) != (ostart, oend) and (s < ostart or e > oend)
                                                 or kind != "exact")
                   for s, e, kind in spans)
    return is_number_span


def _settle(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: leftmost, then the first rule), by start."""
    ordered = sorted(enumerate(candidates), key=lambda ic: (ic[1][0] - ic[1][1], ic[1][0], ic[0]))
    chosen: list[Candidate] = []
    for _, cand in ordered:
        if cand[1] <= cand[0]:
            continue
        if all(cand[1] <= other[0] or cand[0] >= other[1] for other in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen
