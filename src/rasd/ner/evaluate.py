"""Scoring NER on a CoNLL file exactly as the reference scorer's `ner` task does.

Each gold sentence's tokens are joined with single spaces; that text goes through rasd's
sentences, boilerplate and tokens stages and `recognize`; every predicted entity labels each gold
token its character span overlaps (B- on the first, I- after, first entity wins); gold and
predicted BIO spans are compared exactly, per label. The logic mirrors ../shared/eval/score.py
(tests/ner checks that both give the same figures on the same predictions).

Beyond the scorer, `error_classes` counts why spans fail: boundary (same label, overlapping,
different extent), type (same extent, other label), boundary+type, missed (no overlapping
prediction) and spurious (no overlapping gold).
"""
from __future__ import annotations

import os
import time
from collections import Counter
from typing import Optional, Sequence

from rasd.model.document import Document
from rasd.model.spans import Entity
from rasd.ner.conll import ENTITY_LABELS, LABELS, GoldSentence, bio_spans, joined_text, read_conll


def analyse_text(text: str) -> Document:
    """The stages the scorer's `ner` task relies on, run directly (no pipeline config needed)."""
    from rasd.text.boilerplate import find_boilerplate
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    doc = Document(text)
    doc = doc.with_layer("sentences", split_sentences(text))
    doc = doc.with_layer("boilerplate", find_boilerplate(text, doc.sentences))
    return doc.with_layer("tokens", tokenize(text))


def predicted_tags(offsets: Sequence[tuple[int, int]], entities: Sequence) -> list[str]:
    """Gold-token BIO tags from predicted entities (Entity objects or dicts), as the scorer does."""
    tags = ["O"] * len(offsets)
    for e in entities:
        label_raw, start, end = (e["label"], e["start"], e["end"]) if isinstance(e, dict) else (e.label, e.start, e.end)
        label = LABELS.get(str(label_raw).upper())
        if not label:
            continue
        idx = [i for i, (a, b) in enumerate(offsets) if a < end and start < b]
        for j, i in enumerate(idx):
            if tags[i] == "O":
                tags[i] = ("B-" if j == 0 else "I-") + label
    return tags


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def error_classes(gold: set, pred: set, counts: Counter) -> None:
    for g in gold - pred:
        overlapping = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
        if not overlapping:
            counts["missed"] += 1
        elif any(p[:2] == g[:2] for p in overlapping):
            counts["type"] += 1
        elif any(p[2] == g[2] for p in overlapping):
            counts["boundary"] += 1
        else:
            counts["boundary+type"] += 1
    for p in pred - gold:
        if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
            counts["spurious"] += 1


def score(gold: Sequence[GoldSentence], predictions: Sequence[Sequence]) -> dict:
    """Per-label and micro P/R/F1 of predicted entities (one list per gold sentence)."""
    per = {lab: Counter() for lab in ENTITY_LABELS}
    errors: Counter = Counter()
    for sentence, entities in zip(gold, predictions):
        _, offsets = joined_text(sentence)
        g = bio_spans([tag for _, tag in sentence])
        p = bio_spans(predicted_tags(offsets, entities))
        error_classes(g, p, errors)
        for lab in ENTITY_LABELS:
            gl = {x for x in g if x[2] == lab}
            pl = {x for x in p if x[2] == lab}
            per[lab]["tp"] += len(gl & pl)
            per[lab]["fp"] += len(pl - gl)
            per[lab]["fn"] += len(gl - pl)
    out = {lab: _prf(c["tp"], c["fp"], c["fn"]) for lab, c in per.items()}
    total, three = Counter(), Counter()
    for lab, c in per.items():
        total.update(c)
        if lab != "MISC":
            three.update(c)
    out["micro"] = _prf(total["tp"], total["fp"], total["fn"])
    out["micro_PER_LOC_ORG"] = _prf(three["tp"], three["fp"], three["fn"])
    out["errors"] = dict(errors)
    return out


def predict(gold: Sequence[GoldSentence], model_path: Optional[str] = None) -> list[list[Entity]]:
    from rasd.ner.model import load_model, recognize

    model = load_model(str(model_path) if model_path else None)
    return [recognize(analyse_text(joined_text(s)[0]), model) for s in gold]


def evaluate(gold_path: str | os.PathLike, model_path: Optional[str] = None) -> dict:
    """Score the model (the shipped one by default) on a CoNLL file or folder, like score.py `ner`."""
    gold = read_conll(gold_path)
    started = time.perf_counter()
    predictions = predict(gold, model_path)
    result = score(gold, predictions)
    result["sentences"] = len(gold)
    result["tokens"] = sum(len(s) for s in gold)
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result
