"""Out-of-fold F1 of one GSR type under changed training settings: the ablations quoted in
rasd/events/training.py, reproducible.

    .venv/bin/python bench/gsr_ablation.py PROTEST                                  # the shipped settings
    .venv/bin/python bench/gsr_ablation.py PROTEST SOFT_DIFFICULT_NO=0.5
    .venv/bin/python bench/gsr_ablation.py PROTEST "TYPE_EMBEDDINGS={}" EMBEDDING_SCALE=8.0

Each NAME=VALUE sets a module constant of rasd.events.training (VALUE is a Python literal) before the
rows are loaded. Same procedure as bench/gsr_detect.py's fold-seed spread: pooled out-of-fold
predictions, F1 on the scored rows, per fold seed and their mean. About 1-2 minutes for PROTEST, 3-5 for
ASSAULT on 2 cores. Prints JSON; writes nothing.
"""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_dir  # noqa: E402

from rasd import Pipeline  # noqa: E402
from rasd.events import training  # noqa: E402

SEEDS = (13, 1, 2, 3, 4)


def f1_by_seed(rows) -> dict[int, float]:
    out = {}
    for seed in SEEDS:
        probs, models, _ = training.cross_validate(rows, seed=seed)
        hits = [(p is not None and p >= m.threshold, r.positive) for p, m, r in zip(probs, models, rows) if r.scored]
        tp = sum(1 for h, y in hits if h and y)
        wrong = sum(1 for h, y in hits if h != bool(y))
        out[seed] = round(2 * tp / (2 * tp + wrong), 4) if tp else 0.0
    return out


def main(argv: list[str]) -> int:
    etype, settings = argv[0].upper(), argv[1:]
    for item in settings:
        name, value = item.split("=", 1)
        if not hasattr(training, name):
            sys.exit(f"rasd.events.training has no {name}")
        setattr(training, name, ast.literal_eval(value))
    nlp = Pipeline(["sentences", "boilerplate", "tokens", "numbers", "dates"])
    rows = training.load_gsr(shared_dir() / f"data/events/gsr/{etype.lower()}_detection_dev.csv", nlp, ambiguous=True)
    by_seed = f1_by_seed(rows)
    print(json.dumps({"type": etype, "settings": settings, "f1_by_fold_seed": by_seed,
                      "mean": round(sum(by_seed.values()) / len(by_seed), 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
