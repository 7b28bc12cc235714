"""An event whose text says its doer is unknown has no known actor: it borrows no earlier subject, and
unknown gunmen are not merged with a named country's forces. Hand-written sentences only."""
from __future__ import annotations

import pytest

from event_helpers import events, of_type, span


@pytest.mark.parametrize("text", [
    "اعتقلت الشرطة المصرية ثلاثة أشخاص في القاهرة. ولم تعلن أي جهة مسؤوليتها عن إطلاق النار على الحافلة.",
    "قصف الجيش التركي مواقع في الشمال. ولم تتبن أية جهة إطلاق النار على الدورية.",
])
def test_an_unknown_doer_borrows_no_previous_subject(nlp, text):
    _, evs = events(nlp, text)
    shooting = [e for e in evs if e.type == "ASSAULT" and "إطلاق" in text[e.start:e.end]]
    assert shooting and all(e.actor is None for e in shooting)


def test_without_an_unknown_doer_the_previous_subject_still_acts(nlp):
    # the contrast: the same shape with no word of an unknown doer keeps borrowing
    _, evs = events(nlp, "اعتقلت الشرطة المصرية ثلاثة أشخاص في القاهرة. وأطلقت النار على الحافلة.")
    shooting = next(e for e in evs if e.type == "ASSAULT")
    assert shooting.actor is not None and shooting.actor.country == "EGY" and shooting.actor.sector == "COP"


def test_unknown_gunmen_are_not_merged_with_a_named_army(nlp):
    doc, evs = events(nlp, "هاجم الجيش الإسرائيلي مواقع في غزة. وأطلق مجهولون النار على دورية للشرطة.")
    attacks = [e for e in evs if e.type == "ASSAULT"]
    assert len(attacks) == 2
    assert {span(doc, e.actor) for e in attacks} == {"الجيش الإسرائيلي", "مجهولون"}
    gunmen = next(e for e in attacks if span(doc, e.actor) == "مجهولون")
    assert gunmen.actor.sector == "UAF" and gunmen.actor.country is None
