"""What a request asks for is not an event of its own: the REQUEST is. Attacks and protests named in a
request stay (a call to stop shelling says it goes on). Hand-written sentences only."""
from __future__ import annotations

from event_helpers import events, of_type, span


def test_action_asked_of_an_addressee_is_no_event(nlp):
    doc, evs = events(nlp, "طلب وزير الخارجية الفرنسي من نظيره الألماني بحث إمكانية إرسال مساعدات إلى اليمن.")
    assert not [e for e in evs if e.type == "CONSULT"]
    assert span(doc, of_type(evs, "REQUEST").recipient) == "نظيره الألماني"


def test_demanded_release_is_no_release(nlp):
    _, evs = events(nlp, "وطالبت منظمات حقوقية بالإفراج عن المعتقلين.")
    assert not [e for e in evs if e.type == "RETREAT"]
    of_type(evs, "REQUEST")


def test_approval_asked_for_after_the_addressee_and_a_time_is_no_agreement(nlp):
    _, evs = events(nlp, "تطلب الحكومة من البرلمان غدا الموافقة على الاتفاقية.")
    assert not [e for e in evs if e.type == "AGREE"]


def test_attack_a_request_asks_to_stop_stays(nlp):
    _, evs = events(nlp, "طالبت الأمم المتحدة بوقف القصف على المدنيين في حلب.")
    of_type(evs, "ASSAULT")
