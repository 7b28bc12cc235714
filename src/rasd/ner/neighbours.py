"""Embedding-neighbour label features for the CRF: what the training labels say about a word's neighbours.

Most names in new text never occur in ANERcorp train, but their distributional neighbours often do:
"كيري" sits next to "فابيوس", "اوباما", "كاميرون" in the stem embeddings learned from SaudiNewsNet
(scripts/build_ner_embeddings.py). For every stem of the embedding vocabulary, `build` averages the
training label shares (how often a stem is inside a PER / LOC / ORG / MISC entity) of its `k`
nearest labelled stems, weighted by cosine similarity and EXCLUDING the stem itself, so a training
word's feature never restates its own label (the CRF has its own word features for that), and a
train word and an unseen word get features computed the same way. Shares become coarse buckets like
the auto-lexicon's ("nPER=h"): coarse, because few distinct features keep the CRF small and robust.

Unlike the k-means clusters (clusters.py), which only say "these words behave alike", these
features carry the supervised signal across the neighbourhood, per label.

The table is a sidecar of the model (`<model>.neighbours.tsv.gz`: stem, features), written by
training from the training part only, so dev figures stay honest; a model without it simply gets
no such features.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from rasd.tables import tsv_rows, write_tsv

LABELS = ("PER", "LOC", "ORG", "MISC")
K = 10
MIN_COUNT = 2
MIN_SIMILARITY = 0.3


def sidecar_path(model_path: str | os.PathLike) -> Path:
    return Path(str(model_path) + ".neighbours.tsv.gz")


def _bucket(share: float):
    return "h" if share >= 0.5 else "m" if share >= 0.2 else "l" if share >= 0.05 else None


def label_shares(sentences) -> dict[str, np.ndarray]:
    """stem -> (count, PER, LOC, ORG, MISC shares) over aligned training sentences."""
    from rasd.ner.neural import stem_key

    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in sentences:
        for token, tag in zip(sent.tokens, sent.tags):
            counts[stem_key(token)][tag[2:] if tag != "O" else "O"] += 1
    out = {}
    for stem, c in counts.items():
        total = sum(c.values())
        out[stem] = np.array([total] + [c[lab] / total for lab in LABELS], np.float32)
    return out


def build(embeddings: str | os.PathLike, sentences, out_path: str | os.PathLike, *, k: int = K,
          min_count: int = MIN_COUNT) -> dict:
    """Write the neighbour-feature table for every embedding stem; returns a small report."""
    with np.load(embeddings) as data:
        words = [str(w) for w in data["words"]]
        vectors = data["vectors"].astype(np.float32)
    shares = label_shares(sentences)
    index = {w: i for i, w in enumerate(words)}
    labelled = [w for w, row in shares.items() if row[0] >= min_count and w in index]
    lab_rows = np.array([index[w] for w in labelled])
    lab_vectors = vectors[lab_rows]
    lab_shares = np.stack([shares[w][1:] for w in labelled])

    def table():
        for start in range(0, len(words), 2048):
            sims = vectors[start:start + 2048] @ lab_vectors.T                     # (chunk, labelled)
            own = np.nonzero(lab_rows[None, :] == np.arange(start, start + len(sims))[:, None])
            sims[own] = -1.0
            top = np.argpartition(-sims, k, axis=1)[:, :k]
            weights = np.maximum(np.take_along_axis(sims, top, axis=1), 0)
            weights[weights < MIN_SIMILARITY] = 0
            norm = weights.sum(axis=1, keepdims=True)
            avg = (weights[..., None] * lab_shares[top]).sum(axis=1) / np.maximum(norm, 1e-9)
            for i, row in enumerate(avg):
                if norm[i, 0] <= 0:
                    continue
                feats = [f"n{lab}={b}" for lab, share in zip(LABELS, row) if (b := _bucket(float(share)))]
                yield [words[start + i], " ".join(feats or ["n=none"])]

    rows = write_tsv(out_path, "rasd NER neighbour features: stem, features from the label shares of its nearest "
                     "labelled stems (see rasd/ner/neighbours.py); derived from SaudiNewsNet vectors and ANERcorp "
                     "labels", table())
    load.cache_clear()
    return {"rows": rows, "labelled_stems": len(labelled)}


@lru_cache(maxsize=4)
def load(path: str) -> dict[str, tuple[str, ...]]:
    """stem -> neighbour features; empty when the file is absent."""
    return {stem: tuple(feats.split(" ")) for stem, feats in tsv_rows(path)}


def features_of(table: dict, stems: Sequence[str]) -> list[str]:
    for stem in stems:
        hit = table.get(stem)
        if hit:
            return list(hit)
    return []
