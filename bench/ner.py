"""NER benchmark: ANERcorp test quality, AQMAR out-of-domain quality, speed, model size and load time.

Quality is computed twice and must agree: by rasd.ner.evaluate (in process) and by the reference
scorer ../shared/eval/score.py run as a subprocess on pred.jsonl written from the same predictions
(the documents are built by Pipeline(["sentences","boilerplate","tokens","numbers","dates"]) +
rasd.ner.recognize). ANERcorp test is scored only here, to report; nothing is tuned on it.

Speed: SaudiNewsNet articles, one process; "ner_only" times recognize() on documents already
tokenised, "with_tokenize" adds sentence splitting and tokenisation.

    .venv/bin/python bench/ner.py [--articles 1000] [--model PATH --name RESULT]

`--model` measures another model (a CRF .crfsuite file, a neural .npz, or "ensemble": the shipped
CRF and neural taggers together) instead of the shipped default; `--name` names the result file
(bench/results/<name>.json, default "ner"). The load average is recorded because the machine is
shared: speed figures taken under load are not comparable with ones taken on an idle machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import saudinewsnet, shared_dir, write_result


def quality(gold: Path, pipeline, tmp: Path, name: str, model_path: str | None = None) -> dict:
    from rasd.ner.conll import read_conll
    from rasd.ner.evaluate import evaluate
    from rasd.ner.model import load_model, recognize

    model = load_model(model_path)
    started = time.perf_counter()
    ours = evaluate(gold, model_path)
    seconds = time.perf_counter() - started
    scorer = shared_dir() / "eval" / "score.py"
    inputs = subprocess.run([sys.executable, str(scorer), "inputs", "ner", str(gold)], check=True,
                            capture_output=True, text=True).stdout
    pred_path = tmp / f"{name}-pred.jsonl"
    with open(pred_path, "w", encoding="utf-8") as out:
        for line in inputs.splitlines():
            d = json.loads(line)
            doc = pipeline.analyze(d["text"], id=d["id"])
            ents = [{"start": e.start, "end": e.end, "label": e.label} for e in recognize(doc, model)]
            out.write(json.dumps({"id": d["id"], "entities": ents}, ensure_ascii=False) + "\n")
    official = json.loads(subprocess.run([sys.executable, str(scorer), "ner", str(gold), str(pred_path), "--json"],
                                         check=True, capture_output=True, text=True).stdout)
    labels = ("PER", "LOC", "ORG", "MISC")
    return {
        "gold": str(gold), "sentences": len(read_conll(gold)),
        "micro_f1": ours["micro"]["f1"], "micro_PER_LOC_ORG_f1": ours["micro_PER_LOC_ORG"]["f1"],
        "per_label": {lab: {k: ours[lab][k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")} for lab in labels},
        "errors": ours["errors"],
        "official_scorer": {"micro_f1": official["micro"]["f1"],
                            "micro_PER_LOC_ORG_f1": official["micro_PER_LOC_ORG"]["f1"],
                            "per_label_f1": {lab: official.get(lab, {}).get("f1") for lab in labels}},
        "agree": abs(official["micro"]["f1"] - ours["micro"]["f1"]) < 1e-4
        and abs(official["micro_PER_LOC_ORG"]["f1"] - ours["micro_PER_LOC_ORG"]["f1"]) < 1e-4,
        "evaluate_seconds": round(seconds, 2),
    }


def speed(articles: int, model_path: str | None = None) -> dict:
    from rasd.model.document import Document
    from rasd.ner.model import load_model, recognize
    from rasd.text.sentences import split_sentences
    from rasd.text.tokenize import tokenize

    texts = [a["text"] for a in saudinewsnet(articles)]
    model = load_model(model_path)
    t0 = time.perf_counter()
    docs = []
    for text in texts:
        doc = Document(text).with_layer("sentences", split_sentences(text))
        docs.append(doc.with_layer("tokens", tokenize(text)))
    tokenize_seconds = time.perf_counter() - t0
    n_tokens = sum(len(d.tokens) for d in docs)
    runs = []
    for _ in range(2):  # the first pass fills the per-word feature cache; report both
        t1 = time.perf_counter()
        n_entities = sum(len(recognize(d, model)) for d in docs)
        runs.append(time.perf_counter() - t1)
    return {"articles": len(texts), "tokens": n_tokens, "entities": n_entities,
            "tokenize_seconds": round(tokenize_seconds, 2), "ner_seconds": [round(r, 2) for r in runs],
            "ner_only_tokens_per_second_cold": int(n_tokens / runs[0]),
            "ner_only_tokens_per_second_warm": int(n_tokens / runs[1]),
            "with_tokenize_tokens_per_second_cold": int(n_tokens / (runs[0] + tokenize_seconds)),
            "target_ner_tokens_per_second": 50000}


def load_time(model_path: str | None = None) -> dict:
    code = ("import sys, time; t=time.perf_counter(); from rasd.ner.model import load_model, default_model_path; "
            "from rasd.ner.neural import default_neural_path; "
            "p=sys.argv[1] or str(default_model_path()); load_model(p); import os, glob; "
            "files={'ensemble': [str(default_model_path()), str(default_neural_path())], "
            "'neural': [str(default_neural_path())]}.get(p, [p]); "
            "print(time.perf_counter()-t, sum(os.path.getsize(f) for f in files), "
            "sum(os.path.getsize(g) for f in files for g in glob.glob(f + '*')))")
    out = subprocess.run([sys.executable, "-c", code, model_path or ""], check=True, capture_output=True,
                         text=True).stdout.split()
    return {"load_seconds_fresh_process": round(float(out[0]), 2), "model_bytes": int(out[1]),
            "model_with_sidecars_bytes": int(out[2])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--model", default=None, help="a model file other than the shipped default")
    parser.add_argument("--name", default="ner", help="result name (bench/results/<name>.json)")
    args = parser.parse_args()
    from rasd import Pipeline

    pipeline = Pipeline(["sentences", "boilerplate", "tokens", "numbers", "dates"])
    data = shared_dir() / "data" / "ner"
    with tempfile.TemporaryDirectory() as tmp:
        anercorp = quality(data / "anercorp" / "test.txt", pipeline, Path(tmp), "anercorp", args.model)
        aqmar = quality(data / "aqmar", pipeline, Path(tmp), "aqmar", args.model)
    result = {"anercorp_test": anercorp, "aqmar_out_of_domain": aqmar,
              "targets": {"anercorp_micro_f1": 0.80, "camelbert_msa_reference": 0.824},
              "model": args.model or "default", "speed": speed(args.articles, args.model), **load_time(args.model),
              "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]}
    write_result(args.name, result)


if __name__ == "__main__":
    main()
