"""Recipients (protest targets, counted victims), countries filled from the text's places, the SUPPORT/AID
lexicon fixes, window features and training-only GSR rows. Hand-written sentences only."""
from __future__ import annotations


from rasd.events.arguments import article_country
from rasd.events.training import GsrRow, _folds
from event_helpers import events, of_type, span


def test_protest_target_after_amam_is_the_recipient(nlp):
    doc, evs = events(nlp, "وتظاهر آلاف المحتجين أمس أمام السفارة الأمريكية في القاهرة.")
    e = of_type(evs, "PROTEST")
    assert e.recipient is not None and e.recipient.country == "USA"
    assert "السفارة" in span(doc, e.recipient)
    assert e.actor is not None and e.actor.sector == "CVL"


def test_phrase_before_a_protest_noun_after_a_target_cue_is_not_its_actor(nlp):
    doc, evs = events(nlp, "وتجمع المئات أمام مقر البرلمان في بيروت احتجاجا على قرار الحكومة.")
    e = of_type(evs, "PROTEST")
    assert e.actor is None or "البرلمان" not in (span(doc, e.actor) or "")
    assert e.recipient is not None and e.recipient.sector == "GOV"


def test_whom_protesters_address_is_the_protest_recipient(nlp):
    doc, evs = events(nlp, "واعتصم مئات العمال أمس في ساحة المدينة، مطالبين وزير العمل المغربي بصرف رواتبهم.")
    e = of_type(evs, "PROTEST")
    assert e.recipient is not None and e.recipient.country == "MAR" and e.recipient.sector == "GOV"
    assert span(doc, e.recipient).startswith("وزير العمل")


def test_what_protesters_ask_for_is_not_the_protest_recipient(nlp):
    doc, evs = events(nlp, "واعتصم مئات العمال أمس في ساحة المدينة، مطالبين بالإفراج عن الصحفي المغربي المعتقل.")
    e = of_type(evs, "PROTEST")
    assert e.recipient is None or "الصحفي" not in span(doc, e.recipient)


def test_counted_victims_are_the_assault_recipient_with_their_nationality(nlp):
    doc, evs = events(nlp, "وقتل 150 مدنيا افغانيا على الاقل في سلسلة من الضربات الجوية.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient).endswith("مدنيا افغانيا")  # with or without the count in front
    assert e.recipient.country == "AFG" and e.recipient.sector == "CVL"
    assert e.counts.get("dead") == 150


def test_counted_victims_take_the_event_place_country(nlp):
    doc, evs = events(nlp, "وانفجرت سيارة مفخخة في بغداد مما أدى الى مقتل عشرة اشخاص.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient) == "عشرة اشخاص" and e.recipient.country == "IRQ"


def test_count_after_verb_is_the_victim_and_birasas_names_the_agent(nlp):
    doc, evs = events(nlp, "قتل ثلاثة متظاهرين برصاص الشرطة في بغداد أمس.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.recipient) == "متظاهرين"
    assert span(doc, e.actor) in ("الشرطة", "الشرطة في بغداد")  # the place may join the phrase


def test_article_country_is_the_most_named_place_country(nlp):
    doc = nlp.analyze("وصل الوفد إلى الخرطوم أمس. وقال مسؤول في الخرطوم إن المحادثات في السودان مستمرة. "
                      "وأعلنت القاهرة تأييدها.", "2016-03-10", id="t")
    assert article_country(doc) == "SDN"
    assert article_country(nlp.analyze("وصل الوفد أمس.", "2016-03-10", id="u")) is None


def test_domestic_nominal_actor_without_a_place_takes_the_article_country(nlp):
    text = ("شهدت مدينة الخرطوم أمس احتجاجات واسعة. وقالت مصادر في الخرطوم إن الشرطة فرقت المحتجين. "
            "وطالبت الأسر بالإفراج الفوري عن المعتقلين.")
    doc, evs = events(nlp, text)
    e = of_type(evs, "REQUEST")
    assert span(doc, e.actor) == "الأسر" and e.actor.country == "SDN"


def test_ashada_stays_support_next_to_aid_words(nlp):
    _, evs = events(nlp, "بينما أشاد مجلس الأمن بخطة مساعدات التحالف للمدنيين.")
    assert "SUPPORT" in {e.type for e in evs}


def test_assistant_and_ethnic_are_no_triggers(nlp):
    _, evs = events(nlp, "وقال أحد مساعدي الرئيس إن أعمال العنف الطائفي والإثني تراجعت.")
    assert not {"AID", "SUPPORT"} & {e.type for e in evs}


def test_window_features_name_the_words_around_the_trigger(nlp):
    from rasd.events.detect import sentence_candidates
    doc = nlp.analyze("وتجمع المتظاهرون أمام مبنى البرلمان.", None, id="t")
    cand = next(c for c in sentence_candidates(doc) if c.type == "PROTEST")
    assert any(f.startswith("R:") for f in cand.features) or any(f.startswith("L:") for f in cand.features)


def _row(label, accept=0, reject=0):
    return GsrRow("x", "", label, "PROTEST", [], False, None, accept, reject)


def test_ambiguous_rows_are_training_only_and_labelled_by_majority():
    rows = [_row("yes")] * 4 + [_row("easy no")] * 6 + [_row("ambiguous", 2, 1), _row("ambiguous", 0, 1)]
    assert rows[-2].positive == 1 and rows[-1].positive == 0
    assert not rows[-2].scored and rows[0].scored
    fold = _folds(rows, 2, seed=1)
    assert fold[-1] == fold[-2] == -1
    assert all(f in (0, 1) for f in fold[:-2])


def test_nationality_adjective_after_a_nominal_trigger_names_the_doer(nlp):
    doc, evs = events(nlp, "وأسفرت ضربات إسرائيلية مكثفة الجمعة عن مقتل 4 فلسطينيين.")
    e = of_type(evs, "ASSAULT")
    assert span(doc, e.actor) == "إسرائيلية" and e.actor.country == "ISR" and e.actor.sector == "MIL"
    assert e.recipient is not None and e.recipient.country == "PSE"


def test_nationality_after_a_preposition_is_the_victim_not_the_doer(nlp):
    _, evs = events(nlp, "ونفذ الهجوم على الجنود الأميركيين مسلحون.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is None or e.actor.country != "USA"


def test_a_date_before_every_trigger_dates_the_whole_sentence(nlp):
    _, evs = events(nlp, "أصدر مجلس الأمن اليوم الخميس بيانا أدان فيه الهجمات بينما أشاد بجهود الوساطة.",
                    published="2018-03-15")
    assert of_type(evs, "ACCUSE").date.iso == "2018-03-15"
    assert of_type(evs, "SUPPORT").date.iso == "2018-03-15"


def test_nationality_after_a_set_aside_mention_still_names_the_doer(nlp):
    # "الضربات الجوية" is set aside by its context, but it is the same event as "وقتل" and its adjective
    # names who struck
    doc, evs = events(nlp, "وقتل 40 مدنيا على الاقل في سلسلة من الضربات الجوية الفرنسية التي اخطأت اهدافها.")
    e = of_type(evs, "ASSAULT")
    assert e.actor is not None and e.actor.country == "FRA" and e.actor.sector == "MIL"
