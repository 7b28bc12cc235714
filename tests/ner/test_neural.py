"""Neural NER tagger: numpy forward pass vs torch, Viterbi vs brute force, the shipped model."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from rasd.ner.conll import aligned_sentences
from rasd.ner.evaluate import analyse_text
from rasd.ner.model import load_model, recognize
from rasd.ner.neural import (
    NeuralNerModel,
    _conv,
    default_neural_path,
    load_neural,
    side_by_side,
    stem_key,
)
from rasd.text.tokenize import tokenize

# Hand-written training sentences (token, tag) for the tiny parity model.
TINY = [
    [("زار", "O"), ("الرئيس", "O"), ("فلاديمير", "B-PER"), ("بوتين", "I-PER"), ("مدينة", "O"), ("موسكو", "B-LOC"), (".", "O")],
    [("وأعلنت", "O"), ("منظمة", "B-ORG"), ("الصحة", "I-ORG"), ("العالمية", "I-ORG"), ("عن", "O"), ("خطة", "O"), ("جديدة", "O")],
    [("قال", "O"), ("المتحدث", "O"), ("باسم", "O"), ("الأمم", "B-ORG"), ("المتحدة", "I-ORG"), ("في", "O"), ("جنيف", "B-LOC"),
     ("إن", "O"), ("بطولة", "O"), ("كأس", "B-MISC"), ("العالم", "I-MISC"), ("تأجلت", "O")],
]


def _tiny_model(tmp_path):
    torch = pytest.importorskip("torch")
    from rasd.ner import neural_train as nt

    sentences = aligned_sentences(TINY)
    words = sorted({stem_key(t) for s in sentences for t in s.tokens})[::2]  # half the stems are unknown
    emb = np.random.default_rng(1).standard_normal((len(words), 8)).astype(np.float16).astype(np.float32)
    vocab = nt.build_vocabularies(sentences, words)
    settings = {**nt.SETTINGS, "hidden": 12, "char_filters": 10, "cat_dim": 6, "char_dim": 5}
    torch.manual_seed(3)
    net = nt._network(np.vstack([np.zeros((1, 8), np.float32), emb]), len(vocab[1]), len(vocab[2]), settings)
    with torch.no_grad():
        for p in net.parameters():
            if p.requires_grad:
                p.add_(torch.randn_like(p) * 0.3)
                p.copy_(p.half().float())  # the .npz stores float16: compare like with like
        net.char.weight[-1] = 0
        net.unk.copy_(net.unk.half().float())
    net.eval()
    path = nt.export(net, vocab, settings, tmp_path / "tiny.npz")
    return nt, net, sentences, vocab, path


def test_numpy_forward_equals_torch(tmp_path):
    nt, net, sentences, vocab, path = _tiny_model(tmp_path)
    import torch

    from rasd.ner.neural import Featurizer

    items = nt.encode(sentences, Featurizer(*vocab))
    words, chars, cat_idx, offsets, mask, _tags = nt._batch(items, net.char_pad)
    with torch.no_grad():
        expected = net.emissions(net.inputs(words, chars, cat_idx, offsets, mask), mask).numpy()
    model = NeuralNerModel(path)
    for b, sent in enumerate(sentences):
        x, m = model.inputs(sent.text, [sent.tokens])
        got = model.emissions(x, m)[m]
        np.testing.assert_allclose(got, expected[b, :len(sent.tokens)], atol=1e-4)
    # several sentences of one text laid end to end score exactly as each alone
    text, tokens = sentences[2].text, sentences[2].tokens
    x, m = model.inputs(text, [tokens[:4], tokens, tokens[5:]])
    batched = model.emissions(x, m)[m]
    np.testing.assert_allclose(batched[4:4 + len(tokens)], expected[2, :len(tokens)], atol=1e-4)
    alone, m1 = model.inputs(text, [tokens[:4]])
    np.testing.assert_allclose(batched[:4], model.emissions(alone, m1)[m1], atol=1e-4)
    # the padded (B, T, D) form used by training gives the same scores as the flat one
    padded = np.zeros((1, len(tokens) + 3, x.shape[1]), np.float32)
    flat_x, flat_m = model.inputs(text, [tokens])
    padded[0, :len(tokens)] = flat_x[flat_m]
    pmask = np.zeros((1, len(tokens) + 3), bool)
    pmask[0, :len(tokens)] = True
    np.testing.assert_allclose(model.emissions(padded, pmask)[0, :len(tokens)], expected[2, :len(tokens)], atol=1e-4)


def test_crf_loss_matches_brute_force(tmp_path):
    _nt, net, _sentences, _vocab, _path = _tiny_model(tmp_path)
    import torch

    scores = torch.randn(1, 3, 9)
    tags = torch.tensor([[1, 2, 0]])
    mask = torch.ones(1, 3)
    with torch.no_grad():
        loss = net.nll(scores, tags, mask).item()

        def path_score(p):
            s = net.start[p[0]] + scores[0, 0, p[0]] + net.end[p[-1]]
            for t in range(1, 3):
                s = s + net.transitions[p[t - 1], p[t]] + scores[0, t, p[t]]
            return s

        all_scores = torch.stack([path_score(p) for p in itertools.product(range(9), repeat=3)])
        expected = (torch.logsumexp(all_scores, 0) - path_score((1, 2, 0))).item()
    assert loss == pytest.approx(expected, rel=1e-4)


def test_viterbi_is_the_best_path(tmp_path):
    model = NeuralNerModel(_tiny_model(tmp_path)[-1])
    rng = np.random.default_rng(5)
    scores = rng.standard_normal((2, 4, 9)).astype(np.float32) * 3
    lengths = np.array([4, 2])
    paths = model.viterbi(scores, lengths)
    for b, n in enumerate(lengths):
        def total(p, b=b, n=n):
            s = model.start[p[0]] + scores[b, 0, p[0]] + model.end[p[-1]]
            return s + sum(model.trans[p[t - 1], p[t]] + scores[b, t, p[t]] for t in range(1, n))
        best = max(itertools.product(range(9), repeat=int(n)), key=total)
        assert tuple(paths[b, :n]) == best


def test_dilated_conv_matches_direct_sum():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 6, 3)).astype(np.float32)
    w = rng.standard_normal((3, 3, 2)).astype(np.float32)
    b = np.zeros(2, np.float32)
    y = _conv(x, side_by_side(w), b, 2)
    for t in range(6):
        want = x[0, t] @ w[1]
        if t - 2 >= 0:
            want = want + x[0, t - 2] @ w[0]
        if t + 2 < 6:
            want = want + x[0, t + 2] @ w[2]
        np.testing.assert_allclose(y[0, t], want, atol=1e-5)


def test_stem_key_strips_clitics_and_digits():
    tokens = tokenize("وبموسكو 2015")
    assert stem_key(tokens[0]) == "موسكو"
    assert stem_key(tokens[1]) == "0000"


# --- the shipped model -------------------------------------------------------------------------

def _shipped():
    path = default_neural_path()
    assert path.exists(), "the neural model ships in rasd/ner/data"
    return load_neural(str(path))


def _entities(text: str) -> list[tuple[str, str]]:
    doc = analyse_text(text)
    return [(doc.text_of(e), e.label) for e in recognize(doc, _shipped())]


def test_shipped_model_loads_through_load_model():
    model = load_model(str(default_neural_path()))
    assert isinstance(model, NeuralNerModel)
    assert load_model("neural") is model
    assert model.tags[0] == "O" and len(model.tags) == 9


def test_shipped_model_tags_people_and_places():
    found = _entities("التقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو يوم الاثنين")
    assert ("فلاديمير بوتين", "PER") in found
    assert ("رجب طيب أردوغان", "PER") in found
    assert ("موسكو", "LOC") in found


def test_shipped_model_tags_organisations():
    found = _entities("وقالت منظمة الصحة العالمية في بيان إن عدد الإصابات ارتفع في القاهرة")
    assert ("منظمة الصحة العالمية", "ORG") in found
    assert ("القاهرة", "LOC") in found


def test_shipped_model_keeps_clitics_outside_spans():
    doc = analyse_text("سافر الوزير إلى باريس وموسكو ثم عاد لبيروت")
    found = [(doc.text_of(e), e.label) for e in recognize(doc, _shipped())]
    assert ("موسكو", "LOC") in found
    assert ("بيروت", "LOC") in found
    for e in recognize(doc, _shipped()):
        assert 0 <= e.start < e.end <= len(doc.text)
        assert 0.0 < e.score <= 1.0


def test_shipped_model_on_empty_and_plain_text():
    assert _entities("") == []
    assert _entities("ارتفعت درجات الحرارة اليوم بشكل كبير") == []


# --- the CRF + neural ensemble ------------------------------------------------------------------

class _Fixed:
    """A stand-in tagger returning fixed spans for every sentence."""

    def __init__(self, spans):
        self.spans = spans

    def tag(self, text, tokens):
        return list(self.spans)

    def tag_batch(self, text, sentences):
        return [list(self.spans) for _ in sentences]


def test_ensemble_keeps_crf_spans_and_adds_non_overlapping_neural_ones():
    from rasd.ner.ensemble import EnsembleNerModel

    crf = _Fixed([(0, 2, "PER", 0.9), (5, 6, "LOC", 0.8)])
    neural = _Fixed([(1, 3, "ORG", 0.7), (3, 4, "PER", 0.6), (5, 6, "ORG", 0.9), (7, 9, "MISC", 0.5)])
    tokens = tokenize("أ ب ج د ه و ز ح ط ي")
    got = EnsembleNerModel(crf, neural).tag_batch("", [tokens])[0]
    assert got == [(0, 2, "PER", 0.9), (3, 4, "PER", 0.6), (5, 6, "LOC", 0.8), (7, 9, "MISC", 0.5)]


def test_ensemble_loads_through_load_model_and_tags():
    from rasd.ner.ensemble import EnsembleNerModel

    model = load_model("ensemble")
    assert isinstance(model, EnsembleNerModel)
    doc = analyse_text("التقى الرئيس الروسي فلاديمير بوتين في موسكو")
    found = [(doc.text_of(e), e.label) for e in recognize(doc, model)]
    assert ("فلاديمير بوتين", "PER") in found and ("موسكو", "LOC") in found
