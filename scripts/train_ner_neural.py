"""Train the neural NER tagger (rasd/ner/neural.py) on ANERcorp train; torch is needed for training only.

Steps (both deterministic, seeds fixed):
    .venv/bin/python scripts/build_ner_embeddings.py --articles 15000 --out /tmp/ner-emb.npz
    .venv/bin/python scripts/train_ner_neural.py --embeddings /tmp/ner-emb.npz \
        --out src/rasd/ner/data/ner-neural.npz --report /tmp/ner-neural-report.json

The dev split is the CRF's (rasd.ner.train.split_dev); the epoch count is chosen on it, then the
model is retrained on all of ANERcorp train (`--no-refit` keeps the split model instead;
`--dev-fraction 0` trains on everything for `--set epochs=N` directly). The auto-lexicon inputs come
from the CRF's tables: `--split-autolex` one built by a first-stage CRF that never saw the dev part,
`--final-autolex` the shipped CRF's sidecar (src/rasd/ner/data/ner-anercorp.crfsuite.autolex.tsv.gz).

The shipped data/ner-neural.npz (see neural_train.py for its dev figures):
    .venv/bin/python scripts/build_ner_embeddings.py --articles 15000 --out /tmp/ner_nn/emb15k.npz
    .venv/bin/python scripts/train_ner_neural.py --embeddings /tmp/ner_nn/emb15k.npz --dev-fraction 0 \
        --final-autolex src/rasd/ner/data/ner-anercorp.crfsuite.autolex.tsv.gz \
        --out src/rasd/ner/data/ner-neural.npz --set epochs=EPOCHS --set lr_decay=0.95 --set hidden=128 \
        --set cat_dim=32 --set char_filters=48 \
        --set 'prefixes=["sh=", "len=", "art", "pro=", "enc", "g=", "k1=", "k2=", "a", "s="]'
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from rasd.ner.neural_train import SETTINGS, train_neural

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared/data/ner/anercorp/train.txt")
    parser.add_argument("--embeddings", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-refit", action="store_true")
    parser.add_argument("--dev-fraction", type=float, default=0.1,
                        help="0: skip the dev split and train on all of --train for the set number of epochs")
    parser.add_argument("--split-autolex", type=Path, default=None,
                        help="auto-lexicon table from a CRF trained without the dev part (dev figures)")
    parser.add_argument("--final-autolex", type=Path, default=None,
                        help="auto-lexicon table for the refit (the shipped CRF's sidecar)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help=f"override a setting (JSON value); defaults: {SETTINGS}")
    args = parser.parse_args()
    settings = {}
    for item in args.set:
        key, value = item.split("=", 1)
        settings[key] = json.loads(value)
    report = train_neural(args.train, args.embeddings, args.out, settings=settings, seed=args.seed,
                          threads=args.threads, refit=not args.no_refit, dev_fraction=args.dev_fraction,
                          split_autolex=args.split_autolex, final_autolex=args.final_autolex,
                          log=lambda row: print(json.dumps(row), flush=True))
    text = json.dumps(report, indent=1)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
