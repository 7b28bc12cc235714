"""find_numbers: the case list (tests/cases/numbers.jsonl), value conventions and span invariants."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.model.spans import NumberMention
from rasd.text.numbers import find_numbers

CASES_PATH = Path(__file__).resolve().parents[1] / "cases" / "numbers.jsonl"


def schema_count(mention):
    """The SCHEMA.md count of a mention in JSON form (lists for ranges)."""
    count = mention.as_count()
    return list(count) if isinstance(count, tuple) else count


def _load_cases() -> list[dict]:
    return [json.loads(line) for line in CASES_PATH.read_text("utf-8").splitlines() if line.strip()]


CASES = _load_cases()


def _predicted(text: str) -> list[dict]:
    return [{"text": text[m.start:m.end], "count": schema_count(m)} for m in find_numbers(text)]


def _case_params() -> list:
    params = []
    for i, case in enumerate(CASES):
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=f"{i:03d}", marks=marks))
    return params


def test_case_file_is_large_and_well_formed():
    assert len(CASES) >= 80
    for case in CASES:
        assert set(case) <= {"text", "expect", "note", "xfail"}, case
        for expected in case["expect"]:
            assert expected["text"] in case["text"], expected
            count = expected["count"]
            assert isinstance(count, (int, float)) or (isinstance(count, list) and len(count) == 2), expected


@pytest.mark.parametrize("case", _case_params())
def test_case(case):
    assert _predicted(case["text"]) == case["expect"], case.get("note")


def _check_invariants(text: str, mentions: list[NumberMention]):
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert m.start >= previous_end, "mentions must be sorted and must not overlap"
        previous_end = m.end
        assert not text[m.start].isspace() and not text[m.end - 1].isspace(), (m, text[m.start:m.end])
        assert m.kind in ("exact", "approximate", "vague", "lower_bound", "upper_bound", "range"), m
        if m.kind in ("exact", "approximate"):
            assert m.value is not None and m.low == m.high == m.value, m
        else:
            assert m.value is None, m
            assert m.low is not None or m.high is not None, m
        if m.low is not None and m.high is not None:
            assert m.low <= m.high, m


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}" for i in range(len(CASES))])
def test_invariants_on_cases(case):
    _check_invariants(case["text"], find_numbers(case["text"]))


@pytest.mark.parametrize("text, kind, value, low, high", [
    ("قتل نحو 300 شخص", "approximate", 300, 300, 300),
    ("قتل أكثر من 2000 شخص", "lower_bound", None, 2001, None),
    ("قتل أكثر من 2.5 مليون", "lower_bound", None, 2500001, None),
    ("نسبة أكثر من 2.5%", "lower_bound", None, 2.5, None),
    ("أقل من 10 أشخاص", "upper_bound", None, None, 9),
    ("ما لا يقل عن عشرة", "lower_bound", None, 10, None),
    ("قتل العشرات", "vague", None, 20, 99),
    ("أكثر من عشرات", "lower_bound", None, 20, None),
    ("بين 20 و30 قتيلا", "range", None, 20, 30),
    ("قتل 1678 شخصا", "exact", 1678, 1678, 1678),
])
def test_kind_and_bounds(text, kind, value, low, high):
    [m] = find_numbers(text)
    assert (m.kind, m.value, m.low, m.high) == (kind, value, low, high)


def test_values_are_ints_when_integral_and_floats_otherwise():
    exact, decimal = find_numbers("وصل 2.5 مليون لاجئ ونسبة 2.5 في المئة")
    assert type(exact.value) is int and exact.value == 2_500_000
    assert type(decimal.value) is float and decimal.value == 2.5


def test_offsets_survive_tatweel_diacritics_and_bidi_marks():
    text = "قُتِلَ \u200fثـلاثـة\u200f وعشرونَ شخصاً وتم رصد بـ1,596 مليون ريال"
    mentions = find_numbers(text)
    assert [text[m.start:m.end] for m in mentions] == ["ثـلاثـة\u200f وعشرونَ", "1,596 مليون"]
    assert [m.value for m in mentions] == [23, 1_596_000_000]


def test_a_shared_normalisation_gives_the_same_mentions():
    from rasd.text.normalize import normalize
    text = "قُتل أكثر من ٢٠٠٠ شخص وأصيب عشرات الآلاف، بحسب ما لا يقل عن 3 مصادر"
    assert find_numbers(text, normalized=normalize(text)) == find_numbers(text)
    assert len(find_numbers(text)) == 3


def test_empty_and_numberless_texts():
    assert find_numbers("") == []
    assert find_numbers("أعلنت الحكومة عن خطة جديدة للإصلاح الاقتصادي.") == []


def test_ordinal_compound_does_not_leak_its_tens_word():
    text = "في اليوم الخامس والعشرين من الشهر قتل 3"
    at = text.index("3")
    assert find_numbers(text) == [NumberMention(at, at + 1, 3, 3, 3, "exact")]


def test_every_lexicon_number_word_is_found_alone():
    from rasd.text.normalize import normalize_string
    from rasd.text.numbers_grammar import load_data
    data = load_data("number_words.json")
    for section in ("units", "tens", "hundreds", "scales_singular"):
        for form, value in data[section].items():
            [m] = find_numbers(f"وصل {form} شخص")
            assert m.value == value, form
            assert normalize_string(f"وصل {form} شخص"[m.start:m.end]) == normalize_string(form)


@pytest.mark.shared
def test_invariants_on_real_news(news_sample):
    """Spans are well-formed on 200 real articles, and digit strings are almost always found."""
    found = 0
    for article in news_sample[:200]:
        text = article["content"]
        mentions = find_numbers(text)
        _check_invariants(text, mentions)
        found += len(mentions)
    assert found > 200
