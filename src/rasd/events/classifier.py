"""A small logistic-regression filter over trigger candidates: does this sentence report an event of type T?

A keyword lexicon fires on most sentences that merely mention protests or attacks (commentary, history,
plans, generic talk). For the types with labelled data (PROTEST and ASSAULT, from the arabic_event_gsr
dev halves) a per-type logistic model scores each (sentence, type) candidate from sparse binary
features: which lexicon entries and trigger words fired, the context cues around them (negation,
future, hypothetical, generic, figurative, historical, recent-time words, casualty words, reporting
verbs), numbers and dates in the sentence, the other event types present, the sentence's words, and
the words within WINDOW tokens on each side of every trigger ("L:"/"R:" features: "تجمع المتظاهرون
أمام" reads differently from "حق التظاهر" even when both sentences share most of their words; in
out-of-fold cross-validation on the GSR PROTEST rows they raised F1 by about 4 points), and the shape of
each trigger token ("shape:" features: its clitics, a crowd size next to it, its immediate neighbours;
they carry the PROTEST model, which is trained without the sentence's bag of words: training.py).

A model may also read the mean word vector of two word groups (EMBEDDING_GROUPS: the trigger windows and
the sentence; vectors from embedding.py); the shipped file holds the equivalent per-word scores, since a
linear function of a mean vector is the mean of its words' scores.

Inference is a dictionary dot product over the weights in data/classifier.json (no numpy). Training
(`fit_logistic`, used by scripts/train_events.py and bench/gsr_detect.py) imports numpy lazily.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional, Sequence

__all__ = ["LogisticModel", "candidate_features", "load_models", "fit_logistic", "MODEL_FILE", "EMBEDDING_GROUPS",
           "group_keys"]

MODEL_FILE = "data/classifier.json"
WINDOW = 3
# crowd-size words: "آلاف المتظاهرين" reports a gathering, "حق التظاهر" does not
QUANTITY_WORDS = ("آلاف", "الآلاف", "مئات", "المئات", "عشرات", "العشرات", "ألف", "ملايين", "الملايين", "حشود",
                  "نحو", "حوالي", "قرابة", "أكثر", "زهاء", "مليون")
_YEAR_RE = re.compile(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])")


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


@lru_cache(maxsize=1)
def _quantity_keys() -> frozenset:
    from rasd.events.triggers import word_keys
    return frozenset(k for w in QUANTITY_WORDS for k in word_keys(w)[:1])


def _shape_features(m, toks: Sequence, keys: Sequence[str]) -> set[str]:
    """How the trigger sits in its sentence, beyond the words around it: its clitics ("للاحتجاج" is
    a purpose, "مظاهراتهم" a possessed noun), a crowd size next to it ("آلاف المتظاهرين", "تظاهر
    المئات") and whether it opens the sentence or follows a verb-like word with و/ف ("ورشق المتظاهرون")."""
    out = set()
    tok = toks[m.first]
    for seg in tok.segments:
        if seg.kind == "proclitic":
            out.add("procl:" + seg.form)
        elif seg.kind == "enclitic":
            out.add("encl")
    qty = _quantity_keys()

    def is_qty(i: int) -> bool:
        return keys[i].isdigit() or keys[i] in qty

    if any(is_qty(i) for i in range(max(0, m.first - 3), m.first)):
        out.add("qty_before")
    if any(is_qty(i) for i in range(m.last + 1, min(len(keys), m.last + 3))):
        out.add("qty_after")
    if m.first <= 1:
        out.add("opens")
    out.add("L1:" + (keys[m.first - 1] if m.first > 0 else "^"))
    out.add("R1:" + (keys[m.last + 1] if m.last + 1 < len(keys) else "$"))
    if m.first > 0:
        prev = toks[m.first - 1]
        forms = [seg.form for seg in prev.segments if seg.kind == "proclitic"]
        if forms and forms[0] in ("و", "ف") and "ال" not in forms:
            out.add("after_wa_word")
    return out


def candidate_features(etype: str, mentions: Sequence, contexts: Sequence, keys: Sequence[str], text: str,
                       other_types: Iterable[str], n_numbers: int, has_relative_date: bool,
                       has_date: bool, toks: Optional[Sequence] = None) -> list[str]:
    """Binary features of one (sentence, type) candidate; `mentions` are TriggerMatch, `contexts`
    TriggerContext; `toks` (the sentence's tokens, aligned with `keys`) adds the trigger-shape features."""
    f = {"bias_len:" + _bucket(len(keys), (8, 15, 25, 40, 60))}
    for m, c in zip(mentions, contexts):
        if toks is not None:
            for x in _shape_features(m, toks, keys):
                f.add("shape:" + x)
                f.add(f"shape:{x}:{m.entry.kind}")
        f.add(f"entry:{m.entry.index}")
        f.add("trig:" + "_".join(m.phrase))
        f.add(f"mode:{m.entry.mode}")
        f.add(f"kind:{m.entry.kind}")
        f.add("pos:" + _bucket(m.first, (0, 2, 5, 10, 20)))
        for flag in c.flags:
            f.add("cue:" + flag)
            f.add(f"cue:{flag}:{m.entry.kind}")
        f.add("status:" + c.status)
        for k in keys[max(0, m.first - WINDOW):m.first]:
            f.add("L:" + k)
        for k in keys[m.last + 1:m.last + 1 + WINDOW]:
            f.add("R:" + k)
        if c.negated:
            f.add("negated")
        if not (c.negated or c.generic or c.figurative) and c.status in ("occurred", "ongoing"):
            f.add("clean_mention")
    f.add("n_trig:" + _bucket(len(mentions), (1, 2, 3)))
    if all(c.negated or c.generic or c.figurative for c in contexts):
        f.add("all_suppressed")
    for t in other_types:
        f.add("other:" + t)
    if n_numbers:
        f.add("numbers")
        if any("casualty" in c.flags for c in contexts):
            f.add("numbers+casualty")
    if has_relative_date:
        f.add("date:relative")
    if has_date:
        f.add("date:any")
    if _YEAR_RE.search(text):
        f.add("year")
    for k in keys:
        if len(k) >= 2 and not k.isdigit():
            f.add("w:" + k)
    for a, b in zip(keys, keys[1:]):
        if len(a) >= 2 and len(b) >= 2:
            f.add(f"b:{a}_{b}")
    return sorted(f)


# Word groups whose mean word vector (embedding.py) the model reads: the words around the triggers and
# the sentence's words, named by the prefixes of the features that list them.
EMBEDDING_GROUPS = {"win": ("L:", "R:"), "sent": ("w:",)}


def group_keys(features: Iterable[str], group: str) -> list[str]:
    """The distinct word keys that the features list for an embedding group, sorted."""
    prefixes = EMBEDDING_GROUPS[group]
    return sorted({x[len(p):] for x in features for p in prefixes if x.startswith(p)})


@dataclass(frozen=True)
class LogisticModel:
    """weights: feature -> weight. word_scores: embedding group -> word key -> score; a linear model over
    the mean word vector of a group is the mean of its words' scores (words without a vector are skipped)."""
    weights: dict
    bias: float
    threshold: float
    word_scores: dict = field(default_factory=dict, compare=False)

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(x, 0.0) for x in features)
        for group, scores in self.word_scores.items():
            values = [scores[k] for k in group_keys(features, group) if k in scores]
            if values:
                z += sum(values) / len(values)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def models_from_json(data: dict) -> dict[str, LogisticModel]:
    return {t: LogisticModel(m["weights"], float(m["bias"]), float(m["threshold"]), m.get("word_scores") or {})
            for t, m in data["models"].items()}


@lru_cache(maxsize=1)
def load_models() -> dict[str, LogisticModel]:
    """The shipped per-type models; {} when no model file is packaged."""
    path = resources.files("rasd.events").joinpath(MODEL_FILE)
    if not path.is_file():
        return {}
    return models_from_json(json.loads(path.read_text(encoding="utf-8")))


def fit_logistic(rows: Sequence[Sequence[str]], labels: Sequence[float], l2: float = 1.0, min_count: int = 2,
                 iterations: int = 300, class_weight: Optional[float] = None,
                 dense: Optional[Sequence[Sequence[float]]] = None) -> tuple[dict, float]:
    """L2-regularised logistic regression by full-batch gradient descent (Adam) on binary features.

    Features seen in fewer than `min_count` rows are dropped. `class_weight` multiplies the loss of
    positive rows (default: balance the classes). A label may be soft (a float in [0, 1], e.g. the
    share of annotators who accepted the row). `dense` adds real-valued columns (one row of floats per
    row); their weights come back as "~dense:<i>" entries of the weights. Returns (weights, bias).
    """
    import numpy as np
    counts: dict[str, int] = {}
    for r in rows:
        for x in set(r):
            counts[x] = counts.get(x, 0) + 1
    vocab = {x: i for i, x in enumerate(sorted(x for x, n in counts.items() if n >= min_count))}
    # the design matrix is sparse (tens of active features per row over tens of thousands of columns):
    # products run over its (row, column) pairs with bincount, ~50x faster than a dense matrix
    pairs = [(i, j) for i, r in enumerate(rows) for j in {vocab[x] for x in r if x in vocab}]
    row_of = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    col_of = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    n_rows, n_cols = len(rows), len(vocab)
    y = np.asarray(labels, dtype=np.float64)
    pos = max(1.0, float(y.sum()))
    cw = class_weight if class_weight is not None else (len(y) - pos) / pos
    # a soft label y in (0, 1) is a row that counts y times as a positive and 1 - y times as a negative:
    # loss = -cw*y*log(p) - (1-y)*log(1-p), whose gradient in z is (cw*y + 1 - y) * p - cw*y
    pos_w, neg_w = cw * y, 1.0 - y
    total = float((pos_w + neg_w).sum())
    pos_w, neg_w = pos_w / total, neg_w / total
    d = np.asarray(dense, dtype=np.float64) if dense is not None else np.zeros((n_rows, 0))
    n_sparse = n_cols
    n_cols += d.shape[1]
    w = np.zeros(n_cols, dtype=np.float64)
    b = 0.0
    m_w = np.zeros_like(w); v_w = np.zeros_like(w); m_b = v_b = 0.0
    lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
    lam = l2 / len(y)
    for t in range(1, iterations + 1):
        z = np.bincount(row_of, weights=w[col_of], minlength=n_rows) + d @ w[n_sparse:] + b
        p = 1.0 / (1.0 + np.exp(-z))
        g = (pos_w + neg_w) * p - pos_w
        gw = np.concatenate([np.bincount(col_of, weights=g[row_of], minlength=n_sparse), d.T @ g]) + lam * w
        gb = float(g.sum())
        m_w = b1 * m_w + (1 - b1) * gw; v_w = b2 * v_w + (1 - b2) * gw * gw
        m_b = b1 * m_b + (1 - b1) * gb; v_b = b2 * v_b + (1 - b2) * gb * gb
        w -= lr * (m_w / (1 - b1 ** t)) / (np.sqrt(v_w / (1 - b2 ** t)) + eps)
        b -= lr * (m_b / (1 - b1 ** t)) / (math.sqrt(v_b / (1 - b2 ** t)) + eps)
    inv = {i: x for x, i in vocab.items()}
    inv.update({n_sparse + j: f"~dense:{j}" for j in range(d.shape[1])})
    weights = {inv[i]: round(float(v), 5) for i, v in enumerate(w) if abs(v) >= 1e-4 or i >= n_sparse}
    return weights, float(b)
