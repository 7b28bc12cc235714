"""Every span of every layer points into the original text: 0 <= start <= end <= len(text), and the JSON
text of a span is exactly text[start:end]. Checked on random Arabic-like strings and on the examples."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from rasd.model.serialize import to_dict

ALPHABET = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئةى") + list(" \n\n.،؛؟!:/-()\"#_%") + list("0123456789٠١٢٣٤٥٦٧٨٩") + \
    ["\u064e", "\u0650", "\u0651", "\u0640", "\u200f", "ﻻ", "x", "C"]
WORDS = ["أمس", "اليوم", "الخميس", "يناير", "كانون الثاني", "جانفي", "2022", "1678", "أكثر من", "عشرات", "ألفي",
         "مليون", "2.5", "الثاني من", "اقرأ أيضا:", "المصدر:", "#كازاخستان", "وبموسكو", "للأمم", "رمضان", "1436هـ",
         "قبل يومين", "الأسبوع الماضي", "نحو", "آلاف", "ثلاثة", "وعشرين", "12/1/2022", "٢٫٥", "شارك", "CSTO", "\n"]
TEXTS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, min_size=1, max_size=8)),
                 min_size=1, max_size=40).map(" ".join).filter(lambda s: s.strip())


def spans_of(out: dict):
    for layer in ("sentences", "boilerplate", "numbers", "dates", "entities", "actors", "tokens"):
        for span in out.get(layer, []):
            yield layer, span
            for segment in span.get("segments", []):
                yield "segments", segment
    for event in out["events"]:
        for key in ("trigger", "sentence", "actor", "recipient", "location", "attribution"):
            if event.get(key) and event[key].get("start") is not None:
                yield f"events.{key}", event[key]


def assert_spans_valid(out: dict):
    text = out["text"]
    for layer, span in spans_of(out):
        assert 0 <= span["start"] <= span["end"] <= len(text), (layer, span)
        if "text" in span:
            assert span["text"] == text[span["start"]:span["end"]], (layer, span)


@given(text=TEXTS, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_span_points_into_the_text(pipeline, text, published):
    doc = pipeline.analyze(text, published)
    assert doc.text == text
    assert_spans_valid(to_dict(doc, tokens=True))


def test_tokens_tile_the_non_space_text(pipeline):
    text = "وقالت وزارة الدفاع الروسية، أمس، إن 2,000 جندي انسحبوا (بحسب #تاس)."
    doc = pipeline.analyze(text)
    covered = "".join(text[t.start:t.end] for t in doc.tokens)
    assert covered == "".join(text.split())
    for token in doc.tokens:
        assert "".join(text[s.start:s.end] for s in token.segments) == text[token.start:token.end]


def test_examples_have_valid_spans(pipeline):
    from conftest import EXAMPLES
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = pipeline.analyze(record["text"], record["published"], id=record["id"])
        assert_spans_valid(to_dict(doc, tokens=True))
