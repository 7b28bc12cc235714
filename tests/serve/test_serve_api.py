"""The read API over a store of test articles: filters, pagination, details, search, stats, exports, analyse, ingest."""
from __future__ import annotations

import csv
import io
import json

import pytest

from serve_fixtures import TOKEN


def all_events(client, **params):
    page = client.get("/api/events", params={"limit": 500, **params})
    assert page.status_code == 200, page.text
    return page.json()


def test_health_counts_the_store(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["writes_enabled"] is False
    assert body["events"] == all_events(client)["total"] > 5


def test_events_default_order_is_newest_day_first(client):
    items = all_events(client)["items"]
    days = [e["day"] for e in items]
    assert days == sorted(days, reverse=True)
    assert all(e["sentence"]["text"] for e in items)


@pytest.mark.parametrize("sort,key,reverse", [("id", "id", False), ("-id", "id", True), ("date", "day", False)])
def test_sort_keys(client, sort, key, reverse):
    values = [e[key] for e in all_events(client, sort=sort)["items"]]
    assert values == sorted(values, reverse=reverse)


def test_filter_by_type_single_repeated_and_comma(client):
    stats = client.get("/api/stats").json()["by_type"]
    assault = all_events(client, type="ASSAULT")
    assert assault["total"] == stats["ASSAULT"] and {e["type"] for e in assault["items"]} == {"ASSAULT"}
    both = all_events(client, type=["ASSAULT", "ACCUSE"])
    assert both["total"] == stats["ASSAULT"] + stats["ACCUSE"]
    assert all_events(client, type="assault,accuse")["total"] == both["total"]


def test_filter_by_country_matches_any_role(client):
    page = all_events(client, country="irq")
    assert page["total"] > 0
    for event in page["items"]:
        countries = {(event.get(role) or {}).get("country") for role in ("actor", "recipient", "location")}
        assert "IRQ" in countries
    assert page["total"] < all_events(client)["total"]


def test_filter_by_actor_text_and_by_source(client):
    police = all_events(client, actor="الشرطة")
    assert police["total"] >= 1
    assert all("الشرطة" in ((e["actor"] or {}).get("text") or "") + ((e["recipient"] or {}).get("text") or "")
               for e in police["items"])
    agency = all_events(client, source="وكالة الأنباء التجريبية")
    assert agency["total"] > 0 and {e["source"] for e in agency["items"]} == {"وكالة الأنباء التجريبية"}


def test_filter_by_day_range(client):
    page = all_events(client, since="2024-03-16", until="2024-03-17")
    assert page["total"] > 0
    assert all("2024-03-16" <= e["day"] <= "2024-03-17" for e in page["items"])
    assert client.get("/api/events", params={"since": "16/03/2024"}).status_code == 422


def test_filter_by_bounding_box(client):
    page = all_events(client, bbox="43,32,46,35")  # around Baghdad
    assert page["total"] > 0
    assert all(43 <= e["location"]["lon"] <= 46 and 32 <= e["location"]["lat"] <= 35 for e in page["items"])
    for bad in ("1,2,3", "a,b,c,d", "10,0,5,5", "0,0,200,5"):
        response = client.get("/api/events", params={"bbox": bad})
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_full_text_filter_keeps_events_of_matching_articles(client):
    page = all_events(client, q="الخرطوم")
    assert page["total"] > 0 and {e["doc_id"] for e in page["items"]} == {"t-khartoum"}
    assert all_events(client, q="بالكهرباء")["total"] == all_events(client, q="الكهرباء")["total"] > 0
    assert all_events(client, q="!!!")["total"] == 0


def test_pagination_is_disjoint_and_complete(client):
    full = [e["id"] for e in all_events(client, sort="id")["items"]]
    pages = []
    for offset in range(0, len(full), 3):
        page = client.get("/api/events", params={"limit": 3, "offset": offset, "sort": "id"}).json()
        assert page["limit"] == 3 and page["offset"] == offset
        pages += [e["id"] for e in page["items"]]
    assert pages == full
    for params in ({"limit": 501}, {"limit": 0}, {"offset": -1}, {"sort": "e.id; DROP TABLE events"}):
        assert client.get("/api/events", params=params).status_code == 422


def test_event_detail_offsets_are_evidence_in_the_document(client):
    for summary in all_events(client)["items"]:
        event = client.get(f"/api/events/{summary['id']}").json()
        text = client.get(f"/api/documents/{event['document_id']}").json()["text"]
        sentence = event["sentence"]
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        trigger = event["trigger"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        parties = [p for p in (event["actor"], event["recipient"]) if p and p.get("start") is not None]
        for span in event["evidence"] + parties:
            assert text[span["start"]:span["end"]] == span["text"]
        assert isinstance(event["contexts"], list) and "event_key" in event


def test_unknown_ids_are_json_404(client):
    for url in ("/api/events/999999", "/api/documents/999999"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.get("/api/events/abc").status_code == 422


def test_document_layers_link_back_to_event_rows(client):
    doc = client.get("/api/documents/1").json()
    assert doc["doc_id"] == "t-baghdad" and doc["title"] and doc["source"] == "صحيفة الرافدين"
    for entity in doc["entities"]:
        assert doc["text"][entity["start"]:entity["end"]] == entity["text"]
    assert doc["events"]
    for event in doc["events"]:
        row = client.get(f"/api/events/{event['row_id']}").json()
        assert row["type"] == event["type"] and row["trigger"]["start"] == event["trigger"]["start"]


def test_search(client):
    result = client.get("/api/search", params={"q": "الكهرباء"}).json()
    assert [hit["doc_id"] for hit in result["hits"]] == ["t-baghdad"]
    assert "الكهرباء" in result["hits"][0]["snippet"] and "PROTEST" in result["hits"][0]["event_types"]
    filtered = client.get("/api/search", params={"q": "الكهرباء", "type": "AGREE"}).json()
    assert filtered["hits"] == []
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": "غزة", "limit": 101}).status_code == 422


def test_stats_agree_with_the_event_list(client):
    stats = client.get("/api/stats").json()
    total = all_events(client)["total"]
    assert stats["events"] == total == sum(stats["by_type"].values()) == sum(stats["by_source"].values())
    assert sum(row["count"] for row in stats["by_day"]) == total
    assert 0 < sum(place["count"] for place in stats["places"]) <= total
    assert stats["by_country"]["IRQ"] == all_events(client, country="IRQ")["total"]
    narrowed = client.get("/api/stats", params={"type": "ASSAULT"}).json()
    assert narrowed["events"] == stats["by_type"]["ASSAULT"] and set(narrowed["by_type"]) == {"ASSAULT"}


def test_csv_export_is_byte_identical_to_rasd_export(client, serve_db, tmp_path):
    from rasd.store import Store
    from rasd.store.export import export
    from rasd.store.search import SearchFilters
    response = client.get("/api/export", params={"format": "csv", "type": "ASSAULT"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    with Store.open(serve_db, readonly=True) as store:
        export(store.conn, "csv", tmp_path / "events.csv", SearchFilters(event_type="ASSAULT"))
    assert response.content == (tmp_path / "events.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == all_events(client, type="ASSAULT")["total"] and {r["event_type"] for r in rows} == {"ASSAULT"}


def test_jsonl_geojson_and_plover_exports(client):
    total = all_events(client)["total"]
    documents = [json.loads(line) for line in client.get("/api/export?format=jsonl").text.splitlines()]
    assert len(documents) == 5 and all(d["text"] and "events" in d for d in documents)
    geo = client.get("/api/export?format=geojson").json()
    assert geo["type"] == "FeatureCollection" and 0 < len(geo["features"]) <= total
    assert all(len(f["geometry"]["coordinates"]) == 2 for f in geo["features"])
    plover = [json.loads(line) for line in client.get("/api/export?format=plover").text.splitlines()]
    assert len(plover) == total and all(r["id"].startswith("rasd-") for r in plover)
    assert client.get("/api/export?format=xlsx").status_code == 422


def test_parquet_export_when_pyarrow_is_installed(client):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    response = client.get("/api/export?format=parquet")
    assert response.status_code == 200 and response.content[:4] == b"PAR1"
    assert pq.read_table(io.BytesIO(response.content)).num_rows == all_events(client)["total"]


def test_analyze_returns_events_without_storing(client):
    before = client.get("/api/health").json()
    response = client.post("/api/analyze", json={"text": "اعتقلت الشرطة الأردنية عشرة متظاهرين في عمان أمس.",
                                                 "published": "2024-05-02"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert any(e["type"] == "COERCE" for e in doc["events"])
    assert all(doc["text"][e["start"]:e["end"]] == e["text"] for e in doc["entities"])
    assert client.get("/api/health").json() == before
    empty = client.post("/api/analyze", json={"text": "   "})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "R011"
    assert client.post("/api/analyze", json={"text": "نص", "published": "yesterday"}).status_code == 400
    assert client.post("/api/analyze", json={"body": "نص"}).status_code == 422


def test_ingest_with_the_token_stores_once(make_client, writer_db):
    writer = make_client(writer_db, token=TOKEN)
    stats_before = writer.get("/api/stats").json()["events"]
    article = {"text": "هاجم مسلحون مركزا للشرطة في مدينة البصرة فجر اليوم وقتلوا شرطيين اثنين.",
               "published": "2024-04-01", "title": "هجوم في البصرة", "source": "مصدر الاختبار", "id": "t-basra"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = writer.post("/api/documents", json=article, headers=auth)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["created"] is True and body["events"] >= 1
    again = writer.post("/api/documents", json=article, headers=auth)
    assert again.status_code == 200 and again.json() == {**body, "created": False}
    assert writer.get("/api/health").json()["documents"] == 6
    stored = writer.get(f"/api/documents/{body['id']}").json()
    assert stored["doc_id"] == "t-basra" and stored["source"] == "مصدر الاختبار"
    assert writer.get("/api/events", params={"q": "البصرة"}).json()["total"] == body["events"]
    newest = writer.get("/api/events", params={"since": "2024-03-31", "sort": "-date"}).json()["items"]
    assert newest and newest[0]["doc_id"] == "t-basra"  # the day index saw the new events
    assert writer.get("/api/stats").json()["events"] == stats_before + body["events"]  # not a stale cached figure
