"""Build an NER auto-lexicon table (see src/rasd/ner/autolex.py) by tagging SaudiNewsNet with a CRF.

`rasd train ner` builds and ships the table itself (two-stage training in rasd.ner.train); this
script is for experiments, e.g. a dev-honest table tagged by a model trained without the dev split:

    .venv/bin/python scripts/build_ner_autolex.py --model SPLIT.crfsuite --articles 5000 --out /tmp/autolex.tsv.gz

The first-stage model must have been trained without auto-lexicon features (a model with a sidecar
table would tag with it and feed its own opinion back).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    from rasd.ner.autolex import build, saudinewsnet_texts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="first-stage CRF to tag with")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    info = build(saudinewsnet_texts(args.articles), args.model, args.out,
                 source=f"SaudiNewsNet (CC BY-NC-SA 4.0), first {args.articles} articles")
    info["seconds"] = round(time.perf_counter() - started, 1)
    print(info)


if __name__ == "__main__":
    main()
