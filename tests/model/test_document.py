import datetime as dt
import json

import pytest

from rasd.model.document import Document
from rasd.model.serialize import error_dict, from_dict, to_dict
from rasd.model.spans import (ActorMention, Boilerplate, DateMention, Entity, Event, NumberMention, Party, Place, Segment,
                              Sentence, Span, Token, When)

TEXT = "قالت مصادر إعلامية إن روسيا بدأت سحب أكثر من 2000 جندي من كازاخستان أمس."


def span_of(text, piece):
    i = TEXT.index(piece)
    return i, i + len(piece)


@pytest.fixture
def doc():
    d = Document(TEXT, id="d1", published=dt.date(2022, 1, 13), source="test")
    s, e = span_of(TEXT, "روسيا")
    ts, te = span_of(TEXT, "سحب")
    ks, ke = span_of(TEXT, "كازاخستان")
    ns, ne = span_of(TEXT, "أكثر من 2000")
    as_, ae = span_of(TEXT, "مصادر إعلامية")
    ds, de = span_of(TEXT, "أمس")
    event = Event(ts, te, id="e1", type="RETREAT", sentence=Span(0, len(TEXT)), mode="withdraw",
                  actor=Party(s, e, "RUS", "GOV", "country:RUS", "Russia"),
                  location=Place(ks, ke, "KAZ", "Kazakhstan", None, 48.0, 68.0, "country"),
                  date=When("2022-01-12", "day", ds, de), counts={"troops": (2001, None)},
                  attribution=Span(as_, ae), confidence=0.8)
    d = d.with_layer("sentences", [Sentence(0, len(TEXT))])
    d = d.with_layer("numbers", [NumberMention(ns, ne, None, 2001, None, "lower_bound")])
    d = d.with_layer("dates", [DateMention(ds, de, "2022-01-12", "day", relative=True)])
    d = d.with_layer("entities", [Entity(s, e, "LOC", "GPE", "country:RUS", "RUS", "Russia")])
    d = d.with_layer("tokens", [Token(s, e, "روسيا", (Segment(s, e, "روسيا", "stem"),))])
    d = d.with_layer("boilerplate", [Boilerplate(0, 4, "read_also")])
    d = d.with_layer("actors", [ActorMention(s, e, "RUS", "GOV", "country:RUS", "Russia", "named")])
    return d.with_layer("events", [event])


def test_with_layer_returns_a_new_document_and_keeps_the_text(doc):
    bare = Document(TEXT)
    assert not bare.has("sentences")
    assert doc.text is TEXT or doc.text == TEXT
    assert doc.has("events") and len(doc.events) == 1


def test_layers_are_read_only(doc):
    with pytest.raises(TypeError):
        doc.layers["sentences"] = ()
    with pytest.raises(AttributeError):
        doc.text = "x"


def test_unknown_layer_is_refused():
    with pytest.raises(KeyError):
        Document("نص").with_layer("verbs", [])


def test_missing_id_becomes_a_content_hash():
    assert Document("نص").id == Document("نص").id != Document("نص آخر").id


def test_json_has_the_schema_keys_and_spans_match_the_text(doc):
    out = to_dict(doc)
    for key in ("id", "published", "source", "url", "title", "text", "sentences", "entities", "events", "error"):
        assert key in out
    assert out["published"] == "2022-01-13"
    event = out["events"][0]
    assert event["trigger"]["text"] == "سحب" == TEXT[event["trigger"]["start"]:event["trigger"]["end"]]
    assert event["actor"]["country"] == "RUS" and event["actor"]["text"] == "روسيا"
    assert event["counts"] == {"troops": [2001, None]}
    assert event["attribution"]["text"] == "مصادر إعلامية"
    assert event["date"] == {"iso": "2022-01-12", "precision": "day", "start": TEXT.index("أمس"),
                             "end": TEXT.index("أمس") + 3, "text": "أمس"}
    assert out["numbers"][0]["low"] == 2001 and out["numbers"][0]["high"] is None
    assert "tokens" not in out and "tokens" in to_dict(doc, tokens=True)
    json.dumps(out)  # serialisable


def test_json_round_trip(doc):
    back = from_dict(json.loads(json.dumps(to_dict(doc, tokens=True))))
    assert to_dict(back, tokens=True) == to_dict(doc, tokens=True)


def test_error_line_keeps_the_id_and_empties_the_lists():
    out = error_dict({"id": "x7", "text": 5}, "bad")
    assert out["id"] == "x7" and out["error"] == "bad"
    assert out["sentences"] == out["entities"] == out["events"] == [] and out["text"] == ""


def test_number_as_count():
    assert NumberMention(0, 1, 1678.0, 1678.0, 1678.0).as_count() == 1678
    assert NumberMention(0, 1, None, 20, 99, "vague").as_count() == (20, 99)
    assert NumberMention(0, 1, None, 2001, None, "lower_bound").as_count() == (2001, None)


def test_clear_of_boilerplate_keeps_spans_inside_one_hashtag_only():
    text = "أعلنت #الشرطة_النمساوية اعتقال رجل\nاقرأ أيضا: خبر آخر\n#كازاخستان #روسيا"
    read_also = text.index("اقرأ")
    tags = [(text.index("#الشرطة"), text.index(" اعتقال")), (text.index("#كاز"), text.index(" #روسيا")),
            (text.index("#روسيا"), len(text))]
    doc = Document(text).with_layer("boilerplate", [Boilerplate(read_also, read_also + 18, "read_also")] +
                                    [Boilerplate(a, b, "hashtag") for a, b in tags])
    inside_tag = Span(tags[0][0] + 1, tags[0][0] + 7)
    across_tags = Span(tags[1][0] + 1, len(text))
    in_read_also = Span(read_also + 11, read_also + 14)
    plain = Span(0, 5)
    assert doc.clear_of_boilerplate([plain, inside_tag, across_tags, in_read_also]) == [plain, inside_tag]
