"""A call to a meeting is the meeting (CONSULT), not a REQUEST of its own; a party named with a possessive
pronoun ("حكومته", "جيشه") has its antecedent's country or none. Hand-written sentences only."""
from __future__ import annotations

from event_helpers import events, of_type, span


def test_call_to_a_meeting_is_one_consult_by_the_caller_with_the_invited(nlp):
    doc, evs = events(nlp, "أعلن مكتب الرئاسة أن رئيس الوزراء الكندي جاستن ترودو دعا حكومته إلى اجتماع طارئ "
                           "الاثنين لبحث الأزمة.")
    assert not [e for e in evs if e.type == "REQUEST"]
    e = of_type(evs, "CONSULT")
    assert span(doc, e.actor) == "جاستن ترودو"
    assert span(doc, e.recipient) == "حكومته" and e.recipient.country == "CAN"


def test_call_to_a_meeting_read_as_a_purpose_still_gives_the_meeting(nlp):
    doc, evs = events(nlp, "دعا رئيس الوزراء الكندي جاستن ترودو وزراءه لاجتماع عاجل الجمعة.")
    assert not [e for e in evs if e.type == "REQUEST"]
    e = of_type(evs, "CONSULT")
    assert doc.text[e.start:e.end] == "لاجتماع"
    assert e.actor is not None and e.actor.country == "CAN"
    assert any(doc.text[s.start:s.end] == "دعا" for s in e.evidence)


def test_invitation_to_a_capital_is_a_meeting(nlp):
    _, evs = events(nlp, "قرر الرئيس الفرنسي دعوة الوزراء إلى باريس لمناقشة الأزمة.")
    assert not [e for e in evs if e.type == "REQUEST"]
    assert of_type(evs, "CONSULT").actor.country == "FRA"


def test_call_for_anything_else_stays_a_request(nlp):
    doc, evs = events(nlp, "دعت الأمم المتحدة إلى وقف القتال في اليمن.")
    e = of_type(evs, "REQUEST")
    assert doc.text[e.start:e.end] == "دعت"   # the feminine perfect of دعا is a trigger too
    assert span(doc, e.actor) == "الأمم المتحدة"


def test_possessive_party_takes_its_antecedents_country(nlp):
    doc, evs = events(nlp, "أمر الرئيس الروسي فلاديمير بوتين جيشه بالانسحاب من سوريا.")
    e = of_type(evs, "RETREAT")
    assert span(doc, e.actor) == "جيشه" and e.actor.country == "RUS"


def test_possessive_party_without_antecedent_takes_no_country_from_a_place(nlp):
    doc, evs = events(nlp, "طالبت حكومتها بوقف القتال في سوريا.")
    e = of_type(evs, "REQUEST")
    assert span(doc, e.actor) == "حكومتها"
    assert e.actor.country is None
