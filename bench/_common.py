"""Helpers shared by the benchmarks: where ../shared is, reading SaudiNewsNet, writing a JSON result."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"


def shared_dir() -> Path:
    path = Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared")
    if not (path / "data").is_dir():
        sys.exit(f"bench: ../shared not found at {path} (set RASD_SHARED)")
    return path


def saudinewsnet(limit: int | None = None):
    """SaudiNewsNet articles as {"id", "text", "published", "source"} in a fixed order (zip name, position)."""
    folder = shared_dir() / "data/news/saudinewsnet/dataset"
    count = 0
    for archive in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in sorted(z.namelist()):
                for k, article in enumerate(json.loads(z.read(name))):
                    text = (article.get("content") or "").strip()
                    if not text:
                        continue
                    yield {"id": f"{archive.stem}-{k}", "text": text, "published": article.get("date_extracted", "")[:10] or None,
                           "source": article.get("source")}
                    count += 1
                    if limit is not None and count >= limit:
                        return


def write_result(name: str, result: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {"benchmark": name, "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(), "platform": platform.platform()},
              "command": " ".join([Path(sys.executable).name, *sys.argv]), **result}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return path
