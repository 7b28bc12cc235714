"""Score find_numbers on the hand-written case list tests/cases/numbers.jsonl.

A case is correct when the predicted list of (span text, count) equals the expected list exactly,
in order; "count" is the SCHEMA.md count in JSON form (NumberMention.as_count()). Cases marked "xfail" (known
limitations) are scored like the others, so accuracy is over all cases. Writes
bench/results/number_cases.json and prints a one-line summary.

With --speed N it also times find_numbers on the first N SaudiNewsNet articles read in place from
../shared (RASD_SHARED overrides), best of three passes, words counted by whitespace split.

    .venv/bin/python bench/number_cases.py [--cases PATH] [--out PATH] [--show-failures] [--speed 1000]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from _common import saudinewsnet

from rasd.text.numbers import find_numbers

REPO = Path(__file__).resolve().parents[1]


def schema_count(mention):
    """The SCHEMA.md count of a mention in JSON form (lists for ranges)."""
    count = mention.as_count()
    return list(count) if isinstance(count, tuple) else count


def predicted(text: str) -> list[dict]:
    return [{"text": text[m.start:m.end], "count": schema_count(m)} for m in find_numbers(text)]


def score(cases: list[dict]) -> dict:
    failures = []
    for case in cases:
        got = predicted(case["text"])
        if got != case["expect"]:
            failures.append({"text": case["text"], "expect": case["expect"], "got": got,
                             "xfail": case.get("xfail")})
    n = len(cases)
    correct = n - len(failures)
    return {"n": n, "correct": correct, "accuracy": round(correct / n, 4) if n else 0.0,
            "n_xfail": sum(1 for c in cases if c.get("xfail")), "failures": failures}


def speed(limit: int) -> dict:
    texts = [a["text"] for a in saudinewsnet(limit)]
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            find_numbers(text)
        best = min(best, time.perf_counter() - started)
    return {"articles": len(texts), "words": words, "seconds": round(best, 3),
            "words_per_second": round(words / best) if best else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=REPO / "tests" / "cases" / "numbers.jsonl")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "number_cases.json")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="also time N SaudiNewsNet articles")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.cases.read_text("utf-8").splitlines() if line.strip()]
    result = score(cases)
    if args.speed:
        result["speed"] = speed(args.speed)
        print(f"speed: {result['speed']['words']} words in {result['speed']['seconds']}s = "
              f"{result['speed']['words_per_second']:,} words/s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"number cases: {result['correct']}/{result['n']} correct, accuracy {result['accuracy']:.3f} "
          f"({result['n_xfail']} marked xfail) -> {args.out}")
    if args.show_failures:
        for f in result["failures"]:
            print(json.dumps(f, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
