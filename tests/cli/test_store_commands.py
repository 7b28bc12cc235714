"""`rasd ingest URL`, `rasd stats` with stories and `rasd export --stories`, run as a user runs them."""
from __future__ import annotations

import csv
import functools
import json
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("trafilatura")
pytest.importorskip("datasketch")

PAGE = """<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2022-01-13"></head><body><article><h1>{title}</h1>
<p>{body}</p></article></body></html>"""
REPORT_A = "قالت مصادر أمنية إن هجوما بسيارة مفخخة استهدف نقطة تفتيش في عدن صباح الخميس وأدى إلى مقتل خمسة أشخاص."
REPORT_B = "أفاد مسؤول محلي بأن سبعة قتلى سقطوا في انفجار سيارة ملغومة عند حاجز أمني بمدينة عدن يوم الخميس."


def rasd(*args):
    proc = subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, timeout=300)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    (folder / "a.html").write_text(PAGE.format(title="هجوم في عدن", body=REPORT_A), encoding="utf-8")
    (folder / "b.html").write_text(PAGE.format(title="انفجار في عدن", body=REPORT_B), encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_urls_stats_and_story_export(site, tmp_path):
    db = str(tmp_path / "s.db")
    code, _, err = rasd("ingest", f"{site}/a.html", "--db", db)
    assert code == 0 and "0 new, 0 duplicate, 1 failed" in err
    assert f"failed: {site}/a.html: [R041] refused: 127.0.0.1 is a loopback address" in err
    assert "--allow-private" in err and "Traceback" not in err

    code, out, err = rasd("ingest", f"{site}/a.html", f"{site}/b.html", "--db", db, "--allow-private", "--json",
                          "--source", "مواقع الفريق")
    assert code == 0 and json.loads(out)["new"] == 2, err

    code, out, _ = rasd("stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["stories"]["multi_article"] == 1 and stats["stories"]["with_conflicts"] == 1
    assert stats["near_duplicates"]["documents"] == 0
    code, out, _ = rasd("stats", "--db", db)
    assert code == 0 and "1 reported by several articles" in out and "ASSAULT" in out

    stories_csv = tmp_path / "stories.csv"
    code, _, err = rasd("export", "--db", db, "--stories", "--format", "csv", "--output", str(stories_csv),
                        "--min-articles", "2")
    assert code == 0 and "1 stories ->" in err
    with open(stories_csv, encoding="utf-8", newline="") as f:
        (story,) = list(csv.DictReader(f))
    assert (story["event_type"], story["fatalities"], story["num_articles"]) == ("ASSAULT", "5 | 7", "2")
    assert story["urls"] == f"{site}/a.html;{site}/b.html"

    code, _, err = rasd("export", "--db", db, "--stories", "--format", "plover", "--output", str(tmp_path / "x"))
    assert code == 2 and "--stories exports as csv jsonl parquet geojson" in err
