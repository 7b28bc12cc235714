"""The event classifier: logistic fitting (soft labels, dense columns), word-score inference, training
targets and the protest context cues. Texts are written for these tests."""
from __future__ import annotations

import math

import pytest

from rasd.events.classifier import (
    LogisticModel,
    fit_logistic,
    group_keys,
    load_models,
    models_from_json,
)
from rasd.events.training import SOFT_DIFFICULT_NO, GsrRow

pytest.importorskip("numpy")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_fit_logistic_separates_a_toy_problem():
    rows = [["a", "x"], ["a", "y"], ["a", "x"], ["b", "y"], ["b", "x"], ["b", "y"]]
    w, b = fit_logistic(rows, [1, 1, 1, 0, 0, 0], l2=0.1)
    assert w["a"] > 0 > w["b"]
    m = LogisticModel(w, b, 0.5)
    assert m.probability(["a"]) > 0.8
    assert m.probability(["b"]) < 0.2


def test_soft_labels_sit_between_hard_ones():
    rows = [["a"], ["a"], ["b"], ["b"], ["c"], ["c"]]

    def weight_of_c(label: float) -> float:
        w, _ = fit_logistic(rows, [1, 1, 0, 0, label, label], l2=0.1, class_weight=1.0)
        return w.get("c", 0.0)  # near 0 (dropped as negligible) for the 0.5 label

    assert weight_of_c(0.0) < weight_of_c(0.5) < weight_of_c(1.0)


def test_dense_columns_get_weights():
    rows = [["k"]] * 6
    dense = [[1.0], [1.0], [1.0], [-1.0], [-1.0], [-1.0]]
    w, _ = fit_logistic(rows, [1, 1, 1, 0, 0, 0], l2=0.1, dense=dense, min_count=1)
    assert w["~dense:0"] > 1.0


def test_group_keys_reads_the_prefixed_features():
    feats = ["L:تجمع", "R:امام", "L:امام", "w:مئات", "entry:3"]
    assert group_keys(feats, "win") == ["امام", "تجمع"]
    assert group_keys(feats, "sent") == ["مئات"]


def test_word_scores_add_the_mean_score_of_known_words():
    m = LogisticModel({"entry:1": 1.0}, -1.0, 0.5, {"win": {"تجمع": 2.0, "امام": 0.0}})
    # mean over the words that have a score; the unknown "زيد" is skipped
    assert m.probability(["entry:1", "L:تجمع", "R:امام", "R:زيد"]) == pytest.approx(_sigmoid(1.0))
    assert m.probability(["entry:1"]) == pytest.approx(_sigmoid(0.0))


def test_word_scores_equal_a_linear_model_on_the_mean_vector():
    vectors = {"u": (1.0, 0.0), "v": (0.0, 1.0), "z": (0.6, 0.8)}
    theta = (0.7, -1.3)
    scores = {k: sum(t * x for t, x in zip(theta, v)) for k, v in vectors.items()}
    words = ["u", "z"]
    mean = [sum(vectors[k][j] for k in words) / len(words) for j in range(2)]
    direct = _sigmoid(0.2 + sum(t * x for t, x in zip(theta, mean)))
    m = LogisticModel({}, 0.2, 0.5, {"sent": scores})
    assert m.probability(["w:u", "w:z"]) == pytest.approx(direct)


def test_models_from_json_accepts_models_without_word_scores():
    models = models_from_json({"models": {"PROTEST": {"weights": {"a": 1.0}, "bias": 0.0, "threshold": 0.6}}})
    assert models["PROTEST"].word_scores == {}
    assert models["PROTEST"].threshold == 0.6


def _row(label: str, accept: int, reject: int) -> GsrRow:
    return GsrRow("r", "", label, "PROTEST", [], False, None, accept, reject)


def test_training_targets_keep_the_annotators_agreement():
    assert _row("yes", 3, 0).target == 1.0
    assert _row("easy no", 0, 3).target == 0.0
    assert _row("difficult no", 2, 2).target == pytest.approx(SOFT_DIFFICULT_NO * 0.5)
    assert _row("ambiguous", 2, 1).target == pytest.approx(2 / 3)
    # the scored label (what the official scorer counts) is unchanged
    assert _row("difficult no", 3, 2).positive == 0 and not _row("ambiguous", 2, 1).scored


def test_shipped_protest_model_reads_word_vectors():
    protest = load_models()["PROTEST"]
    assert set(protest.word_scores) == {"win", "sent"}
    assert len(protest.word_scores["sent"]) > 10000


def test_gathering_and_protester_action_cues(pipeline):
    from rasd.events.detect import sentence_candidates
    gather = pipeline.analyze("وتجمع المتظاهرون أمام مبنى البلدية صباح اليوم.", None, id="g")
    banner = pipeline.analyze("ورفع المتظاهرون لافتات تطالب بالإصلاح.", None, id="b")
    flags = {name: {f for c in sentence_candidates(doc) if c.type == "PROTEST" for x in c.contexts for f in x.flags}
             for name, doc in (("gather", gather), ("banner", banner))}
    assert "gathering" in flags["gather"] and "protester_action" not in flags["gather"]
    assert "protester_action" in flags["banner"] and "gathering" not in flags["banner"]


class _FakeCandidate:
    def __init__(self, features):
        self.features = features


def _synthetic_rows(n: int = 120) -> list[GsrRow]:
    """Rows whose label follows one feature, plus training-only rows that must never be predicted."""
    rows = []
    for i in range(n):
        positive = i % 4 == 0
        feats = ["good" if positive else "bad", f"noise:{i % 7}"]
        rows.append(GsrRow(f"r{i}", "", "yes" if positive else "easy no", "TEST", [_FakeCandidate(feats)], True,
                           None, 3 if positive else 0, 0 if positive else 3))
    for i in range(10):
        rows.append(GsrRow(f"a{i}", "", "ambiguous", "TEST", [_FakeCandidate(["good"])], True, None, 2, 1))
    return rows


def test_cross_validate_predicts_every_scored_row_out_of_fold():
    from rasd.events.training import cross_validate
    rows = _synthetic_rows()
    probs, models, choices = cross_validate(rows, k=3, k_inner=2)
    assert len(choices) == 3
    for r, p, m in zip(rows, probs, models):
        if r.scored:
            assert p is not None and m is not None
            assert (p >= m.threshold) == bool(r.positive)
        else:
            assert p is None and m is None


def test_shipped_word_scores_reproduce_the_mean_vector_model():
    """training._fit turns the dense weights into per-word scores: the model's probability must equal the
    logistic function of the fitted dense model on the mean vectors (up to the 4-decimal rounding)."""
    import numpy as np

    from rasd.events import training
    from rasd.events.embedding import load_vectors
    vectors = load_vectors()
    if not vectors:
        pytest.skip("no word vectors packaged")
    words = sorted(vectors)[:40]
    rows = []
    for i in range(40):
        feats = [f"w:{words[i]}", f"w:{words[(i * 7) % 40]}", f"L:{words[(i * 3) % 40]}", f"entry:{i % 3}"]
        label = "yes" if i % 5 == 0 else "easy no"
        rows.append(GsrRow(f"v{i}", "", label, "PROTEST", [_FakeCandidate(feats)], True, None, 0, 0))
    model = training._fit(rows, 4.0, "local")
    assert set(model.word_scores) == set(training.TYPE_EMBEDDINGS["PROTEST"])
    dense = np.asarray([np.concatenate([training._group_mean(r, g) for g in training.embedding_groups(rows)])
                        for r in rows])
    w, b = fit_logistic([training._features(r, "local") for r in rows], [r.target for r in rows], l2=4.0,
                        dense=dense)
    theta = np.asarray([w.pop(f"~dense:{j}") for j in range(dense.shape[1])])
    for r, d in zip(rows, dense):
        z = b + sum(w.get(x, 0.0) for x in training._features(r, "local")) + float(d @ theta)
        assert model.probability(r.features) == pytest.approx(_sigmoid(z), abs=2e-3)
