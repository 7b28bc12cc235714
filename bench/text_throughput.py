"""Text-layer throughput: the default pipeline on 1,000 SaudiNewsNet articles in one process.

Target (issue 2): >= 50,000 words/s. Words are whitespace-separated tokens of the original text.
Usage: python bench/text_throughput.py [--articles 1000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import time

from _common import saudinewsnet, write_result

from rasd import Pipeline


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (less noise)")
    args = parser.parse_args()
    articles = list(saudinewsnet(args.articles))
    words = sum(len(a["text"].split()) for a in articles)
    nlp = Pipeline()
    docs = [nlp.make_document(a["text"], a["published"], id=a["id"]) for a in articles]
    nlp(docs[0])  # load tables before timing
    runs = []
    per_stage = {name: 0.0 for name, _ in nlp.stages}
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            nlp(doc)
        runs.append(time.perf_counter() - start)
    for doc in docs:  # one more pass, stage by stage, to show where the time goes
        for name, stage in nlp.stages:
            t = time.perf_counter()
            doc = stage(doc)
            per_stage[name] += time.perf_counter() - t
    best = min(runs)
    write_result("text_throughput", {
        "articles": len(articles), "words": words, "components": list(nlp.names),
        "seconds_best": round(best, 3), "seconds_all": [round(r, 3) for r in runs],
        "words_per_second": round(words / best), "target_words_per_second": 50000,
        "stage_words_per_second": {name: round(words / t) if t else None for name, t in per_stage.items()},
    })


if __name__ == "__main__":
    main()
