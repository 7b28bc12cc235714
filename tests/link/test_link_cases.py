"""The linking case table (link_cases.tsv): actor phrases, negatives and entity links, one test each.

Documents are built by hand: tokenize() + split_sentences(), and NER spans placed where the table
says. Rows with an xfail reason are expected to fail (strict), so a fix shows up as XPASS.
A phrase or NER surface ending in "@N" is the N-th occurrence of that text (a short name repeats a
word of the full name before it); the ner column may hold several "LABEL:surface" joined by "|".
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from rasd.link import find_actors, link_entities
from rasd.model.document import Document
from rasd.model.spans import Entity
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

TABLE = Path(__file__).with_name("link_cases.tsv")


def load_cases() -> list[dict]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = load_cases()


def make_doc(text: str, published: str = "", entities=()) -> Document:
    doc = Document(text, published=dt.date.fromisoformat(published) if published else None)
    doc = doc.with_layer("tokens", tokenize(text)).with_layer("sentences", split_sentences(text))
    return doc.with_layer("entities", entities)


def _param(case: dict):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case["xfail"] else []
    ident = f"{case['layer']}:{case['phrase']}:{case['published']}"
    return pytest.param(case, marks=marks, id=ident)


def _none(value: str):
    return value or None


def locate(text: str, surface: str) -> tuple[int, int]:
    """Character span of "surface" or "surface@N" (its N-th occurrence) in text."""
    surface, _, nth = surface.partition("@")
    start = -1
    for _ in range(int(nth or 1)):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def ner_spans(text: str, column: str) -> list[Entity]:
    spans = []
    for item in filter(None, column.split("|")):
        label, surface = item.split(":", 1)
        spans.append(Entity(*locate(text, surface), label))
    return sorted(spans, key=lambda e: e.start)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case):
    text = case["sentence"]
    assert case["phrase"].partition("@")[0] in text, "the phrase must occur in its sentence"
    if case["layer"] == "entity":
        _check_entity(case)
        return
    doc = make_doc(text, case["published"], ner_spans(text, case["ner"]))
    actors = find_actors(doc)
    for a in actors:
        assert 0 <= a.start <= a.end <= len(text)
    start, end = locate(text, case["phrase"])
    if case["layer"] == "no_actor":
        assert not [text[a.start:a.end] for a in actors if a.start < end and start < a.end]
        return
    found = [a for a in actors if (a.start, a.end) == (start, end)]
    assert found, f"no actor {case['phrase']!r}; got {[(text[a.start:a.end], a.country, a.sector) for a in actors]}"
    actor = found[0]
    assert (actor.country, actor.sector) == (_none(case["country"]), _none(case["sector"]))
    if case["kb_id"]:
        assert actor.kb_id == case["kb_id"]
    if case["name_en"]:
        assert actor.name_en == case["name_en"]


def _check_entity(case: dict):
    text = case["sentence"]
    linked = link_entities(make_doc(text, case["published"], ner_spans(text, case["ner"])))
    start, end = locate(text, case["phrase"])
    found = [e for e in linked if (e.start, e.end) == (start, end)]
    assert found, f"no entity {case['phrase']!r}; got {[(text[e.start:e.end], e.kb_id) for e in linked]}"
    entity = found[0]
    assert entity.country == _none(case["country"])
    assert entity.kb_id == (case["kb_id"] or None)
    if case["name_en"]:
        assert entity.name_en == case["name_en"]
    if case["sector"]:
        assert entity.subtype == case["sector"]
    if not case["ner"]:
        assert entity.score is not None and entity.score < 1.0, "recovered entities carry a lower score"
    if entity.subtype in ("GPE", "LOC"):
        assert entity.lat is not None and entity.lon is not None


def test_table_size_and_coverage():
    layers = {c["layer"] for c in CASES}
    assert len(CASES) >= 200 and layers == {"actor", "no_actor", "entity"}
