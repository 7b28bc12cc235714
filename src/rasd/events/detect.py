"""detect_events: PLOVER events from trigger matches, their context, and (for some types) a classifier.

Flow per sentence (boilerplate skipped): tokens -> keys -> trigger matches (triggers.py) -> context of
each match (context.py) -> one candidate per (sentence, type), merging the triggers of that type ->
keep or drop -> Event. The first kept trigger gives the event's span and status; the others are kept
as `evidence`; the mode is that of the highest-weight trigger naming one.

Emission policy (the scorers count any event of the gold type as a detection, and the article gold
lists an event only when the text reports it):
- negated mentions ("لم يتم اعتقال"), generic nominal mentions ("ظاهرة الاحتجاجات", "مكافحة الإرهاب")
  and figurative senses (football "هجوم", "هجوم إعلامي") are never events: they are dropped. With
  keep_suppressed=True they are returned anyway, flagged (negated=True, contexts "generic"/"figurative")
  and with confidence 0, for inspection.
- denied, announced, hypothetical, ongoing and historical mentions are reported events: emitted with
  that status / historical flag (the article gold lists them with status; for historical ones the docs
  scorer neither rewards nor penalises).
- types with a trained model (data/classifier.json: PROTEST and ASSAULT from the GSR dev halves) are
  emitted only when the model's probability reaches its cross-validated threshold and some mention is
  not negated; generic and figurative cues are features the model weighs (hard-dropping them cost
  3 points of ASSAULT F1 in cross-validation), and its probability is the event's confidence. Other types use
  the lexicon weight, lowered for hypothetical (x0.8) and denied (x0.7) mentions, and MIN_CONFIDENCE.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional, Sequence

from rasd.events.classifier import LogisticModel, candidate_features, load_models
from rasd.events.context import TriggerContext, analyse_context
from rasd.events.triggers import TriggerMatch, find_triggers, token_key
from rasd.model.document import Document
from rasd.model.spans import Event, Sentence, Span

__all__ = ["detect_events", "sentence_candidates", "Candidate", "MIN_CONFIDENCE"]

MIN_CONFIDENCE = 0.5
REALIS_CONFIDENCE = 0.75  # "الاحتجاجات التي اندلعت في ...": the text itself says it happened
_STATUS_FACTOR = {"hypothetical": 0.8, "denied": 0.7}


@dataclass
class Candidate:
    """All trigger mentions of one type in one sentence, with what the classifier needs."""
    sentence: Span
    type: str
    mentions: list[TriggerMatch]
    contexts: list[TriggerContext]
    features: list[str]

    @property
    def kept(self) -> list[int]:
        return [i for i, c in enumerate(self.contexts) if not (c.negated or c.generic or c.figurative or c.background)]


def _sentences(doc: Document) -> Sequence[Span]:
    return doc.sentences or (Sentence(0, len(doc.text)),)


def _tokens(doc: Document):
    if doc.has("tokens"):
        return doc.tokens
    from rasd.text.tokenize import tokenize
    return tokenize(doc.text)


def sentence_candidates(doc: Document) -> list[Candidate]:
    """Every (sentence, type) candidate in the document, in text order, boilerplate skipped."""
    tokens = _tokens(doc)
    starts = [t.start for t in tokens]
    out: list[Candidate] = []
    for sent in _sentences(doc):
        if doc.is_boilerplate(sent):
            continue
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        toks = [t for t in tokens[lo:hi] if t.end <= sent.end]
        if not toks:
            continue
        keys = [token_key(t) for t in toks]
        matches = [m for m in find_triggers(toks, keys) if not doc.is_boilerplate(m)]
        if not matches:
            continue
        dates = doc.within("dates", sent)
        n_numbers = len(doc.within("numbers", sent))
        by_type: dict[str, list[TriggerMatch]] = {}
        for m in matches:
            by_type.setdefault(m.entry.type, []).append(m)
        text = doc.text[sent.start:sent.end]
        for etype, ms in by_type.items():
            ctxs = [analyse_context(toks, keys, m.first, m.last, m.entry.kind, dates, doc.published) for m in ms]
            feats = candidate_features(etype, ms, ctxs, keys, text, (t for t in by_type if t != etype), n_numbers,
                                       any(d.relative for d in dates), bool(dates))
            out.append(Candidate(Span(sent.start, sent.end), etype, ms, ctxs, feats))
    return out


def _decide(c: Candidate, models: dict[str, LogisticModel], keyword_only: bool) -> Optional[float]:
    """The confidence of the candidate's event, or None when it is dropped."""
    if keyword_only:
        return max(m.entry.weight for m in c.mentions)
    kept = c.kept
    model = models.get(c.type)
    if model is not None:
        # The model weighs generic/figurative cues itself; a negated mention is never an event.
        p = model.probability(c.features)
        if any("realis" in c.contexts[i].flags for i in kept):
            return max(p, REALIS_CONFIDENCE)
        return p if p >= model.threshold and any(not x.negated for x in c.contexts) else None
    if not kept:
        return None
    best = max(c.mentions[i].entry.weight * _STATUS_FACTOR.get(c.contexts[i].status, 1.0) for i in kept)
    return best if best >= MIN_CONFIDENCE else None


def detect_events(doc: Document, *, models: Optional[dict[str, LogisticModel]] = None, keyword_only: bool = False,
                  keep_suppressed: bool = False) -> list[Event]:
    """PLOVER events of `doc` (one per sentence and type; arguments are left empty).

    models: per-type classifiers (default: the packaged ones; {} for rules only). keyword_only: the
    lexicon baseline, every match is an event. keep_suppressed: also return dropped candidates, flagged.
    """
    models = load_models() if models is None else models
    events: list[Event] = []
    for c in sentence_candidates(doc):
        conf = _decide(c, models, keyword_only)
        kept = c.kept if not keyword_only else list(range(len(c.mentions)))
        if conf is None:
            if not keep_suppressed:
                continue
            conf, kept = 0.0, []
        order = kept or list(range(len(c.mentions)))
        primary = order[0]
        m, ctx = c.mentions[primary], c.contexts[primary]
        # the most specific mode: suicide-attack (0.85) over explosives (0.8) in "فجر انتحاري نفسه"
        moded = [c.mentions[i].entry for i in order if c.mentions[i].entry.mode]
        mode = max(moded, key=lambda e: e.weight).mode if moded else None
        contexts = tuple(sorted({name for name in ("generic", "figurative") if getattr(ctx, name)}))
        events.append(Event(
            start=m.start, end=m.end, id=f"{doc.id}:e{len(events)}", type=c.type, mode=mode,
            sentence=Span(c.sentence.start, c.sentence.end), contexts=contexts,
            status=ctx.status, negated=ctx.negated, historical=ctx.historical, confidence=round(conf, 4),
            evidence=tuple(Span(c.mentions[i].start, c.mentions[i].end) for i in order[1:])))
    return events
