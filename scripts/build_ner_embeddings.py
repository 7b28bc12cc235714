"""Stem embeddings for the neural NER tagger, learned from unlabelled SaudiNewsNet news (numpy/scipy).

ANERcorp train has 125k tokens; most names in new text never occur in it. Dense vectors learned
from millions of words of news place an unseen name near the names it keeps company with, which a
tagger trained on ANERcorp can then generalise from.

Method (count-based, deterministic, minutes on one core; Levy, Goldberg & Dagan 2015 showed PPMI+SVD
with these tweaks is on a par with skip-gram at this scale):
1. Stems as the taggers see them (`stem_key`: dictionary form, clitics and article removed,
   normalised), for the first `articles` SaudiNewsNet articles in bench/_common.saudinewsnet order.
2. Word x context counts with contexts = the `contexts` most frequent stems at offsets -2,-1,+1,+2,
   kept apart by side (left/right) and weighted 1 (distance 1) and 0.5 (distance 2).
3. Positive PMI with context-distribution smoothing (alpha 0.75), then a seeded randomized SVD; the
   vectors are U * sqrt(S) (eigenvalue weighting 0.5), rows scaled to unit length.

Output: an .npz with `words` (unicode array) and `vectors` (float16), derived vectors only, no text.
SaudiNewsNet is CC BY-NC-SA 4.0 (see NOTICE).

    .venv/bin/python scripts/build_ner_embeddings.py --articles 15000 --out /tmp/ner_nn/embeddings.npz
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def corpus_stems(articles: int, cache: Path | None) -> list[list[str]]:
    """Stem sequences of each sentence-ish run of the first `articles` articles (cached as pickle)."""
    if cache and cache.exists():
        with open(cache, "rb") as f:
            return pickle.load(f)
    from _common import saudinewsnet

    from rasd.ner.neural import stem_key
    from rasd.text.tokenize import tokenize

    out = []
    for article in saudinewsnet(articles):
        out.append([stem_key(t) for t in tokenize(article["text"])])
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(out, f, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def build(docs: list[list[str]], *, vocab: int, contexts: int, dims: int, min_count: int, seed: int):
    from scipy import sparse

    counts = Counter(s for doc in docs for s in doc)
    words = [w for w, c in counts.most_common(vocab) if c >= min_count]
    ctx = [w for w, _ in counts.most_common(contexts)]
    w_index = {w: i for i, w in enumerate(words)}
    c_index = {w: i for i, w in enumerate(ctx)}
    rows, cols, vals = [], [], []
    n_ctx = len(ctx)
    for doc in docs:
        ids = [w_index.get(s, -1) for s in doc]
        cids = [c_index.get(s, -1) for s in doc]
        n = len(doc)
        for i, row in enumerate(ids):
            if row < 0:
                continue
            for k, weight in ((-2, 0.5), (-1, 1.0), (1, 1.0), (2, 0.5)):
                j = i + k
                if 0 <= j < n and cids[j] >= 0:
                    rows.append(row)
                    cols.append(cids[j] + (0 if k < 0 else n_ctx))
                    vals.append(weight)
    m = sparse.coo_matrix((np.array(vals, np.float32), (np.array(rows), np.array(cols))),
                          shape=(len(words), 2 * n_ctx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_p = np.asarray(m.sum(axis=1)).ravel() / total
    col_counts = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col_counts / col_counts.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / (row_p[m.row] * col_p[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep].astype(np.float32), (m.row[keep], m.col[keep])), shape=m.shape)
    rng = np.random.default_rng(seed)
    q = ppmi @ rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32)
    for _ in range(3):  # power iterations sharpen the leading subspace
        q, _ = np.linalg.qr(q)
        q = ppmi @ (ppmi.T @ q)
    q, _ = np.linalg.qr(q)
    u_small, s, _ = np.linalg.svd(np.asarray((ppmi.T @ q).T), full_matrices=False)
    u = q @ u_small[:, :dims]
    vectors = u * np.sqrt(s[:dims])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return words, vectors.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=15000)
    parser.add_argument("--vocab", type=int, default=60000)
    parser.add_argument("--contexts", type=int, default=5000)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the tokenised stems, reused if present")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    docs = corpus_stems(args.articles, args.cache)
    tokenised = time.perf_counter() - started
    words, vectors = build(docs, vocab=args.vocab, contexts=args.contexts, dims=args.dims,
                           min_count=args.min_count, seed=args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=np.array(words), vectors=vectors.astype(np.float16),
                        source=np.array(f"SaudiNewsNet (CC BY-NC-SA 4.0), first {args.articles} articles; "
                                        "PPMI+SVD stem vectors, scripts/build_ner_embeddings.py"))
    print({"words": len(words), "tokens": sum(map(len, docs)), "dims": args.dims,
           "tokenise_seconds": round(tokenised, 1), "seconds": round(time.perf_counter() - started, 1)})


if __name__ == "__main__":
    main()
