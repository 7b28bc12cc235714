"""Regenerate tests/golden/<id>.json from examples/articles.jsonl with the current pipeline.

Run after a deliberate change of behaviour, then READ the diff (git diff tests/golden) before committing:
the golden files are the reviewed, expected output of the examples.
"""
import json
import pathlib

from rasd import Pipeline
from rasd.model.serialize import to_dict

ROOT = pathlib.Path(__file__).resolve().parents[1]


def golden_view(out: dict) -> dict:
    """The parts of a document the golden files pin (the text itself is in examples/)."""
    keep = ("id", "published", "sentences", "boilerplate", "numbers", "dates", "entities", "events")
    return {k: out[k] for k in keep if k in out}


def main():
    nlp = Pipeline()
    folder = ROOT / "tests/golden"
    folder.mkdir(exist_ok=True)
    for line in (ROOT / "examples/articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = nlp.analyze(record["text"], record["published"], id=record["id"])
        path = folder / f"{record['id']}.json"
        path.write_text(json.dumps(golden_view(to_dict(doc)), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
