"""Train the PROTEST and ASSAULT candidate classifiers on the arabic_event_gsr dev halves and write
src/rasd/events/data/classifier.json (weights for a dot product; no numpy needed at inference).

    .venv/bin/python scripts/train_events.py            # needs ../shared (or RASD_SHARED) and numpy

l2 and the decision threshold are chosen by 5-fold cross-validation on the scored dev rows; the model is
then fit on all of them plus the "ambiguous" rows (training-only), with soft targets where annotators
disagreed (training.GsrRow.target), on the type's feature family (training.TYPE_FEATURES: PROTEST leaves
out the sentence's bag of words) and, for PROTEST, the mean word vectors of data/word_vectors.tsv.gz
(training.TYPE_EMBEDDINGS; stored as per-word scores, so inference needs no vectors).
Out-of-fold scores: bench/gsr_detect.py.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src/rasd/events/data/classifier.json"


def main() -> int:
    from rasd import Pipeline
    from rasd.events.training import fit_final, load_gsr
    shared = Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared")
    gsr = shared / "data/events/gsr"
    nlp = Pipeline(["sentences", "boilerplate", "tokens", "numbers", "dates"])
    models = {}
    for etype, name in (("PROTEST", "protest"), ("ASSAULT", "assault")):
        rows = load_gsr(gsr / f"{name}_detection_dev.csv", nlp, ambiguous=True)
        models[etype] = fit_final(rows)
        m = models[etype]
        print(f"{etype}: {m['rows']} rows, {m['positives']} positive, {m['candidate_rows']} with a candidate; "
              f"l2={m['l2']} threshold={m['threshold']} family={m['features']} weights={len(m['weights'])} "
              f"embedding groups={m['embedding_groups']}", file=sys.stderr)
    data = {"source": "Trained by scripts/train_events.py on openeventdata/arabic_event_gsr "
                      "protest_detection_dev.csv and assault_detection_dev.csv (MIT); targets yes=1, easy no=0, difficult no="
                      "0.25 x share of accepts, ambiguous rows their share of accepts. PROTEST word_scores derive "
                      "from word vectors built from SaudiNewsNet (CC BY-NC-SA 4.0; scripts/build_event_vectors.py).",
            "models": models}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
