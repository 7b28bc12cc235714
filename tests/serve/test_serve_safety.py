"""Safety of the server: write authorisation, body limits, headers, CORS, JSON errors, injection attempts."""
from __future__ import annotations

import re

import pytest

from serve_fixtures import TOKEN

ARTICLE = {"text": "احتج عشرات العمال أمام مقر الشركة في تونس للمطالبة بأجورهم.", "published": "2024-04-02"}


def test_writes_are_disabled_without_a_configured_token(client):
    response = client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert client.get("/api/health").json()["documents"] == 5


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer ",
                                    TOKEN])
def test_a_missing_or_wrong_token_is_refused(make_client, writer_db, header):
    writer = make_client(writer_db, token=TOKEN)
    headers = {"Authorization": header} if header is not None else {}
    response = writer.post("/api/documents", json=ARTICLE, headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/health").json()["documents"] == 5


def test_bodies_over_the_limit_get_413_before_analysis(make_client, serve_db):
    small = make_client(serve_db, max_body_bytes=2_000)
    big = {"text": "تظاهر " * 1_000}
    response = small.post("/api/analyze", json=big)
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    assert response.headers["x-content-type-options"] == "nosniff"

    def chunks():  # no Content-Length: the limit is counted while reading
        yield b'{"text": "'
        for _ in range(100):
            yield "تظاهر ".encode() * 10
        yield b'"}'
    chunked = small.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "payload_too_large"
    assert small.post("/api/analyze", json={"text": "تظاهر العمال في تونس."}).status_code == 200


@pytest.mark.parametrize("url", ["/", "/api/health", "/api/events?limit=1", "/api/export?format=csv", "/api/nope",
                                 "/static/js/main.js", "/api/events?limit=9999"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


def test_cors_is_off_by_default_and_opt_in(client, make_client, serve_db):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=origin).headers
    preflight = client.options("/api/events", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    allowed = make_client(serve_db, cors_origins=["https://elsewhere.example"])
    assert allowed.get("/api/health", headers=origin).headers["access-control-allow-origin"] == origin["Origin"]


def test_errors_are_json_without_internals(client, monkeypatch):
    wrong_method = client.post("/api/health")
    assert wrong_method.status_code == 405 and wrong_method.json()["error"]["code"] == "method_not_allowed"
    invalid = client.get("/api/events", params={"limit": "many"})
    assert invalid.status_code == 422 and "limit" in invalid.json()["error"]["message"]
    bad_json = client.post("/api/analyze", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 422 and set(bad_json.json()) == {"error"}

    from rasd.store import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")
    monkeypatch.setattr(queries, "list_events", broken)
    crashed = client.get("/api/events")
    assert crashed.status_code == 500
    assert crashed.json() == {"error": {"code": "internal",
                                        "message": "internal server error (the server log has the details)"}}
    assert "secret" not in crashed.text and "Traceback" not in crashed.text


INJECTIONS = ["' OR 1=1 --", "x\" OR \"1\"=\"1", "IRQ'); DROP TABLE events; --", "%", "_", "*", "\" OR body:*",
              "NEAR(a b)", "1 UNION SELECT text FROM documents"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_attempts_in_filters_are_just_values(client, value):
    total = client.get("/api/health").json()["events"]
    for name in ("type", "country", "actor", "source", "q"):
        response = client.get("/api/events", params={name: value})
        assert response.status_code == 200, (name, value, response.text)
        assert response.json()["total"] == 0, (name, value)
        assert client.get("/api/stats", params={name: value}).json()["events"] == 0
    hits = client.get("/api/search", params={"q": value})
    assert hits.status_code == 200 and hits.json()["hits"] == []
    exported = client.get("/api/export", params={"format": "csv", "source": value})
    assert exported.status_code == 200 and exported.text.count("\n") == 1  # the header only
    assert client.get("/api/health").json()["events"] == total


def test_dashboard_is_self_contained_and_builds_dom_without_innerhtml(client):
    from rasd.serve.app import static_dir
    static = static_dir()
    page = client.get("/")
    assert page.status_code == 200 and 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    for path in [*static.rglob("*.html"), *static.rglob("*.js"), *static.rglob("*.css")]:
        source = path.read_text("utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", source), f"{path.name} loads from the network"
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", source), path.name
        assert "<script>" not in source and " style=" not in source, f"{path.name} has inline script or style"
    for asset in re.findall(r'(?:src|href)="(/[^"#]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/static/world.json").json()["countries"]
    assert client.get("/static/../app.py").status_code == 404


def test_reads_continue_while_a_writer_holds_the_store(make_client, writer_db):
    from rasd.store import Store
    reader = make_client(writer_db)
    before = reader.get("/api/events").json()["total"]
    with Store.open(writer_db) as store:
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("DELETE FROM events")
        during = reader.get("/api/events")  # WAL: the reader sees the last committed state, unblocked
        store.conn.execute("ROLLBACK")
    assert during.status_code == 200 and during.json()["total"] == before > 0
