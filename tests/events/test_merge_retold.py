"""A later telling of an act already reported joins its record however far back: told as known ("وجاء اعتقال
المشتبه به") or naming the same one acted on ("صحفي سوري" after "صحفيا سوريا"). An arrest told as new, of
other people, stays apart. Texts are written for these tests."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from rasd.events.merge import merge_mentions
from rasd.model.spans import Event, Party, Span, When

MIDDLE = " وقال وزير الداخلية إن التحقيق مستمر. وأضاف الوزير أن الحكومة ستنشر تقريرا عن الأوضاع الأمنية. "
FIRST = "اعتقلت الشرطة رجلا في وسط العاصمة مساء الاثنين."


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def arrests(nlp, text):
    return [e for e in nlp.analyze(text, "2016-03-09", id="t").events if e.type == "COERCE"]


@pytest.mark.parametrize("later,records", [
    ("وجاء اعتقال المشتبه به بعد مطاردة قصيرة.", 1),      # the suspect the reader knows
    ("وأعلنت الشرطة اعتقال ثلاثة طلاب خلال النهار.", 2),  # other people, told as new
])
def test_a_known_suspect_is_the_same_arrest(nlp, later, records):
    found = arrests(nlp, FIRST + MIDDLE + later)
    assert len(found) == records
    assert found[0].date.iso == "2016-03-07"


def test_the_same_people_named_again_is_the_same_arrest(nlp):
    text = "اعتقلت الشرطة صحفيا سوريا في وسط العاصمة مساء الاثنين." + MIDDLE + "وتمكنت الشرطة من اعتقال صحفي سوري."
    found = arrests(nlp, text)
    assert len(found) == 1
    assert len(found[0].evidence) == 1


def _arrest(start, sentence, mode="arrest", date=None):
    return Event(start, start + 5, id="m", type="COERCE", mode=mode, sentence=Span(sentence, sentence + 40),
                 recipient=Party(start + 6, start + 12), date=date)


def test_a_day_of_its_own_or_another_manner_is_another_act():
    first = _arrest(0, 0, date=When("2016-03-07", "day", 20, 27))
    later = _arrest(210, 200, date=When("2016-03-01", "day", 220, 227))
    keys = ["اعتقل", "اعتقال"]
    assert len(merge_mentions([first, _arrest(210, 200)], [0, 4], keys, "d", known_recipient=[False, True])) == 1
    assert len(merge_mentions([first, later], [0, 4], keys, "d", known_recipient=[False, True])) == 2
    deported = _arrest(210, 200, mode="deport")
    assert len(merge_mentions([first, deported], [0, 4], keys, "d", known_recipient=[False, True])) == 2
    assert len(merge_mentions([first, _arrest(210, 200)], [0, 4], keys, "d",
                              recipient_words=[frozenset({"سوري"}), frozenset({"سوري"})])) == 1
