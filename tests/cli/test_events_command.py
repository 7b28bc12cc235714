"""`rasd events`: the stored events as a table and as JSON lines, with the export's filters."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rasd.cli.main import app

ARTICLES = [
    {"id": "baghdad-arrests", "published": "2022-03-10", "source": "وكالة الاختبار",
     "text": "قالت مصادر أمنية إن الشرطة العراقية اعتقلت عشرين متظاهرا في بغداد أمس."},
    {"id": "cairo-talks", "published": "2022-03-11", "source": "صحيفة الاختبار",
     "text": "بحث وزير الخارجية المصري في اتصال هاتفي مع نظيره الأردني الأوضاع في المنطقة."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("events-cli")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "rasd.db"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def events_json(db, *args) -> list[dict]:
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_json_lines_carry_the_coded_arrest(db):
    rows = events_json(db)
    arrest = next(r for r in rows if r["event_type"] == "COERCE")
    assert arrest["actor1_country"] == "IRQ"
    assert arrest["arrested"] == 20
    assert arrest["event_date"] == "2022-03-09"
    assert arrest["trigger"] in arrest["evidence_sentence"]
    assert not any(key.startswith("_") for key in arrest)


def test_type_filter_and_limit(db):
    assert {r["event_type"] for r in events_json(db, "--type", "CONSULT")} == {"CONSULT"}
    assert len(events_json(db, "--limit", "1")) == 1


def test_table_shows_type_actor_and_evidence(db):
    result = CliRunner().invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "COERCE/arrest" in result.stdout
    assert "IRQ" in result.stdout
    assert "اعتقلت" in result.stdout


def test_unknown_type_is_a_usage_error(db):
    result = CliRunner().invoke(app, ["events", "--db", str(db), "--type", "PARTY"])
    assert result.exit_code == 2
    assert "PLOVER type" in result.output


def test_missing_database_is_named(tmp_path):
    missing = tmp_path / "nowhere.db"
    result = CliRunner().invoke(app, ["events", "--db", str(missing)])
    assert result.exit_code == 2
    assert "nowhere.db" in result.output
