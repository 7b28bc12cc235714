"""Document-level events on articles-dev through the Python API, scored by the official score.py docs logic.

    .venv/bin/python bench/events_dev.py [--no-merge] [--show]

Quick loop for tuning event arguments (dev data only): runs the default pipeline in-process on the 20
dev articles, writes the predictions, and scores them with ../shared/eval/score.py (imported by path,
the same function the CLI runs). --show prints every predicted event next to the gold ones.
Writes bench/results/events_dev.json. bench/dev_scores.py runs the same scorer through the CLI.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import shared_dir, write_result  # noqa: E402

from rasd import Pipeline  # noqa: E402
from rasd.events import detect_events  # noqa: E402
from rasd.model.serialize import to_dict  # noqa: E402


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("rasd_shared_score", shared / "eval/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(score, gold: Path, merge: bool = True) -> list[dict]:
    nlp = Pipeline()
    out = []
    for rec in score.docs_inputs(str(gold)):
        doc = nlp.analyze(rec["text"], rec["published"], id=rec["id"])
        if not merge:
            doc = doc.with_layer("events", detect_events(doc, merge=False))
        out.append(to_dict(doc))
    return out


def evaluate(score, gold: Path, preds: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    try:
        return score.score_docs(str(gold), f.name)[0]
    finally:
        Path(f.name).unlink()


def _brief(e: dict) -> str:
    def party(p):
        return f"{p.get('country')}/{p.get('sector')}" if p else "-"
    trig = e["trigger"]["text"] if isinstance(e.get("trigger"), dict) else e.get("trigger")
    return (f"{e['type']:<9} {trig!s:<18} A={party(e.get('actor'))} R={party(e.get('recipient'))} "
            f"L={(e.get('location') or {}).get('country')} D={(e.get('date') or {}).get('iso')} C={e.get('counts')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-merge", action="store_true")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    shared = shared_dir()
    gold = shared / "data/events/articles-dev"
    score = load_scorer(shared)
    started = time.perf_counter()
    preds = predict(score, gold, merge=not args.no_merge)
    seconds = time.perf_counter() - started
    result = evaluate(score, gold, preds)
    if args.show:
        by_id = {p["id"]: p for p in preds}
        for art, g in score.doc_gold(str(gold)):
            print("=" * 20, art["id"])
            for e in g["events"]:
                print("  GOLD", _brief(e), "H" if e.get("historical") else "")
            for e in by_id[art["id"]]["events"]:
                print("  PRED", _brief(e))
    line = {k: v for k, v in result.items() if k != "by_type"}
    print(json.dumps(line, ensure_ascii=False))
    write_result("events_dev", {"merge": not args.no_merge, "seconds": round(seconds, 1), "scores": result})


if __name__ == "__main__":
    main()
