"""A name is no trigger: many Arabic names are common words (سلمان "handed over", طلب "asked", جولي /
الجولاني start like جولة "tour", طالبان is a dual of طالب "demander", مجلس التعاون holds "cooperation"),
and the NER or the knowledge base has already read them as names. Sentences are written for these tests;
they need the whole pipeline (NER and linking) and use the session's `nlp`."""
from __future__ import annotations

import pytest


def event_triggers(nlp, text):
    doc = nlp.analyze(text, "2016-03-10", id="t")
    return {(e.type, doc.text[e.start:e.end]) for e in doc.layer("events")}, doc


@pytest.mark.parametrize("text,name,etype", [
    ("وأثار قرار تكريم الكاتب سلمان رشدي غضبا واسعا في باكستان.", "سلمان رشدي", "CONCEDE"),
    ("وقال الشيخ طلب الجميلي إن أبناءه عادوا إلى منازلهم أمس.", "طلب الجميلي", "REQUEST"),
])
def test_trigger_word_inside_a_name_yields_no_event(nlp, text, name, etype):
    found, doc = event_triggers(nlp, text)
    assert any(doc.text[e.start:e.end] == name and e.label == "PER" for e in doc.layer("entities")), \
        "the NER must read the name for this case to test the rule"
    assert not any(t == etype for t, _ in found), found


def test_the_same_word_outside_a_name_still_triggers(nlp):
    found, _ = event_triggers(nlp, "وطلب وزير الخارجية من السفير مغادرة البلاد خلال 48 ساعة.")
    assert any(t == "REQUEST" for t, _ in found), found


@pytest.mark.parametrize("text,etype", [
    ("وقالت حركة طالبان إن مقاتليها سيطروا على الطريق السريع.", "REQUEST"),
    ("وعقد مجلس التعاون الخليجي قمته السنوية في الرياض.", "COOPERATE"),
])
def test_trigger_word_inside_a_known_organisation_yields_no_event(nlp, text, etype):
    found, _ = event_triggers(nlp, text)
    assert not any(t == etype for t, _ in found), found
