"""Tokenisation and clitic segmentation: token boundaries, segments, forms and span invariants."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd.text.normalize import normalize_string
from rasd.text.tokenize import tokenize, ud_pieces

CASES = Path(__file__).with_name("tokenize_cases.tsv")


def _word_cases():
    for line in CASES.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, expected = line.split("\t")
            yield pytest.param(word, expected, id=word)


def _check_spans(text, tokens):
    for tok in tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.segments, tok
        assert tok.segments[0].start == tok.start and tok.segments[-1].end == tok.end
        for left, right in zip(tok.segments, tok.segments[1:]):
            assert left.end == right.start  # contiguous
        for seg in tok.segments:
            assert tok.start <= seg.start <= seg.end <= tok.end
            assert seg.kind in ("proclitic", "stem", "enclitic")
    for left, right in zip(tokens, tokens[1:]):
        assert left.end <= right.start


@pytest.mark.parametrize("word, expected", list(_word_cases()))
def test_clitic_segmentation(word, expected):
    (token,) = tokenize(word)
    assert "+".join(word[s.start:s.end] for s in token.segments) == expected


@pytest.mark.parametrize("word, forms, kinds", [
    ("للأمم", ["ل", "ال", "أمم"], ["proclitic", "proclitic", "stem"]),
    ("بالشرطة", ["ب", "ال", "شرطة"], ["proclitic", "proclitic", "stem"]),
    ("سيارتها", ["سيارة", "ها"], ["stem", "enclitic"]),
    ("عليهم", ["على", "هم"], ["stem", "enclitic"]),
    ("فسيقول", ["ف", "س", "يقول"], ["proclitic", "proclitic", "stem"]),
    ("بها", ["ب", "ها"], ["proclitic", "enclitic"]),
])
def test_segment_forms_and_kinds(word, forms, kinds):
    (token,) = tokenize(word)
    assert [s.form for s in token.segments] == forms
    assert [s.kind for s in token.segments] == kinds


def test_stem_property_skips_clitics():
    (token,) = tokenize("وبموسكو")
    assert token.stem.form == "موسكو"


def test_ud_pieces_merge_article_into_stem():
    (token,) = tokenize("للأمم")
    assert ud_pieces(token.segments) == [(0, 1), (1, 5)]
    (token,) = tokenize("والحكومة")
    assert ud_pieces(token.segments) == [(0, 1), (1, 8)]


@pytest.mark.parametrize("text, expected", [
    ("قتل 1,678 شخصا", ["قتل", "1,678", "شخصا"]),
    ("ارتفع بنسبة 2.5 في المئة", ["ارتفع", "بنسبة", "2.5", "في", "المئة"]),
    ("في عام ٢٠٢٢ م", ["في", "عام", "٢٠٢٢", "م"]),
    ("بتاريخ 2/1/2022.", ["بتاريخ", "2/1/2022", "."]),
    ("وسم #الشرطة_النمساوية اليوم", ["وسم", "#الشرطة_النمساوية", "اليوم"]),
    ("راجع https://example.com/news?id=5.", ["راجع", "https://example.com/news?id=5", "."]),
    ("راسلونا على info@example.org، شكرا", ["راسلونا", "على", "info@example.org", "،", "شكرا"]),
    ("قال (رويترز): «لا»؟!", ["قال", "(", "رويترز", ")", ":", "«", "لا", "»", "؟", "!"]),
    ("نقلت BBC وCNN الخبر", ["نقلت", "BBC", "و", "CNN", "الخبر"]),
    ("الساعة 10:30 صباحا", ["الساعة", "10:30", "صباحا"]),
])
def test_token_boundaries(text, expected):
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == expected
    _check_spans(text, tokens)


def test_non_arabic_tokens_have_one_stem_segment():
    text = "نقلت BBC الرقم 1,678 عبر #وسم_عاجل"
    for token in tokenize(text):
        surface = text[token.start:token.end]
        if not any("\u0621" <= ch <= "\u064a" for ch in surface) or surface.startswith("#"):
            assert len(token.segments) == 1
            assert token.segments[0].kind == "stem"
            assert token.segments[0].form == surface


def test_norm_is_normalised_text():
    text = "أعلنت الشرطةُ إلغاء الاحتفال"
    for token in tokenize(text):
        assert token.norm == normalize_string(text[token.start:token.end])


def test_spans_with_diacritics_and_tatweel_are_exact():
    text = "وَبِالشُّرطَةِ قالـت وزارتُها: لِلأُمَمِ المتحدة."
    tokens = tokenize(text)
    _check_spans(text, tokens)
    first = tokens[0]
    assert text[first.start:first.end] == "وَبِالشُّرطَةِ"
    # the proclitics keep their vowel marks on the surface but not in the form
    assert [s.form for s in first.segments] == ["و", "ب", "ال", "شرطة"]
    assert "".join(text[s.start:s.end] for s in first.segments) == "وَبِالشُّرطَةِ"


def test_span_invariant_on_a_news_paragraph():
    text = ("أعلنت وزارة الداخلية السعودية، الأحد 12 يونيو 2022، أن قوات الأمن ألقت القبض على 3 أشخاص "
            "بتهمة تهريب المخدرات عبر الحدود، وأوضحت في بيانها أنها ستواصل جهودها لحماية المواطنين "
            "والمقيمين. وقال المتحدث باسمها للصحفيين إن التحقيقات مستمرة (انظر: www.moi.gov.sa).")
    tokens = tokenize(text)
    _check_spans(text, tokens)
    covered = "".join(text[t.start:t.end] for t in tokens)
    assert covered == "".join(text.split())  # every non-space character is in exactly one token
    surfaces = [text[t.start:t.end] for t in tokens]
    assert "www.moi.gov.sa" in surfaces


def test_empty_and_whitespace_text():
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


def test_model_data_file_is_small_and_sourced():
    from importlib import resources
    import json
    path = resources.files("rasd.text").joinpath("data/clitics.json")
    data = json.loads(path.read_text("utf-8"))
    assert "source" in data and "PADT" in data["source"]
    assert len(path.read_bytes()) < 5_000_000


@pytest.mark.parametrize("presentation, plain", [("ﺠﻤﺎﻋﺔ", "جماعة"), ("ﺍﻟﺤﻜﻮﻣﺔ", "الحكومة")])
def test_presentation_forms_segment_like_plain_letters(presentation, plain):
    # PDF-pasted text writes ة as ﺔ: it must not be read as the pronoun ه.
    seen, expected = tokenize(presentation)[0], tokenize(plain)[0]
    assert [(s.kind, s.start, s.end) for s in seen.segments] == [(s.kind, s.start, s.end) for s in expected.segments]
