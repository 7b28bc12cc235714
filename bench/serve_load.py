"""Latency of `rasd serve` under concurrent clients, and the dashboard's load time in headless Chromium.

    .venv/bin/python bench/serve_load.py                       # builds a store of 500 SaudiNewsNet articles
    .venv/bin/python bench/serve_load.py --db full.db --requests 4000

What it does: starts `rasd serve --db DB` on a free loopback port (a separate process, as in use),
then runs `--clients` concurrent asyncio clients (httpx, one keep-alive connection each) that take
requests from a shared queue until `--requests` requests per endpoint are done, and reports p50/p95/
p99 latency and throughput for GET /api/events (a mix: no filter, a type, a country, a text query,
a deep page) and GET /api/search (a fixed list of common Arabic words). Then it loads the dashboard
in /usr/bin/chromium `--page-loads` times and reports the time from navigation until the events table,
timeline and map are drawn. Caveat: the load generator, the server and the browser share the machine.

Without --db the store is built with `rasd ingest` from the first `--docs` SaudiNewsNet articles
(kept in bench/.cache so a rerun reuses it). `--replicate K` serves a synthetic store of K copies
(an indication of scale while a full-corpus store is not at hand; not a substitute for one).
Writes bench/results/serve.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, saudinewsnet, write_result  # noqa: E402

RASD = Path(sys.executable).with_name("rasd")
SEARCH_WORDS = ["السعودية", "الرياض", "وزير", "الملك", "التعليم", "الصحة", "مجلس", "مشروع", "حادث", "اجتماع",
                "جدة", "الأمن", "المواطنين", "الطلاب", "الحوثي"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_store(n_docs: int) -> Path:
    cache = REPO / "bench" / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"serve-saudinewsnet-{n_docs}.db"
    if db.exists():
        return db
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as handle:
            for article in saudinewsnet(n_docs):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        partial = db.with_suffix(".part.db")
        started = time.perf_counter()
        subprocess.run([str(RASD), "ingest", str(jsonl), "--db", str(partial), "--workers", "2"], check=True)
        print(f"bench: ingested {n_docs} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        partial.rename(db)
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    return db


def replicate(db: Path, times: int) -> Path:
    """A SYNTHETIC larger store for scale checks only: `times` copies of every document and its events,
    with new ids and content hashes and dates shifted by k days (the FTS index copied too)."""
    import shutil
    import sqlite3
    from rasd.store.search import index_text
    out = db.with_name(f"{db.stem}-x{times}.db")
    if out.exists():
        return out
    partial = out.with_suffix(".part.db")
    shutil.copy(db, partial)
    conn = sqlite3.connect(partial, isolation_level=None)
    n = conn.execute("SELECT MAX(id) FROM documents").fetchone()[0]
    doc_columns = [r[1] for r in conn.execute("PRAGMA table_info(documents)")]
    event_columns = [r[1] for r in conn.execute("PRAGMA table_info(events)") if r[1] not in ("id", "document_id",
                                                                                             "story_id")]
    index = {i: (index_text(title) if title else "", index_text(text))
             for i, title, text in conn.execute("SELECT id, title, text FROM documents")}
    conn.execute("BEGIN")
    for k in range(1, times):
        shift = {"id": f"id + {k * n}", "doc_id": f"doc_id || '-{k}'", "content_hash": f"content_hash || '-{k}'",
                 "published": f"date(published, '+{k} days')"}
        copied = [shift.get(c, "NULL" if c in ("cluster_id", "near_duplicate_of") else c) for c in doc_columns]
        conn.execute(f"INSERT INTO documents ({', '.join(doc_columns)}) SELECT {', '.join(copied)} "
                     f"FROM documents WHERE id <= {n}")
        quoted = [f'"{c}"' for c in event_columns]
        values = [f"date(date_iso, '+{k} days')" if c == "date_iso" else f'"{c}"' for c in event_columns]
        conn.execute(f"INSERT INTO events (document_id, {', '.join(quoted)}) SELECT document_id + {k * n}, "
                     f"{', '.join(values)} FROM events WHERE document_id <= {n}")
        conn.executemany("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
                         [(i + k * n, title, body) for i, (title, body) in index.items()])
    conn.execute("COMMIT")
    conn.close()
    partial.rename(out)
    return out


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "RASD_API_TOKEN"}
    proc = subprocess.Popen([str(RASD), "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"bench: the server exited: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("bench: the server did not start within 60 s")


def event_queries(stats: dict, n: int) -> list[dict]:
    types = list(stats["by_type"]) or ["PROTEST"]
    countries = list(stats["by_country"]) or ["SAU"]
    mix = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            mix.append({})
        elif kind == 1:
            mix.append({"type": types[i % len(types)]})
        elif kind == 2:
            mix.append({"country": countries[i % min(len(countries), 10)]})
        elif kind == 3:
            mix.append({"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]})
        else:
            mix.append({"offset": (i * 50) % max(50, min(stats["events"], 5000)), "sort": "id"})
    return mix


async def load(base: str, path: str, params_list: list[dict], clients: int) -> dict:
    import httpx
    queue: asyncio.Queue = asyncio.Queue()
    for params in params_list:
        queue.put_nowait(params)
    latencies: list[float] = []
    errors = 0

    async def worker():
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while True:
                try:
                    params = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                response = await client.get(path, params=params)
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {"requests": len(ordered), "errors": errors, "clients": clients, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "mean_ms": round(statistics.fmean(ordered), 1),
            "requests_per_s": round(len(ordered) / wall, 1)}


def sequential(base: str, path: str, params_list: list[dict]) -> dict:
    """One client, one request at a time: the latency without queueing, for comparison."""
    import httpx
    times = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for params in params_list:
            started = time.perf_counter()
            client.get(path, params=params).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return {"requests": len(times), "p50_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1)}


def dashboard_load(base: str, loads: int) -> dict:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    chromium = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return {"skipped": f"no chromium at {chromium}"}
    times, external = [], set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1300, "height": 900})  # a cold cache each time
            page = context.new_page()
            page.on("request", lambda r: external.add(r.url) if not r.url.startswith(base) else None)
            started = time.perf_counter()
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready] tr.event-row, body[data-ready] #events-status:not(:empty)")
            page.wait_for_selector("#map svg circle.point, #map svg .land")
            times.append((time.perf_counter() - started) * 1000)
            context.close()
        browser.close()
    return {"loads": loads, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "external_requests": sorted(external)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An existing store (default: build one from SaudiNewsNet).")
    parser.add_argument("--docs", type=int, default=500, help="Articles to ingest when --db is not given.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000, help="Requests per endpoint.")
    parser.add_argument("--page-loads", type=int, default=5)
    parser.add_argument("--replicate", type=int, default=1, help="SYNTHETIC scale check: serve a copy of the store "
                        "with every document repeated this many times (see replicate()).")
    args = parser.parse_args()
    db = args.db or build_store(args.docs)
    if args.replicate > 1:
        db = replicate(db, args.replicate)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    try:
        import httpx
        health = httpx.get(base + "/api/health").json()
        stats = httpx.get(base + "/api/stats", timeout=120).json()
        asyncio.run(load(base, "/api/events", event_queries(stats, 100), 10))  # warm-up (page cache, pools)
        events = asyncio.run(load(base, "/api/events", event_queries(stats, args.requests), args.clients))
        search = asyncio.run(load(base, "/api/search", [{"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]}
                                                        for i in range(args.requests)], args.clients))
        single = {"api_events": sequential(base, "/api/events", event_queries(stats, 100)),
                  "api_search": sequential(base, "/api/search", [{"q": w} for w in SEARCH_WORDS * 4])}
        started = time.perf_counter()
        httpx.get(base + "/api/stats", params={"type": "PROTEST", "country": "SAU"}, timeout=120)
        stats_ms = round((time.perf_counter() - started) * 1000, 1)
        dashboard = dashboard_load(base, args.page_loads)
    finally:
        server.terminate()
        server.wait(timeout=30)
    write_result("serve", {
        "store": {"path": str(db), "documents": health["documents"], "events": health["events"],
                  "bytes": db.stat().st_size},
        "api_events": events, "api_search": search, "one_client": single,
        "api_stats_filtered_uncached_ms": stats_ms,
        "dashboard_load": dashboard,
        "synthetic_replication": args.replicate,
        "notes": "load generator, server (one uvicorn process) and browser on the same machine; "
                 "events mix = none/type/country/q/deep page in equal parts",
    })


if __name__ == "__main__":
    main()
