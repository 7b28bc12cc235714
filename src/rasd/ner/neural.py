"""Neural NER tagger: a dilated convolutional network with a CRF output layer, numpy-only inference.

Why this architecture. ANERcorp train is small (125k tokens) and its test articles differ from it
(the CRF scores 0.79 on the dev split but 0.71 on test), so the tagger must lean on representations
that generalise beyond the names it was trained on:
- a frozen stem embedding learned from SaudiNewsNet (scripts/build_ner_embeddings.py; frozen so a
  name unseen in training sits in the same space as the trained ones),
- a character CNN over the stem (morphology, foreign-name spelling),
- the CRF's categorical evidence as a bag of learned vectors: shape, article, proclitic chain,
  enclitic, KB gazetteer codes, distributional clusters, the auto-lexicon buckets and multi-word
  names of the CRF's table (autolex.py, stored inside the .npz), the B/I codes of multi-word KB names
  and, for stems seen at least twice in training, the stem itself (the model's `cat_prefixes` say
  which feature families it uses).
Context comes from a stack of width-3 convolutions (dilations 1, 2, 1 by default, residual),
not a BiLSTM: every layer is one matrix product over all tokens of a document, so numpy inference
stays fast (Strubell et al. 2017 found such ID-CNNs as accurate as BiLSTM-CRFs on CoNLL). A CRF
layer (transitions + start/end scores) decodes with a batched Viterbi.

Everything that depends on one word only (embedding, character CNN, categorical sum) is computed once
per distinct surface form and cached (new words of a document in one batched character CNN); per
document, all sentences are laid end to end in one flat array separated by zero rows (`inputs`),
so the convolutions run as a few matrix products without padding every sentence to the longest.
`score` of an entity is the mean, over its tokens, of the softmax of the emission scores for the
decoded tag (a cheap stand-in for CRF marginals).

Status: not the default tagger. On the dev split it scores 0.775 micro F1 against the CRF's 0.791
(neural_train.py), and it is several times slower than the CRF (bench/results/ner_neural.json vs
ner_crf_sameload.json); it recalls more of the names never seen in training, which the ensemble
(ensemble.py) uses. Select it with the model path "neural" (or a path to an .npz).

The model is one .npz (data/ner-neural.npz): vocabularies as unicode arrays, weights as float16.
Training (torch, training only) is in neural_train.py; it saves parameters with the names used
here, and tests/ner checks that this forward pass equals torch's. `NeuralNerModel` has the
interface of `NerModel` (`tag`, plus `tag_batch` for whole documents), so `model.recognize` uses
either.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from rasd.model.spans import Token
from rasd.ner.model import entity_runs
from rasd.text.normalize import normalize_string

MODEL_NAME = "ner-neural.npz"
MAX_CHARS = 20
# Default families of CRF word features the network reads ("a": auto-lexicon); a model file may list others.
CATEGORICAL_PREFIXES = ("sh=", "len=", "art", "pro=", "enc", "g=", "k1=", "k2=", "a")
_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_CACHE_LIMIT = 400_000


def stem_key(token: Token) -> str:
    """The stem as the embeddings know it: dictionary form without clitics, normalised, digits as 0."""
    stem = normalize_string(token.stem.form) or token.norm
    return _DIGITS.sub("0", stem)


def default_neural_path() -> Path:
    return Path(str(resources.files("rasd.ner").joinpath("data", MODEL_NAME)))


class WordInputs:
    """The per-word inputs of the network (ids), shared by training and inference."""
    __slots__ = ("cats", "chars", "lookup", "word")

    def __init__(self, word: int, chars: list[int], cats: list[int], lookup: str):
        self.word, self.chars, self.cats, self.lookup = word, chars, cats, lookup


class Featurizer:
    """Maps rasd tokens to vocabulary ids; vocabularies are fixed by training."""

    def __init__(self, words: Sequence[str], chars: Sequence[str], cats: Sequence[str],
                 autolex: dict | None = None, phrases: dict | None = None,
                 prefixes: Sequence[str] = CATEGORICAL_PREFIXES):
        self.prefixes = tuple(prefixes)
        # id 0 is "unknown" in every vocabulary
        self.word_ids = {w: i for i, w in enumerate(words)}
        self.char_ids = {c: i for i, c in enumerate(chars)}
        self.cat_ids = {c: i for i, c in enumerate(cats)}
        self.autolex = autolex  # stem -> auto-lexicon features (autolex.py), as the CRF's
        self.phrases = phrases or {}
        self.phrase_starts = frozenset(key.split(" ", 1)[0] for key in self.phrases)
        self.cache: dict[str, WordInputs] = {}

    def word(self, surface: str, token: Token) -> WordInputs:
        hit = self.cache.get(surface)
        if hit is None:
            from rasd.ner.features import _build_word_info

            if len(self.cache) >= _CACHE_LIMIT:
                self.cache.clear()
            info = _build_word_info(surface, token, self.autolex)
            key = stem_key(token)
            cats = sorted({self.cat_ids[f] for f in categorical(info.local, self.prefixes) if f in self.cat_ids})
            chars = [self.char_ids.get(c, 0) for c in key[:MAX_CHARS]] or [0]
            hit = WordInputs(self.word_ids.get(key, 0), chars, cats, info.lookup)
            self.cache[surface] = hit
        return hit

    def sentence(self, text: str, tokens: Sequence[Token]) -> tuple[list[WordInputs], list[list[int]]]:
        """Per-token word inputs and the ids of the sentence-level window codes of each token."""
        from rasd.ner.features import _phrase_codes, _window_codes

        words = [self.word(text[t.start:t.end], t) for t in tokens]
        windows = _window_codes(words)
        if self.phrases:
            _phrase_codes(words, self.phrases, self.phrase_starts, windows)
        ids = self.cat_ids
        return words, [[ids[c] for c in codes if c in ids] for codes in windows]


def categorical(local: Sequence[str], prefixes: Sequence[str] = CATEGORICAL_PREFIXES) -> list[str]:
    """The CRF word features the network takes as categorical inputs (those starting with `prefixes`)."""
    return [f for f in local if f.startswith(tuple(prefixes))]


def side_by_side(w: np.ndarray) -> np.ndarray:
    """(3, D, E) convolution taps as one (D, 3E) matrix."""
    return np.ascontiguousarray(np.concatenate([w[0], w[1], w[2]], axis=1))


def _conv(x: np.ndarray, taps: np.ndarray, b: np.ndarray, dilation: int) -> np.ndarray:
    """Width-3 dilated convolution over axis 1 of (B, T, D) with zero padding; `taps` from side_by_side.

    One matrix product for the three taps, then shifted sums: fewer, larger BLAS calls than one
    product per tap.
    """
    out = b.shape[0]
    z = x @ taps
    y = z[..., out:2 * out] + b
    if dilation < x.shape[1]:
        y[:, dilation:] += z[:, :-dilation, :out]
        y[:, :-dilation] += z[:, dilation:, 2 * out:]
    return y


class NeuralNerModel:
    """A loaded neural tagger (stateless apart from the per-word cache)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        with np.load(self.path, allow_pickle=False) as data:
            p = {k: data[k] for k in data.files}
        self.tags = [str(t) for t in p["tags"]]
        autolex = phrases = None
        if "autolex_keys" in p:
            autolex = {str(k): tuple(str(v).split("|")) for k, v in zip(p["autolex_keys"], p["autolex_values"])}
            phrases = {str(k): str(v) for k, v in zip(p["phrase_keys"], p["phrase_labels"])}
        self.featurizer = Featurizer([str(w) for w in p["words"]], [str(c) for c in p["chars"]],
                                     [str(c) for c in p["cats"]], autolex, phrases,
                                     [str(x) for x in p["cat_prefixes"]] if "cat_prefixes" in p else CATEGORICAL_PREFIXES)
        f32 = {k: v.astype(np.float32) for k, v in p.items() if v.dtype.kind == "f"}
        self.word_vectors = f32["word_vectors"]
        self.char_vectors = f32["char_vectors"]
        self.char_w, self.char_b = side_by_side(f32["char_conv_w"]), f32["char_conv_b"]
        self.cat_vectors = f32["cat_vectors"]
        self.dilations = [int(d) for d in p["dilations"]]
        self.convs = [(side_by_side(f32[f"conv{i}_w"]), f32[f"conv{i}_b"]) for i in range(len(self.dilations))]
        self.out_w, self.out_b = f32["out_w"], f32["out_b"]
        self.trans, self.start, self.end = f32["transitions"], f32["start"], f32["end"]
        self.word_vectors_table = self.word_vectors
        self._char_table = np.vstack([self.char_vectors, np.zeros((1, self.char_vectors.shape[1]), np.float32)])
        self.gap = max(self.dilations)
        self.input_dim = self.word_vectors.shape[1] + self.char_b.shape[0] + self.cat_vectors.shape[1]
        self.static: dict[str, np.ndarray] = {}
        from rasd.ner.gazetteer import table
        table()  # warm the gazetteer now rather than on the first sentence

    # -- per-word part -------------------------------------------------------------------------
    def static_vectors(self, entries: Sequence[WordInputs]) -> np.ndarray:
        """Static input vectors (embedding, character CNN, categorical sum) of several words at once."""
        width = max(len(w.chars) for w in entries)
        pad = len(self.char_vectors)  # index of the zero row appended below
        ids = np.full((len(entries), width), pad, np.int64)
        for k, w in enumerate(entries):
            ids[k, :len(w.chars)] = w.chars
        chars = self._char_table[ids]                                            # (W, L, C)
        conv = np.maximum(_conv(chars, self.char_w, self.char_b, 1), 0) * (ids != pad)[..., None]
        cats = np.zeros((len(entries), self.cat_vectors.shape[1]), np.float32)
        for k, w in enumerate(entries):
            if w.cats:
                cats[k] = self.cat_vectors[w.cats].sum(axis=0)
        words = self.word_vectors_table[[w.word for w in entries]]
        return np.concatenate([words, conv.max(axis=1), cats], axis=1)

    # -- network -------------------------------------------------------------------------------
    def inputs(self, text: str, sentences: Sequence[Sequence[Token]]) -> tuple[np.ndarray, np.ndarray]:
        """Flat (N, D) inputs of all sentences and their (N,) token mask.

        Sentences are laid end to end with `gap` zero rows before, between and after them; since the
        mask zeroes those rows after every layer and no convolution reaches further than `gap`, each
        sentence is computed exactly as if it were alone, without padding every sentence to the
        longest one.
        """
        gap = self.gap
        total = gap + sum(len(s) + gap for s in sentences)
        rows, surfaces, window_rows, window_ids = [], [], [], []
        pos = gap
        missing: dict[str, WordInputs] = {}
        static = self.static
        if len(static) >= _CACHE_LIMIT:
            static.clear()
        for tokens in sentences:
            words, windows = self.featurizer.sentence(text, tokens)
            for i, (t, w) in enumerate(zip(tokens, words)):
                surface = text[t.start:t.end]
                if surface not in static:
                    missing[surface] = w
                surfaces.append(surface)
                if windows[i]:
                    window_rows.append(pos + i)
                    window_ids.append(windows[i])
            rows.extend(range(pos, pos + len(tokens)))
            pos += len(tokens) + gap
        if missing:
            vectors = self.static_vectors(list(missing.values()))
            for surface, vec in zip(missing, vectors):
                static[surface] = vec
        x = np.zeros((total, self.input_dim), np.float32)
        if rows:
            x[rows] = np.stack([static[s] for s in surfaces])
        offset = self.input_dim - self.cat_vectors.shape[1]
        for r, ids in zip(window_rows, window_ids):
            x[r, offset:] += self.cat_vectors[ids].sum(axis=0)
        mask = np.zeros(total, bool)
        mask[rows] = True
        return x, mask

    def emissions(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Emission scores (N, tags) of flat inputs (or (B, T, tags) of a padded batch and mask)."""
        flat = x.ndim == 2
        if flat:
            x, mask = x[None], mask[None]
        m = mask[..., None].astype(np.float32)
        h = x
        for k, ((w, b), d) in enumerate(zip(self.convs, self.dilations)):
            y = np.maximum(_conv(h, w, b, d), 0) * m
            h = y if k == 0 else h + y
        out = h @ self.out_w + self.out_b
        return out[0] if flat else out

    def viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best tag ids (B, T) under the CRF; positions past a sentence's length carry its last tag."""
        batch, width, n_tags = scores.shape
        best = self.start + scores[:, 0]
        back = np.zeros((batch, width, n_tags), np.int64)
        stay = np.arange(n_tags)[None]
        trans = self.trans[None]
        for t in range(1, width):
            cand = best[:, :, None] + trans                                      # (B, from, to)
            arg = cand.argmax(axis=1)
            new = cand.max(axis=1) + scores[:, t]
            if t < lengths.min():
                best, back[:, t] = new, arg
            else:  # finished sentences keep their scores and point back to themselves
                active = (t < lengths)[:, None]
                best = np.where(active, new, best)
                back[:, t] = np.where(active, arg, stay)
        best = best + self.end
        path = np.zeros((batch, width), np.int64)
        path[:, -1] = best.argmax(axis=1)
        for t in range(width - 1, 0, -1):
            path[:, t - 1] = back[np.arange(batch), t, path[:, t]]
        return path

    def tag_batch(self, text: str, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str, float]]]:
        """`tag` for several sentences of one text at once."""
        keep = [k for k, s in enumerate(sentences) if s]
        out: list[list] = [[] for _ in sentences]
        if not keep:
            return out
        batch = [sentences[k] for k in keep]
        x, mask = self.inputs(text, batch)
        flat = self.emissions(x, mask)[mask]                                    # (tokens, tags)
        lengths = np.array([len(s) for s in batch])
        width = int(lengths.max())
        index = np.zeros((len(batch), width), np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        steps = np.arange(width)
        index[:] = np.minimum(starts[:, None] + steps[None], starts[:, None] + lengths[:, None] - 1)
        scores = flat[index]                                                     # (B, T, tags)
        paths = self.viterbi(scores, lengths)
        probs = np.exp(scores - scores.max(axis=2, keepdims=True))
        probs /= probs.sum(axis=2, keepdims=True)
        for row, k in enumerate(keep):
            labels = [self.tags[t] for t in paths[row, :lengths[row]]]
            out[k] = entity_runs(labels, batch[row], lambda i, j, p=probs[row], path=paths[row]:
                                 float(p[np.arange(i, j), path[i:j]].sum()) / (j - i))
        return out

    def tag(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int, str, float]]:
        """(first token index, end token index, label, score) of each entity in one sentence."""
        return self.tag_batch(text, [tokens])[0]


@lru_cache(maxsize=4)
def load_neural(path: str | None = None) -> NeuralNerModel:
    """The shipped neural model (or the one at `path`), loaded once per process."""
    model_path = Path(path) if path else default_neural_path()
    if not model_path.exists():
        raise FileNotFoundError(f"neural NER model not found at {model_path}; train one with scripts/train_ner_neural.py")
    return NeuralNerModel(model_path)
