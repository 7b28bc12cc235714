"""Mentions that look like triggers but report no new event: word senses the lexicon must tell apart, and
mentions that point back to an event already told. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from rasd.events import detect_events

COMPONENTS = ["sentences", "boilerplate", "tokens", "numbers", "dates"]


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(COMPONENTS)


def events(nlp, text, published="2016-03-10"):
    doc = nlp.analyze(text, published, id="t")
    return doc, detect_events(doc, models={})


def triggers(doc, evs, etype):
    return [doc.text[e.start:e.end] for e in evs if e.type == etype]


@pytest.mark.parametrize("etype,text", [
    # a governor and a ruling party, not a trial
    ("ACCUSE", "وقال حاكم ولاية فلوريدا إن الإعصار فقد قوته."),
    ("ACCUSE", "وفاز الحزب الحاكم بأغلبية مقاعد البرلمان."),
    # bearing responsibility is not blaming anyone
    ("ACCUSE", "وأكد الوزير أن الحكومة تحمل المسؤولية عن إدارة الأزمة."),
    # lifting a ban ends a sanction
    ("SANCTION", "وقررت الحكومة رفع الحظر على استيراد السيارات المستعملة."),
    # a source asking for anonymity requests nothing of anyone
    ("REQUEST", "وقال مصدر أمني طالبا عدم الكشف عن هويته إن الاجتماع انتهى."),
    # a batch (دفعة) of trainers is no deployment (دفع قوات)
    ("MOBILIZE", "وغادرت الدفعة الأولى من المدربين العسكريين القاعدة أمس."),
    # the name of an agreement: the event is the agreement (or its breach), not a ceasefire
    ("RETREAT", "وخرق الطرفان اتفاق وقف إطلاق النار مرارا."),
    ("RETREAT", "وقالت الحركة إنها ما زالت ملتزمة باتفاق التهدئة."),
    # detainees are people: their families gathering is no arrest
    ("COERCE", "وتجمعت أسر المعتقلين أمام المحكمة."),
    # a pledge to prosecute is a threat, not an agreement
    ("AGREE", "وتعهدت الوزارة بـ\"ملاحقة\" المخالفين."),
])
def test_look_alike_mentions_are_not_events(nlp, etype, text):
    doc, evs = events(nlp, text)
    assert etype not in {e.type for e in evs}, triggers(doc, evs, etype)


@pytest.mark.parametrize("etype,text,trigger", [
    ("THREATEN", "وتعهدت الوزارة بـ\"ملاحقة\" المخالفين.", "تعهدت"),
    ("AGREE", "وتعهدت الحكومة بتقديم الدعم للمزارعين.", "تعهدت"),
    ("ACCUSE", "وحاكمت المحكمة العسكرية عشرة ضباط.", "حاكمت"),
    ("ACCUSE", "وحملت الوزارة الشركة المسؤولية عن الحادث.", "حملت"),
    ("SANCTION", "وفرضت الحكومة حظرا على استيراد السيارات.", "حظرا على"),
    ("RETREAT", "وأعلن الجيش وقف إطلاق النار في المدينة.", "وقف إطلاق النار"),
    ("COERCE", "واعتقلت الشرطة خمسة أشخاص.", "اعتقلت"),
])
def test_the_event_senses_stay(nlp, etype, text, trigger):
    doc, evs = events(nlp, text)
    assert any(trigger in t for t in triggers(doc, evs, etype)), [(e.type, doc.text_of(e)) for e in evs]


def test_a_demonstrative_mention_joins_the_event_told_before(nlp):
    text = ("تظاهر مئات الطلاب أمام وزارة التعليم أمس. وقال مسؤول إن الوزارة ستدرس المطالب. "
            "وأعلنت الجامعة تعليق الدروس. وأصيب ثلاثة أشخاص في هذه المظاهرات.")
    doc, evs = events(nlp, text)
    protests = [e for e in evs if e.type == "PROTEST"]
    assert len(protests) == 1
    assert doc.text[protests[0].start:protests[0].end] == "تظاهر"
    assert "المظاهرات" in [doc.text[s.start:s.end] for s in protests[0].evidence]


def test_a_demonstrative_mention_with_nothing_before_it_is_no_event(nlp):
    doc, evs = events(nlp, "وقال المتحدث إن مثل هذه الزيارات تعزز العلاقات بين البلدين.")
    assert "CONSULT" not in {e.type for e in evs}
    # without the demonstrative the visits are an event
    doc, evs = events(nlp, "وقال المتحدث إن الزيارات تعزز العلاقات بين البلدين.")
    assert "CONSULT" in {e.type for e in evs}


def test_a_pronoun_before_an_indefinite_event_is_no_demonstrative(nlp):
    # "عقب ذلك" is "after that": the march that follows is a new event
    doc, evs = events(nlp, "وقال النشطاء إن السكان نظموا عقب ذلك مسيرة احتجاجية باتجاه مقر البلدية.")
    assert "PROTEST" in {e.type for e in evs}


@pytest.fixture(scope="module")
def full():
    return Pipeline()  # with the actor layer: who is named between the protest and the demand


@pytest.mark.parametrize("text,requests", [
    # the marchers' demand is the protest's claim
    ("وخرج آلاف المحتجين في مسيرة وسط العاصمة، مطالبين بإقالة الحكومة.", 0),
    ("وتظاهر مئات العمال أمام المصنع أمس إذ يطالبون بزيادة الأجور.", 0),
    # a party named after the protest makes its own demand
    ("وتظاهر مئات العمال أمام المصنع، فيما طالبت النقابة بفتح حوار مع الإدارة.", 1),
])
def test_a_demand_made_by_the_protesters_is_part_of_the_protest(full, text, requests):
    doc, evs = events(full, text)
    assert "PROTEST" in {e.type for e in evs}
    assert len(triggers(doc, evs, "REQUEST")) == requests
