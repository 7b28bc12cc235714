"""Counts on hand-written sentences: what a number counts, and the counts a sentence states without one."""
from __future__ import annotations

import pytest

from event_helpers import events, of_type


@pytest.mark.parametrize("text,etype,expected", [
    # a dual noun is two
    ("وأدت الاشتباكات في المدينة إلى مقتل شخصين.", "ASSAULT", {"dead": 2}),
    ("وأسفر الانفجار عن سقوط قتيلين وإصابة ثلاثة مدنيين.", "ASSAULT", {"dead": 2, "injured": 3}),
    # a singular person right after the count verb, or after the verb's subject, is one
    ("أعلن الجيش مقتل ضابط في هجوم على حاجز عسكري.", "ASSAULT", {"dead": 1}),
    ("واعتقلت الشرطة مشتبها به في حادث الطعن.", "COERCE", {"arrested": 1}),
    # a casualty noun after a negator is none
    ("وقصفت المدفعية موقعا للمسلحين دون وقوع إصابات.", "ASSAULT", {"injured": 0}),
    # a count joined by و to the object of an arrest shares the arrest
    ("واعتقلت الشرطة رئيس الحزب ومئات المحتجين في العاصمة.", "COERCE", {"arrested": [200, 999]}),
    # people counted far from the killing verb, past a place phrase with the article
    ("وقتل الجنود في هذه المواجهات نحو 40 مدنيا.", "ASSAULT", {"dead": 40}),
    # counted people with no count word are the marchers of the protest told after them
    ("وتدفق آلاف السوريين على الساحة الرئيسية ضمن مسيرة حاشدة.", "PROTEST", {"participants": [2000, 9999]}),
])
def test_counts(nlp, text, etype, expected):
    _, evs = events(nlp, text)
    counts = {k: list(v) if isinstance(v, tuple) else v for k, v in of_type(evs, etype).counts.items()}
    assert counts == expected


def test_a_subset_of_a_count_is_not_a_count_of_its_own(nlp):
    _, evs = events(nlp, "وقتل ثمانية أشخاص بينهم ثلاثة جنود في الهجوم.")
    assert of_type(evs, "ASSAULT").counts == {"dead": 8}


def test_a_definite_protest_noun_before_a_number_does_not_count_protesters(nlp):
    _, evs = events(nlp, "وقتل الجنود في هذه المظاهرات نحو 40 قرويا.")
    assert all("participants" not in e.counts for e in evs)


def test_a_number_wins_over_a_singular_noun(nlp):
    # the count is the number, not the one gunman who is the subject
    _, evs = events(nlp, "قتل مسلح خمسة أشخاص في هجوم على سوق.")
    assert of_type(evs, "ASSAULT").counts == {"dead": 5}


def test_a_plural_nisba_is_not_a_dual(nlp):
    # مدنيين is the plural of مدني: no number, no count
    _, evs = events(nlp, "وأدى القصف إلى مقتل مدنيين في القرية.")
    assert "dead" not in of_type(evs, "ASSAULT").counts
