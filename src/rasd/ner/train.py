"""Training the CRF on a CoNLL corpus (ANERcorp train), with a fixed dev split for tuning.

`train()` carves a dev part off ANERcorp train (`split_dev`: every 10th block of 50 consecutive
sentences; ANERcorp keeps each article's sentences together, so whole blocks leak few names, and
interleaving samples every topic of the corpus), trains on the rest, scores the dev part with
`evaluate.score` (the reference scorer's logic, on rasd's own sentences and tokens), and then, unless `refit=False`, retrains on every sentence with the same
settings and writes that model. The report carries the dev figures of the split model, so the
shipped model's quality is estimated without ever touching a test set.

Training sees rasd tokens with gold tags aligned to them (conll.aligned_sentences), and the
features come from the same `sentence_features` as at inference.

L-BFGS in crfsuite is deterministic: the same data and settings give the same model byte for byte;
`seed` is recorded in the report for completeness (nothing random is drawn).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from rasd.ner.conll import GoldSentence, aligned_sentences, read_conll
from rasd.ner.features import sentence_features

# Round 1, dev = last 10% of train (416 sentences, mostly cars and football), dev micro F1:
#   c1=0.05 c2=0.01 no clusters 0.689 | c1=0 c2=0.1 (L2 only, 30 MB model) 0.670 | c1=0.1 c2=0.005 0.695
#   c1=0.05 c2=0.01 + clusters from 8k articles 0.706 | c1=0.03 c2=0.01: 0.707, with clusters from all
#   31k articles 0.724 (shipped).
# Round 2, dev = split_dev (every 10th 50-sentence block, 400 sentences; one standard error of F1 is
# about 0.015 there), the shipped settings score 0.784 (and 0.810 on the block-4 fold). Nothing
# tried beat them: a +-3 word trigger/title window 0.783, gazetteer+cluster codes of +-2 words 0.783,
# cluster bigrams/trigrams + stem|cluster + stem skip-bigrams 0.767, character 3-grams 0.784,
# window+context+3-grams 0.781, c1=0.1 c2=0.05 0.781, averaged perceptron (20 epochs) 0.756, BILOU
# tags 0.780, clusters at 32/128/512/2048 from 40k articles with whole-word rows 0.783-0.784,
# self-training on 2.5k confident SaudiNewsNet sentences 0.777; window+context on the block-4 fold
# 0.806 vs 0.810. The CRF is saturated on these feature families; see bench/ner.py for test figures.
DEFAULTS = {"c1": 0.03, "c2": 0.01, "max_iterations": 200, "feature_minfreq": 1}


DEV_BLOCK = 50


def split_dev(gold: Sequence[GoldSentence], dev_fraction: float, block: int = DEV_BLOCK) -> tuple[list, list]:
    """Every k-th block of `block` consecutive sentences is dev (k = 1/dev_fraction), the rest train.

    Interleaved blocks sample every part of the corpus (the last 10% alone is mostly car models and
    football), while whole blocks keep most articles on one side, so few names leak across.
    """
    if dev_fraction <= 0:
        return list(gold), []
    every = max(2, int(round(1 / dev_fraction)))
    train_part, dev_part = [], []
    for i, sent in enumerate(gold):
        (dev_part if (i // block) % every == every - 1 else train_part).append(sent)
    return train_part, dev_part


def fit(gold: Sequence[GoldSentence], model_path: str | os.PathLike, *, c1: float, c2: float,
        max_iterations: int, feature_minfreq: int = 1, extra: Optional[dict] = None) -> dict:
    """Train one CRF on `gold` and write it to `model_path`.

    `extra` passes other crfsuite settings through; its "algorithm" key picks the trainer ("lbfgs"
    by default; c1/c2 apply to L-BFGS only).
    """
    import pycrfsuite

    started = time.perf_counter()
    extra = dict(extra or {})
    algorithm = extra.pop("algorithm", "lbfgs")
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    params = {"max_iterations": max_iterations, "feature.minfreq": feature_minfreq,
              "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update({"c1": c1, "c2": c2})
    params.update(extra)
    trainer.set_params(params)
    tokens = 0
    for sent in aligned_sentences(gold):
        trainer.append(sentence_features(sent.text, sent.tokens), sent.tags)
        tokens += len(sent.tokens)
    features_seconds = time.perf_counter() - started
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    from rasd.ner.model import write_attributes
    write_attributes(Path(model_path))
    info = trainer.logparser.last_iteration or {}
    return {"sentences": len(gold), "rasd_tokens": tokens, "features_seconds": round(features_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1), "iterations": info.get("num", None),
            "active_features": info.get("active_features", None),
            "model_bytes": os.path.getsize(model_path)}


def train(train_path: str | os.PathLike, model_path: str | os.PathLike, *, dev_fraction: float = 0.1,
          seed: int = 13, c1: float = DEFAULTS["c1"], c2: float = DEFAULTS["c2"],
          max_iterations: int = DEFAULTS["max_iterations"], feature_minfreq: int = DEFAULTS["feature_minfreq"],
          refit: bool = True) -> dict:
    """Tune-split training, dev scoring and (with `refit`) a final model on all of `train_path`."""
    from rasd.ner.evaluate import predict, score

    gold = read_conll(train_path)
    settings = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature_minfreq": feature_minfreq}
    report: dict = {"train_path": str(train_path), "model_path": str(model_path), "seed": seed,
                    "dev_fraction": dev_fraction, "settings": settings}
    if dev_fraction > 0:
        train_part, dev_part = split_dev(gold, dev_fraction)
        with tempfile.TemporaryDirectory() as tmp:
            split_model = os.path.join(tmp, "split.crfsuite")
            report["split_training"] = fit(train_part, split_model, **settings)
            started = time.perf_counter()
            report["dev"] = score(dev_part, predict(dev_part, split_model))
            report["dev"]["seconds"] = round(time.perf_counter() - started, 2)
            report["dev"]["sentences"] = len(dev_part)
            _forget(split_model)
        if not refit:
            return report
    report["final_training"] = fit(gold, model_path, **settings)
    _forget(str(model_path))
    return report


def _forget(model_path: Optional[str]) -> None:
    """Drop a cached tagger for a path whose file was (re)written or removed."""
    from rasd.ner.model import load_model
    load_model.cache_clear()
