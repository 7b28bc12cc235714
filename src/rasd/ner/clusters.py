"""Distributional word clusters for the NER features, learned from unlabelled news (SaudiNewsNet).

ANERcorp's training set is small (125k tokens): most names in new text were never seen in it. A
word's cluster, learned from millions of words of news, tells the CRF that an unseen "كيري" keeps
the company of other foreign surnames, or that "الشورى" behaves like the names of councils.

Method (a cheap stand-in for Brown clusters, numpy only, at build time):
1. Stems (article and clitics removed, normalised: the same `stem` the features use) of the
   most frequent `vocab` words; context = the stems one position left and right, among the
   `contexts` most frequent, counted separately by side.
2. Positive PMI of the word x context matrix, rows L2-normalised, reduced to `dims` dimensions by a
   seeded randomized SVD.
3. Seeded k-means at two granularities (64 and 512 clusters) on the unit-length reduced vectors;
   a word gets both ids as features (like two Brown-path prefixes).

The shipped table (data/clusters.tsv.gz: stem, coarse id, fine id) keeps no text, only derived
cluster ids; SaudiNewsNet is CC BY-NC-SA 4.0 (noted in the file header and in NOTICE).
Rebuild: `python -m rasd.ner.clusters --articles 12000` (about two minutes on 2 cores).
"""
from __future__ import annotations

import argparse
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from rasd.tables import tsv_rows, write_tsv

FILE = "clusters.tsv.gz"
GRANULARITIES = (64, 512)


@lru_cache(maxsize=1)
def clusters() -> dict[str, tuple[str, str]]:
    """stem -> (coarse id, fine id); empty when the table is absent."""
    path = resources.files("rasd.ner").joinpath("data", FILE)
    return {stem: (coarse, fine) for stem, coarse, fine in tsv_rows(str(path))}


def _stems(text: str) -> list[str]:
    from rasd.text.normalize import normalize_string
    from rasd.text.tokenize import tokenize

    out = []
    for tok in tokenize(text):
        out.append(normalize_string(tok.stem.form) or tok.norm)
    return out


def _kmeans(x, k: int, seed: int, iterations: int = 25):
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(x @ centres.T, axis=1)  # cosine: rows and centres are unit length
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) + 1e-9)
    return np.argmax(x @ centres.T, axis=1)


def ppmi_svd(m, dims: int, seed: int):
    """Rows of a word x context count matrix as `dims`-dimensional unit vectors: positive PMI, rows
    L2-normalised, a seeded randomized SVD, rows normalised again. Shared by these clusters and the event
    classifier's word vectors (rasd.events.embedding)."""
    import numpy as np

    total = m.sum()
    row_p = m.sum(axis=1, keepdims=True) / total
    col_p = m.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (row_p @ col_p))
    pmi = np.nan_to_num(np.maximum(pmi, 0), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    pmi /= np.linalg.norm(pmi, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(pmi @ rng.standard_normal((pmi.shape[1], dims + 10)).astype(np.float32))
    _, _, vt = np.linalg.svd(q.T @ pmi, full_matrices=False)
    reduced = pmi @ vt[:dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    return reduced


def build(texts: Iterable[str], out_path: Path, *, vocab: int = 40000, contexts: int = 2000,
          dims: int = 96, seed: int = 13, source: str = "") -> dict:
    import numpy as np

    sentences = [_stems(t) for t in texts]
    counts = Counter(s for sent in sentences for s in sent)
    words = [w for w, c in counts.most_common(vocab) if c >= 3]
    ctx = [w for w, _ in counts.most_common(contexts)]
    w_index = {w: i for i, w in enumerate(words)}
    c_index = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(words), 2 * len(ctx)), dtype=np.float32)
    for sent in sentences:
        for i, w in enumerate(sent):
            row = w_index.get(w)
            if row is None:
                continue
            if i > 0 and (c := c_index.get(sent[i - 1])) is not None:
                m[row, c] += 1
            if i + 1 < len(sent) and (c := c_index.get(sent[i + 1])) is not None:
                m[row, len(ctx) + c] += 1
    reduced = ppmi_svd(m, dims, seed)
    ids = [_kmeans(reduced, k, seed + k) for k in GRANULARITIES]
    write_tsv(out_path, f"rasd NER word clusters: stem, {GRANULARITIES[0]}-cluster id, {GRANULARITIES[1]}-cluster "
              f"id. Derived from {source or 'news text'} (cluster ids only, no text). See rasd/ner/clusters.py",
              ([w, str(coarse), str(fine)] for w, coarse, fine in zip(words, *ids)))
    clusters.cache_clear()
    return {"words": len(words), "tokens": sum(len(s) for s in sentences), "contexts": len(ctx)}


def main() -> None:
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12000)
    parser.add_argument("--vocab", type=int, default=40000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / FILE)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from _common import saudinewsnet

    texts = (a["text"] for a in saudinewsnet(args.articles))
    info = build(texts, args.out, vocab=args.vocab, source=f"SaudiNewsNet (CC BY-NC-SA 4.0), first {args.articles} articles")
    print(info)


if __name__ == "__main__":
    main()
