"""Victims are done-to: in an agentless clause the people hurt are the recipient (or nobody), never the
actor, which comes only from an agent phrase or an active subject. Hand-written sentences only."""
from __future__ import annotations

from event_helpers import events, of_type, span


def test_victims_of_the_previous_sentence_are_not_a_dropped_subject(nlp):
    doc, evs = events(nlp, "أسفر انفجار في السوق عن إصابة أربعة جنود. وطعن رجلا آخر قرب المحطة.")
    stab = next(e for e in evs if e.type == "ASSAULT" and "طعن" in doc.text[e.start:e.end])
    assert stab.actor is None


def test_masdar_after_a_preposition_takes_no_subject_from_the_speech_frame(nlp):
    doc, evs = events(nlp, "أصيب خمسة أشخاص في هجوم بسكين في وسط المدينة. "
                           "وقالت الشرطة إنها أوقفت المشتبه به بعد دقائق من طعن امرأة في السوق.")
    attack = of_type(evs, "ASSAULT")
    assert span(doc, attack.actor) != "الشرطة"
    assert attack.actor is None


def test_lone_party_after_a_killing_verb_is_its_victim(nlp):
    doc, evs = events(nlp, "قتل جندي أمريكي، مساء الأحد، قرب الحدود.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient) == "جندي أمريكي"
    # the victim's nationality adjective does not name a doer either
    assert e.actor is None


def test_killing_verb_with_an_object_keeps_its_subject(nlp):
    doc, evs = events(nlp, "وقتل الجيش في الاشتباكات نحو 40 مسلحا.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "الجيش"


def test_requests_genitive_is_the_one_who_asks(nlp):
    doc, evs = events(nlp, "رحبت الحكومة بدعوة الأمين العام للأمم المتحدة إلى وقف القتال.")
    e = of_type(evs, "REQUEST")
    assert span(doc, e.actor) == "الأمين العام للأمم المتحدة"
    assert e.recipient is None or span(doc, e.recipient) != span(doc, e.actor)


def test_arrest_after_a_time_word_is_done_by_the_state_not_the_protesters(nlp):
    doc, evs = events(nlp, "نزل المتظاهرون إلى شوارع بغداد بعد اعتقال زعيم حركة الاحتجاج مقتدى الصدر.")
    e = of_type(evs, "COERCE")
    assert span(doc, e.recipient) == "مقتدى الصدر"
    assert e.actor is not None and e.actor.start is None and e.actor.country == "IRQ"


def test_phrase_before_a_time_word_is_not_the_doer_of_the_masdar_after_it(nlp):
    _, evs = events(nlp, "تجمع سكان القرية في الساحة بعد الاعتقالات الأخيرة.")
    e = of_type(evs, "COERCE")
    assert e.actor is None


def test_gunmen_named_alone_after_a_kidnapping_verb_still_act(nlp):
    doc, evs = events(nlp, "وخطف مسلحون، قبل ثلاثة أيام، عددا من التجار في السوق.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "مسلحون"


def test_killing_verb_after_its_fronted_subject_is_active(nlp):
    doc, evs = events(nlp, "وقالت الشرطة إن «مسلحين مجهولين اغتالوا الضابط، مدير الأمن في المدينة».")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "مسلحين مجهولين"
