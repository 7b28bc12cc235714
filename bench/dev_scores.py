"""The official evaluation flow on the dev data, end to end through the command line:

    score.py inputs TASK GOLD > in.jsonl ; rasd analyze --input in.jsonl --output pred.jsonl ; score.py TASK GOLD pred.jsonl

for docs (articles-dev), gsr-detect and gsr-actors (PROTEST and ASSAULT). Dev data only: these are the numbers
we tune against; the maintainers score held-out halves with the same code.
Usage: python bench/dev_scores.py [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import shared_dir, write_result

TASKS = [
    ("docs", "data/events/articles-dev"),
    ("gsr-detect", "data/events/gsr/protest_detection_dev.csv"),
    ("gsr-detect", "data/events/gsr/assault_detection_dev.csv"),
    ("gsr-actors", "data/events/gsr/protest_spans_dev.json"),
    ("gsr-actors", "data/events/gsr/assault_spans_dev.json"),
]


def run_task(task: str, gold: Path, workers: int, tmp: Path) -> dict:
    scorer = shared_dir() / "eval/score.py"
    inputs, preds = tmp / f"{gold.stem}.in.jsonl", tmp / f"{gold.stem}.pred.jsonl"
    with open(inputs, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(scorer), "inputs", task, str(gold)], stdout=f, check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rasd", "analyze", "--input", str(inputs), "--output", str(preds),
                    "--workers", str(workers)], check=True)
    seconds = time.perf_counter() - started
    out = subprocess.run([sys.executable, str(scorer), task, str(gold), str(preds), "--json"], check=True,
                         capture_output=True, text=True).stdout
    result = {"task": task, "gold": str(gold.relative_to(shared_dir())), "seconds": round(seconds, 1),
              "scores": json.loads(out)}
    if task == "gsr-detect":
        result["caveat"] = ("in-sample: the shipped PROTEST/ASSAULT classifier was trained on these dev rows, so this "
                            "is not a measurement of accuracy; the honest figures are the out-of-fold ones in "
                            "bench/results/gsr_detect.json")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [run_task(task, shared_dir() / gold, args.workers, Path(tmp)) for task, gold in TASKS]
    write_result("dev_scores", {"results": results})


if __name__ == "__main__":
    main()
