"""Score find_dates on the hand-written case list tests/cases/dates.jsonl, and time it on real news.

A case is correct when the predicted list of (span text, iso, precision) equals the expected list
exactly, in order. Cases marked "xfail" (known limitations) are scored like the others, so accuracy
is over all cases. A case may set "bare_years": true.

Speed (unless --speed 0): find_dates on the first N SaudiNewsNet articles (default 1000) read in
place from ../shared (RASD_SHARED overrides), with their published dates, best of three passes,
words counted by whitespace split. Reported with and without normalize(), which find_dates runs
first (find_dates_normalized skips it for callers that share one normalisation).
Writes bench/results/date_cases.json.

    .venv/bin/python bench/date_cases.py [--cases PATH] [--show-failures] [--speed 1000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, saudinewsnet, write_result  # noqa: E402

from rasd.text.dates import find_dates, find_dates_normalized  # noqa: E402
from rasd.text.normalize import normalize  # noqa: E402


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def predicted(case: dict) -> list[dict]:
    text = case["text"]
    mentions = find_dates(text, _date(case.get("published")), bare_years=bool(case.get("bare_years")))
    return [{"text": text[m.start:m.end], "iso": m.iso, "precision": m.precision} for m in mentions]


def score(cases: list[dict]) -> dict:
    failures = []
    for case in cases:
        expect = [{k: e[k] for k in ("text", "iso", "precision")} for e in case["expect"]]
        got = predicted(case)
        if got != expect:
            failures.append({"text": case["text"], "published": case.get("published"), "expect": expect,
                             "got": got, "xfail": case.get("xfail")})
    n = len(cases)
    correct = n - len(failures)
    n_xfail = sum(1 for c in cases if c.get("xfail"))
    expected_to_pass = n - n_xfail
    passing = expected_to_pass - sum(1 for f in failures if not f["xfail"])
    return {"n": n, "correct": correct, "accuracy": round(correct / n, 4) if n else 0.0,
            "n_xfail": n_xfail,
            "accuracy_without_xfail": round(passing / expected_to_pass, 4) if expected_to_pass else 0.0,
            "failures": failures}


def speed(limit: int) -> dict:
    articles = [(a["text"], _date(a["published"])) for a in saudinewsnet(limit)]
    words = sum(len(text.split()) for text, _ in articles)
    normalised = [(normalize(text), published) for text, published in articles]

    def best_of_three(run) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        return best

    with_norm = best_of_three(lambda: [find_dates(t, p) for t, p in articles])
    without = best_of_three(lambda: [find_dates_normalized(n, p) for n, p in normalised])
    mentions = sum(len(find_dates(t, p)) for t, p in articles)
    return {"articles": len(articles), "words": words, "mentions": mentions,
            "seconds": round(with_norm, 3), "words_per_second": round(words / with_norm),
            "seconds_without_normalize": round(without, 3),
            "words_per_second_without_normalize": round(words / without)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=str(REPO / "tests/cases/dates.jsonl"))
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--speed", type=int, default=1000, help="articles to time (0: skip)")
    args = parser.parse_args()
    with open(args.cases, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    result = score(cases)
    shared = Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared")
    if args.speed and (shared / "data").is_dir():
        result["speed"] = speed(args.speed)
    if not args.show_failures:
        result["failures"] = [f["text"] for f in result["failures"]]
    write_result("date_cases", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
