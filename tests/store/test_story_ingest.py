"""Stories and near-duplicates end to end: team-written articles through `ingest` with the default pipeline,
in separate runs, then exported per event and per story."""
from __future__ import annotations

import csv
import json

import pytest

from rasd.ingest.readers import ReadOptions, expand_paths, read_paths
from rasd.ingest.runner import ingest
from rasd.store import Store
from rasd.store.export import EVENT_COLUMNS, ExportError, export
from rasd.store.search import SearchFilters
from rasd.store.story_export import STORY_COLUMNS

from story_fixtures import ATTACK_A, ATTACK_B, ATTACK_C, ENERGY, FLOOD_A, FLOOD_B

pytest.importorskip("datasketch")


def write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def run(db, path, pipeline):
    with Store.open(db) as store:
        return ingest(read_paths(expand_paths([str(path)]), ReadOptions()), store, pipeline=pipeline)


@pytest.fixture()
def two_runs(tmp_path, pipeline):
    """Run 1: one outlet's flood report, an attack report and an unrelated story; run 2 (later): the other
    outlet's copy of the flood report and two more attack reports."""
    db = tmp_path / "s.db"
    first = write(tmp_path / "1.jsonl", [
        {"id": "flood-a", "text": FLOOD_A, "published": "2022-01-13", "source": "صحيفة أ"},
        {"id": "attack-a", "text": ATTACK_A, "published": "2022-01-13", "source": "صحيفة أ"},
        {"id": "energy", "text": ENERGY, "published": "2022-01-13", "source": "صحيفة أ"}])
    second = write(tmp_path / "2.jsonl", [
        {"id": "flood-b", "text": FLOOD_B, "published": "2022-01-13", "source": "صحيفة ب"},
        {"id": "attack-b", "text": ATTACK_B, "published": "2022-01-13", "source": "صحيفة ب"},
        {"id": "attack-c", "text": ATTACK_C, "published": "2022-01-13", "source": "صحيفة ب"}])
    assert run(db, first, pipeline).new == 3
    assert run(db, second, pipeline).new == 3
    return db


def doc_row(store, doc_id):
    return store.conn.execute("SELECT id, cluster_id, near_duplicate_of FROM documents WHERE doc_id = ?",
                              (doc_id,)).fetchone()


def test_second_copy_in_a_later_run_joins_the_cluster_and_its_stories(two_runs):
    with Store.open(two_runs, readonly=True) as store:
        a, b, energy = doc_row(store, "flood-a"), doc_row(store, "flood-b"), doc_row(store, "energy")
        assert b["cluster_id"] == a["id"] and b["near_duplicate_of"] == a["id"]
        assert energy["cluster_id"] == energy["id"]
        # every event type the two copies share is one story of two articles from two sources
        shared = store.conn.execute(
            "SELECT ea.type, ea.story_id = eb.story_id, st.num_articles, st.num_sources FROM events ea "
            "JOIN events eb ON eb.type = ea.type AND eb.document_id = ? JOIN stories st ON st.id = ea.story_id "
            "WHERE ea.document_id = ?", (b["id"], a["id"])).fetchall()
        assert shared, "the pipeline found no event in the flood report"
        assert all(tuple(row)[1:] == (1, 2, 2) for row in shared)


def test_attack_reports_share_a_story_that_keeps_both_death_tolls(two_runs):
    with Store.open(two_runs, readonly=True) as store:
        stories = {row["doc_id"]: row["story_id"] for row in store.conn.execute(
            "SELECT d.doc_id, e.story_id FROM events e JOIN documents d ON d.id = e.document_id WHERE e.type = 'ASSAULT'")}
        assert stories["attack-a"] == stories["attack-b"] != stories["attack-c"]
        story = store.conn.execute("SELECT * FROM stories WHERE id = ?", (stories["attack-a"],)).fetchone()
        assert json.loads(story["counts"])["dead"] == [{"value": 5, "documents": ["attack-a"]},
                                                       {"value": 7, "documents": ["attack-b"]}]
        assert json.loads(story["conflicts"]) == ["dead"]
        assert store.stats()["stories"]["with_conflicts"] >= 1


def test_event_export_carries_story_columns_and_story_export_lists_every_value(two_runs, tmp_path):
    with Store.open(two_runs, readonly=True) as store:
        assert export(store.conn, "csv", tmp_path / "e.csv", SearchFilters(event_type="ASSAULT")) == 3
        assert export(store.conn, "csv", tmp_path / "s.csv", SearchFilters(event_type="ASSAULT"), stories=True) == 2
        assert export(store.conn, "jsonl", tmp_path / "s.jsonl", stories=True, min_articles=2) >= 2
        with pytest.raises(ExportError, match="plover"):
            export(store.conn, "plover", tmp_path / "s.json", stories=True)
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    assert tuple(events[0]) == EVENT_COLUMNS
    by_doc = {e["document_id"]: e for e in events}
    assert by_doc["attack-a"]["story_id"] == by_doc["attack-b"]["story_id"] != by_doc["attack-c"]["story_id"]
    assert (by_doc["attack-b"]["num_articles"], by_doc["attack-b"]["num_sources"]) == ("2", "2")
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as f:
        stories = list(csv.DictReader(f))
    assert tuple(stories[0]) == STORY_COLUMNS
    aden = next(s for s in stories if s["num_articles"] == "2")
    assert (aden["fatalities"], aden["conflicts"], aden["documents"]) == ("5 | 7", "dead", "attack-a;attack-b")
    assert aden["sources"] == "صحيفة أ;صحيفة ب" and aden["location"] == "Aden"
    lines = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(line["num_articles"] >= 2 for line in lines)
    attack = next(line for line in lines if line["event_type"] == "ASSAULT")
    assert attack["counts"]["dead"][1] == {"value": 7, "documents": ["attack-b"]}
    assert attack["documents"] == ["attack-a", "attack-b"]
