"""Batch throughput on Dask: SaudiNewsNet articles as JSONL, analysed by `rasd.pipeline.distributed` with a
local cluster of 1 and 2 worker processes (and, for reference, in this process without Dask).

The figure is documents/s and words/s end to end, cluster start-up included, so it is what a user of
`rasd batch corpus.jsonl -o out/ --workers N` sees. Each run writes to a fresh folder (no partition is
skipped). -> bench/results/batch_dask.json
Usage: python bench/batch_dask.py [--articles 2000] [--block-mb 1]
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from _common import saudinewsnet, write_result

from rasd import Pipeline
from rasd.pipeline.distributed import run_distributed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--block-mb", type=float, default=1.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    pipeline = Pipeline()
    runs = {}
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for article in saudinewsnet(args.articles):
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
        for workers in args.workers:
            start = time.perf_counter()
            summary = run_distributed([corpus], Path(folder) / f"out-{workers}", workers=workers,
                                      block_bytes=int(args.block_mb * 1024 * 1024), pipeline=pipeline)
            seconds = time.perf_counter() - start
            runs["in_process" if workers == 0 else f"local_cluster_{workers}_workers"] = {
                "seconds": round(seconds, 2), "partitions": summary.partitions, "documents": summary.documents,
                "errors": summary.errors, "failed_partitions": len(summary.failed),
                "docs_per_s": round(summary.documents / seconds, 1), "words_per_s": round(summary.words / seconds)}
    write_result("batch_dask", {"articles": args.articles, "block_mb": args.block_mb, "runs": runs,
                                "note": "end to end, cluster start-up included; 2 cores shared with the OS"})


if __name__ == "__main__":
    main()
