"""Which later mentions join an earlier record: a definite repetition ("أعمال العنف" after "أعمال عنف") is the
same event even when the day carried from another sentence differs; a day its own sentence states, or a
sentence that opens with "وفي وقت سابق", tells another event. Texts are written for these tests."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from rasd.events import detect_events
from rasd.events.merge import merge_mentions
from rasd.model.spans import Event, When

from event_helpers import joined

SENTENCES = ["اندلعت أعمال عنف في المدينة الاثنين.", "وقال مسؤول إن الوضع هادئ الثلاثاء.",
             "وأعلنت الحكومة خطة جديدة.", "وامتدت أعمال العنف إلى القرى."]
TEXT, BOUNDS = joined(SENTENCES)


def mention(n: int, word: str, date: When) -> Event:
    start = TEXT.index(word, BOUNDS[n].start)
    return Event(start, start + len(word), id="m", type="ASSAULT", sentence=BOUNDS[n], date=date)


def day(n: int, word: str, iso: str) -> When:
    start = TEXT.index(word, BOUNDS[n].start)
    return When(iso, "day", start, start + len(word))


FIRST = mention(0, "أعمال عنف", day(0, "الاثنين", "2016-03-07"))
# the later sentence names no day: it carries Tuesday from sentence 1
CARRIED = mention(3, "أعمال العنف", day(1, "الثلاثاء", "2016-03-08"))
KEYS = ["عنف", "عنف"]


def test_a_definite_repetition_ignores_a_carried_day():
    merged = merge_mentions([FIRST, CARRIED], [0, 3], KEYS, "d", definite=[False, True])
    assert len(merged) == 1
    assert merged[0].date.iso == "2016-03-07"
    assert [TEXT[s.start:s.end] for s in merged[0].evidence] == ["أعمال العنف"]


def test_without_the_article_a_carried_day_still_tells_events_apart():
    assert len(merge_mentions([FIRST, CARRIED], [0, 3], KEYS, "d", definite=[False, False])) == 2


def test_a_day_the_later_sentence_states_tells_another_event():
    own = mention(3, "أعمال العنف", When("2016-03-09", "day", BOUNDS[3].start + 2, BOUNDS[3].start + 6))
    assert len(merge_mentions([FIRST, own], [0, 3], KEYS, "d", definite=[False, True])) == 2


def test_a_sentence_announcing_another_event_opens_a_record():
    near = mention(1, "الوضع", None)  # any span in the next sentence: adjacency alone would merge it
    assert len(merge_mentions([FIRST, near], [0, 1], ["عنف", "وضع"], "d")) == 1
    assert len(merge_mentions([FIRST, near], [0, 1], ["عنف", "وضع"], "d", apart=[False, True])) == 2


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(["sentences", "boilerplate", "tokens", "numbers", "dates"])


@pytest.mark.parametrize("opening,records", [("وفي وقت سابق، ", 2), ("و", 1)])
def test_earlier_that_day_is_another_shelling(nlp, opening, records):
    text = f"قصف الجيش موقعا قرب الحدود السبت. {opening}قصف الجيش قرية مجاورة السبت."
    doc = nlp.analyze(text, "2016-03-12", id="t")
    shelling = [e for e in detect_events(doc, models={}) if e.type == "ASSAULT"]
    assert len(shelling) == records
