"""Pipeline throughput on 1,000 SaudiNewsNet articles in one process, with the time spent in each stage.

Two runs, two result files: the text layer alone (sentences, boilerplate, tokens, numbers, dates; target
>= 50,000 words/s, issue 2) -> bench/results/throughput_text.json, and the whole default pipeline
(target >= 10,000 words/s, issue 4) -> bench/results/throughput_pipeline.json.
Words are whitespace-separated tokens of the original text. The first pass is "cold" (per-word caches
empty), later passes are warm; both are reported.
Usage: python bench/throughput.py [--articles 1000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import time

from _common import saudinewsnet, write_result

from rasd import Pipeline

TEXT_LAYER = ["sentences", "boilerplate", "tokens", "numbers", "dates"]


def measure(articles: list[dict], components, repeat: int) -> dict:
    words = sum(len(a["text"].split()) for a in articles)
    nlp = Pipeline(components)
    docs = [nlp.make_document(a["text"], a["published"], id=a["id"]) for a in articles]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for doc in docs:
            nlp(doc)
        runs.append(time.perf_counter() - start)
    per_stage = {name: 0.0 for name, _ in nlp.stages}
    tokens = 0
    for doc in docs:  # one more pass, stage by stage, to show where the time goes
        for name, stage in nlp.stages:
            t = time.perf_counter()
            doc = stage(doc)
            per_stage[name] += time.perf_counter() - t
        tokens += len(doc.tokens)
    return {
        "articles": len(articles), "words": words, "tokens": tokens, "components": list(nlp.names),
        "seconds_cold": round(runs[0], 3), "seconds_warm_best": round(min(runs[1:] or runs), 3),
        "words_per_second_cold": round(words / runs[0]), "words_per_second_warm": round(words / min(runs[1:] or runs)),
        "stage_words_per_second": {name: round(words / t) if t else None for name, t in per_stage.items()},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="passes; the first is cold, the best later one warm")
    args = parser.parse_args()
    articles = list(saudinewsnet(args.articles))
    write_result("throughput_text", {**measure(articles, TEXT_LAYER, args.repeat), "target_words_per_second": 50000})
    write_result("throughput_pipeline", {**measure(articles, None, args.repeat), "target_words_per_second": 10000})


if __name__ == "__main__":
    main()
