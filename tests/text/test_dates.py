"""Tests for rasd.text.dates: the case list, span invariants, offsets, tables and real news text."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.model.spans import DateMention, NumberMention
from rasd.text.dates import find_dates
from rasd.text.dates_tables import tables

CASES_PATH = Path(__file__).resolve().parents[1] / "cases" / "dates.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text("utf-8").splitlines() if line.strip()]
FRIDAY = dt.date(2022, 1, 7)


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _params():
    params = []
    for i, case in enumerate(CASES):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=f"{i:03d}", marks=marks))
    return params


def assert_valid_spans(text: str, mentions: list[DateMention]) -> None:
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert m.start >= previous_end, "spans must be sorted and non-overlapping"
        previous_end = m.end
        assert text[m.start:m.end] == text[m.start:m.end].strip(), "no surrounding whitespace"
        assert m.precision in ("day", "week", "month", "year")
        assert m.calendar in ("gregorian", "hijri")
        if m.iso is not None:
            assert len(m.iso) == {"day": 10, "week": 10, "month": 7, "year": 4}[m.precision], m
            if m.precision == "week":
                assert dt.date.fromisoformat(m.iso).weekday() == 0, "a week is written as its Monday"


def test_case_list_is_large_and_well_formed():
    assert len(CASES) >= 80
    for case in CASES:
        assert set(case) <= {"text", "published", "expect", "note", "xfail", "bare_years"}, case
        for expected in case["expect"]:
            assert expected["text"] in case["text"], expected
            assert expected["precision"] in ("day", "week", "month", "year")
    assert any(not c["expect"] for c in CASES), "the list needs negatives (counts, names)"


@pytest.mark.parametrize("case", _params())
def test_case(case):
    text = case["text"]
    mentions = find_dates(text, _date(case["published"]), bare_years=bool(case.get("bare_years")))
    assert_valid_spans(text, mentions)
    got = [{"text": text[m.start:m.end], "iso": m.iso, "precision": m.precision} for m in mentions]
    expect = [{k: e[k] for k in ("text", "iso", "precision")} for e in case["expect"]]
    assert got == expect
    for m, e in zip(mentions, case["expect"]):
        if "calendar" in e:
            assert m.calendar == e["calendar"]


def test_relative_flag_and_missing_publication_date():
    text = "قال الوزير أمس إن اتفاق 12 يناير 2022 سيطبق الأسبوع المقبل"
    resolved = find_dates(text, FRIDAY)
    unresolved = find_dates(text, None)
    assert [(text[m.start:m.end], m.relative) for m in resolved] == [
        ("أمس", True), ("12 يناير 2022", False), ("الأسبوع المقبل", True)]
    assert [m.iso for m in unresolved] == [None, "2022-01-12", None]
    assert [(m.start, m.end) for m in unresolved] == [(m.start, m.end) for m in resolved]


def test_offsets_cover_original_text_with_diacritics_and_tatweel():
    text = "وصل الوفدُ أمسِ، وتبدأ المحادثاتُ غداً في 15 رمضـان 1443 هـ"
    mentions = find_dates(text, FRIDAY)
    assert [text[m.start:m.end] for m in mentions] == ["أمسِ", "غداً", "15 رمضـان 1443 هـ"]
    assert [m.iso for m in mentions] == ["2022-01-06", "2022-01-08", "2022-04-16"]
    assert mentions[2].calendar == "hijri"


def test_published_may_be_a_datetime():
    mentions = find_dates("وقع الهجوم أمس", dt.datetime(2022, 1, 7, 23, 30))
    assert [m.iso for m in mentions] == ["2022-01-06"]


def test_numbers_layer_marks_counts():
    text = "في 2000 ألف منزل"
    # the numbers layer reads "2000 ألف" as one quantity: the 2000 is not a year
    numbers = [NumberMention(3, 11, 2_000_000.0, 2_000_000.0, 2_000_000.0)]
    assert find_dates(text, FRIDAY, numbers=numbers) == []
    plain = "في 2016 خرج المحتجون"
    same_span = [NumberMention(3, 7, 2016.0, 2016.0, 2016.0)]
    assert [m.iso for m in find_dates(plain, FRIDAY, numbers=same_span)] == ["2016"]


def test_weekday_resolution_around_publication_day():
    thursday = dt.date(2022, 1, 6)
    assert find_dates("الخميس", thursday)[0].iso == "2022-01-06"
    assert find_dates("الخميس الماضي", thursday)[0].iso == "2021-12-30"
    assert find_dates("الخميس المقبل", thursday)[0].iso == "2022-01-13"
    assert find_dates("الجمعة", thursday)[0].iso == "2021-12-31"


def test_month_without_year_around_new_year():
    january = dt.date(2022, 1, 7)
    assert find_dates("في ديسمبر", january)[0].iso == "2021-12"
    assert find_dates("في يناير", january)[0].iso == "2022-01"
    assert find_dates("يناير الماضي", january)[0].iso == "2021-01"
    assert find_dates("يناير المقبل", january)[0].iso == "2023-01"
    assert find_dates("29 فبراير", dt.date(2022, 3, 1)) == []  # 2022 has no 29 February


def test_tables_cover_every_month_weekday_and_ordinal():
    t = tables()
    assert set(t.gregorian_months.values()) == set(range(1, 13))
    assert set(t.hijri_months.values()) == set(range(1, 13))
    assert set(t.weekdays.values()) == set(range(7))
    assert set(t.ordinals.values()) == set(range(1, 32))
    for name in ("يناير", "كانون الثاني", "جانفي", "ابريل", "اغسطس", "يونيه"):
        assert any(key == " ".join(name.split()) for key in t.gregorian_months), name


def test_committed_cldr_table_matches_build_script():
    pytest.importorskip("babel")
    import importlib.util
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_date_tables.py"
    spec = importlib.util.spec_from_file_location("build_date_tables", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = json.loads(module.OUT.read_text("utf-8"))
    assert committed["gregorian_months"] == module.month_names()
    assert committed["weekdays"] == module.weekday_names()
    assert committed["relative"] == json.loads(json.dumps(module.relative_words(), ensure_ascii=False))


WORDS = ["أمس", "اليوم", "الخميس", "يناير", "كانون الثاني", "2022", "12", "من", "الماضي", "المقبل", "عام",
         "في", "قبل", "يومين", "(", ")", "/", "،", "رمضان", "هـ", "م", "الأسبوع", "شهر", "الثاني", "1443",
         "ليلة", "صباح", "و", "قال", "2/1/2022", "شخصا", "2000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "", "\n"]),
       st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_spans_are_valid_on_any_mix_of_trigger_words(words, separator, published):
    text = separator.join(words)
    assert_valid_spans(text, find_dates(text, published))


@pytest.mark.shared
def test_real_news_spans_are_valid(news_sample):
    found = 0
    for article in news_sample[:200]:
        text = article["content"]
        mentions = find_dates(text, _date(article["date_extracted"][:10]))
        assert_valid_spans(text, mentions)
        found += len(mentions)
    assert found > 200  # news is full of أمس, اليوم and weekdays
