"""Attack doers named away from the subject slot (owners.py, attribution.speakers_own, roles' noun
subjects), on hand-written sentences."""
from __future__ import annotations

import pytest

from event_helpers import events, of_type, span

# sentence, the actor's country, and its span when the case is about which phrase acts
DOER_CASES = [
    # the owner of the weapon (تابعة لـ) acts; the owner of the target does not
    ("وأطلقت طائرة بدون طيار تابعة للجيش الفرنسي صاروخين على سيارة قرب الحدود.", "FRA", None),
    ("وقصفت المدفعية التركية مواقع تابعة للجيش السوري قرب الحدود.", "TUR", None),
    # attributed to or claimed by a group
    ("وتعرض مركز للشرطة مساء الاثنين لهجوم بسيارة مفخخة، نسب إلى نمور التاميل.", "LKA", "نمور التاميل"),
    ("وقتل أربعة أشخاص في تفجير استهدف سوقا شعبية، وأعلنت حركة الشباب مسؤوليتها عنه.", "SOM", None),
    # a force led by a country takes its country
    ("وقال التحالف الدولي بقيادة فرنسا إنه شن غارات جوية على مواقع للمسلحين.", "FRA", "التحالف الدولي"),
    # a possessed subject in a reported clause is the speaker's, however far the speech verb
    ("قال الجيش الروسي في بيان وزعه على الصحفيين في موسكو مساء أمس ان طائراته قصفت مخازن للأسلحة.", "RUS",
     "الجيش الروسي"),
    # كان X ... قد + support verb
    ("وكانت «سرايا القدس»، الجناح المسلح لحركة الجهاد الإسلامي، قد أطلقت عشرات القذائف على المستوطنات.", "PSE",
     None),
    # a manner masdar (بالضرب) leaves the verb its subject
    ("وذكر التجار ان عناصر حركة الشباب تتعدى على المواطنين بالضرب.", "SOM", None),
    # a clause naming the weapon's owner
    ("وهي المرة الثالثة التي تقوم فيها طائرات بدون طيار، لا تملكها الا القوات البريطانية في المنطقة، "
     "باطلاق صواريخ على القرى.", "GBR", None),
]


@pytest.mark.parametrize("text,country,doer", DOER_CASES)
def test_attack_doer_named_away_from_the_subject_slot(nlp, text, country, doer):
    doc, evs = events(nlp, text)
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == country, e.actor
    if doer is not None:
        assert span(doc, e.actor) == doer


def test_the_weapons_owner_is_not_also_the_recipient(nlp):
    _, evs = events(nlp, "وأطلقت طائرة بدون طيار تابعة للجيش الفرنسي صاروخين على سيارة قرب الحدود.")
    e = of_type(evs, "ASSAULT")
    assert e.recipient is None or e.recipient.country != "FRA"


@pytest.mark.parametrize("text,country", [
    # a denied claim, and a negated owning clause, name no doer
    ("وقتل أربعة أشخاص في تفجير استهدف سوقا شعبية، ولم تتبن حركة الشباب التفجير.", "SOM"),
    ("وأغارت طائرات بدون طيار، لا يملكها الجيش المالي، على قافلة.", "MLI"),
])
def test_a_negated_claim_or_ownership_names_no_doer(nlp, text, country):
    _, evs = events(nlp, text)
    e = of_type(evs, "ASSAULT")
    assert e.actor is None or e.actor.country != country
