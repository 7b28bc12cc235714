"""Event dates (report dates, weekday tense) and places (البلاد, datelines, nationalities), hand-written."""
from __future__ import annotations

import pytest

from rasd.events.places import article_country, dateline_end
from event_helpers import events, of_type, span

THURSDAY = "2016-03-10"


@pytest.mark.parametrize("text,etype,iso", [
    ("يعقد مجلس الأمن الدولي اجتماعا طارئا الأحد لبحث الأزمة.", "CONSULT", "2016-03-13"),
    ("عقد مجلس الأمن الدولي اجتماعا طارئا الأحد لبحث الأزمة.", "CONSULT", "2016-03-06"),
    ("سيلتقي الرئيس الفرنسي نظيره الروسي السبت في باريس.", "CONSULT", "2016-03-12"),
    ("التقى الرئيس الفرنسي نظيره الروسي السبت في باريس.", "CONSULT", "2016-03-05"),
    ("سيلتقي الرئيس الفرنسي نظيره الروسي الأحد الماضي في باريس.", "CONSULT", "2016-03-06"),
    ("سيلتقي الرئيس الفرنسي نظيره الروسي الخميس في باريس.", "CONSULT", THURSDAY),
])
def test_weekday_follows_the_tense_of_the_event(nlp, text, etype, iso):
    _, evs = events(nlp, text, THURSDAY)
    assert of_type(evs, etype).date.iso == iso


def test_a_noun_opening_with_nun_is_no_present_tense(nlp):
    _, evs = events(nlp, "تفاقمت الأزمة في أرمينيا الأحد مع نزول آلاف المتظاهرين إلى شوارع يريفان.", THURSDAY)
    assert of_type(evs, "PROTEST").date.iso == "2016-03-06"


def test_the_report_date_yields_to_the_event_date(nlp):
    doc, evs = events(nlp, "أعلنت وزارة الداخلية السعودية، الثلاثاء، تفاصيل مقتل شرطي في هجوم بسكين الأحد الماضي.",
                      THURSDAY)
    e = of_type(evs, "ASSAULT")
    assert e.date.iso == "2016-03-06"
    # "الداخلية" shares its key with the preposition داخل: the nationality is no location
    assert e.location is None


def test_the_report_date_dates_the_event_when_it_is_the_only_one(nlp):
    _, evs = events(nlp, "قالت الشرطة اليوم إنها اعتقلت خمسة أشخاص.", THURSDAY)
    assert of_type(evs, "COERCE").date.iso == THURSDAY


def test_the_country_named_as_albilad_is_the_articles(nlp):
    text = ("وقال مسؤول في كييف إن الوضع في أوكرانيا متوتر. "
            "وأعلن الجيش الأوكراني أن أربعة جنود قتلوا في قتال مع متمردين في شرق البلاد.")
    doc, evs = events(nlp, text, THURSDAY)
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.location) == "البلاد" and e.location.country == "UKR"


def test_a_domestic_event_without_a_place_happens_in_the_articles_scene(nlp):
    text = ("يعيش في الخرطوم ملايين السكان. وتقع الخرطوم عند ملتقى النيلين. "
            "ومنعت الشرطة السودانية وقفة احتجاجية لأسر المعتقلين.")
    doc, evs = events(nlp, text, THURSDAY)
    e = of_type(evs, "COERCE")
    assert e.location is not None and e.location.country == "SDN" and e.location.start is None


def test_dateline_is_not_the_story(nlp):
    assert dateline_end("دبي، الإمارات العربية المتحدة (CNN)-- أعلنت الشرطة") == 37
    assert dateline_end("القاهرة - رويترز: قال مسؤول") == 17
    assert dateline_end("وصل الوفد إلى الخرطوم أمس. وقال مسؤول") == 0
    doc = nlp.analyze("دبي، الإمارات العربية المتحدة (CNN)-- اعتقلت الشرطة المصرية ناشطا في القاهرة. "
                      "وقال مسؤول في القاهرة إن التحقيق مستمر.", THURSDAY, id="t")
    assert article_country(doc) == "EGY"


def test_a_place_in_the_locative_street_phrase_is_no_protest_target(nlp):
    _, evs = events(nlp, "تظاهر آلاف الأرمن في شوارع يريفان ضد الحكومة.", THURSDAY)
    e = of_type(evs, "PROTEST")
    assert e.location is not None and e.location.country == "ARM"
    assert e.recipient is None or e.recipient.country == "ARM" and e.recipient.kb_id is None


def test_a_verb_after_the_counted_noun_decides_what_the_count_is(nlp):
    _, evs = events(nlp, "أعلن الجيش الأوكراني أمس أن 4 جنود قتلوا وأصيب 15 في قتال مع متمردين في شرق البلاد.",
                    THURSDAY)
    assert of_type(evs, "ASSAULT").counts == {"dead": 4, "injured": 15}


def test_a_number_span_that_takes_in_its_noun_still_counts_victims(nlp):
    doc, evs = events(nlp, "وقال اللواء إن انتحارية فجرت نفسها في بلدة شمال شرق بغداد ما اسفر عن مقتل ثمانية اشخاص "
                           "على الاقل واصابة سبعة اخرين.", THURSDAY)
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient) == "ثمانية اشخاص" and e.recipient.sector == "CVL"
    assert e.recipient.country == "IRQ"  # the place's country, filled after merging
    assert e.counts.get("dead") == (8, None)  # "على الأقل": at least eight


@pytest.mark.parametrize("text,place", [
    # a city inside the court's own name places its ruling
    ("قضت محكمة جنايات الجيزة بالسجن المشدد على خمسة متهمين.", "Giza"),
    # a city inside an organisation's name (one ORG entity) places the protest of its students
    ("وتظاهر طلاب جامعة القاهرة ضد قرار رفع الرسوم.", "Cairo"),
])
def test_a_city_in_an_institution_name_places_an_event_that_names_no_other(nlp, text, place):
    _, evs = events(nlp, text)
    e = next(e for e in evs if e.location is not None)
    assert e.location.place == place and e.location.precision == "city" and e.location.country == "EGY"
    assert e.location.start is not None and text[e.location.start:e.location.end] in ("الجيزة", "القاهرة")


def test_a_place_the_event_names_wins_over_the_city_in_an_institution_name(nlp):
    _, evs = events(nlp, "قضت محكمة جنايات الجيزة بالسجن على متهمين في مدينة الإسكندرية.")
    assert of_type(evs, "SANCTION").location.place == "Alexandria"


def test_a_bare_city_standing_for_a_government_does_not_place_the_event(nlp):
    # "كييف" is the party (the Ukrainian government), not a place inside an institution's name
    _, evs = events(nlp, "واجتمع الوزير الألماني مع كييف.")
    e = of_type(evs, "CONSULT")
    assert e.recipient is not None and e.recipient.country == "UKR" and e.location is None
