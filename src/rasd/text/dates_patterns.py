"""Regular expressions of the date finder, built once from the word tables (dates_tables.py).

All patterns run on normalised text (see normalize.py). Each has a group `x` that is the span to
report: a leading و/ف conjunction is outside it, the one-letter prepositions glued to a word
(بالأمس، للعام) are inside it, and free-standing prepositions (في، منذ، خلال) are outside it.
Templates name their pieces as <NAME>; their literal Arabic is folded like the text (إلى -> الي),
and they are compiled with re.VERBOSE, so the layout spaces in a
template mean nothing, and a space inside a lexicon entry has become SPACE.

The prefilter is a set operation: the text's vocabulary (one findall of letter runs) is intersected
with the trigger words of `anchor_rules`, and only the text around the trigger words present is
parsed, by the rules each can start. Numbers are found with a plain digit-run scan. (A regex alternation of
all trigger words was three times slower: the engine tries it at every word start.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.text.dates_tables import SPACE, alternation, tables
from rasd.text.normalize import normalize_string


@dataclass(frozen=True)
class Patterns:
    digits: re.Pattern
    words: re.Pattern          # runs of letters: the text's vocabulary for the prefilter
    month: re.Pattern          # 12 يناير 2022, الثاني من كانون الثاني, فبراير (شباط), 15 رمضان 1443 هـ
    numeric: re.Pattern        # 2/1/2022, 2022-01-02, 1443/9/15هـ
    day_of_month: re.Pattern   # يوم 5 من الشهر الجاري, 25 الجاري
    year_word: re.Pattern      # عام 2018, العام 2018, سنة 1437هـ, عامي 2014 و2015
    year_era: re.Pattern       # 2000م, 1437 هـ
    year_prep: re.Pattern      # في 2016
    year_bare: re.Pattern      # 2016 (only with bare_years=True)
    relative_day: re.Pattern   # أمس, صباح اليوم, اليوم (الاثنين), أول أمس
    period: re.Pattern         # الأسبوع الماضي, هذا العام, مطلع الشهر الجاري
    ago: re.Pattern            # قبل يومين, منذ أسبوع, قبل 3 أيام
    weekday: re.Pattern        # الخميس, يوم الخميس المقبل, ليل الجمعة السبت


START = r"(?<![\w.,/\-])(?:[وف](?=\w))?"  # word start, then an optional و/ف outside x
END = r"(?!\w)"

MONTH_PART = r"""
  (?: (?P<shahr>(?:ال)?شهر<S>) )?
  (?: (?P<m1><GM>)
      (?: <O>/<O>(?P<m2><GM>) | <O>\(<O>(?P<m3><GM>)<O>\) | <O>[-–]<O>(?P<m4><GM>) | <S>(?P<m5><GM>) )?
    | (?P<h1><HM>) )
"""

WEEKDAY_PREFIX = r"""
  (?: (?:<TOD><S>)? (?:يوم<S>)? (?:<RD><S>)? (?P<wd><WD>) <O>[,،]?<O> (?:الموافق<S>)? )?
"""

TEMPLATES = {
    "month": START + r"""(?P<x>""" + WEEKDAY_PREFIX + r"""
        (?: <TOD><S> )?
        (?: يوم<S> )?
        (?: (?P<d>\d{1,2})<O>(?:من<S>)?
          | (?:ال)?(?P<dn>\d{1,2})<S>من<S>
          | (?P<ord><ORD>)<S>من<S>
          | (?P<first>أول)<S>
          | (?P<part><PART>)<S>(?:من<S>)? )?
        """ + MONTH_PART + r"""
        (?: <O>[,،]?<O>(?:من<S>)?(?:(?P<kw><YW>)<S>)?(?P<y>\d{4})(?!\d)(?:<O>(?P<era><ERA>)(?![^\W\d_]))?
          | <S>(?:من<S>)?(?:<YEARUNIT>)<S>(?P<rydir><DIR>)
          | <S>(?:من<S>)?<DEM><S>(?P<rythis><YEARUNIT>)
          | <S>(?P<dir><DIR>) )?
    )""" + END,
    # "10 / 4 / 1436هـ": spaces only around slashes; the handler checks both separators agree
    "numeric": START + r"""(?P<x>""" + WEEKDAY_PREFIX + r"""
        (?: يوم<S> )?
        (?: (?P<d>\d{1,2})(?P<s1><SEP>)(?P<m>\d{1,2})(?P<s1b><SEP>)(?P<y>\d{4})
          | (?P<y2>\d{4})(?P<s2><SEP>)(?P<m2>\d{1,2})(?P<s2b><SEP>)(?P<d2>\d{1,2}) )
        (?: <O>(?P<era><ERA>)(?![^\W\d_]) )?
    )(?![\w]|[/.\-]\d)""",
    "day_of_month": START + r"""(?P<x>
        (?: <TOD><S> )? (?: يوم<S> )?
        (?: (?:ال)?(?P<d>\d{1,2}) | (?P<ord><ORD>) ) <S>(?:من<S>)?
        (?: (?:ال)?شهر<S>(?P<dir><DIR>) | (?P<cur><DIR>) | هذا<S>الشهر )
    )""" + END,
    "year_word": START + r"""(?P<x>
        (?: (?P<part><PART>)<S>(?:من<S>)? )?
        (?P<kw><YW>)<S>(?P<y>\d{4})(?:<O>(?P<era><ERA>)(?![^\W\d_]))?
    )(?![\d]|[.,]\d)(?: <S>و<O>(?P<y2>\d{4})(?![\w]|[.,]\d) )?""",
    "year_era": r"""(?<![\w.,/\-])(?P<x>(?P<y>\d{4})<O>(?P<era><ERA>))(?![^\W\d_])""",
    "year_prep": START + r"""(?: (?P<prep><YPREP>)<S> )?
        (?P<x> (?: (?P<part><PART>)<S> )? (?P<y>(?:19|20)\d\d) )(?![\w%]|[.,/\-]\d)""",
    "year_bare": r"""(?<![\w.,/\-])(?P<x>(?P<y>(?:19|20)\d\d))(?![\w%]|[.,/\-]\d)(?!<O>%)""",
    "relative_day": START + r"""(?P<x>
        (?: (?P<tod><TOD>)<S> )?
        (?: (?P<yawm>يوم)<S> )?
        (?P<rd><RD>)
        (?: <S>(?P<wd><WD>) | <O>\(<O>(?P<wdp><WD>)<O>\) )?
    )""" + END,
    "period": START + r"""(?P<x>
        (?: (?P<part><PART>)<S> )?
        (?: (?P<unit><UNIT>)<S>(?: (?P<dir><DIR>) | (?P<before>قبل)<S>(?:<DIR>) )
          | <DEM><S>(?P<unit2><UNIT>) )
    )""" + END,
    "ago": START + r"""(?P<x>
        (?P<dir><AGOD>)<S>(?: (?P<n>\d{1,2}|<CNT>)<S> )?(?P<unit><AGOU>)(?: <S>(?:واحد|واحدة) )?
    )""" + END + r"""(?!<S>(?:\d|<GM>|<HM>|<WD>|<RD>))""",
    "weekday": START + r"""(?P<x>
        (?: (?P<tod><TOD>)<S> )?
        (?: يوم<S> )?
        (?P<wd><WD>)
        (?: (?:<S>|<O>[-–/]<O>|<S>(?:إلى|على)<S>)(?P<wd2><WD>) )?
        (?: <S>(?P<dir><DIR>) | <S>(?P<before>قبل)<S>(?:<DIR>) )?
    )""" + END,
}


# Literal Arabic in the templates is written normally and folded here like the text it runs on;
# only Arabic letters are folded, so regex syntax (\W, \S) is left alone.
_FOLD_ARABIC = {c: normalize_string(chr(c)) for c in range(0x0600, 0x0700) if normalize_string(chr(c)) != chr(c)}


def _fill(template: str, pieces: dict[str, str]) -> str:
    return re.sub(r"<([A-Z]+)>", lambda m: pieces[m.group(1)], template.translate(_FOLD_ARABIC))


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    t = tables()
    year_units = [w for w, unit in t.period_units.items() if unit == "year"]
    pieces = {
        "S": SPACE, "O": r"[^\S\n]*", "SEP": r"(?:[^\S\n]*/[^\S\n]*|[.\-])",
        # No glued prepositions on month names: "باب" is not ب + آب, "لرمضان" rarely a date.
        "GM": alternation(t.gregorian_months),
        "HM": alternation(t.hijri_months),
        "WD": alternation(t.weekdays, proclitics=True),
        "RD": alternation(t.relative_days, proclitics=True),
        "TOD": alternation(t.times_of_day, proclitics=True),
        "PART": alternation(t.period_parts, proclitics=True),
        "ORD": alternation(t.ordinals, proclitics=True),
        "YW": alternation(t.year_words, proclitics=True),
        "ERA": alternation(t.eras),
        "DIR": alternation(t.directions),
        "UNIT": alternation(t.period_units, proclitics=True),
        "YEARUNIT": alternation(year_units, proclitics=True),
        "DEM": alternation(t.demonstratives, proclitics=True),
        "AGOD": alternation(t.ago_directions),
        "AGOU": alternation(t.ago_units),
        "CNT": alternation(t.counts),
        "YPREP": alternation(t.year_prepositions),
    }
    compiled = {name: re.compile(_fill(tpl, pieces), re.VERBOSE) for name, tpl in TEMPLATES.items()}
    return Patterns(digits=re.compile(r"\d+"), words=re.compile(r"[^\W\d_]+"), **compiled)


# Words too common to stand for a multi-word trigger: "أول أمس" is triggered by أمس, "ذو القعدة" by القعدة.
_WEAK_WORDS = frozenset(normalize_string(w) for w in ("بعد", "هذا", "هذه", "أول", "من", "ذو", "ذي", "ذا"))
# One-letter proclitics a trigger word can carry (و/ف conjunctions, then ب/ل/ك prepositions).
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


@lru_cache(maxsize=1)
def anchor_rules() -> dict[str, tuple[str, ...]]:
    """Trigger word form (with any proclitics) -> the rules whose matches contain that word.

    Every match of a rule contains one of its trigger words, so a text is parsed only around them.
    A multi-word entry (كانون الثاني، أول أمس) is triggered by its first word that is not weak.
    """
    t = tables()
    rules: dict[str, set[str]] = {}

    def add(entries, *names):
        for entry in entries:
            words = entry.split()
            word = next((w for w in words if w not in _WEAK_WORDS), words[-1])
            forms = {p + word for p in _PROCLITICS}
            if word.startswith("ال"):  # للعام = ل + العام without its alef
                forms |= {p + "ل" + word[1:] for p in ("", "و", "ف")}
            for form in forms:
                rules.setdefault(form, set()).update(names)

    add(t.gregorian_months, "month")
    add(t.hijri_months, "month")
    add(t.weekdays, "weekday")
    add(t.relative_days, "relative_day")
    add(t.period_units, "period", "day_of_month")
    add(t.ago_units, "ago")
    return {form: tuple(sorted(names)) for form, names in rules.items()}
