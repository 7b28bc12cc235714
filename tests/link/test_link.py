"""Linking invariants and data checks beyond the case table."""
from __future__ import annotations

import datetime as dt

from rasd.lexicon import kb
from rasd.link import find_actors, link_entities
from rasd.link import lexicon as lx
from rasd.model.document import Document
from rasd.model.spans import Entity

from test_link_cases import make_doc

TEXT = ("وقالت الشرطة العراقية إن المحتجين العراقيين تجمعوا أمس، فيما أعلنت روسيا أن وزير الخارجية الروسي "
        "سيرغي لافروف سيزور أنقرة. وطالبت الأمم المتحدة بالهدوء.\nوقال الرئيس الكازاخي إن قوات الأمن "
        "الكازاخية أعادت النظام بموسكو وللأمم المتحدة دور.")


def test_actor_spans_are_valid_sorted_and_disjoint():
    doc = make_doc(TEXT, "2022-01-10")
    actors = find_actors(doc)
    assert len(actors) >= 7
    for a in actors:
        assert 0 <= a.start < a.end <= len(TEXT)
        assert TEXT[a.start] not in " \n،."
        assert a.kind in ("named", "nominal")
    for left, right in zip(actors, actors[1:]):
        assert left.end <= right.start


def test_actors_without_token_layers_match_prepared_document():
    bare = Document(TEXT, published=dt.date(2022, 1, 10))
    assert find_actors(bare) == find_actors(make_doc(TEXT, "2022-01-10"))


def test_empty_and_latin_documents():
    assert find_actors(make_doc("")) == [] and link_entities(make_doc("")) == []
    assert find_actors(make_doc("Reuters 2022")) == []


def test_unknown_entity_is_kept_and_trimmed_of_clitics():
    text = "وقال وبزيدونيا المسؤول"
    start = text.index("وبزيدونيا")
    linked = link_entities(make_doc(text, "", [Entity(start, start + 9, "PER")]))
    assert len(linked) == 1
    assert text[linked[0].start:linked[0].end] == "زيدونيا" and linked[0].kb_id is None


def test_recovered_entities_never_overlap_ner_spans():
    doc = make_doc(TEXT, "2022-01-10", [Entity(TEXT.index("سيرغي"), TEXT.index("سيرغي") + 12, "PER")])
    linked = link_entities(doc)
    ner = [e for e in linked if e.score is None]
    recovered = [e for e in linked if e.score is not None]
    assert ner[0].kb_id == "person:sergey-lavrov"
    assert {TEXT[e.start:e.end] for e in recovered} >= {"روسيا", "أنقرة", "الأمم المتحدة"}
    for r in recovered:
        assert not any(r.start < e.end and e.start < r.end for e in ner)


def test_common_nouns_that_spell_a_place_are_not_recovered():
    # "جدته" is "his grandmother" (not Jeddah), "ميدانها" "its square": a pronoun suffix rules out a name.
    text = "زار جدته في القرية ثم عاد إلى ميدانها القديم."
    assert [text[e.start:e.end] for e in link_entities(make_doc(text, "2022-01-10"))] == []


def test_article_form_of_an_unarticled_country_name_is_the_nationality():
    # "سورية" is Syria; "السورية" is the adjective "Syrian", a nationality and not a place name.
    text = "وصلت الحكومة السورية إلى سورية أمس."
    recovered = {text[e.start:e.end] for e in link_entities(make_doc(text, "2022-01-10"))}
    assert recovered == {"سورية"}
    assert lx.classify_word("السوريه", "سوري")[0] == "nat"
    assert lx.classify_word("السعوديه", "سعودي")[0] == "country"  # the name as written stays a country


def test_every_office_holder_is_a_known_person_with_a_matching_role():
    for (where, office), terms in lx.holders_table().items():
        for start, end, name in terms:
            person = lx.person_named(name)
            assert person is not None, name
            assert person.name_en, f"{name} needs an English name in people.tsv"
            if where.startswith("country:"):
                iso = where.split(":")[1]
                assert kb.country_by_code(iso) is not None
                middle = start if not end else end
                assert any(r.country == iso and r.valid_on(middle) for r in person.roles), (name, start)


def test_office_terms_do_not_overlap_beyond_the_handover_day():
    for key, terms in lx.holders_table().items():
        ordered = sorted(terms)
        for (s1, e1, _), (s2, _e2, _) in zip(ordered, ordered[1:]):
            assert e1 and e1 <= s2 or e1 == s2, key


def test_office_without_publication_date_keeps_country_but_names_no_one():
    actor = find_actors(make_doc("وقال الرئيس التركي إن بلاده مستعدة."))[0]
    assert (actor.country, actor.sector, actor.kb_id) == ("TUR", "GOV", None)


def test_metonymy_is_not_applied_to_places_after_locatives():
    text = "وعقد الاجتماع في موسكو بينما أعلنت موسكو رفضها."
    actors = find_actors(make_doc(text))
    assert [(text[a.start:a.end], a.start) for a in actors] == [("موسكو", text.rindex("موسكو"))]


def test_hashtag_words_point_at_their_own_characters():
    from rasd.link.words import words_of
    text = "ورحبت و#وزارة_الخارجية_الأمريكية بالقرار."
    doc = make_doc(text)
    tagged = [w for w in words_of(doc) if w.tag >= 0]
    assert [text[w.start:w.end] for w in tagged] == ["وزارة", "الخارجية", "الأمريكية"]
    assert len({w.tag for w in tagged}) == 1 and [w.index for w in words_of(doc)] == list(range(len(words_of(doc))))


def test_a_name_the_tagger_cut_short_is_completed_from_the_kb():
    text = "وأعلنت منظمة معاهدة الأمن الجماعي إرسال قوات إلى البلاد."
    start = text.index("منظمة")
    cut = Entity(start, text.index(" الجماعي"), "ORG")  # the tagger stopped one word early
    linked = [e for e in link_entities(make_doc(text, "2022-01-06", [cut])) if e.start == start]
    assert len(linked) == 1
    assert text[linked[0].start:linked[0].end] == "منظمة معاهدة الأمن الجماعي"
    assert linked[0].kb_id == "org:collective-security-treaty-organization"


def test_a_cut_name_is_not_completed_across_the_next_entity():
    text = "وقال رئيس منظمة معاهدة الأمن الجماعي إن القوات وصلت."
    first = Entity(text.index("منظمة"), text.index(" الأمن"), "ORG")
    second = Entity(text.index("الأمن"), text.index(" إن"), "ORG")
    linked = link_entities(make_doc(text, "2022-01-06", [first, second]))
    spans = sorted((e.start, e.end) for e in linked)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
