"""Clitic segmentation accuracy against UD Arabic-PUD, written to bench/results/segmentation.json.

    .venv/bin/python bench/segmentation.py [--shared ../shared] [--quick] [--tune]

Comparison follows UD conventions: the article stays on its stem, so tokenize()'s segments are merged
with `ud_pieces` before scoring. Each PUD orthographic word (syntactic words joined without space) is
tokenised on its own; its predicted split points are compared with the gold ones.

Metrics, micro-averaged over words:
- boundary F1: split points inside words (predicted vs gold);
- word accuracy: the word's set of split points is exactly right;
- segment F1: segments as (start, end) pairs, counting every word (unsplit ones included).

Settings reported (no number is measured on data the model learned from):
- heldout_pud: the model is built from PADT (+ news counts) only and evaluated on all of PUD;
- pud_10fold: PADT + 9/10 of PUD sentences, evaluated on the remaining tenth, ten times (PUD's
  README asks for cross-validation when training on it). This is the setting of the shipped model.
--tune measures the unknown-word back-off on PADT only (train on dev, score test) for a grid of its
two constants; PUD is not used for that.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "src"))

import train_clitics as tc  # noqa: E402
from _common import saudinewsnet  # noqa: E402
from rasd.text.clitics import use_model  # noqa: E402
from rasd.text.tokenize import tokenize, ud_pieces  # noqa: E402


def gold_boundaries(pieces) -> tuple[str, set[int]]:
    """The bare surface of a word and its UD split points (article merged into the stem)."""
    surface = "".join(p[1] for p in pieces)
    cuts, pos, prev = set(), 0, None
    for kind, text, _ in pieces:
        if pos and prev != "a":
            cuts.add(pos)
        pos += len(text)
        prev = kind
    return surface, cuts


def predicted_boundaries(surface: str) -> set[int]:
    cuts = set()
    for token in tokenize(surface):
        for start, _ in ud_pieces(token.segments):
            if start:
                cuts.add(start)
    return cuts


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.seg_tp = self.seg_pred = self.seg_gold = 0
        self.words = self.words_right = 0
        self.errors: list[str] = []

    def add(self, surface: str, gold: set[int], pred: set[int]):
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        n = len(surface)
        gold_segs = _segments(gold, n)
        pred_segs = _segments(pred, n)
        self.seg_tp += len(gold_segs & pred_segs)
        self.seg_pred += len(pred_segs)
        self.seg_gold += len(gold_segs)
        self.words += 1
        if gold == pred:
            self.words_right += 1
        elif len(self.errors) < 60:
            self.errors.append(f"{_show(surface, gold)} -> {_show(surface, pred)}")

    def result(self) -> dict:
        def f1(tp, n_pred, n_gold):
            p = tp / n_pred if n_pred else 0.0
            r = tp / n_gold if n_gold else 0.0
            return round(2 * p * r / (p + r), 4) if p + r else 0.0, round(p, 4), round(r, 4)
        bf, bp, br = f1(self.tp, self.tp + self.fp, self.tp + self.fn)
        sf, _, _ = f1(self.seg_tp, self.seg_pred, self.seg_gold)
        return {
            "boundary_f1": bf, "boundary_precision": bp, "boundary_recall": br,
            "gold_boundaries": self.tp + self.fn,
            "word_accuracy": round(self.words_right / self.words, 4), "words": self.words,
            "segment_f1": sf,
        }

    def merge(self, other: "Score"):
        for name in ("tp", "fp", "fn", "seg_tp", "seg_pred", "seg_gold", "words", "words_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors[: max(0, 60 - len(self.errors))]


def _segments(cuts: set[int], n: int) -> set[tuple[int, int]]:
    points = [0, *sorted(cuts), n]
    return set(zip(points, points[1:]))


def _show(surface: str, cuts: set[int]) -> str:
    points = [0, *sorted(cuts), len(surface)]
    return "+".join(surface[a:b] for a, b in zip(points, points[1:]))


def evaluate(words) -> Score:
    score = Score()
    for pieces in words:
        surface, gold = gold_boundaries(pieces)
        if not any(ch.isalnum() for ch in surface):
            continue  # punctuation is not a word
        score.add(surface, gold, predicted_boundaries(surface))
    return score


def measure_speed(n_articles: int = 1000) -> dict:
    """tokenize() throughput on SaudiNewsNet article bodies with the shipped model (cold and warm)."""
    texts = [a["text"] for a in saudinewsnet(n_articles)]
    use_model(None)
    tokenize("تحميل")  # load the model outside the timing
    out = {"articles": len(texts)}
    for run in ("cold", "warm"):
        t = time.perf_counter()
        tokens = [tok for text in texts for tok in tokenize(text)]
        seconds = time.perf_counter() - t
        words = sum(1 for tok in tokens if tok.norm[:1].isalnum())
        out[run] = {"tokens": len(tokens), "words": words, "seconds": round(seconds, 3),
                    "words_per_second": int(words / seconds)}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--quick", action="store_true", help="3 folds of the 10 only")
    ap.add_argument("--tune", action="store_true", help="grid over the back-off constants on PADT")
    ap.add_argument("--out", type=Path, default=REPO / "bench/results/segmentation.json")
    args = ap.parse_args(argv)
    ud = args.shared / "data/ud"
    padt = {s: list(tc.padt_words(ud / f"UD_Arabic-PADT/v1.3_ar-ud-{s}.conllu")) for s in ("dev", "test")}
    pud_path = ud / "UD_Arabic-PUD/ar_pud-ud-test.conllu"
    t0 = time.time()
    counts = tc.news_counts(args.shared)
    quiet = lambda *a: None  # noqa: E731

    if args.tune:
        for base in (-6.0, -8.0, -10.0):
            for per_char in (-1.0, -1.5, -2.0, -2.5, -3.0):
                use_model(tc.build_model(padt["dev"], counts, base, per_char, log=quiet))
                r = evaluate(padt["test"]).result()
                print(f"base {base} per_char {per_char}: {r}", flush=True)
        use_model(None)
        return

    result = {"command": "python " + " ".join([Path(sys.argv[0]).as_posix(), *(argv or sys.argv[1:])]),
              "data": "UD Arabic-PUD test (1,000 sentences); training: UD Arabic-PADT v1.3 dev+test, "
                      "SaudiNewsNet word counts"}
    use_model(tc.build_model(padt["dev"] + padt["test"], counts, log=quiet))
    score = evaluate(tc.pud_words(pud_path))
    result["heldout_pud"] = {**score.result(), "trained_on": "PADT only", "errors_sample": score.errors[:25]}
    print("held-out PUD:", score.result(), flush=True)

    folds = range(3) if args.quick else range(10)
    total = Score()
    for fold in folds:
        train = padt["dev"] + padt["test"] + list(tc.pud_words(pud_path, lambda i: i % 10 != fold))
        use_model(tc.build_model(train, counts, log=quiet))
        fold_score = evaluate(tc.pud_words(pud_path, lambda i: i % 10 == fold))
        print(f"fold {fold}: {fold_score.result()}", flush=True)
        total.merge(fold_score)
    result["pud_10fold"] = {**total.result(), "folds": len(folds), "trained_on": "PADT + other PUD folds",
                            "errors_sample": total.errors[:25]}
    print("PUD cross-validation:", total.result())
    use_model(None)
    result["speed"] = measure_speed()
    print("speed:", result["speed"])
    result["seconds"] = round(time.time() - t0, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
