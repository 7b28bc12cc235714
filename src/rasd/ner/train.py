"""Training the CRF on a CoNLL corpus (ANERcorp train), with a fixed dev split for tuning.

Training has two stages (autolex.py): a CRF without auto-lexicon features tags AUTOLEX_ARTICLES
SaudiNewsNet articles, their per-stem label shares become the auto-lexicon, and the final CRF is
trained with it (`fit_two_stage`); the table is shipped next to the model.

`train()` carves a dev part off ANERcorp train (`split_dev`: every 10th block of 50 consecutive
sentences; ANERcorp keeps each article's sentences together, so whole blocks leak few names, and
interleaving samples every topic of the corpus), trains on the rest, scores the dev part with
`evaluate.score` (the reference scorer's logic, on rasd's own sentences and tokens), and then,
unless `refit=False`, retrains both stages on every sentence with the same settings and writes that
model. The report carries the dev figures of the split model (whose auto-lexicon was built by a
first stage that never saw the dev part), so the shipped model's quality is estimated without ever
touching a test set.

Training sees rasd tokens with gold tags aligned to them (conll.aligned_sentences), and the
features come from the same `FeatureExtractor` (and auto-lexicon table) as at inference.

L-BFGS in crfsuite is deterministic: the same data and settings give the same model byte for byte;
`seed` is recorded in the report for completeness (nothing random is drawn).
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from rasd.ner.conll import GoldSentence, aligned_sentences, read_conll
from rasd.ner.features import FeatureExtractor

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
# Round 3 (same split_dev; "unseen" = recall of dev names never seen in the train part, 341 of 788):
#   baseline 0.784 (unseen 0.560) | + auto-lexicon stem buckets on the word and +-1 (autolex.py; table
#   from 5k SaudiNewsNet articles tagged by the split first-stage CRF) 0.787-0.791 (unseen 0.592) |
#   same with +-2 context 0.782 | 2-fold stacked tables (training halves see a table from the other
#   half's CRF) 0.786 (0.595): no better than the simple two-stage, so not kept | table from 12k
#   articles 0.787 (0.587) | + multi-word auto-lexicon names 0.791 (0.587), kept for ORG coverage |
#   max_iterations 300 0.785 | recall-favouring decoding (an "O" token with marginal P(O) < t gets its
#   best entity tag) t=0.5/0.6/0.7/0.8: 0.787/0.787/0.783/0.768, not kept. Shipped: two-stage, 5k articles, phrases, c1=0.03 c2=0.01, 200 iterations.
# Round 4 (same split_dev, autolex table of the split first stage): + embedding-neighbour label buckets
#   (neighbours.py; k=10 nearest labelled stems in PPMI-SVD vectors of 15k SaudiNewsNet articles, own label
#   excluded) on the word and +-1: 0.779 vs 0.791 without, not kept (`embeddings=None` by default).
#   The neural tagger (neural.py) on the same split: see neural_train.py.
DEFAULTS = {"c1": 0.03, "c2": 0.01, "max_iterations": 200, "feature_minfreq": 1}
AUTOLEX_ARTICLES = 5000


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
        max_iterations: int, feature_minfreq: int = 1, extra: dict | None = None,
        autolex_table: str | os.PathLike | None = None, phrases: bool = True,
        embeddings: str | os.PathLike | None = None) -> dict:
    """Train one CRF on `gold` and write it to `model_path`.

    `extra` passes other crfsuite settings through; its "algorithm" key picks the trainer ("lbfgs"
    by default; c1/c2 apply to L-BFGS only). With `autolex_table` the features include the
    auto-lexicon and the table is copied next to the model (autolex.sidecar_path); without it any
    stale sidecar is removed, so a model never loads a table it was not trained with. With
    `embeddings` (scripts/build_ner_embeddings.py) the embedding-neighbour table (neighbours.py) is
    built from `gold` and written as another sidecar; without it any stale one is removed.
    """
    import pycrfsuite

    from rasd.ner import neighbours as nb
    from rasd.ner.autolex import load as load_autolex
    from rasd.ner.autolex import load_phrases, sidecar_path

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
    aligned = aligned_sentences(gold)
    neigh_side = nb.sidecar_path(model_path)
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    if embeddings:
        nb.build(embeddings, aligned, neigh_side)
    elif neigh_side.exists():
        neigh_side.unlink()
    extractor = FeatureExtractor(autolex=load_autolex(str(autolex_table)) if autolex_table else None,
                                 phrases=load_phrases(str(autolex_table)) if autolex_table and phrases else None,
                                 neighbours=nb.load(str(neigh_side)) if embeddings else None)
    tokens = 0
    for sent in aligned:
        trainer.append(extractor(sent.text, sent.tokens), sent.tags)
        tokens += len(sent.tokens)
    features_seconds = time.perf_counter() - started
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    side = sidecar_path(model_path)
    if autolex_table:
        if Path(autolex_table).resolve() != side.resolve():
            shutil.copyfile(autolex_table, side)
    elif side.exists():
        side.unlink()
    load_autolex.cache_clear()  # the sidecar path may have held another table in this process
    load_phrases.cache_clear()
    from rasd.ner.model import write_attributes
    write_attributes(Path(model_path))
    info = trainer.logparser.last_iteration or {}
    return {"sentences": len(gold), "rasd_tokens": tokens, "features_seconds": round(features_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1), "iterations": info.get("num", None),
            "active_features": info.get("active_features", None),
            "model_bytes": os.path.getsize(model_path)}


def fit_two_stage(gold: Sequence[GoldSentence], model_path: str | os.PathLike, *, news: Callable[[int], Iterable[str]] | None,
                  autolex_articles: int, workdir: str | os.PathLike, **settings) -> dict:
    """A first CRF without auto-lexicon tags `autolex_articles` news articles; the final one uses the table.

    With `autolex_articles=0` (or no `news`) this is one plain `fit`.
    """
    from rasd.ner.autolex import build

    if not autolex_articles or news is None:
        return fit(gold, model_path, **settings)
    first = Path(workdir) / "first-stage.crfsuite"
    # the first stage only tags news for the auto-lexicon: it gets no neighbour features, as in the
    # experiments that chose them (round 4)
    report = {"first_stage": fit(gold, first, **{k: v for k, v in settings.items() if k != "embeddings"})}
    started = time.perf_counter()
    table = Path(workdir) / "autolex.tsv.gz"
    report["autolex"] = build(news(autolex_articles), first, table,
                              source=f"SaudiNewsNet (CC BY-NC-SA 4.0), first {autolex_articles} articles")
    report["autolex"]["seconds"] = round(time.perf_counter() - started, 1)
    report.update(fit(gold, model_path, autolex_table=table, **settings))
    report["seconds"] = round(sum(r["seconds"] for r in (report["first_stage"], report["autolex"])) + report["seconds"], 1)
    return report


def train(train_path: str | os.PathLike, model_path: str | os.PathLike, *, dev_fraction: float = 0.1,
          seed: int = 13, c1: float = DEFAULTS["c1"], c2: float = DEFAULTS["c2"],
          max_iterations: int = DEFAULTS["max_iterations"], feature_minfreq: int = DEFAULTS["feature_minfreq"],
          refit: bool = True, autolex_articles: int = AUTOLEX_ARTICLES,
          news: Callable[[int], Iterable[str]] | None = None,
          embeddings: str | os.PathLike | None = None) -> dict:
    """Tune-split training, dev scoring and (with `refit`) a final model on all of `train_path`.

    `news(n)` yields the unlabelled texts of the auto-lexicon (default: the first n SaudiNewsNet
    articles from ../shared or $RASD_SHARED); `autolex_articles=0` trains a plain one-stage CRF. With
    `embeddings` (an .npz from scripts/build_ner_embeddings.py) both stages get embedding-neighbour
    features in the final stage (neighbours.py), built from the sentences it is trained on.
    """
    from rasd.ner.autolex import saudinewsnet_texts
    from rasd.ner.evaluate import predict, score

    if news is None and autolex_articles:
        news = saudinewsnet_texts
    gold = read_conll(train_path)
    settings = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature_minfreq": feature_minfreq}
    if embeddings:
        settings["embeddings"] = str(embeddings)
    report: dict = {"train_path": str(train_path), "model_path": str(model_path), "seed": seed,
                    "dev_fraction": dev_fraction, "settings": settings, "autolex_articles": autolex_articles}
    if dev_fraction > 0:
        train_part, dev_part = split_dev(gold, dev_fraction)
        with tempfile.TemporaryDirectory() as tmp:
            split_model = os.path.join(tmp, "split.crfsuite")
            report["split_training"] = fit_two_stage(train_part, split_model, news=news, workdir=tmp,
                                                     autolex_articles=autolex_articles, **settings)
            started = time.perf_counter()
            report["dev"] = score(dev_part, predict(dev_part, split_model))
            report["dev"]["seconds"] = round(time.perf_counter() - started, 2)
            report["dev"]["sentences"] = len(dev_part)
            _forget(split_model)
        if not refit:
            return report
    with tempfile.TemporaryDirectory() as tmp:
        report["final_training"] = fit_two_stage(gold, model_path, news=news, workdir=tmp,
                                                 autolex_articles=autolex_articles, **settings)
    _forget(str(model_path))
    return report


def _forget(model_path: str | None) -> None:
    """Drop a cached tagger for a path whose file was (re)written or removed."""
    from rasd.ner.model import load_model
    load_model.cache_clear()
