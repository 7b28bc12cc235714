"""The example articles give exactly their reviewed golden output (tests/golden, made by
scripts/update_golden.py). A change here is a change of behaviour: regenerate, read the diff, commit both."""
import json
import sys

import pytest

from conftest import EXAMPLES, REPO

sys.path.insert(0, str(REPO / "scripts"))
from update_golden import golden_view  # noqa: E402

from rasd.model.serialize import to_dict  # noqa: E402

RECORDS = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_there_are_at_least_five_examples():
    assert len(RECORDS) >= 5


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_example_matches_golden(pipeline, record):
    golden = json.loads((REPO / "tests/golden" / f"{record['id']}.json").read_text(encoding="utf-8"))
    doc = pipeline.analyze(record["text"], record["published"], id=record["id"])
    assert golden_view(to_dict(doc)) == golden
