"""Ingest end to end: the default pipeline, the store, idempotency, kill -9 and resume, WAL readers, the CLI."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from rasd.ingest.readers import ReadOptions, expand_paths, read_paths
from rasd.ingest.runner import ingest
from rasd.store import Store

from ingest_fixtures import ARTICLES, RSS, XML_BOMB, page, write_jsonl, write_warc, write_zip

pytest.importorskip("trafilatura")


def run_ingest(paths, db, pipeline, **kw):
    with Store.open(db) as store:
        return ingest(read_paths(expand_paths([str(p) for p in paths]), ReadOptions()), store, pipeline=pipeline, **kw)


def counts(db) -> tuple[int, int, int, int]:
    conn = sqlite3.connect(db)
    try:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("documents", "events", "entities", "documents_fts"))
    finally:
        conn.close()


def layers(db) -> tuple[list, list, list]:
    """Near-duplicate clusters, event stories and story summaries, in store order."""
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT doc_id, cluster_id, near_duplicate_of FROM documents ORDER BY id").fetchall(),
                conn.execute("SELECT id, story_id FROM events ORDER BY id").fetchall(),
                conn.execute("SELECT type, day, num_events, num_articles, num_sources, counts, dates, conflicts "
                             "FROM stories ORDER BY id").fetchall())
    finally:
        conn.close()


@pytest.fixture()
def mixed_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\n" + ARTICLES[0], encoding="utf-8")
    (folder / "b.html").write_text(page(1), encoding="utf-8")
    (folder / "c.rss").write_text(RSS.format(a=ARTICLES[2], b=ARTICLES[3]), encoding="utf-8")
    (folder / "bomb.xml").write_text(XML_BOMB, encoding="utf-8")
    (folder / "bin.txt").write_bytes(b"\x00\xff" * 100)
    return folder


def test_ingest_stores_layers_and_is_idempotent(tmp_path, mixed_inputs, pipeline):
    db = tmp_path / "s.db"
    first = run_ingest([mixed_inputs], db, pipeline)
    assert (first.new, first.duplicate, first.failed) == (4, 0, 2)
    assert sorted(f.where.rsplit("/", 1)[1] for f in first.failures) == ["bin.txt", "bomb.xml"]
    before = counts(db)
    assert before[0] == 4 and before[1] >= 1 and before[3] == 4
    second = run_ingest([mixed_inputs], db, pipeline)
    assert (second.new, second.duplicate, second.failed) == (0, 4, 2)
    assert counts(db) == before
    with Store.open(db, readonly=True) as store:
        row = store.conn.execute("SELECT id, text FROM documents WHERE title = 'عنوان'").fetchone()
        document = store.document(row["id"])
        assert document["text"] == row["text"] and document["provenance"]["reader"] == "txt"
        assert document["title"] == "عنوان" and isinstance(document["events"], list)
        # every stored event offset points into the stored text
        for e in store.conn.execute("SELECT e.trigger_start, e.trigger_end, e.trigger_text, d.text FROM events e "
                                    "JOIN documents d ON d.id = e.document_id"):
            assert e["text"][e["trigger_start"]:e["trigger_end"]] == e["trigger_text"]


def test_same_content_in_two_inputs_is_stored_once(tmp_path, pipeline):
    (tmp_path / "x.txt").write_text(ARTICLES[1], encoding="utf-8")
    (tmp_path / "y.txt").write_text("  " + ARTICLES[1].replace(" ", "  ") + "\n", encoding="utf-8")
    summary = run_ingest([tmp_path / "x.txt", tmp_path / "y.txt"], tmp_path / "s.db", pipeline)
    assert (summary.new, summary.duplicate) == (1, 1)


def test_workers_give_the_same_store_as_one_process(tmp_path, pipeline):
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"id": f"d{i}", "text": t, "published": "2022-01-13"} for i, t in enumerate(ARTICLES)])
    one = run_ingest([path], tmp_path / "one.db", pipeline)
    two = run_ingest([path], tmp_path / "two.db", pipeline, workers=2)
    assert (one.new, one.events) == (two.new, two.events) == (4, one.events)
    dump = lambda db: [tuple(r) for r in sqlite3.connect(db).execute(  # noqa: E731
        "SELECT doc_id, content_hash, analysed FROM documents ORDER BY id")]
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")
    assert layers(tmp_path / "one.db") == layers(tmp_path / "two.db")


def test_warc_and_zip_through_the_store(tmp_path, pipeline):
    write_warc(tmp_path / "c.warc.gz", [("https://a.example.com/1", page(0, url="https://a.example.com/1"))])
    write_zip(tmp_path / "z.zip", {"p.html": page(2).encode(), "n.txt": ARTICLES[3].encode("cp1256")})
    summary = run_ingest([tmp_path / "c.warc.gz", tmp_path / "z.zip"], tmp_path / "s.db", pipeline, source="فريق")
    assert (summary.new, summary.failed) == (3, 0)
    with Store.open(tmp_path / "s.db", readonly=True) as store:
        assert store.stats()["by_source"]["فريق"]["documents"] == 3
        encodings = {json.loads(r[0]).get("encoding") for r in store.conn.execute("SELECT provenance FROM documents")}
        assert "cp1256" in encodings


def _big_jsonl(path, n):
    # Distinct texts: each article with a numbered closing sentence.
    write_jsonl(path, [{"id": f"k{i}", "text": f"{ARTICLES[i % 4]}\nوأفاد التقرير رقم {i} بأن الوضع هادئ.",
                        "published": "2022-01-13", "source": f"مصدر {i % 3}"} for i in range(n)])


def _rasd(*args):
    return [sys.executable, "-m", "rasd", *args]


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    inputs = tmp_path / "in.jsonl"
    _big_jsonl(inputs, 150)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    subprocess.run(_rasd("ingest", str(inputs), "--db", str(clean)), check=True, capture_output=True, timeout=300)
    proc = subprocess.Popen(_rasd("ingest", str(inputs), "--db", str(killed)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            stored = counts(killed)[0] if killed.exists() else 0
        except sqlite3.OperationalError:
            stored = 0
        if stored >= 5:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = counts(killed)[0]
    assert 5 <= partial < 150, "the ingest was not interrupted in the middle"
    rerun = subprocess.run(_rasd("ingest", str(inputs), "--db", str(killed), "--json"), capture_output=True,
                           timeout=300, check=True)
    summary = json.loads(rerun.stdout)
    assert summary["duplicate"] == partial and summary["new"] == 150 - partial
    assert counts(killed) == counts(clean)
    # clusters and stories are decided in each document's transaction: the resumed store has the same ones
    assert layers(killed) == layers(clean)
    assert 1 < len({cluster for _, cluster, _ in layers(clean)[0]}) < 150  # the 150 texts are 4 stories
    with sqlite3.connect(killed) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_readers_query_while_an_ingest_writes(tmp_path):
    inputs, db = tmp_path / "in.jsonl", tmp_path / "s.db"
    _big_jsonl(inputs, 80)
    with Store.open(db):  # create the schema so readers can open it from the start
        pass
    proc = subprocess.Popen(_rasd("ingest", str(inputs), "--db", str(db)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    seen = []
    with Store.open(db, readonly=True) as reader:
        reader.conn.execute("PRAGMA busy_timeout = 0")  # under WAL a reader never waits for the writer
        while proc.poll() is None:
            seen.append(reader.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            reader.search("اعتقال")
            time.sleep(0.02)
    assert proc.returncode == 0, proc.stderr.read()
    assert seen == sorted(seen)
    assert len(set(seen)) >= 3, f"never saw the store mid-ingest: {sorted(set(seen))}"
    assert counts(db)[0] == 80


def test_cli_ingest_stats_search_and_exit_codes(tmp_path, mixed_inputs):
    db = str(tmp_path / "cli.db")
    proc = subprocess.run(_rasd("ingest", str(mixed_inputs), "--db", db), capture_output=True, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "4 new, 0 duplicate, 2 failed" in err
    assert sum("failed: " in line for line in err.splitlines()) == 2 and "Traceback" not in err
    stats = json.loads(subprocess.run(_rasd("stats", "--db", db, "--json"), capture_output=True, check=True).stdout)
    assert stats["documents"] == 4 and stats["events"] == sum(stats["events_by_type"].values())
    assert set(stats["by_source"]) >= {"أخبار الفريق"}
    hits = json.loads(subprocess.run(_rasd("search", "للاحتجاجات", "--db", db, "--json"), capture_output=True,
                                     check=True).stdout)
    assert [h["title"] for h in hits] == ["عنوان"]
    assert "احتجاجات على انقطاع" in hits[0]["snippet"]
    missing = subprocess.run(_rasd("ingest", str(tmp_path / "nope"), "--db", db), capture_output=True)
    assert missing.returncode == 2 and "no such file" in missing.stderr.decode()
    no_db = subprocess.run(_rasd("stats", "--db", str(tmp_path / "none.db")), capture_output=True)
    assert no_db.returncode == 2 and "no such database" in no_db.stderr.decode()
    bad_date = subprocess.run(_rasd("search", "x", "--db", db, "--since", "yesterday"), capture_output=True)
    assert bad_date.returncode == 2
