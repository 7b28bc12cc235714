import pytest
from hypothesis import given, settings, strategies as st

from rasd.text.normalize import normalize, normalize_string

FOLDS = [
    ("أحمد", "احمد"), ("إيران", "ايران"), ("آلاف", "الاف"), ("ٱلله", "الله"),
    ("مسؤول", "مسءول"), ("مسئول", "مسءول"), ("الشرطة", "الشرطه"), ("مستشفى", "مستشفي"),
    ("الـــشرطة", "الشرطه"), ("هُجُومٌ", "هجوم"), ("٢٠٢٢", "2022"), ("۱۴۰۰", "1400"), ("٢٫٥", "2.5"),
    ("\u200fروسيا\u200e", "روسيا"), ("ﻻ", "لا"), ("ﷲ", "الله"), ("CSTO", "csto"), ("کردستان", "كردستان"),
]


@pytest.mark.parametrize("original, expected", FOLDS)
def test_folds(original, expected):
    assert normalize_string(original) == expected
    assert normalize(original).text == expected


def test_identity_alignment_when_nothing_is_deleted_or_expanded():
    n = normalize("أعلنت الشرطة")
    assert n.starts is None
    assert n.to_original(0, 5) == (0, 5)


def test_span_after_diacritics_maps_back_with_its_marks():
    text = "في هجومَيْ طعن"
    n = normalize(text)
    i = n.text.index("هجومي")
    start, end = n.to_original(i, i + len("هجومي"))
    assert text[start:end] == "هجومَيْ"


def test_span_across_tatweel_and_presentation_form():
    text = "قال الـشرطة ﻻ"
    n = normalize(text)
    i = n.text.index("الشرطه")
    assert text[slice(*n.to_original(i, i + 6))] == "الـشرطة"
    j = n.text.index("لا")
    assert text[slice(*n.to_original(j, j + 2))] == "ﻻ"


def test_bidi_marks_are_not_glued_to_the_previous_word():
    text = "روسيا\u200f قالت"
    n = normalize(text)
    assert text[slice(*n.to_original(0, 5))] == "روسيا"


def test_to_normalized_inverts_to_original_on_kept_characters():
    text = "هُجُومٌ على ٢٠٢٢"
    n = normalize(text)
    for i in range(len(n.text)):
        start, _ = n.to_original(i, i + 1)
        assert n.to_normalized(start) == i


ARABICISH = st.text(alphabet=st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئةى ٠١٢٣٤٥٦٧٨٩0123456789.,،؛؟!#\n")
    + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200e", "ﻻ", "ﷲ", "A", "Z"]),
    max_size=80)


@given(ARABICISH)
@settings(max_examples=300, deadline=None)
def test_alignment_round_trips(text):
    n = normalize(text)
    assert n.text == normalize_string(text)
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 6) + 1):
            start, end = n.to_original(i, j)
            assert 0 <= start <= end <= len(text)
            back = normalize_string(text[start:end])
            # exact, unless the piece cuts through a ligature that expanded (ﻻ -> لا): then it contains it
            assert back == n.text[i:j] or (n.text[i:j] in back and len(back) > j - i)
