"""Dask batch runs: partitions cover every line once, outputs match the one-process batch, reruns resume."""
from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from rasd.cli.main import app
from rasd.errors import UnreadableInput
from rasd.pipeline.batch import run_jsonl
from rasd.pipeline.distributed import DONE_SUFFIX, partition_lines, plan_partitions, run_distributed

ARTICLES = [
    "اعتقلت الشرطة العراقية عشرين متظاهرا في بغداد أمس.",
    "تظاهر آلاف الطلاب في الخرطوم احتجاجا على رفع الأسعار.",
    "بحث وزير الخارجية التركي في اتصال هاتفي مع نظيره الروسي الأوضاع في كازاخستان.",
    "افتتح الوزير معرضا للكتاب في المدينة.",
    "قتل ثلاثة جنود في هجوم على نقطة تفتيش شمال البلاد.",
]


def corpus_lines(n: int) -> list[str]:
    lines = [json.dumps({"id": f"doc-{i}", "text": ARTICLES[i % len(ARTICLES)], "published": "2022-01-13"},
                        ensure_ascii=False) for i in range(n)]
    lines.insert(n // 2, "this line is not JSON")
    return lines


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(corpus_lines(23)) + "\n", encoding="utf-8")
    return path


def outputs(folder) -> list[dict]:
    """The output lines of every partition, in plan order."""
    return [json.loads(line) for part in sorted(folder.glob("*.jsonl")) for line in part.read_text("utf-8").splitlines()]


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(0, 40), min_size=1, max_size=30), block=st.integers(1, 200))
def test_partitions_cover_every_line_exactly_once(tmp_path_factory, sizes, block):
    path = tmp_path_factory.mktemp("plan") / "lines.jsonl"
    lines = [("x" * size + "\n").encode() for size in sizes]
    path.write_bytes(b"".join(lines))
    parts = plan_partitions([path], path.parent / "out", block_bytes=block)
    assert [line for part in parts for line, _ in partition_lines(part)] == lines


def test_where_names_the_file_and_byte_offset(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_bytes(b"first\nsecond\n")
    (part,) = plan_partitions([path], tmp_path / "out")
    assert [where for _, where in partition_lines(part)] == [f"{path}@0", f"{path}@6"]


def test_in_process_run_equals_the_one_process_batch(corpus, tmp_path, pipeline):
    expected: list[str] = []
    run_jsonl(corpus.read_text("utf-8").splitlines(), expected.append, pipeline=pipeline, source=str(corpus))
    summary = run_distributed([corpus], tmp_path / "out", workers=0, block_bytes=700, pipeline=pipeline)
    assert summary.partitions > 3
    assert (summary.documents, summary.errors) == (24, 1)
    got = outputs(tmp_path / "out")
    want = [json.loads(line) for line in expected]
    assert [d["id"] for d in got] == [d["id"] for d in want]
    assert [len(d["events"]) for d in got] == [len(d["events"]) for d in want]
    assert sum(1 for d in got if d["error"]) == 1


def test_rerun_skips_finished_partitions_and_redoes_the_rest(corpus, tmp_path, pipeline):
    out = tmp_path / "out"
    first = run_distributed([corpus], out, workers=0, block_bytes=700, pipeline=pipeline)
    before = outputs(out)
    lost = sorted(out.glob("*.jsonl"))[1]
    lost.unlink()  # as if the run had been killed while this partition was being written
    (lost.parent / (lost.name + DONE_SUFFIX)).unlink()
    second = run_distributed([corpus], out, workers=0, block_bytes=700, pipeline=pipeline)
    assert second.skipped == first.partitions - 1
    assert second.documents == first.documents
    assert outputs(out) == before
    assert not list(out.glob("*.tmp"))


def test_gzip_input_is_one_partition(tmp_path, pipeline):
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(corpus_lines(6)) + "\n")
    summary = run_distributed([path], tmp_path / "out", workers=0, block_bytes=10, pipeline=pipeline)
    assert (summary.partitions, summary.documents, summary.errors) == (1, 7, 1)


def test_missing_input_is_named(tmp_path):
    with pytest.raises(UnreadableInput, match="nowhere.jsonl"):
        plan_partitions([tmp_path / "nowhere.jsonl"], tmp_path / "out")


def test_local_dask_cluster_gives_the_same_output(corpus, tmp_path, pipeline):
    pytest.importorskip("distributed", reason="the [batch] extra (dask[distributed]) is not installed")
    run_distributed([corpus], tmp_path / "here", workers=0, block_bytes=700, pipeline=pipeline)
    summary = run_distributed([corpus], tmp_path / "dask", workers=1, block_bytes=700, pipeline=pipeline)
    assert not summary.failed
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "here")


def test_cli_runs_resumes_and_reports(corpus, tmp_path):
    out = tmp_path / "out"
    args = ["batch", str(corpus), "--output-dir", str(out), "--workers", "0", "--block-mb", "0.001", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 24
    again = CliRunner().invoke(app, args + ["--strict"])
    assert again.exit_code == 4  # the bad line is still an error line in the output
    assert json.loads(again.stdout)["skipped"] == json.loads(again.stdout)["partitions"]


def test_cli_names_a_missing_input(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nowhere.jsonl"), "-o", str(tmp_path / "out"), "-w", "0"])
    assert result.exit_code == 2
    assert "nowhere.jsonl" in result.output
