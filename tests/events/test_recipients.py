"""Recipients by type, counterparts, short names, hashtags and victim subjects, on hand-written sentences."""
from __future__ import annotations

import pytest

from event_helpers import events, of_type, span


def party(doc, p):
    return (span(doc, p), p.country, p.sector) if p is not None else None


def test_counterpart_after_bi_is_the_recipient(nlp):
    doc, evs = events(nlp, "التقى وزير الخارجية السعودي بنظيره البريطاني في لندن.")
    e = of_type(evs, "CONSULT")
    assert e.actor.country == "SAU"
    assert party(doc, e.recipient) == ("نظيره البريطاني", "GBR", "GOV")


def test_partner_after_ma_far_from_the_verb(nlp):
    doc, evs = events(nlp, "بحث الرئيس التركي خلال اتصال هاتفي مساء الأحد مع نظيره الروسي فلاديمير بوتين "
                           "الأزمة في سوريا.")
    e = of_type(evs, "CONSULT")
    assert e.actor.country == "TUR" and e.recipient is not None and e.recipient.country == "RUS"


def test_call_between_two_parties(nlp):
    doc, evs = events(nlp, "جرى اتصال هاتفي بين الرئيس الفرنسي ونظيره الأمريكي أمس.")
    e = of_type(evs, "CONSULT")
    assert party(doc, e.actor) == ("الرئيس الفرنسي", "FRA", "GOV")
    assert e.recipient.country == "USA"


@pytest.mark.parametrize("text", ["اتفقت الولايات المتحدة وتركيا على خارطة طريق بشأن منبج.",
                                  "وكانت الولايات المتحدة وتركيا قد اتفقتا على خارطة طريق بشأن منبج."])
def test_coordinated_subjects_of_an_agreement(nlp, text):
    doc, evs = events(nlp, text)
    e = of_type(evs, "AGREE")
    assert e.actor.country == "USA" and e.recipient is not None and e.recipient.country == "TUR"


def test_coordinated_subjects_of_a_condemnation_are_not_recipients(nlp):
    _, evs = events(nlp, "أدانت مصر والأردن الهجوم على الكنيسة.")
    e = of_type(evs, "ACCUSE")
    assert e.recipient is None or e.recipient.country not in ("EGY", "JOR")


def test_visited_country_is_recipient_and_place(nlp):
    doc, evs = events(nlp, "يبدأ الرئيس الفرنسي زيارة إلى الجزائر تستغرق يومين.")
    e = of_type(evs, "CONSULT")
    assert party(doc, e.recipient) == ("الجزائر", "DZA", "GOV")
    assert e.location.country == "DZA"


@pytest.mark.parametrize("text,etype,recipient", [
    ("استقبل الملك الأردني وزير الخارجية الأمريكي في عمان أمس.", "CONSULT", "USA"),
    ("دعا الأمين العام للأمم المتحدة الحكومة السورية إلى وقف القصف.", "REQUEST", "SYR"),
    ("أشاد الرئيس الأمريكي بالحكومة العراقية.", "SUPPORT", "IRQ"),
    ("أدان وزير الخارجية الفرنسي الهجوم على السفارة الأمريكية في بغداد.", "ACCUSE", "USA"),
])
def test_recipients_of_speech_acts_and_meetings(nlp, text, etype, recipient):
    _, evs = events(nlp, text)
    e = of_type(evs, etype)
    assert e.recipient is not None and e.recipient.country == recipient


def test_statement_as_subject_leaves_the_object_as_recipient(nlp):
    doc, evs = events(nlp, "وأدان البيان كذلك تهديدات الحوثيين للملاحة في البحر الأحمر.")
    e = of_type(evs, "ACCUSE")
    assert party(doc, e.recipient) == ("الحوثيين", "YEM", "REB")
    assert e.actor is None or span(doc, e.actor) != "الحوثيين"


def test_statement_described_by_resumptive_fihi(nlp):
    doc, evs = events(nlp, "أصدر مجلس الأمن الدولي اليوم بيانا أدان فيه قيام #الحوثيين بتعريض حياة المدنيين للخطر.")
    e = of_type(evs, "ACCUSE")
    assert e.actor.country == "IGO"
    assert party(doc, e.recipient) == ("الحوثيين", "YEM", "REB")


def test_short_name_takes_the_code_of_the_full_mention(nlp):
    text = ("أعلن سفير الولايات المتحدة في الأمم المتحدة، جون سميث، استقالته. "
            "وقال البيت الأبيض إن الرئيس سيلتقي سميث اليوم.")
    doc, evs = events(nlp, text)
    e = of_type(evs, "CONSULT")
    assert span(doc, e.actor) == "الرئيس"
    assert party(doc, e.recipient) == ("سميث", "USA", "GOV")


def test_hashtags_name_parties_and_places_but_not_slogans(nlp):
    from rasd.events.mentions import hashtag_party
    doc, evs = events(nlp, "أعلنت #الشرطة_النمساوية أنها اعتقلت مشتبها به في #فيينا. وهتفوا #الشعب_يريد.")
    e = of_type(evs, "COERCE")
    assert party(doc, e.actor) == ("الشرطة_النمساوية", "AUT", "COP")
    assert span(doc, e.location) == "فيينا" and e.location.country == "AUT"
    slogan = next(t for t in doc.tokens if doc.text[t.start:t.end] == "#الشعب_يريد")
    assert hashtag_party(doc, slogan) is None


@pytest.mark.parametrize("text,victim,country", [
    ("وقال مصدر إن ستة أشخاص قتلوا في هجوم انتحاري في بغداد.", "أشخاص", "IRQ"),
    ("وأوضح البيان أن أحد عناصر الشرطة العراقية قتل في الهجوم.", "عناصر الشرطة العراقية", "IRQ"),
    ("أصيب ثلاثة جنود أميركيين في انفجار في بغداد.", "ثلاثة جنود أميركيين", "USA"),
    ("قتل 13 عراقيا وأصيب 22 في انفجارين في بغداد أمس.", "13 عراقيا", "IRQ"),
])
def test_victims_are_recipients_not_actors(nlp, text, victim, country):
    doc, evs = events(nlp, text)
    e = of_type(evs, "ASSAULT")
    assert e.actor is None
    assert span(doc, e.recipient) == victim and e.recipient.country == country


def test_a_verb_with_an_object_keeps_its_fronted_subject_as_actor(nlp):
    doc, evs = events(nlp, "مسلحون اغتالوا العميد في البصرة.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "مسلحون" and span(doc, e.recipient).startswith("العميد")


def test_counted_doers_of_a_support_verb_act(nlp):
    doc, evs = events(nlp, "وقال سكان إن ثمانية جنود أميركيين نفذوا الغارة على القرية.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "USA"


def test_subject_between_kana_and_qad(nlp):
    doc, evs = events(nlp, "وكان رئيس الوزراء التركي قد حض الأربعاء روسيا والولايات المتحدة على وقف الخلاف.")
    e = of_type(evs, "REQUEST")
    assert e.actor.country == "TUR" and e.recipient is not None and e.recipient.country == "RUS"


def test_clause_initial_shelling_noun_takes_its_genitive_as_actor(nlp):
    doc, evs = events(nlp, "قصف الجيش الإسرائيلي، السبت، موقعا في غزة.")
    e = of_type(evs, "ASSAULT")
    assert party(doc, e.actor) == ("الجيش الإسرائيلي", "ISR", "MIL") and e.recipient is None


def test_killing_verb_followed_by_a_preposition_is_passive(nlp):
    doc, evs = events(nlp, "وقتل في اليوم ذاته جندي إسرائيلي متأثرا بجروحه.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is None and party(doc, e.recipient) == ("جندي إسرائيلي", "ISR", "MIL")


def test_coordinated_verbs_share_their_subject(nlp):
    doc, evs = events(nlp, "أصدر مجلس الأمن الدولي بيانا أدان فيه الهجوم على السفارة، بينما أشاد بجهود الحكومة العراقية.")
    e = of_type(evs, "SUPPORT")
    assert e.actor is not None and e.actor.country == "IGO"
    assert e.recipient is not None and e.recipient.country == "IRQ"


def test_a_reported_clause_does_not_share_the_subject(nlp):
    doc, evs = events(nlp, "وكان رئيس الوزراء التركي قد حض روسيا على وقف الخلاف، قائلا إن الخلافات تهدد المدنيين.")
    threats = [e for e in evs if e.type == "THREATEN"]
    assert all(e.actor is None or e.actor.country != "TUR" for e in threats)


@pytest.mark.parametrize("text,etype,country", [
    ("ووجه الرئيس الأمريكي تحذيرا إلى روسيا بسبب دعمها للنظام.", "THREATEN", "RUS"),
    ("فرضت الولايات المتحدة عقوبات على إيران أمس.", "SANCTION", "IRN"),
])
def test_country_addressed_right_after_the_trigger(nlp, text, etype, country):
    doc, evs = events(nlp, text)
    e = of_type(evs, etype)
    assert e.recipient is not None and e.recipient.country == country and e.location is None


def test_the_genitive_of_a_prepositional_phrase_is_no_subject(nlp):
    doc, evs = events(nlp, "وأشاد بجهود الحكومة العراقية في إعادة الإعمار.")
    e = of_type(evs, "SUPPORT")
    assert e.actor is None or e.actor.country != "IRQ"
    assert e.recipient is not None and e.recipient.country == "IRQ"


@pytest.mark.parametrize("text,victim,country", [
    ("وأفاد بيان بأن القوات الأمريكية تعرضت لهجوم في الرمادي مساء الخميس.", "القوات الأمريكية", "USA"),
    ("نجا وزير التعليم العراقي من محاولة اغتيال في بغداد.", "وزير التعليم العراقي", "IRQ"),
    ("واستهدف هجوم انتحاري بسيارة مفخخة أمس موكبا لسفارة الولايات المتحدة في كابل.",
     "سفارة الولايات المتحدة", "USA"),
])
def test_targets_and_sufferers_of_attacks(nlp, text, victim, country):
    doc, evs = events(nlp, text)
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient) == victim and e.recipient.country == country
    assert e.actor is None or e.actor.country != country


def test_one_mention_each_of_two_countries_names_no_article_country(nlp):
    from rasd.events.places import article_country
    doc = nlp.analyze("واستهدف هجوم انتحاري أمس موكبا لسفارة الولايات المتحدة في كابل.", "2016-03-10", id="t")
    assert article_country(doc) is None


def test_the_subject_of_a_relative_clause_is_its_antecedent(nlp):
    doc, evs = events(nlp, "وأثار اعتقال العقيد غضب السكان المحليين في مدينة بلد وين الذين خرجوا الى الشوارع "
                           "للاحتجاج على اعتقاله.")
    e = of_type(evs, "PROTEST")
    assert span(doc, e.actor) == "السكان"


def test_a_masdar_shares_no_subject_with_the_next_verb(nlp):
    from rasd.events.roles import looks_nominal
    doc = nlp.analyze("اعتقال تفجير مواجهة اعتقل يلتقي اغتالوا", "2016-03-10", id="t")
    words = [t for t in doc.tokens if t.stem.form.strip()]
    assert [looks_nominal(t) for t in words] == [True, True, True, False, False, False]


def test_a_possessed_subject_in_reported_speech_is_the_speakers(nlp):
    doc, evs = events(nlp, "قال الجيش التركي في بيان أمس ان طائراته قصفت مجموعة من المتمردين الاكراد في شمال العراق.")
    e = of_type(evs, "ASSAULT")
    assert party(doc, e.actor) == ("الجيش التركي", "TUR", "MIL")


def test_a_counted_object_is_no_subject_and_anhu_points_back(nlp):
    doc, evs = events(nlp, "وقال حلف شمال الأطلسي في أفغانستان انه قتل عددا من زعماء طالبان في هجمات جوية.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "IGO"
    assert e.recipient is not None and e.recipient.sector == "REB"


def test_short_name_after_a_title_without_comma(nlp):
    doc, evs = events(nlp, "أعلن الوزير السريلانكي للتخطيط المدني رؤوف حكيم أن الحكومة فرضت حالة الطوارئ. "
                           "وانتقد حكيم الشرطة بشدة.")
    e = of_type(evs, "ACCUSE")
    assert party(doc, e.actor) == ("حكيم", "LKA", "GOV")


def test_counted_people_before_a_killing_verb_are_victims_unless_it_has_an_object(nlp):
    doc, evs = events(nlp, "وقال مصدر إن ثلاثة متظاهرين قتلوا وأصيب العشرات بجروح.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is None and span(doc, e.recipient) == "متظاهرين" and e.counts.get("dead") == 3
    doc, evs = events(nlp, "وقال مصدر إن ثلاثة مسلحين قتلوا شرطيا في الهجوم.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "مسلحين" and span(doc, e.recipient) == "شرطيا"


def test_a_counterpart_followed_by_its_name_gives_way_to_the_name(nlp):
    doc, evs = events(nlp, "والتقى وزير الخارجية التركي مع نظيره الروسي سيرغي لافروف في موسكو أمس.")
    e = of_type(evs, "CONSULT")
    assert span(doc, e.recipient) == "سيرغي لافروف" and e.recipient.country == "RUS"


def test_the_other_side_of_a_deadly_clash_is_the_actor(nlp):
    doc, evs = events(nlp, "أعلن الجيش الأوكراني أمس أن 4 جنود قتلوا في قتال مع متمردين موالين لروسيا.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "متمردين" and e.actor.sector == "REB"
    assert span(doc, e.recipient) == "جنود"


def test_one_uncounted_detainee_with_a_nationality(nlp):
    doc, evs = events(nlp, "أعلنت الشرطة النمساوية أنها اعتقلت مشتبهاً به أفغانياً في فيينا.")
    e = of_type(evs, "COERCE")
    assert party(doc, e.recipient) == ("مشتبهاً به أفغانياً", "AFG", "CVL")
    assert e.actor.country == "AUT" and e.location.country == "AUT"


def test_a_trigger_that_spells_its_subject_keeps_it_as_actor(nlp):
    doc, evs = events(nlp, "القاهرة - قضت محكمة جنايات الجيزة بسجن المتهمين عشر سنوات.")
    e = of_type(evs, "SANCTION")
    assert span(doc, e.actor) == "محكمة جنايات الجيزة" and e.actor.sector == "JUD" and e.actor.country == "EGY"
