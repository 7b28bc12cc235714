"""NER: hand-written sentences, span trimming, edge cases, CoNLL alignment and the scorer's logic."""
from __future__ import annotations

import pytest

from rasd.model.document import Document
from rasd.ner import load_model, recognize
from rasd.ner.conll import align_tags, bio_spans, joined_text
from rasd.ner.evaluate import analyse_text, predicted_tags, score
from rasd.text.tokenize import tokenize


def entities(text: str) -> list[tuple[str, str]]:
    doc = analyse_text(text)
    return [(doc.text_of(e), e.label) for e in recognize(doc)]


def test_leaders_and_city():
    found = entities("التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو")
    assert ("فلاديمير بوتين", "PER") in found
    assert ("رجب طيب أردوغان", "PER") in found
    assert ("موسكو", "LOC") in found


def test_organisation():
    assert ("منظمة الصحة العالمية", "ORG") in entities("أعلنت منظمة الصحة العالمية")
    assert ("منظمة الصحة العالمية", "ORG") in entities("قالت منظمة الصحة العالمية في بيان إن عدد الإصابات ارتفع")


def test_time_adverb_never_ends_an_entity():
    found = entities("أعلنت منظمة الصحة العالمية اليوم عن خطة جديدة لمكافحة المرض")
    assert ("منظمة الصحة العالمية", "ORG") in found


def test_proclitics_and_enclitics_are_outside_the_span():
    text = "سافر الوزير إلى باريس وموسكو ثم عاد لروسيا"
    found = entities(text)
    assert ("موسكو", "LOC") in found
    assert ("روسيا", "LOC") in found
    assert all(not t.startswith(("و", "ل")) or t in ("لندن",) for t, _ in found if t != "موسكو")


def test_spans_are_sorted_in_range_and_disjoint():
    text = "قال وزير الخارجية الأمريكي جون كيري في واشنطن إن الأمم المتحدة ستجتمع في جنيف مع ممثلي الاتحاد الأوروبي."
    doc = analyse_text(text)
    ents = recognize(doc)
    assert ents, "expected entities in a sentence full of names"
    for e in ents:
        assert 0 <= e.start < e.end <= len(text)
        assert e.label in {"PER", "LOC", "ORG", "MISC"}
        assert 0.0 < e.score <= 1.0
        assert doc.text_of(e) == doc.text_of(e).strip()
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))


def test_empty_and_tiny_documents():
    assert recognize(analyse_text(" ")) == []
    assert recognize(analyse_text(".")) == []
    assert isinstance(recognize(analyse_text("القاهرة")), list)


def test_requires_tokens_and_sentences():
    with pytest.raises(ValueError):
        recognize(Document("القاهرة"))


def test_boilerplate_entities_are_dropped():
    text = "اقرأ أيضا: زيارة وزير الخارجية السعودي إلى القاهرة\nوصل الرئيس المصري إلى القاهرة صباح اليوم."
    doc = analyse_text(text)
    assert any(b.kind == "read_also" for b in doc.boilerplate), "the read-also line must be marked"
    first_line_end = text.index("\n")
    ents = recognize(doc)
    assert all(e.start > first_line_end for e in ents)


def test_load_model_is_cached():
    assert load_model() is load_model()


def test_alignment_keeps_gold_spans_on_rasd_tokens():
    sentence = [("(", "O"), ("وموسكو", "B-LOC"), ("عاصمة", "O"), ("روسيا،", "B-LOC"), ("جون", "B-PER"), ("كيري", "I-PER")]
    text, offsets = joined_text(sentence)
    tokens = tokenize(text)
    tags = align_tags(text, offsets, [t for _, t in sentence], tokens)
    tagged = [(text[t.start:t.end], tag) for t, tag in zip(tokens, tags) if tag != "O"]
    assert tagged == [("وموسكو", "B-LOC"), ("روسيا", "B-LOC"), ("جون", "B-PER"), ("كيري", "I-PER")]


def test_scoring_maps_entities_to_gold_tokens():
    sentence = [("زار", "O"), ("جون", "B-PER"), ("كيري", "I-PER"), ("لندن", "B-LOC"), ("أمس", "O")]
    text, offsets = joined_text(sentence)
    assert bio_spans([t for _, t in sentence]) == {(1, 3, "PER"), (3, 4, "LOC")}
    exact = [{"start": 4, "end": 12, "label": "PER"}, {"start": 13, "end": 17, "label": "LOC"}]
    assert predicted_tags(offsets, exact) == ["O", "B-PER", "I-PER", "B-LOC", "O"]
    result = score([sentence], [exact])
    assert result["micro"]["f1"] == 1.0
    short = [{"start": 4, "end": 7, "label": "PER"}, {"start": 13, "end": 17, "label": "ORG"}]
    result = score([sentence], [short])
    assert result["micro"]["tp"] == 0
    assert result["errors"] == {"boundary": 1, "type": 1}
