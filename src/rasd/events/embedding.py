"""Distributional word vectors for the event classifiers, learned from unlabelled news (SaudiNewsNet).

The GSR PROTEST data has 45 positive rows: a model over word identities cannot learn that "احتشد"
and "تجمهر", or "ساحة" and "ميدان", play the same part. Dense vectors learned from millions of words of
news can: the classifier sees the mean vector of the words around the trigger and of the sentence.

Method (numpy only, at build time; like rasd.ner.clusters, but on the trigger matching keys and with
a symmetric bag-of-words context, which groups words by topic rather than by syntax):
1. Keys (triggers.token_key: clitic-free, normalised, suffix-stripped stems) of the `vocab` most
   frequent words; context = the keys within CONTEXT_WINDOW positions, among the `contexts` most frequent.
2. Positive PMI of the word x context matrix, rows L2-normalised, reduced to `dims` dimensions by a
   seeded randomized SVD, rows L2-normalised again.
3. Stored quantised to int8 (value * 127) in data/word_vectors.tsv.gz: key, then the dims.

Only training reads the vectors (training.py): a linear model over a mean of vectors is a mean of
per-word scores, so the shipped model (data/classifier.json) keeps one number per word and group
(classifier.LogisticModel.word_scores) and inference stays a dictionary lookup.
Rebuild: `python scripts/build_event_vectors.py` (about a minute on 2 cores).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from rasd.tables import tsv_rows, write_tsv

__all__ = ["FILE", "CONTEXT_WINDOW", "build", "load_vectors", "text_keys"]

FILE = "data/word_vectors.tsv.gz"
CONTEXT_WINDOW = 2


def text_keys(text: str) -> list[str]:
    """The matching keys of a text's word tokens (digits and punctuation dropped)."""
    from rasd.events.triggers import token_key
    from rasd.text.tokenize import tokenize
    out = []
    for tok in tokenize(text):
        key = token_key(tok)
        if len(key) >= 2 and not key.isdigit() and any(ch.isalpha() for ch in key):
            out.append(key)
    return out


def build(texts: Iterable[str], out_path: Path, *, vocab: int = 20000, contexts: int = 3000, dims: int = 64,
          seed: int = 13, source: str = "") -> dict:
    import numpy as np

    from rasd.ner.clusters import ppmi_svd

    sentences = [text_keys(t) for t in texts]
    counts = Counter(k for sent in sentences for k in sent)
    words = [w for w, c in counts.most_common(vocab) if c >= 5]
    ctx = [w for w, _ in counts.most_common(contexts)]
    w_index = {w: i for i, w in enumerate(words)}
    c_index = {w: i for i, w in enumerate(ctx)}
    m = np.zeros((len(words), len(ctx)), dtype=np.float32)
    for sent in sentences:
        rows = [w_index.get(k) for k in sent]
        cols = [c_index.get(k) for k in sent]
        for i, row in enumerate(rows):
            if row is None:
                continue
            for j in range(max(0, i - CONTEXT_WINDOW), min(len(sent), i + CONTEXT_WINDOW + 1)):
                if j != i and cols[j] is not None:
                    m[row, cols[j]] += 1
    reduced = ppmi_svd(m, dims, seed)
    quantised = np.clip(np.rint(reduced * 127), -127, 127).astype(np.int8)
    write_tsv(out_path, f"rasd event word vectors: key, then {dims} int8 values (x/127). PPMI-SVD derived from "
              f"{source or 'news text'} (vectors only, no text). See rasd/events/embedding.py",
              ([w, " ".join(str(int(x)) for x in v)] for w, v in zip(words, quantised)))
    load_vectors.cache_clear()
    return {"words": len(words), "tokens": sum(len(s) for s in sentences), "contexts": len(ctx), "dims": dims}


@lru_cache(maxsize=1)
def load_vectors() -> dict[str, tuple[float, ...]]:
    """key -> unit-length vector; {} when the table is not packaged."""
    path = resources.files("rasd.events").joinpath(FILE)
    return {key: tuple(int(x) / 127 for x in values.split()) for key, values in tsv_rows(str(path))}
