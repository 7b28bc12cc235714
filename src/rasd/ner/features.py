"""CRF features for one sentence of rasd tokens.

Training and inference build features with the same `FeatureExtractor` (and the same auto-lexicon
table, stored next to the model) on tokens from `rasd.text.tokenize`, so the model never sees a
feature computed differently from how it was trained.

Speed is the design constraint (the target is >= 50k tokens/s in one process): everything that
depends on one word only is computed once per distinct surface form and cached, including the
strings the word contributes to its neighbours' feature lists ("-1:w=..."). Per sentence, the only
work is concatenating cached lists, two bigram strings per token and the 2-3 word gazetteer windows,
which are looked up only when the window opens with a word that starts some multi-word name.

Per word: normalised word, stem (dictionary form, article and other clitics removed), proclitic
chain and enclitic, stem prefixes/suffixes, shape (digits, Latin, punctuation, length bucket),
gazetteer codes of the article+stem form (see gazetteer.py), distributional cluster ids of the stem
(see clusters.py), auto-lexicon buckets of the stem when the extractor has a table (see
autolex.py), embedding-neighbour label buckets of the stem when it has a neighbour table (see
neighbours.py). Context: words, stems and gazetteer codes of the two words on each side (clusters,
gazetteer and auto-lexicon codes of the nearest ones), BOS/EOS, stem bigrams. Windows: B/I codes of
2-3 word names.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rasd.lexicon.keys import exact_key
from rasd.model.spans import Token
from rasd.ner.autolex import MAX_PHRASE, RARE
from rasd.ner.clusters import clusters
from rasd.ner.gazetteer import MAX_WINDOW, table, window_starts
from rasd.text.normalize import normalize_string

_DIGITS = re.compile(r"^[0-9\u0660-\u0669\u06f0-\u06f9.,/:\u066b\u066c]+$")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_DIGIT_CHAR = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_CONTEXT = (-2, -1, 1, 2)
_CACHE_LIMIT = 400_000


def _length_bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


def _shape(surface: str) -> str:
    if _DIGITS.match(surface):
        return "digit"
    if surface[0] == "#" or surface[0] == "@":
        return "tag"
    if _ARABIC.search(surface):
        return "arabic"
    if _LATIN.search(surface):
        return "latin"
    return "punct"


class WordInfo:
    """Everything the features need from one distinct surface form."""
    __slots__ = ("context", "local", "lookup", "stem")

    def __init__(self, local: list, context: dict, lookup: str, stem: str):
        self.local = local      # this word's own feature strings
        self.context = context  # offset -> strings this word gives a neighbour at that offset
        self.lookup = lookup    # exact key of article + stem, for gazetteer windows
        self.stem = stem


class FeatureExtractor:
    """Sentence features with a per-word cache; `keep` limits features to those a model uses.

    A trained CRF keeps only a fraction of the attributes it was shown (L1 prunes the rest), and
    every string passed to crfsuite costs a conversion and a dictionary lookup, so at inference the
    cached per-word lists hold only the strings the model knows. Training passes no `keep`.
    """

    def __init__(self, keep: frozenset | None = None, autolex: dict | None = None, phrases: dict | None = None,
                 neighbours: dict | None = None):
        self.keep = keep
        self.neighbours = neighbours  # stem -> embedding-neighbour label features (neighbours.py)
        self.autolex = autolex  # stem -> auto-lexicon features (autolex.py); None: no such features
        self.phrases = phrases or {}  # lookup key of a multi-word name -> label (autolex.load_phrases)
        self.phrase_starts = frozenset(key.split(" ", 1)[0] for key in self.phrases)
        self.words: dict[str, WordInfo] = {}

    def word_info(self, surface: str, token: Token) -> WordInfo:
        info = self.words.get(surface)
        if info is None:
            if len(self.words) >= _CACHE_LIMIT:
                self.words.clear()
            info = _build_word_info(surface, token, self.autolex, self.neighbours)
            if self.keep is not None:
                keep = self.keep
                info.local = [f for f in info.local if f in keep]
                info.context = {k: [f for f in v if f in keep] for k, v in info.context.items()}
            self.words[surface] = info
        return info

    def __call__(self, text: str, tokens: Sequence[Token]) -> list[list[str]]:
        """One list of feature strings per token of a sentence."""
        infos = [self.word_info(text[t.start:t.end], t) for t in tokens]
        n = len(infos)
        windows = _window_codes(infos)
        if self.phrases:
            _phrase_codes(infos, self.phrases, self.phrase_starts, windows)
        keep = self.keep
        out = []
        for i, info in enumerate(infos):
            feats = info.local + windows[i]
            for k in _CONTEXT:
                j = i + k
                if 0 <= j < n:
                    feats += infos[j].context[k]
            if i == 0:
                feats.append("BOS")
            else:
                bigram = "b-=" + infos[i - 1].stem + "|" + info.stem
                if keep is None or bigram in keep:
                    feats.append(bigram)
            if i == n - 1:
                feats.append("EOS")
            else:
                bigram = "b+=" + info.stem + "|" + infos[i + 1].stem
                if keep is None or bigram in keep:
                    feats.append(bigram)
            out.append(feats)
        return out


_TRAINING = FeatureExtractor()


def sentence_features(text: str, tokens: Sequence[Token]) -> list[list[str]]:
    """All feature strings of each token of a sentence, without auto-lexicon features."""
    return _TRAINING(text, tokens)


def _build_word_info(surface: str, token: Token, auto: dict | None = None, neigh: dict | None = None) -> WordInfo:
    gaz = table()
    stem_seg = token.stem
    stem = normalize_string(stem_seg.form) or token.norm
    article = any(s.kind == "proclitic" and s.form == "ال" for s in token.segments)
    proclitics = "+".join(s.form for s in token.segments if s.kind == "proclitic" and s.form != "ال")
    enclitic = any(s.kind == "enclitic" for s in token.segments)
    lookup = exact_key(("ال" + stem) if article else stem) if stem else ""
    shape = _shape(surface)
    local = [
        "bias", "w=" + token.norm, "s=" + stem, "sh=" + shape, "len=" + _length_bucket(len(stem)),
        "p2=" + stem[:2], "p3=" + stem[:3], "x2=" + stem[-2:], "x3=" + stem[-3:], "x4=" + stem[-4:],
    ]
    if article:
        local.append("art")
    if proclitics:
        local.append("pro=" + proclitics)
    if enclitic:
        local.append("enc")
    codes = set(gaz.get(lookup, ())) | set(gaz.get(stem, ()))
    if token.norm != lookup:
        codes |= gaz.get(token.norm, frozenset())
    gaz_features = sorted("g=" + c for c in codes)
    local += gaz_features
    cluster = clusters().get(stem)
    cluster_features = ["k1=" + cluster[0], "k2=" + cluster[1]] if cluster else ["k=none"]
    local += cluster_features
    auto_features = list(auto.get(stem, RARE)) if auto is not None else []
    local += auto_features
    neigh_features = list(neigh.get(_DIGIT_CHAR.sub("0", stem), ("n=unk",))) if neigh is not None else []
    local += neigh_features
    context = {}
    for k in _CONTEXT:
        feats = [f"{k}:w={token.norm}", f"{k}:s={stem}"]
        if abs(k) == 1:
            feats.append(f"{k}:sh={shape}")
            if article:
                feats.append(f"{k}:art")
            feats += [f"{k}:{g}" for g in gaz_features]
            feats += [f"{k}:{c}" for c in cluster_features]
            feats += [f"{k}:{a}" for a in auto_features]
            feats += [f"{k}:{a}" for a in neigh_features]
        context[k] = feats
    return WordInfo(local, context, lookup, stem)


def _window_codes(infos: Sequence[WordInfo]) -> list[list[str]]:
    """B/I window features of the 2-3 word names that start at each position."""
    gaz = table()
    starts = window_starts()
    n = len(infos)
    out: list[list[str]] = [[] for _ in range(n)]
    for i in range(n - 1):
        first = infos[i].lookup
        if first not in starts:
            continue
        key = first
        for j in range(i + 1, min(n, i + MAX_WINDOW)):
            key = key + " " + infos[j].lookup
            codes = gaz.get(key)
            if codes:
                size = j - i + 1
                for c in codes:
                    if c.startswith("PLC") and len(c) > 3:
                        continue
                    out[i].append(f"nB{size}={c}")
                    for m in range(i + 1, j + 1):
                        out[m].append(f"nI={c}")
    return out


def _phrase_codes(infos: Sequence[WordInfo], phrases: dict, starts: frozenset, out: list[list[str]]) -> None:
    """Window features of the auto-lexicon's multi-word names (longest match at each start)."""
    n = len(infos)
    for i in range(n - 1):
        first = infos[i].lookup
        if first not in starts:
            continue
        key, found = first, None
        for j in range(i + 1, min(n, i + MAX_PHRASE)):
            key = key + " " + infos[j].lookup
            label = phrases.get(key)
            if label:
                found = (j, label)
        if found:
            j, label = found
            out[i].append("awB=" + label)
            for m in range(i + 1, j + 1):
                out[m].append("awI=" + label)
