"""NER on the shared data: agreement with the reference scorer and quality floors of the shipped model.

The floors are regression gates, pinned a little below the shipped model's figures:
- the ANERcorp dev split (train.split_dev: every 10th 50-sentence block of train) is inside the
  shipped model's training data (the final model is refit on all of train), so its floor catches a broken model or a feature/inference
  mismatch, not overfitting;
- the AQMAR articles were never used in training or tuning, so their floor is an honest
  out-of-domain check (PER/LOC/ORG only: AQMAR's MIS tags are not scored).
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from rasd.ner.conll import read_conll
from rasd.ner.evaluate import evaluate, predict, score
from rasd.ner.train import split_dev

pytestmark = pytest.mark.shared

DEV_MICRO_F1_FLOOR = 0.95
AQMAR_PER_LOC_ORG_F1_FLOOR = 0.52


def _reference_scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("reference_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_split(shared_dir):
    return split_dev(read_conll(shared_dir / "data/ner/anercorp/train.txt"), 0.1)[1]


def test_evaluate_agrees_with_reference_scorer(shared_dir, tmp_path):
    reference = _reference_scorer(shared_dir)
    gold_path = shared_dir / "data/ner/aqmar/Football.txt"
    gold = read_conll(gold_path)
    assert len(gold) == len(reference.conll_sentences(str(gold_path)))
    predictions = predict(gold)
    pred_path = tmp_path / "pred.jsonl"
    with open(pred_path, "w", encoding="utf-8") as f:
        for k, entities in enumerate(predictions):
            ents = [{"start": e.start, "end": e.end, "label": e.label} for e in entities]
            f.write(json.dumps({"id": f"s{k}", "entities": ents}, ensure_ascii=False) + "\n")
    theirs, _ = reference.score_ner(str(gold_path), str(pred_path))
    ours = score(gold, predictions)
    assert ours["micro"]["tp"] > 0
    for key in ("PER", "LOC", "ORG", "MISC", "micro", "micro_PER_LOC_ORG"):
        assert ours[key]["f1"] == pytest.approx(theirs[key]["f1"], abs=1e-4), key
        assert ours[key]["precision"] == pytest.approx(theirs[key]["precision"], abs=1e-4), key


def test_dev_split_quality_floor(dev_split):
    result = score(dev_split, predict(dev_split))
    assert result["micro"]["f1"] >= DEV_MICRO_F1_FLOOR, result["micro"]


def test_aqmar_out_of_domain_floor(shared_dir):
    result = evaluate(shared_dir / "data/ner/aqmar")
    assert result["micro_PER_LOC_ORG"]["f1"] >= AQMAR_PER_LOC_ORG_F1_FLOOR, result["micro_PER_LOC_ORG"]
