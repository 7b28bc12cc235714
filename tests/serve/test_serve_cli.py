"""`rasd serve`: arguments, the missing-extra error, and what it hands to uvicorn."""
from __future__ import annotations

import sys

from typer.testing import CliRunner

from rasd.cli.main import app

runner = CliRunner()


def test_serve_passes_the_app_and_the_token_to_uvicorn(serve_db, monkeypatch):
    import uvicorn
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    monkeypatch.setenv("RASD_API_TOKEN", "cli-token")
    result = runner.invoke(app, ["serve", "--db", str(serve_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.rasd.writes_enabled and seen["app"].state.rasd.token_matches("cli-token")


def test_serve_without_token_disables_writes(serve_db, monkeypatch):
    import uvicorn
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application))
    monkeypatch.delenv("RASD_API_TOKEN", raising=False)
    assert runner.invoke(app, ["serve", "--db", str(serve_db)]).exit_code == 0
    assert not seen["app"].state.rasd.writes_enabled


def test_serve_refuses_a_missing_database(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_serve_without_the_api_extra_exits_3(serve_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # makes `import uvicorn` fail
    result = runner.invoke(app, ["serve", "--db", str(serve_db)])
    # "rasd[api]" is in the message; the shared error printer (rasd.cli.common.fail) renders it as rich markup
    assert result.exit_code == 3 and "needs 'uvicorn'" in result.output
