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
