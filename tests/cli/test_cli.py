"""The `rasd` command, run as a user runs it: a subprocess, its exit code, stdout and stderr."""
import json
import subprocess
import sys

import pytest

from rasd import __version__

ARTICLE = "قالت مصادر إعلامية إن الشرطة اعتقلت 1678 شخصا امس في ألماتي.\nاقرأ أيضا: تقرير آخر\n#كازاخستان"


def rasd(*args, stdin: bytes | None = None):
    proc = subprocess.run([sys.executable, "-m", "rasd", *args], input=stdin, capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def assert_clean_error(code, err, expected_code, *fragments):
    assert code == expected_code, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err


def test_version():
    code, out, _ = rasd("--version")
    assert code == 0 and out.strip() == f"rasd {__version__}"


def test_help_documents_every_command():
    code, out, _ = rasd("--help")
    assert code == 0
    for command in ("analyze", "components", "train", "eval"):
        assert command in out
    for command in (["analyze"], ["components"], ["train", "ner"], ["eval", "ner"]):
        sub_code, sub_out, _ = rasd(*command, "--help")
        assert sub_code == 0 and len(sub_out) > 200, command


def test_readable_summary_of_a_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = rasd("analyze", str(path), "--published", "2022-01-13")
    assert code == 0, err
    assert "2022-01-12" in out          # امس resolved
    assert "1,678" in out               # the count
    assert "read_also" in out and "hashtag" in out


def test_json_of_stdin_is_the_schema_document():
    code, out, err = rasd("analyze", "-", "--json", "--published", "2022-01-13", stdin=ARTICLE.encode("utf-8"))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["text"] == ARTICLE and doc["published"] == "2022-01-13" and doc["error"] is None
    assert doc["provenance"]["input"] == "<stdin>"
    for layer in ("sentences", "numbers", "dates", "boilerplate"):
        for span in doc[layer]:
            assert 0 <= span["start"] <= span["end"] <= len(ARTICLE)
    assert [d["iso"] for d in doc["dates"]] == ["2022-01-12"]


def test_windows_1256_file_is_decoded(tmp_path):
    path = tmp_path / "cp1256.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    code, out, err = rasd("analyze", str(path), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["text"] == ARTICLE and doc["provenance"]["encoding"] == "cp1256"


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 100, "binary"),
    ("Größe für München".encode("latin-1"), "not UTF-8"),
])
def test_bad_files_give_one_line_and_exit_2(tmp_path, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = rasd("analyze", str(path))
    assert_clean_error(code, err, 2, str(path), fragment)


def test_a_50_mb_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50_000_000)
    code, _, err = rasd("analyze", str(path))
    assert_clean_error(code, err, 2, str(path), "MB")


def test_missing_file(tmp_path):
    code, _, err = rasd("analyze", str(tmp_path / "nope.txt"))
    assert_clean_error(code, err, 2, "nope.txt", "no such file")


def test_bad_published_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, _, err = rasd("analyze", str(path), "--published", "yesterday")
    assert_clean_error(code, err, 2, "YYYY-MM-DD")


BATCH = [
    json.dumps({"id": "a", "text": ARTICLE, "published": "2022-01-13"}, ensure_ascii=False),
    "{not json",
    json.dumps({"text": "نص بلا معرف"}, ensure_ascii=False),
    json.dumps({"id": "d"}),
    json.dumps({"id": "e", "text": "   "}),
    json.dumps({"id": "f", "text": "تظاهر المئات الخميس.", "published": "2022-01-13", "source": "x"}, ensure_ascii=False),
    json.dumps(["a", "list"]),
    json.dumps({"id": "h", "text": "نص", "published": "13/01/2022"}, ensure_ascii=False),
]


def run_batch(tmp_path, *extra):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(BATCH) + "\n\n", encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    code, _, err = rasd("analyze", "--input", str(src), "--output", str(dst), *extra)
    return code, err, [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]


def test_batch_contract_one_line_per_input_line_in_order_with_errors(tmp_path):
    code, err, out = run_batch(tmp_path)
    assert code == 0, err
    assert len(out) == len(BATCH)
    assert [d["id"] for d in out] == ["a", None, None, "d", "e", "f", None, "h"]
    errors = [d["error"] for d in out]
    assert errors[0] is None and errors[5] is None
    assert "not JSON" in errors[1] and "in.jsonl:2" in errors[1]
    assert "missing \"id\"" in errors[2]
    assert "missing \"text\"" in errors[3]
    assert "empty" in errors[4]
    assert "JSON object" in errors[6]
    assert "YYYY-MM-DD" in errors[7]
    for d in out:
        if d["error"]:
            assert d["sentences"] == d["entities"] == d["events"] == []
    assert out[5]["source"] == "x" and out[5]["dates"][0]["iso"] == "2022-01-13"
    assert "8 documents" in err and "6 with errors" in err


def test_strict_batch_exits_4_on_bad_lines(tmp_path):
    code, _, out = run_batch(tmp_path, "--strict")
    assert code == 4 and len(out) == len(BATCH)


def test_workers_give_the_same_output_as_one_process(tmp_path):
    _, _, one = run_batch(tmp_path)
    _, _, two = run_batch(tmp_path, "--workers", "2")
    assert one == two


def test_resume_keeps_finished_lines_and_rewrites_a_torn_one(tmp_path):
    _, _, clean = run_batch(tmp_path)
    dst = tmp_path / "out.jsonl"
    lines = dst.read_text(encoding="utf-8").splitlines(keepends=True)
    dst.write_text("".join(lines[:3]) + lines[3][:25], encoding="utf-8")  # killed while writing line 4
    code, err, resumed = run_batch(tmp_path, "--resume")
    assert code == 0, err
    assert "resuming after 3 documents" in err
    assert "5 documents" in err  # only the records after the finished lines were analysed
    assert resumed == clean


def test_resume_needs_an_output_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(BATCH[0] + "\n", encoding="utf-8")
    code, _, err = rasd("analyze", "--input", str(src), "--resume")
    assert_clean_error(code, err, 2, "--resume")


def test_batch_stdin_to_stdout():
    code, out, err = rasd("analyze", "--input", "-", "--output", "-", stdin=(BATCH[0] + "\n").encode("utf-8"))
    assert code == 0, err
    assert json.loads(out)["id"] == "a"


def test_a_line_that_is_not_utf8_is_one_error_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "\xff\xfe"}\n' + BATCH[5].encode("utf-8") + b"\n")
    dst = tmp_path / "o.jsonl"
    code, _, err = rasd("analyze", "--input", str(src), "--output", str(dst))
    assert code == 0, err
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert "in.jsonl:1" in out[0]["error"] and "not UTF-8" in out[0]["error"]
    assert out[1]["id"] == "f" and out[1]["error"] is None


def test_components_lists_the_pipeline():
    code, out, _ = rasd("components")
    assert code == 0
    for name in ("sentences", "tokens", "numbers", "dates", "boilerplate"):
        assert name in out


def test_eval_ner_scores_a_small_gold_file(tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text("التقى O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n", encoding="utf-8")
    code, out, err = rasd("eval", "ner", str(gold), "--json")
    assert code == 0, err
    scores = json.loads(out)
    assert (scores["PER"]["tp"], scores["LOC"]["tp"]) == (1, 1)   # بوتين and موسكو are easy
    assert scores["micro"]["fn"] == 0


def test_eval_ner_missing_gold_file(tmp_path):
    code, _, err = rasd("eval", "ner", str(tmp_path / "none.txt"))
    assert_clean_error(code, err, 2, "none.txt", "no such gold file")
