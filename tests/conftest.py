"""Shared fixtures. Tests that read ../shared use the `shared_dir` fixture: without the folder they
skip with a reason, except under RASD_REQUIRE_SHARED=1 (CI), where they fail."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def shared_path() -> Path:
    return Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "data").is_dir():
        message = f"../shared not found at {path} (set RASD_SHARED)"
        if os.environ.get("RASD_REQUIRE_SHARED") == "1":
            pytest.fail(message + " and RASD_REQUIRE_SHARED=1")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def pipeline():
    from rasd import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    """The default pipeline under the name the events tests use (a module may define its own)."""
    return pipeline


@pytest.fixture(scope="session")
def news_sample(shared_dir) -> list[dict]:
    """The first 300 SaudiNewsNet articles (raw JSON objects: "content", "date_extracted", ...), read in place."""
    import json
    import zipfile
    archive = sorted((shared_dir / "data/news/saudinewsnet/dataset").glob("*.zip"))[0]
    with zipfile.ZipFile(archive) as z:
        return json.loads(z.read(z.namelist()[0]))[:300]
