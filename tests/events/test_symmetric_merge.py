"""A meeting or call told twice with its two parties swapped is one record; the dated telling leads.
Hand-written sentences only."""
from __future__ import annotations

from event_helpers import events

from rasd.events.merge import merge_mentions
from rasd.model.spans import Event, Party, Span, When


def _consult(start, actor, recipient, date=None, sentence=(0, 10)):
    when = When(date, "day", sentence[0] + 1, sentence[0] + 3) if date else None
    return Event(start=start, end=start + 3, id="", type="CONSULT", sentence=Span(*sentence),
                 actor=Party(start, start + 1, actor), recipient=Party(start + 1, start + 2, recipient), date=when)


def test_swapped_parties_of_a_call_far_apart_are_one_record_led_by_the_dated_telling():
    lead = _consult(2, "USA", "TUR", sentence=(0, 10))
    other = _consult(50, "GBR", "GBR", sentence=(20, 40))
    dated = _consult(70, "TUR", "USA", date="2018-04-11", sentence=(60, 90))
    out = merge_mentions([lead, other, dated], [0, 1, 3], ["تباحث", "اجتماع", "بحث"])
    calls = [e for e in out if e.actor.country in ("USA", "TUR")]
    assert len(calls) == 1
    assert calls[0].start == 70 and calls[0].actor.country == "TUR"
    assert Span(2, 5) in calls[0].evidence


def test_different_pairs_stay_apart():
    a = _consult(2, "USA", "TUR", sentence=(0, 10))
    b = _consult(70, "TUR", "RUS", sentence=(60, 90))
    assert len(merge_mentions([a, b], [0, 3], ["بحث", "بحث_x"])) == 2


def test_phone_call_reported_again_from_the_other_side_merges_in_an_article(nlp):
    text = ("بحث الرئيس الأمريكي دونالد ترامب هاتفيا مع نظيره التركي رجب طيب أردوغان الأزمة في سوريا. "
            "وقالت الحكومة البريطانية إن الوضع في سوريا خطير. "
            "وأعلنت الخارجية الفرنسية أنها ستعقد اجتماعا الجمعة. "
            "وتباحث أردوغان الأربعاء خلال اتصال هاتفي مع ترامب حول التطورات الأخيرة.")
    _, evs = events(nlp, text, published="2018-04-12")
    calls = [e for e in evs if e.type == "CONSULT" and e.actor is not None
             and {e.actor.country, e.recipient.country if e.recipient else None} == {"USA", "TUR"}]
    assert len(calls) == 1
