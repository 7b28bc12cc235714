"""`rasd export`: every format read back, the filters, the JSONL round trip and the CLI exit codes.

The store is built from three team-written analysed documents whose offsets are computed from the text,
so every exported span can be checked against its evidence.
"""
from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from rasd.cli.main import app
from rasd.errors import MissingExtra
from rasd.store import Store
from rasd.store.export import EVENT_COLUMNS, ExportError, export, format_count, write_csv
from rasd.store.search import SearchFilters

BAGHDAD_TEXT = "قالت مصادر أمنية إن الشرطة العراقية اعتقلت عشرين متظاهرا في بغداد أمس. وأصيب ثلاثة أشخاص."
KHARTOUM_TEXT = "تظاهر أكثر من ألفي طالب في الخرطوم احتجاجا على رفع الأسعار. وقتل ما بين 3 و5 أشخاص."
PLAIN_TEXT = "افتتح الوزير معرضا للكتاب في المدينة دون أي حوادث."


def span(text: str, piece: str, **extra) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece, **extra}


def sentence_of(text: str, piece: str) -> dict:
    start = text.index(piece)
    end = text.find(".", start) + 1
    return {"start": text.rfind(".", 0, start) + 1 if "." in text[:start] else 0, "end": end}


def make_event(text, id_, type_, trigger, *, actor=None, recipient=None, location=None, date=None, counts=None,
               mode=None, contexts=(), attribution=None):
    return {"id": id_, "type": type_, "mode": mode, "contexts": list(contexts), "trigger": span(text, trigger),
            "sentence": sentence_of(text, trigger), "actor": actor, "recipient": recipient, "location": location,
            "date": date, "counts": counts or {}, "attribution": attribution, "status": "occurred",
            "negated": False, "historical": False, "confidence": 0.8, "evidence": [span(text, trigger)]}


def records() -> list[dict]:
    t = BAGHDAD_TEXT
    baghdad = {
        "id": "baghdad-1", "published": "2022-01-13", "source": "وكالة الفريق", "url": "https://example.org/b",
        "title": "اعتقالات في بغداد", "text": t, "sentences": [], "entities": [], "error": None,
        "events": [make_event(
            t, "e1", "COERCE", "اعتقلت", mode="arrest",
            actor=span(t, "الشرطة العراقية", country="IRQ", sector="COP", kb_id=None, name_en=None),
            recipient=span(t, "متظاهرا", country=None, sector="CVL", kb_id=None, name_en=None),
            location=span(t, "بغداد", country="IRQ", place="Baghdad", admin1="Baghdad", lat=33.34, lon=44.4,
                          precision="city"),
            date={"iso": "2022-01-12", "precision": "day", "start": None, "end": None, "text": None},
            counts={"arrested": 20, "injured": 3}, attribution=span(t, "مصادر أمنية"))]}
    t = KHARTOUM_TEXT
    khartoum = {
        "id": "khartoum-1", "published": "2022-03-02", "source": "صحيفة السودان", "url": None, "title": None,
        "text": t, "sentences": [], "entities": [], "error": None,
        "events": [
            make_event(t, "e1", "PROTEST", "تظاهر", mode="demonstrate", contexts=["economic"],
                       actor=span(t, "طالب", country="SDN", sector="EDU", kb_id=None, name_en=None),
                       location=span(t, "الخرطوم", country="SDN", place="Khartoum", admin1=None, lat=15.5,
                                     lon=32.56, precision="city"),
                       counts={"participants": [2001, None]}),
            make_event(t, "e2", "ASSAULT", "وقتل", counts={"dead": [3, 5]})]}  # no place: not in GeoJSON
    plain = {"id": "plain-1", "published": "2022-02-01", "source": None, "url": None, "title": None,
             "text": PLAIN_TEXT, "sentences": [], "entities": [], "error": None, "events": []}
    return [baghdad, khartoum, plain]


@pytest.fixture()
def db(tmp_path):
    lines = tmp_path / "team.jsonl"
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        for line in lines.read_text(encoding="utf-8").splitlines():
            assert store.add_document(json.loads(line), provenance={"input": str(lines)}) is not None
    return path


def run_export(db, fmt, out, filters=SearchFilters(), **kw):
    with Store.open(db, readonly=True) as store:
        return export(store.conn, fmt, out, filters, **kw)


def read_csv(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_one_row_per_event_with_evidence(db, tmp_path):
    out = tmp_path / "e.csv"
    assert run_export(db, "csv", out) == 3
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["event_type"] for r in rows] == ["COERCE", "PROTEST", "ASSAULT"]
    coerce, protest, assault = rows
    assert coerce["evidence_sentence"] == "قالت مصادر أمنية إن الشرطة العراقية اعتقلت عشرين متظاهرا في بغداد أمس."
    assert (coerce["actor1"], coerce["actor1_country"], coerce["actor1_sector"]) == ("الشرطة العراقية", "IRQ", "COP")
    assert (coerce["actor2"], coerce["actor2_sector"], coerce["actor2_country"]) == ("متظاهرا", "CVL", "")
    assert (coerce["location"], coerce["country"], coerce["admin1"]) == ("بغداد", "IRQ", "Baghdad")
    assert (float(coerce["latitude"]), float(coerce["longitude"])) == (33.34, 44.4)
    assert (coerce["arrested"], coerce["injured"], coerce["fatalities"]) == ("20", "3", "")
    assert (coerce["event_date"], coerce["date_precision"], coerce["trigger"]) == ("2022-01-12", "day", "اعتقلت")
    assert (coerce["attribution"], coerce["negated"], coerce["source"]) == ("مصادر أمنية", "false", "وكالة الفريق")
    assert (coerce["document_id"], coerce["published"], coerce["url"]) == ("baghdad-1", "2022-01-13",
                                                                           "https://example.org/b")
    assert protest["participants"] == ">=2001" and protest["contexts"] == "economic"
    assert assault["fatalities"] == "3-5" and assault["evidence_sentence"] == " وقتل ما بين 3 و5 أشخاص."


def test_csv_excel_flag_adds_the_bom(db, tmp_path):
    out = tmp_path / "e.csv"
    run_export(db, "csv", out, excel=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(out, "utf-8-sig")[0]["actor1"] == "الشرطة العراقية"


@pytest.mark.parametrize("filters, types", [
    (SearchFilters(event_type="protest"), ["PROTEST"]),
    (SearchFilters(country="irq"), ["COERCE"]),
    (SearchFilters(since="2022-02-01"), ["PROTEST", "ASSAULT"]),
    (SearchFilters(until="2022-02-01"), ["COERCE"]),
    (SearchFilters(source="صحيفة السودان", event_type="ASSAULT"), ["ASSAULT"]),
    (SearchFilters(source="'; DROP TABLE events; --"), []),
])
def test_filters_select_events(db, tmp_path, filters, types):
    out = tmp_path / "f.csv"
    assert run_export(db, "csv", out, filters) == len(types)
    assert [r["event_type"] for r in read_csv(out)] == types


def test_jsonl_round_trips_the_stored_documents(db, tmp_path):
    out = tmp_path / "d.jsonl"
    assert run_export(db, "jsonl", out) == 3
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for original, back in zip(records(), exported):
        assert back.pop("provenance")["input"].endswith("team.jsonl")
        assert back == original
    assert run_export(db, "jsonl", out, SearchFilters(country="SDN")) == 1
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert doc["id"] == "khartoum-1" and len(doc["events"]) == 2  # the whole document, both events


def test_geojson_has_points_for_located_events_only(db, tmp_path):
    out = tmp_path / "e.geojson"
    assert run_export(db, "geojson", out) == 2
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    points = {f["properties"]["event_type"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert points == {"COERCE": [44.4, 33.34], "PROTEST": [32.56, 15.5]}  # [lon, lat]
    assert set(collection["features"][0]["properties"]) == set(EVENT_COLUMNS)
    assert run_export(db, "geojson", out, SearchFilters(event_type="ASSAULT")) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["features"] == []


def test_plover_records_use_plover_field_names(db, tmp_path):
    out = tmp_path / "p.jsonl"
    assert run_export(db, "plover", out) == 3
    coerce, protest, assault = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert coerce["event"] == ["COERCE"] and coerce["quad_code"] == 4 and coerce["mode"] == "arrest"
    assert coerce["date"] == "2022-01-12" and coerce["id"].startswith("rasd-")
    assert coerce["source"] == [{"code": "IRQ", "sector": "COP", "actor_text": "الشرطة العراقية",
                                 "identifier_id": None, "identifier_text": None}]
    assert coerce["recipient"][0]["sector"] == "CVL"
    assert coerce["event_loc"]["cc3"] == "IRQ" and coerce["event_loc"]["latitude"] == 33.34
    text = BAGHDAD_TEXT
    assert coerce["event_text"] == [text[coerce["text_info"]["start"]:coerce["text_info"]["end"]]]
    assert coerce["size_info"]["arrested"] == 20 and coerce["cite_info"]["publication"] == "وكالة الفريق"
    assert protest["context"] == ["economic"] and protest["recipient"] == []
    assert assault["source"] == [] and assault["event_loc"] is None and assault["date"] is None
    assert assault["size_info"]["dead"] == "3-5" and assault["link"] == "khartoum-1"


def test_parquet_is_the_flat_event_table(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    assert run_export(db, "parquet", out) == 3
    table = pq.read_table(out)
    assert tuple(table.column_names) == EVENT_COLUMNS
    assert table.column("event_type").to_pylist() == ["COERCE", "PROTEST", "ASSAULT"]
    assert table.column("latitude").to_pylist() == [33.34, 15.5, None]
    assert table.column("arrested").to_pylist() == ["20", None, None]
    assert table.column("negated").to_pylist() == [False, False, False]
    assert run_export(db, "parquet", out, SearchFilters(event_type="AID")) == 0
    assert pq.read_table(out).num_rows == 0 and tuple(pq.read_table(out).column_names) == EVENT_COLUMNS


def test_parquet_without_pyarrow_names_the_extra(db, tmp_path, monkeypatch):
    import importlib
    real = importlib.import_module

    def no_pyarrow(name, *a, **k):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *a, **k)
    monkeypatch.setattr(importlib, "import_module", no_pyarrow)
    with pytest.raises(MissingExtra, match=r"rasd\[export\]"):
        run_export(db, "parquet", tmp_path / "e.parquet")
    assert not (tmp_path / "e.parquet").exists()


def test_unknown_format_and_failed_exports_leave_no_file(db, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        run_export(db, "xlsx", tmp_path / "e.xlsx")
    with pytest.raises(ExportError, match="output folder"):
        run_export(db, "csv", tmp_path / "missing" / "e.csv")
    with pytest.raises(ExportError, match="is a directory"):
        run_export(db, "geojson", tmp_path)
    out = tmp_path / "e.csv"
    out.write_text("previous export", encoding="utf-8")
    with pytest.raises(KeyError):
        write_csv(iter([{"event_id": 1}]), out)  # a row that breaks the writer mid-file
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("value, shown", [(7, 7), ([20, 99], "20-99"), ([2001, None], ">=2001"), ([None, 10], "<=10"),
                                          ([4, 4], "4"), (None, None), ([None, None], None)])
def test_format_count(value, shown):
    assert format_count(value) == shown


def test_cli_export_and_exit_codes(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli.geojson"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson", "--output", str(out),
                                 "--country", "SDN"])
    assert result.exit_code == 0, result.output
    assert [f["properties"]["event_type"] for f in json.loads(out.read_text("utf-8"))["features"]] == ["PROTEST"]
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "--format", "csv",
                                  "--output", str(tmp_path / "x.csv")])
    assert missing.exit_code == 2 and "no such database" in missing.output
    assert len([line for line in missing.output.splitlines() if line.strip()]) == 1
    bad_format = runner.invoke(app, ["export", "--db", str(db), "--format", "xlsx", "--output", str(tmp_path / "x")])
    assert bad_format.exit_code == 2 and "--format" in bad_format.output
    bad_type = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--output", str(tmp_path / "x"),
                                   "--type", "RIOT"])
    assert bad_type.exit_code == 2
    bad_date = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--output", str(tmp_path / "x"),
                                   "--since", "yesterday"])
    assert bad_date.exit_code == 2
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.csv").exists()
    excel = runner.invoke(app, ["export", "--db", str(db), "-f", "csv", "-o", str(tmp_path / "x.csv"), "--excel"])
    assert excel.exit_code == 0 and (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbf")
