"""Browser tests: Playwright for Python driving Debian's /usr/bin/chromium against `rasd serve` on loopback.

They skip (with the reason) when chromium, playwright or the api extra is missing, unless
RASD_REQUIRE_BROWSER=1 (CI), where a missing piece is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "serve"))

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def _missing() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no chromium at {CHROMIUM} (run .ci/install-browser)"
    for module in ("playwright", "pytest_playwright", "fastapi", "uvicorn"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install playwright pytest-playwright 'rasd[api]')"
    return None


def _here(item) -> bool:
    return Path(str(item.fspath)).is_relative_to(Path(__file__).parent)


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None or os.environ.get("RASD_REQUIRE_BROWSER") == "1":
        return
    for item in items:
        if _here(item):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_runtest_setup(item):
    # Before any fixture starts a browser: under RASD_REQUIRE_BROWSER=1 a missing piece is a failure.
    if _here(item) and os.environ.get("RASD_REQUIRE_BROWSER") == "1":
        reason = _missing()
        if reason is not None:
            pytest.fail(f"RASD_REQUIRE_BROWSER=1 but {reason}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of a uvicorn server, in a thread, over a store of the test articles."""
    import uvicorn
    from serve_fixtures import build_store
    from rasd.serve import create_app
    db = build_store(tmp_path_factory.mktemp("e2e") / "news.db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
