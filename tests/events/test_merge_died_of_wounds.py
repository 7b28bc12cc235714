"""A death of wounds ("توفي ... متأثرا بجراحه") told on a later day follows up the attack that caused it: it
opens no record of its own and its day is not the attack's. Texts are written for these tests."""
from __future__ import annotations

from rasd.events.merge import merge_mentions
from rasd.model.spans import Event, When

from event_helpers import joined

SENTENCES = ["توفي مزارع الأحد متأثرا بجراحه.", "وقال مسؤول إن فرق الإنقاذ تواصل عملها.",
             "وكان الجيش قد قصف مزرعة قرب الحدود الجمعة ما أسفر عن مقتل شخص.",
             "وفي مدينة أخرى أطلق مسلحون النار على حافلة."]
TEXT, BOUNDS = joined(SENTENCES)


def mention(n: int, word: str, day: str, iso: str, mode=None, counts=None) -> Event:
    start, when = TEXT.index(word, BOUNDS[n].start), TEXT.index(day, BOUNDS[n].start)
    return Event(start, start + len(word), id="m", type="ASSAULT", mode=mode, sentence=BOUNDS[n],
                 date=When(iso, "day", when, when + len(day)), counts=counts or {})


DIED = mention(0, "توفي", "الأحد", "2016-03-13")
SHELLED = mention(2, "قصف", "الجمعة", "2016-03-11", mode="heavy-weapons", counts={"dead": 1})
KEYS = ["توف", "قصف"]


def test_a_death_of_wounds_joins_the_attack_told_after_it():
    merged = merge_mentions([DIED, SHELLED], [0, 2], KEYS, "d", of_wounds=[True, False])
    assert len(merged) == 1
    assert TEXT[merged[0].start:merged[0].end] == "قصف"
    assert merged[0].date.iso == "2016-03-11"
    assert [TEXT[s.start:s.end] for s in merged[0].evidence] == ["توفي"]


def test_the_attack_that_killed_is_the_one_followed_up():
    shots = Event(TEXT.index("أطلق"), TEXT.index("أطلق") + 4, id="m", type="ASSAULT", mode="firearms",
                  sentence=BOUNDS[3])
    merged = merge_mentions([DIED, SHELLED, shots], [0, 2, 3], KEYS + ["اطلق"], "d", of_wounds=[True, False, False])
    assert [TEXT[r.start:r.end] for r in merged] == ["قصف", "أطلق"]


def test_a_death_with_no_attack_to_follow_keeps_its_record_and_day():
    merged = merge_mentions([DIED], [0], KEYS[:1], "d", of_wounds=[True])
    assert len(merged) == 1 and merged[0].date.iso == "2016-03-13"


def test_without_the_wounds_the_days_tell_two_events():
    assert len(merge_mentions([DIED, SHELLED], [0, 2], KEYS, "d")) == 2
