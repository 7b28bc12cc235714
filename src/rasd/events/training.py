"""Training and honest evaluation of the per-type classifiers on the arabic_event_gsr dev halves.

Each GSR row (a sentence, sometimes two) is run through the text pipeline; its candidates of the row's
event type are pooled into one feature row. "ambiguous" rows (too few annotations; the scorer skips them)
are training-only data: labelled by their annotators' share of accepts, they join every
training fold and are never predicted or used to pick l2/threshold. With only 45 PROTEST positives
among 1,137 scored rows, the 72 majority-accepted ambiguous rows nearly triple the positives the
model learns from (see bench/gsr_detect.py for the out-of-fold effect). Training targets are soft where
the annotators disagreed (GsrRow.target, SOFT_DIFFICULT_NO). For PROTEST the model also reads the mean
word vector (embedding.py, learned from SaudiNewsNet) of the words around the triggers and of the
sentence (TYPE_EMBEDDINGS): with 45 positives, words never seen in a positive row still count through
their neighbours in news text. Rows without any candidate are predicted negative (the
lexicon's recall bounds the classifier's). Every reported figure is out-of-fold: `cross_validate`
splits the rows into stratified folds, and for each fold picks l2 and the decision threshold by an
inner cross-validation on the training part only, fits, and predicts the held-out part. `fit_final`
does the same selection on all rows and returns the model that ships.

numpy is imported lazily by classifier.fit_logistic; nothing here runs at inference time.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from rasd.events.classifier import LogisticModel, fit_logistic, group_keys
from rasd.events.detect import Candidate, sentence_candidates
from rasd.events.embedding import load_vectors

__all__ = ["GsrRow", "load_gsr", "candidates_for", "cross_validate", "fit_final", "feature_family", "L2_GRID",
           "TYPE_L2_GRID", "FEATURE_SETS", "TYPE_FEATURES", "SOFT_DIFFICULT_NO", "TYPE_EMBEDDINGS", "EMBEDDING_SCALE",
           "embedding_groups"]

L2_GRID = (1.0, 4.0, 16.0, 64.0)
# With 45 PROTEST positives the inner CV's choice of l2 is mostly noise (the shipped model got l2=4, the
# worst fixed value below). Mean out-of-fold F1 over ten fold seeds (13, 1..9) with l2 fixed at 4 / 8 / 16
# / 32 / 64: 0.548 / 0.572 / 0.574 / 0.556 / 0.548, chosen by inner CV from L2_GRID 0.568. ASSAULT keeps the grid.
TYPE_L2_GRID: dict[str, tuple[float, ...]] = {"PROTEST": (16.0,)}
# Feature families: "all", or "local" without the sentence's bag of words and bigrams (w:, b:). With 45
# PROTEST positives the sentence words overfit: mean out-of-fold F1 over fold seeds 13, 1, 2, 3, 4 was
# 0.41 with them and 0.47 without; ASSAULT, with 168 positives, does better with them (0.66 vs 0.64).
# Chosen once on those dev figures (letting the inner CV choose was noisier: 0.43).
FEATURE_SETS = {"all": (), "local": ("w:", "b:")}
# "yes" rows are those every annotator accepted; "difficult no" rows had some accepts (up to 3 of 5), and
# the training-only "ambiguous" rows too few annotators. Training targets keep that gradient: an ambiguous
# row counts as its share of accepts, a difficult no as SOFT_DIFFICULT_NO times it (a 2-of-4 row: 0.25).
# 5-seed mean out-of-fold F1 (bench/gsr_detect.py procedure), PROTEST with the gathering cues: 0.512 with
# hard majority labels, 0.519 / 0.522 / 0.482 with 0.25 / 0.5 / 1.0; with the word vectors too, 0.585 / 0.561
# with 0.25 / 0.5. ASSAULT (no vectors): 0.662 hard, 0.665 / 0.659 with 0.25 / 0.5.
SOFT_DIFFICULT_NO = 0.25
TYPE_FEATURES = {"PROTEST": "local"}


# Embedding groups (classifier.EMBEDDING_GROUPS) whose mean word vector each type's model reads.
# PROTEST 5-seed mean out-of-fold F1 (soft targets 0.5): 0.522 without vectors, 0.546 window only, 0.525
# sentence only, 0.561 both; scale 2 / 4 / 8: 0.527 / 0.561 / 0.556. ASSAULT, with 168 positives, gains
# nothing clear (0.666 vs 0.659 mean, fold seed 13 0.622 vs 0.656): it does without.
TYPE_EMBEDDINGS: dict[str, tuple[str, ...]] = {"PROTEST": ("win", "sent")}
EMBEDDING_SCALE = 4.0  # unit vectors' means have small components; scaled, one l2 suits both feature kinds


def embedding_groups(rows: Sequence["GsrRow"]) -> tuple[str, ...]:
    return TYPE_EMBEDDINGS.get(rows[0].event_type, ()) if rows else ()


def l2_grid(rows: Sequence["GsrRow"]) -> tuple[float, ...]:
    return TYPE_L2_GRID.get(rows[0].event_type, L2_GRID) if rows else L2_GRID


def feature_family(rows: Sequence["GsrRow"]) -> str:
    return TYPE_FEATURES.get(rows[0].event_type, "all") if rows else "all"


@dataclass
class GsrRow:
    id: str
    text: str
    label: str          # yes | easy no | difficult no
    event_type: str
    candidates: list    # Candidate objects of event_type
    kept: bool          # some candidate passes the classifier gate (a mention that is not negated)
    doc: object = None  # the analysed Document
    accept: int = 0
    reject: int = 0

    @property
    def scored(self) -> bool:
        """Whether the official scorer counts this row (it skips "ambiguous" ones)."""
        return self.label != "ambiguous"

    @property
    def positive(self) -> int:
        if self.label == "ambiguous":
            return int(self.accept > self.reject)
        return int(self.label == "yes")

    @property
    def target(self) -> float:
        """The training label: soft where the annotators disagreed (see SOFT_DIFFICULT_NO)."""
        if self.label in ("yes", "easy no"):
            return float(self.label == "yes")
        share = self.accept / max(1, self.accept + self.reject)
        return share if self.label == "ambiguous" else SOFT_DIFFICULT_NO * share

    @property
    def features(self) -> list[str]:
        return sorted({f for c in self.candidates for f in c.features})


def candidates_for(doc, etype: str) -> list[Candidate]:
    return [c for c in sentence_candidates(doc) if c.type == etype]


def _int(v) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def load_gsr(path: Path, pipeline, ambiguous: bool = False) -> list[GsrRow]:
    """The scored rows of one GSR detection file; with ambiguous=True also its "ambiguous" rows
    (training-only: `scored` is False)."""
    labels = ("yes", "easy no", "difficult no") + (("ambiguous",) if ambiguous else ())
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"] not in labels:
                continue
            doc = pipeline.analyze(r["text"], None, id=r["id"])
            cands = candidates_for(doc, r["event_type"])
            rows.append(GsrRow(r["id"], r["text"], r["label"], r["event_type"], cands,
                               any(not ctx.negated for c in cands for ctx in c.contexts), doc,
                               _int(r.get("accept")), _int(r.get("reject"))))
    return rows


def _folds(rows: Sequence[GsrRow], k: int, seed: int) -> list[int]:
    """Stratified fold number per scored row, deterministic; -1 (always training) for the others."""
    rng = random.Random(seed)
    fold = [-1] * len(rows)
    for label in (0, 1):
        idx = [i for i, r in enumerate(rows) if r.positive == label and r.scored]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            fold[i] = n % k
    return fold


def _f1(probs: Sequence[Optional[float]], labels: Sequence[int], threshold: float) -> float:
    tp = sum(1 for p, y in zip(probs, labels) if p is not None and p >= threshold and y)
    fp = sum(1 for p, y in zip(probs, labels) if p is not None and p >= threshold and not y)
    fn = sum(labels) - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _features(r: GsrRow, family: str) -> list[str]:
    dropped = FEATURE_SETS[family]
    return [f for f in r.features if not f.startswith(dropped)] if dropped else r.features


@lru_cache(maxsize=1)
def _vector_matrix():
    """(keys, matrix) of the packaged word vectors, or None without them."""
    import numpy as np
    vectors = load_vectors()
    if not vectors:
        return None
    keys = list(vectors)
    return keys, np.asarray([vectors[k] for k in keys], dtype=np.float64)


def _group_mean(r: GsrRow, group: str):
    """EMBEDDING_SCALE times the mean vector of the row's words in `group` (zeros if none has a vector);
    cached on the row, which many fits of a cross-validation share."""
    import numpy as np
    cache = r.__dict__.setdefault("_group_means", {})
    if group not in cache:
        matrix = _vector_matrix()[1]
        index = _key_index()
        rows = [index[k] for k in group_keys(r.features, group) if k in index]
        cache[group] = EMBEDDING_SCALE * matrix[rows].mean(axis=0) if rows else np.zeros(matrix.shape[1])
    return cache[group]


@lru_cache(maxsize=1)
def _key_index() -> dict[str, int]:
    return {k: i for i, k in enumerate(_vector_matrix()[0])}


def _fit(rows: Sequence[GsrRow], l2: float, family: str) -> LogisticModel:
    """A model with threshold 0.5 (callers set theirs); the dense weights of the embedding groups become
    per-word scores (a linear function of a mean vector is the mean of its words' scores)."""
    import numpy as np
    groups = embedding_groups(rows) if _vector_matrix() is not None else ()
    dense = np.asarray([np.concatenate([_group_mean(r, g) for g in groups]) for r in rows]) if groups else None
    w, b = fit_logistic([_features(r, family) for r in rows], [r.target for r in rows], l2=l2, dense=dense)
    if not groups:
        return LogisticModel(w, b, 0.5)
    keys, matrix = _vector_matrix()
    dims = matrix.shape[1]
    scores = {}
    for n, group in enumerate(groups):
        theta = np.asarray([w.pop(f"~dense:{n * dims + j}") for j in range(dims)])
        scores[group] = {k: round(float(v), 4) for k, v in zip(keys, EMBEDDING_SCALE * (matrix @ theta))}
    return LogisticModel(w, b, 0.5, scores)


def _predict(model: LogisticModel, rows: Sequence[GsrRow], gate: bool) -> list[Optional[float]]:
    # a model trained on one family has no weights for the others' features: all rows score the same way
    return [model.probability(r.features) if r.candidates and (r.kept or not gate) else None for r in rows]


def _train_rows(rows):
    return [r for r in rows if r.candidates]


def _select(rows: Sequence[GsrRow], gate: bool, k_inner: int, seed: int) -> tuple[float, float]:
    """(l2, threshold) maximising inner out-of-fold F1 on `rows`."""
    fold = _folds(rows, k_inner, seed)
    family = feature_family(rows)
    grid = l2_grid(rows)
    best = (-1.0, grid[0], 0.5)
    for l2 in grid:
        probs: list[Optional[float]] = [None] * len(rows)
        for f in range(k_inner):
            model = _fit(_train_rows([r for r, g in zip(rows, fold) if g != f]), l2, family)
            test_idx = [i for i, g in enumerate(fold) if g == f]
            for i, p in zip(test_idx, _predict(model, [rows[i] for i in test_idx], gate)):
                probs[i] = p
        scored = [i for i, r in enumerate(rows) if r.scored]
        labels = [rows[i].positive for i in scored]
        for t in [x / 100 for x in range(10, 96, 5)]:
            score = _f1([probs[i] for i in scored], labels, t)
            if score > best[0]:
                best = (score, l2, t)
    return best[1], best[2]


def cross_validate(rows: Sequence[GsrRow], k: int = 5, k_inner: int = 3, seed: int = 13,
                   gate: bool = True) -> tuple[list[Optional[float]], list[LogisticModel], list[dict]]:
    """Out-of-fold probabilities (None: no candidate or not scored), the model that predicted each row
    (trained without it, with its fold's threshold; None for unscored rows), and the per-fold choices."""
    fold = _folds(rows, k, seed)
    probs: list[Optional[float]] = [None] * len(rows)
    fold_models: list[Optional[LogisticModel]] = [None] * len(rows)
    choices = []
    for f in range(k):
        train = [r for r, g in zip(rows, fold) if g != f]
        l2, t = _select(train, gate, k_inner, seed + f + 1)
        family = feature_family(rows)
        model = replace(_fit(_train_rows(train), l2, family), threshold=t)
        test_idx = [i for i, g in enumerate(fold) if g == f]
        for i, p in zip(test_idx, _predict(model, [rows[i] for i in test_idx], gate)):
            probs[i] = p
            fold_models[i] = model
        choices.append({"fold": f, "l2": l2, "threshold": t, "features": family})
    return probs, fold_models, choices


def fit_final(rows: Sequence[GsrRow], k_inner: int = 5, seed: int = 13, gate: bool = True) -> dict:
    """The shipped model for one type: l2 and threshold chosen by CV on all rows, then fit on all rows."""
    l2, t = _select(rows, gate, k_inner, seed)
    family = feature_family(rows)
    fit_rows = _train_rows(rows)
    model = _fit(fit_rows, l2, family)
    return {"weights": model.weights, "bias": model.bias, "threshold": t, "word_scores": model.word_scores,
            "embedding_groups": list(embedding_groups(rows)), "l2": l2, "features": family, "rows": len(rows),
            "positives": sum(r.positive for r in rows), "candidate_rows": len(fit_rows),
            "training_only_rows": sum(1 for r in rows if not r.scored)}
