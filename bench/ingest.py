"""Ingest benchmark: SaudiNewsNet articles into a fresh store with 1 and 2 workers, then search latency.

    python bench/ingest.py              # the first 2,000 articles (a quick run)
    python bench/ingest.py --all        # all 31,030
    python bench/ingest.py --limit 500 --workers 1
    python bench/ingest.py --all --workers 1 --name ingest_all_w1   # one run, its own result file

Measures documents/s of the whole ingest (read JSONL, analyse with the default pipeline, write with
its layers, FTS entry, near-duplicate cluster and stories), the writer's share (ms per document
spent in the store), database size per 1,000 articles (after a WAL checkpoint), the clusters and
stories found, and search
latency p50/p95 over 50 queries (25 single words, 15 two-word queries, 10 with filters), each
including the snippets of its top 20 hits. Writes bench/results/ingest.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import saudinewsnet, write_result  # noqa: E402

from rasd.ingest.readers import ReadOptions, read_paths  # noqa: E402
from rasd.ingest.runner import ingest  # noqa: E402
from rasd.pipeline.runner import Pipeline  # noqa: E402
from rasd.store import Store  # noqa: E402
from rasd.store.search import SearchFilters  # noqa: E402

# Team-chosen news words (not taken from the corpus text), with and without clitics.
WORDS = ["الملك", "وزير", "الصحة", "التعليم", "مجلس", "الأمن", "اعتقال", "مشروع", "الاقتصاد", "النفط", "الرياض",
         "جدة", "الحج", "مستشفى", "الطلاب", "الجامعة", "المرور", "الأمطار", "اتفاقية", "والتعاون", "للشركات",
         "بالمملكة", "الدفاع", "المدني", "القضاء"]
PAIRS = ["وزير الصحة", "مجلس الوزراء", "الدفاع المدني", "أمير المنطقة", "خادم الحرمين", "سوق الأسهم",
         "هيئة الأمر", "وزارة التعليم", "مكافحة الفساد", "الأمن العام", "المسجد الحرام", "الطاقة المتجددة",
         "الأمم المتحدة", "حقوق الإنسان", "التنمية الاجتماعية"]
FILTERED = [("اعتقال", SearchFilters(event_type="COERCE")), ("وزير", SearchFilters(country="SAU")),
            ("الملك", SearchFilters(since="2015-01-01")), ("مجلس", SearchFilters(event_type="CONSULT")),
            ("اتفاقية", SearchFilters(event_type="AGREE")), ("الأمن", SearchFilters(country="YEM")),
            ("الرياض", SearchFilters(until="2015-06-30")), ("الحج", SearchFilters(event_type="AID")),
            ("مشروع", SearchFilters(country="SAU", event_type="COOPERATE")), ("الطلاب", SearchFilters(event_type="PROTEST"))]


def run(jsonl: Path, db: Path, workers: int) -> dict:
    pipeline = Pipeline()
    start = time.perf_counter()
    with Store.open(db) as store:
        summary = ingest(read_paths([jsonl], ReadOptions()), store, pipeline=pipeline, workers=workers)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stats = store.stats()
    seconds = time.perf_counter() - start
    size = db.stat().st_size
    stories = stats["stories"]
    return {"workers": workers, "new": summary.new, "duplicate": summary.duplicate, "failed": summary.failed,
            "events": summary.events, "seconds": round(seconds, 1), "documents_per_second": round(summary.seen / seconds, 2),
            "writer_ms_per_document": round(summary.write_seconds / max(summary.new, 1) * 1000, 2),
            "db_bytes": size, "db_mb_per_1000_articles": round(size / 1e6 / max(summary.new, 1) * 1000, 2),
            "near_duplicate_documents": stats["near_duplicates"]["documents"],
            "near_duplicate_clusters": stats["near_duplicates"]["clusters"],
            "stories": stories["stories"], "stories_multi_article": stories["multi_article"],
            "stories_multi_source": stories["multi_source"], "stories_with_conflicts": stories["with_conflicts"],
            "failures_sample": [str(f) for f in summary.failures[:5]]}


def search_latency(db: Path) -> dict:
    queries = [(w, SearchFilters()) for w in WORDS] + [(p, SearchFilters()) for p in PAIRS] + FILTERED
    timings, hits = [], []
    with Store.open(db, readonly=True) as store:
        store.search("تسخين", SearchFilters(), 20)  # open the file pages once
        for query, filters in queries:
            start = time.perf_counter()
            found = store.search(query, filters, 20)
            timings.append((time.perf_counter() - start) * 1000)
            hits.append(len(found))
    timings.sort()
    return {"queries": len(queries), "limit": 20, "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2), "max_ms": round(timings[-1], 2),
            "queries_with_hits": sum(1 for h in hits if h)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--name", default="ingest", help="Result file bench/results/<name>.json (to keep runs made "
                        "separately, e.g. the 1-worker run of the whole corpus).")
    parser.add_argument("--all", action="store_true", help="All 31,030 SaudiNewsNet articles.")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2],
                        help="Runs, in this order; search latency is measured on the last run's store.")
    args = parser.parse_args()
    limit = None if args.all else args.limit
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            count = 0
            for article in saudinewsnet(limit):
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
                count += 1
        runs = []
        for workers in args.workers:
            db = Path(tmp) / f"w{workers}.db"
            runs.append(run(jsonl, db, workers))
            print(json.dumps(runs[-1], ensure_ascii=False), file=sys.stderr)
        search = search_latency(Path(tmp) / f"w{args.workers[-1]}.db")
    write_result(args.name, {"articles": count, "runs": runs, "search": search})


if __name__ == "__main__":
    main()
