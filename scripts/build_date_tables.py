"""Build src/rasd/text/data/dates_cldr.json: Arabic month, weekday and relative-date words from CLDR.

CLDR (through babel, a build-time tool only) has the three Arabic month-name families: the
Egyptian/Gulf transliterations (ar, ar_EG, ar_SA: يناير), the Levantine/Iraqi Syriac names (ar_SY,
ar_LB, ar_IQ, ar_JO, ar_PS: كانون الثاني) and the Maghrebi French-derived ones (ar_TN, ar_DZ: جانفي;
ar_MA: يوليوز، غشت), plus weekday names and relative phrases (أمس، الأسبوع الماضي). Spelling variants that
CLDR lacks (ابريل، يونيه، تشرين أول...) and everything CLDR does not cover (Hijri months, ordinal day
words, exclusions) are hand-written in data/dates_lexicon.json; dates_tables.py merges the two.

Run: .venv/bin/python scripts/build_date_tables.py   (needs `pip install babel`)
"""
from __future__ import annotations

import json
import pathlib

import babel
from babel import Locale

OUT = pathlib.Path(__file__).resolve().parents[1] / "src/rasd/text/data/dates_cldr.json"

LOCALES = ["ar", "ar_EG", "ar_SA", "ar_AE", "ar_SY", "ar_LB", "ar_IQ", "ar_JO", "ar_PS",
           "ar_TN", "ar_DZ", "ar_MA", "ar_LY", "ar_MR"]
WEEKDAY_FIELDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # Python weekday() order


def month_names() -> list[dict]:
    seen: dict[str, dict] = {}
    for loc in LOCALES:
        locale = Locale.parse(loc)
        for context in ("format", "stand-alone"):
            for month, name in locale.months[context]["wide"].items():
                entry = seen.setdefault(name, {"name": name, "month": month, "locales": []})
                if entry["month"] != month:
                    raise SystemExit(f"{name!r} is month {entry['month']} and {month} in CLDR")
                if loc not in entry["locales"]:
                    entry["locales"].append(loc)
    return sorted(seen.values(), key=lambda e: (e["month"], e["name"]))


def weekday_names() -> list[dict]:
    seen: dict[str, dict] = {}
    for loc in LOCALES:
        locale = Locale.parse(loc)
        for context in ("format", "stand-alone"):
            for weekday, name in locale.days[context]["wide"].items():
                seen.setdefault(name, {"name": name, "weekday": weekday})
    return sorted(seen.values(), key=lambda e: e["weekday"])


def relative_words() -> dict:
    """Relative day words and the unit/direction words of "الأسبوع الماضي"-style phrases."""
    fields = Locale.parse("ar")._data["date_fields"]
    days = {phrase: offset for offset, phrase in fields["day"]["relative"].items()}
    units: dict[str, str] = {}
    directions: dict[str, int] = {}
    demonstratives: list[str] = []
    for unit in ("week", "month", "year"):
        for offset, phrase in fields[unit]["relative"].items():
            words = phrase.split()
            if len(words) != 2:
                continue
            if offset == 0 and words[0] in ("هذا", "هذه"):  # "هذا الأسبوع"
                units[words[1]] = unit
                if words[0] not in demonstratives:
                    demonstratives.append(words[0])
            else:  # "الأسبوع الماضي", "السنة القادمة"
                units[words[0]] = unit
                directions[words[1]] = offset
    for field in WEEKDAY_FIELDS:  # "الخميس الماضي", "الخميس القادم", "الخميس الحالي"
        for offset, phrase in fields[field]["relative"].items():
            words = phrase.split()
            if len(words) == 2:
                directions.setdefault(words[1], offset)
    return {"days": days, "period_units": units, "directions": directions,
            "demonstratives": demonstratives}


def main() -> None:
    data = {
        "source": f"CLDR via babel {babel.__version__} (scripts/build_date_tables.py); locales: "
                  + ", ".join(LOCALES),
        "gregorian_months": month_names(),
        "weekdays": weekday_names(),
        "relative": relative_words(),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['gregorian_months'])} month names, {len(data['weekdays'])} weekday names)")


if __name__ == "__main__":
    main()
