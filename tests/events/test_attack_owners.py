"""Attack doers named away from the subject slot (owners.py, attribution.speakers_own, roles' noun
subjects), on hand-written sentences."""
from __future__ import annotations

from event_helpers import events, of_type, span


def test_the_owner_of_the_drone_is_the_actor(nlp):
    doc, evs = events(nlp, "وأطلقت طائرة بدون طيار تابعة للجيش الفرنسي صاروخين على سيارة قرب الحدود.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "FRA"
    assert e.recipient is None or e.recipient.country != "FRA"


def test_the_owner_of_the_target_is_not_the_actor(nlp):
    doc, evs = events(nlp, "وقصفت المدفعية التركية مواقع تابعة للجيش السوري قرب الحدود.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "TUR"


def test_an_attack_attributed_to_a_group_is_its(nlp):
    doc, evs = events(nlp, "وتعرض مركز للشرطة مساء الاثنين لهجوم بسيارة مفخخة، نسب إلى نمور التاميل.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and (span(doc, e.actor), e.actor.country) == ("نمور التاميل", "LKA")


def test_a_group_claiming_the_attack_is_its_actor(nlp):
    doc, evs = events(nlp, "وقتل أربعة أشخاص في تفجير استهدف سوقا شعبية، وأعلنت حركة الشباب مسؤوليتها عنه.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "SOM"


def test_a_denied_claim_names_no_doer(nlp):
    doc, evs = events(nlp, "وقتل أربعة أشخاص في تفجير استهدف سوقا شعبية، ولم تتبن حركة الشباب التفجير.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is None or e.actor.country != "SOM"


def test_a_force_led_by_a_country_takes_its_country(nlp):
    doc, evs = events(nlp, "وقال التحالف الدولي بقيادة فرنسا إنه شن غارات جوية على مواقع للمسلحين.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and span(doc, e.actor) == "التحالف الدولي" and e.actor.country == "FRA"


def test_a_possessed_subject_far_from_the_speech_verb_is_the_speakers(nlp):
    doc, evs = events(nlp, "قال الجيش الروسي في بيان وزعه على الصحفيين في موسكو مساء أمس ان طائراته قصفت "
                           "مخازن للأسلحة.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and (span(doc, e.actor), e.actor.country) == ("الجيش الروسي", "RUS")


def test_kana_qad_subject_of_a_support_verb(nlp):
    doc, evs = events(nlp, "وكانت «سرايا القدس»، الجناح المسلح لحركة الجهاد الإسلامي، قد أطلقت عشرات "
                           "القذائف على المستوطنات.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "PSE"


def test_the_subject_of_a_verb_with_a_manner_masdar(nlp):
    doc, evs = events(nlp, "وذكر التجار ان عناصر حركة الشباب تتعدى على المواطنين بالضرب.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "SOM"


def test_a_clause_naming_the_weapons_owner(nlp):
    doc, evs = events(nlp, "وهي المرة الثالثة التي تقوم فيها طائرات بدون طيار، لا تملكها الا القوات البريطانية "
                           "في المنطقة، باطلاق صواريخ على القرى.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "GBR"


def test_a_negated_owning_clause_names_no_owner(nlp):
    doc, evs = events(nlp, "وأغارت طائرات بدون طيار، لا يملكها الجيش المالي، على قافلة.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is None or e.actor.country != "MLI"
