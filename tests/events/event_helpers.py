"""Helpers of the event-argument tests: rules-only detection on a team-written text, and span access."""
from __future__ import annotations

from rasd.events import detect_events


def events(nlp, text, published="2016-03-10"):
    doc = nlp.analyze(text, published, id="t")
    # rules only: these tests are about arguments, not about the classifier's decision
    return doc, detect_events(doc, models={})


def of_type(evs, etype):
    hits = [e for e in evs if e.type == etype]
    assert hits, (etype, [e.type for e in evs])
    return hits[0]


def span(doc, part):
    # a span-less party (an implied actor) has no text
    return doc.text[part.start:part.end] if part is not None and part.start is not None else None


def joined(sentences):
    """The text of `sentences` joined by spaces and each sentence's span in it (for merge tests that
    build mentions by hand)."""
    from rasd.model.spans import Span
    bounds, pos = [], 0
    for s in sentences:
        bounds.append(Span(pos, pos + len(s)))
        pos += len(s) + 1
    return " ".join(sentences), bounds
