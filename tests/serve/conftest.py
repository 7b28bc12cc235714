"""Fixtures of the API tests: one store of the test articles per session, and clients over it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
pytest.importorskip("fastapi", reason="the api extra (fastapi) is not installed")
pytest.importorskip("httpx", reason="httpx (for fastapi.testclient) is not installed")



@pytest.fixture(scope="session")
def serve_db(tmp_path_factory, pipeline) -> Path:
    from serve_fixtures import build_store
    return build_store(tmp_path_factory.mktemp("serve") / "news.db", pipeline)


@pytest.fixture(scope="session")
def client(serve_db, pipeline):
    """A read-mostly client with writes disabled (no token)."""
    from fastapi.testclient import TestClient
    from rasd.serve import create_app
    with TestClient(create_app(serve_db, pipeline=pipeline), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writer_db(tmp_path, serve_db) -> Path:
    """A private copy of the store for tests that write."""
    import shutil
    copy = tmp_path / "news.db"
    shutil.copy(serve_db, copy)
    return copy


@pytest.fixture
def make_client(pipeline):
    from fastapi.testclient import TestClient
    from rasd.serve import create_app
    made = []

    def make(db, **options):
        options.setdefault("pipeline", pipeline)
        made.append(TestClient(create_app(db, **options), raise_server_exceptions=False))
        return made[-1].__enter__()  # runs the app's lifespan: its shutdown removes the day index
    yield make
    for test_client in made:
        test_client.__exit__(None, None, None)
