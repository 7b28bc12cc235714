"""The OpenAPI document describes every route: a summary, a success response with a schema, the error model."""
from __future__ import annotations

EXPECTED = {("get", "/api/health"), ("get", "/api/events"), ("get", "/api/events/{event_id}"),
            ("get", "/api/documents/{document_id}"), ("get", "/api/search"), ("get", "/api/stats"),
            ("get", "/api/export"), ("post", "/api/analyze"), ("post", "/api/documents")}


def test_every_route_is_documented(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    operations = {(method, path): op for path, item in spec["paths"].items() for method, op in item.items()}
    assert set(operations) == EXPECTED
    for (method, path), op in operations.items():
        where = f"{method.upper()} {path}"
        assert op.get("summary"), f"{where} has no summary"
        responses = op.get("responses") or {}
        success = [code for code in responses if code.startswith("2")]
        assert success, f"{where} documents no success response"
        for code in success:
            assert responses[code].get("description"), f"{where} {code} has no description"
            assert responses[code].get("content"), f"{where} {code} has no content type"
        for code in ("422", "500"):
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{where} {code}"
        for parameter in op.get("parameters", []):
            assert parameter.get("schema"), f"{where} parameter {parameter['name']} has no schema"


def test_app_routes_outside_the_schema_are_pages_only(client):
    spec_paths = set(client.get("/openapi.json").json()["paths"])
    app = client.app
    for route in app.routes:
        path = getattr(route, "path", "")
        if path.startswith("/api"):
            assert path in spec_paths, f"{path} is missing from /openapi.json"


def test_docs_page_works_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "http://" not in page.text and "https://" not in page.text
    import re
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset


def test_docs_fall_back_to_a_page_of_ours_without_swagger_ui(serve_db, make_client, monkeypatch):
    from rasd.serve import app as app_module
    monkeypatch.setattr(app_module, "_swagger_assets", lambda: None)
    client = make_client(serve_db)
    page = client.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text and "swagger" not in page.text.lower()
    assert client.get("/static/js/docs-lite.js").status_code == 200
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 404
