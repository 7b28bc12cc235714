"""Corpus-level evidence about each stem, learned by tagging unlabelled news (the "auto-lexicon").

A CRF reads one sentence; a name it has never seen is often ambiguous there ("بكري", "رضا"). In a
few thousand news articles the same name also turns up in easy contexts, where a CRF trained on
ANERcorp does tag it. The auto-lexicon keeps, per frequent stem, its corpus count, how many of its
occurrences that first CRF tagged inside a PER / LOC / ORG / MISC entity, and how many directly
follow a person title or trigger word. `Autolex.features` turns those shares into coarse bucket
features ("aPER=h"): coarse because the shares come from a model and are noisy, and few distinct
features keep the second CRF small. The second CRF learns how far to trust the first one's
corpus-wide opinion, per label and bucket (two-stage "extended prediction history").
Multi-word names the first CRF tagged at least MIN_COUNT times, with one label in >= 60% of them,
are kept too (rows whose key has spaces: the words' gazetteer lookup keys) and give window
features like the KB gazetteer's ("awB=ORG" on the first word, "awI=ORG" on the others).

Training (train.py) therefore runs in two stages: a CRF without these features tags the news,
`build` writes the table, and the final CRF is trained with it. The table travels with the model
as a sidecar file (`<model>.autolex.tsv.gz`), so a model and its table always match; a model
without a sidecar simply gets no auto-lexicon features. On the dev split this lifts the recall of
names unseen in training from 0.560 to 0.592 (see train.py for the figures).

The table holds stems and counts derived from SaudiNewsNet (CC BY-NC-SA 4.0), no text.
"""
from __future__ import annotations

import bisect
import json
import os
import zipfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from rasd.tables import tsv_rows, write_tsv

LABELS = ("PER", "LOC", "ORG", "MISC")
MIN_COUNT = 3
RARE = ("a=rare",)
PHRASE_SHARE = 0.6
MAX_PHRASE = 4


def sidecar_path(model_path: str | os.PathLike) -> Path:
    return Path(str(model_path) + ".autolex.tsv.gz")


def _bucket(share: float) -> Optional[str]:
    if share >= 0.5:
        return "h"
    if share >= 0.2:
        return "m"
    if share >= 0.05:
        return "l"
    return None


def row_features(total: int, label_counts: Iterable[int], after_cue: int) -> tuple[str, ...]:
    feats = []
    for label, c in zip(LABELS, label_counts):
        b = _bucket(c / total)
        if b:
            feats.append(f"a{label}={b}")
    cue = _bucket(after_cue / total)
    if cue:
        feats.append("acue=" + cue)
    return tuple(feats) or ("a=none",)


def _table_rows(path: str):
    """(key, total, counts) of each row of a table written by `build`; nothing when the file is absent."""
    for key, n, *counts in tsv_rows(path):
        yield key, int(n), counts


@lru_cache(maxsize=4)
def load(path: str) -> dict[str, tuple[str, ...]]:
    """stem -> auto-lexicon feature strings, from a table written by `build` (empty if absent)."""
    return {stem: row_features(total, map(int, counts[:4]), int(counts[4]))
            for stem, total, counts in _table_rows(path) if total >= MIN_COUNT and " " not in stem}


@lru_cache(maxsize=4)
def load_phrases(path: str) -> dict[str, str]:
    """Multi-word names the first-stage CRF tagged often and consistently: lookup key -> label."""
    out: dict[str, str] = {}
    for key, total, counts in _table_rows(path):
        if " " not in key or total < MIN_COUNT:
            continue
        best = max(range(len(LABELS)), key=lambda k: int(counts[k]))
        if int(counts[best]) >= PHRASE_SHARE * total:
            out[key] = LABELS[best]
    return out


def build(texts: Iterable[str], model_path: str | os.PathLike, out_path: str | os.PathLike, *,
          min_count: int = MIN_COUNT, source: str = "") -> dict:
    """Tag `texts` with the CRF at `model_path` and write the stem table to `out_path`."""
    from rasd.ner.gazetteer import table
    from rasd.ner.model import NerModel
    from rasd.text.normalize import normalize_string
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    model = NerModel(Path(model_path))
    person_cue = {k for k, v in table().items() if "TRG_PER" in v or "TITLE" in v}
    totals: Counter = Counter()
    inside: dict[str, Counter] = defaultdict(Counter)
    after_cue: Counter = Counter()
    phrases: dict[str, Counter] = defaultdict(Counter)
    stem_of: dict[str, str] = {}
    n_tokens = 0
    for text in texts:
        tokens = tokenize(text)
        starts = [t.start for t in tokens]
        for sent in split_sentences(text):
            a = b = bisect.bisect_left(starts, sent.start)
            while b < len(tokens) and tokens[b].end <= sent.end:
                b += 1
            toks = tokens[a:b]
            if not toks:
                continue
            n_tokens += len(toks)
            stems = []
            for t in toks:
                s = stem_of.get(t.norm)
                if s is None:
                    s = stem_of[t.norm] = normalize_string(t.stem.form) or t.norm
                stems.append(s)
            for i, j, label, _score in model.tag(text, toks):
                for m in range(i, j):
                    inside[stems[m]][label] += 1
                if 2 <= j - i <= MAX_PHRASE:
                    key = " ".join(model.features.word_info(text[t.start:t.end], t).lookup for t in toks[i:j])
                    phrases[key][label] += 1
            for m, s in enumerate(stems):
                totals[s] += 1
                if m and (stems[m - 1] in person_cue or toks[m - 1].norm in person_cue):
                    after_cue[s] += 1

    def table():
        for stem, n in totals.most_common():
            if n < min_count:
                break
            c = inside.get(stem, Counter())
            yield [stem, str(n), *(str(c[lab]) for lab in LABELS), str(after_cue[stem])]
        for key, c in sorted(phrases.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            n = sum(c.values())
            if n >= min_count:
                yield [key, str(n), *(str(c[lab]) for lab in LABELS), "0"]

    rows = write_tsv(out_path, "rasd NER auto-lexicon: stem, count, tokens tagged inside PER, LOC, ORG, MISC by a "
                     "first-stage CRF, count after a person title/trigger. Derived from " + (source or "news text")
                     + " (counts only, no text). See rasd/ner/autolex.py", table())
    load.cache_clear()
    load_phrases.cache_clear()
    return {"tokens": n_tokens, "rows": rows}


def saudinewsnet_texts(limit: int, shared: Optional[str | os.PathLike] = None) -> Iterator[str]:
    """The first `limit` SaudiNewsNet articles, in bench/_common.saudinewsnet's order (zip, member, position)."""
    root = Path(shared or os.environ.get("RASD_SHARED") or Path(__file__).resolve().parents[3].parent / "shared")
    folder = root / "data/news/saudinewsnet/dataset"
    if not folder.is_dir():
        raise FileNotFoundError(f"SaudiNewsNet not found under {root} (set RASD_SHARED)")
    count = 0
    for archive in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in sorted(z.namelist()):
                for article in json.loads(z.read(name)):
                    text = (article.get("content") or "").strip()
                    if not text:
                        continue
                    yield text
                    count += 1
                    if count >= limit:
                        return
