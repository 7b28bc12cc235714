"""Event detection accuracy: GSR PROTEST/ASSAULT detection (score.py gsr-detect) and articles-dev events
(score.py docs), through the Python API and the official scorer.

    .venv/bin/python bench/gsr_detect.py          # ~10 minutes on 2 cores (cross-validation over 10 fold seeds)

Systems, all scored by ../shared/eval/score.py on prediction JSONL written here:
- keyword: lexicon only (every trigger match is an event; no context, no classifier);
- rules: lexicon + context cues, no classifier;
- classifier: lexicon + context + the per-type logistic model. On GSR every scored row is predicted by a
  model trained WITHOUT it (5-fold out-of-fold; l2 and threshold chosen by inner CV on the training folds; one fold split is one
  draw, so the same procedure runs over 10 fold seeds and the mean is the figure to read).
  The file's "ambiguous" rows (skipped by the scorer) are training-only: with their share of accepts as a
  soft target, they join every training fold and are never predicted or scored (training.GsrRow.target).
  On articles-dev (not used in training) the shipped model (trained on all GSR dev rows) is used.
Writes bench/results/gsr_detect.json.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_dir, write_result  # noqa: E402

from rasd import Pipeline  # noqa: E402
from rasd.events import detect_events  # noqa: E402
from rasd.events.training import cross_validate, load_gsr  # noqa: E402
from rasd.model.serialize import to_dict  # noqa: E402

COMPONENTS = ["sentences", "boilerplate", "tokens", "numbers", "dates"]
SPREAD_SEEDS = (13, 1, 2, 3, 4, 5, 6, 7, 8, 9)  # 13 is the split the official-scorer figure uses


def score(task: str, gold: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
        path = f.name
    out = subprocess.run([sys.executable, str(shared_dir() / "eval/score.py"), task, str(gold), path, "--json"],
                         capture_output=True, text=True, check=True)
    Path(path).unlink()
    return json.loads(out.stdout)


def predictions(docs, **kwargs) -> list[dict]:
    out = []
    for doc in docs:
        d = to_dict(doc.with_layer("events", detect_events(doc, **kwargs)))
        out.append({"id": d["id"], "events": d["events"]})
    return out


def gsr_summary(s: dict) -> dict:
    return {k: s[k] for k in ("f1", "precision", "recall", "tp", "fp", "fn", "difficult_no_false_positive_rate",
                              "missing_documents")}


def main() -> int:
    shared = shared_dir()
    nlp = Pipeline(COMPONENTS)
    result: dict = {"gsr": {}, "cv": {}}
    t0 = time.time()
    for etype, name in (("PROTEST", "protest"), ("ASSAULT", "assault")):
        gold = shared / f"data/events/gsr/{name}_detection_dev.csv"
        all_rows = load_gsr(gold, nlp, ambiguous=True)
        rows = [r for r in all_rows if r.scored]
        docs = [r.doc for r in rows]
        probs, fold_models, choices = cross_validate(all_rows)
        oof = []
        for r, model in zip(all_rows, fold_models):
            if not r.scored:
                continue
            d = to_dict(r.doc.with_layer("events", detect_events(r.doc, models={etype: model})))
            oof.append({"id": d["id"], "events": d["events"]})
        result["gsr"][etype] = {
            "classifier_out_of_fold": gsr_summary(score("gsr-detect", gold, oof)),
            "rules": gsr_summary(score("gsr-detect", gold, predictions(docs, models={}))),
            "keyword_baseline": gsr_summary(score("gsr-detect", gold, predictions(docs, keyword_only=True))),
            "rows": len(rows), "positives": sum(r.positive for r in rows),
            "training_only_rows": len(all_rows) - len(rows),
            "training_only_positives": sum(r.positive for r in all_rows if not r.scored),
            "rows_with_candidate": sum(1 for r in rows if r.candidates),
            "positives_with_candidate": sum(1 for r in rows if r.candidates and r.positive),
        }
        result["cv"][etype] = choices
        # one fold split is one draw: with 45 PROTEST positives a row moves F1 by ~0.02, so report the
        # spread over other fold seeds too (same procedure, F1 computed here on the scored rows)
        # "official": the fold models run through detect_events and score.py, as for seed 13 above (a row that the
        # sentence splitter cuts into ARTICLE_SENTENCES or more takes detect.py's article path, so the two differ)
        by_seed, official_by_seed = {}, {}
        for seed in SPREAD_SEEDS:
            p, models, _ = cross_validate(all_rows, seed=seed)
            hits = [(x is not None and x >= m.threshold, r.positive) for x, m, r in zip(p, models, all_rows) if r.scored]
            tp = sum(1 for h, y in hits if h and y)
            fp = sum(1 for h, y in hits if h and not y)
            fn = sum(1 for h, y in hits if not h and y)
            by_seed[seed] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
            preds = [{"id": r.doc.id, "events": to_dict(r.doc.with_layer(
                         "events", detect_events(r.doc, models={etype: m})))["events"]}
                     for r, m in zip(all_rows, models) if r.scored]
            official_by_seed[seed] = score("gsr-detect", gold, preds)["f1"]
        g = result["gsr"][etype]
        g["out_of_fold_f1_by_fold_seed"] = by_seed
        g["out_of_fold_f1_mean_over_seeds"] = round(sum(by_seed.values()) / len(by_seed), 4)
        g["official_out_of_fold_f1_by_fold_seed"] = official_by_seed
        g["official_out_of_fold_f1_mean_over_seeds"] = round(sum(official_by_seed.values()) / len(official_by_seed), 4)
        g["official_out_of_fold_f1_min_max_stdev"] = [min(official_by_seed.values()), max(official_by_seed.values()),
                                                      round(statistics.stdev(official_by_seed.values()), 4)]
    gold = shared / "data/events/articles-dev"
    arts = [json.loads(line) for line in open(gold / "articles.jsonl", encoding="utf-8") if line.strip()]
    docs = [nlp.analyze(a["text"], a.get("published"), id=a["id"]) for a in arts]
    result["docs"] = {}
    for system, kwargs in (("classifier", {}), ("rules", {"models": {}}), ("keyword_baseline", {"keyword_only": True})):
        s = score("docs", gold, predictions(docs, **kwargs))
        result["docs"][system] = {"events": s["events"], "historical_ignored": s["historical_ignored"],
                                  "by_type_f1": {t: v["f1"] for t, v in s["by_type"].items()},
                                  "by_type": s["by_type"]}
    result["seconds"] = round(time.time() - t0, 1)
    result["notes"] = ("GSR classifier figures are pooled out-of-fold predictions (5 folds, inner 3-fold CV for "
                       "l2/threshold; unscored 'ambiguous' rows are training-only); docs uses the shipped model, "
                       "which never saw articles-dev. Targets: GSR F1 >= 0.55 for PROTEST and ASSAULT.")
    write_result("gsr_detect", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
