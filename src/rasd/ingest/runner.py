"""Ingest: read inputs, analyse each article with the default Pipeline, store it; summarise.

Design choices:
- One writer: the parent process reads the inputs, skips content already stored (a cheap hash lookup
  before any analysis, which is what makes a rerun after kill -9 fast), and writes every document
  in its own transaction. Workers only analyse.
- Workers are spawned processes (no fork: safe with SQLite handles and threads in the parent). An
  item crosses to a worker as a JSON-able dict and comes back as one JSON string holding everything
  the writer stores (repository.prepare_document: row values with nested objects already JSON text,
  the search-index strings, the MinHash signature), so the writer parses one flat payload and runs
  SQL; Documents are never pickled. Results are written in input
  order (a bounded window of items in flight), so a run is deterministic whatever the number of
  workers.
- Commits are batched (BATCH_DOCUMENTS, BATCH_SECONDS): each document is still written whole or not
  at all (a savepoint), and a kill -9 loses at most the last uncommitted batch, which a rerun redoes.
  Batches make the single writer about a third cheaper, which matters when it shares the cores with
  the workers.
- A failure (unreadable input, hostile feed, analysis error) is one line in the summary; the batch
  goes on. The CLI exits 0 once the run completes, whatever the failures (they are data problems the
  summary reports), and 2 only when the arguments are unusable.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from rasd.errors import RasdError
from rasd.ingest.items import Failure, IngestItem, where_of
from rasd.store.repository import Store, content_hash

log = logging.getLogger(__name__)
BATCH_DOCUMENTS = 16   # documents per commit (each in its own savepoint): commits are most of the writer's cost
BATCH_SECONDS = 1.0    # and at least one commit a second, so readers see the ingest progress


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    write_seconds: float = 0.0  # spent by the writer in the store (SQL, clustering, stories)

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + self.failed

    def fail(self, failure: Failure) -> None:
        self.failed += 1
        self.failures.append(failure)

    def as_dict(self) -> dict:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed, "events": self.events,
                "seconds": round(self.seconds, 3), "write_seconds": round(self.write_seconds, 3),
                "failures": [str(f) for f in self.failures]}


# -- analysis (runs in the parent or in a worker) ---------------------------------------------------
_worker_pipeline = None


def _init_worker(config_data: Optional[dict], components) -> None:
    global _worker_pipeline
    from rasd.pipeline.config import Config
    from rasd.pipeline.runner import Pipeline
    _worker_pipeline = Pipeline(components, Config(config_data) if config_data is not None else None)


def analyse_record(pipeline, record: dict) -> str:
    """One item dict -> JSON text {"prepared": repository.prepare_document(...)} or {"error": str}."""
    from rasd.model.serialize import to_dict
    from rasd.store.repository import prepare_document
    provenance = record["provenance"]
    where = where_of(provenance)
    try:
        extra = dict(record.get("extra") or {})
        if record.get("author"):
            extra["author"] = record["author"]
        doc = pipeline.make_document(record["text"], record.get("published"), id=record.get("id") or "",
                                     source=record.get("source"), url=record.get("url"), title=record.get("title"),
                                     provenance=provenance, **extra)
        analysed = pipeline(doc)
        # the pipeline's tokens are tokenize(text): the search index reuses them instead of tokenising again
        tokens = analysed.tokens if analysed.has("tokens") else None
        prepared = prepare_document(to_dict(analysed), tokens=tokens, digest=record.get("digest"))
        return json.dumps({"prepared": prepared}, ensure_ascii=False)
    except RasdError as exc:
        return json.dumps({"error": f"[{exc.code}] {exc.message}"}, ensure_ascii=False)
    except Exception as exc:  # a bug in a stage must not sink the batch
        log.exception("internal error on %s", where)
        return json.dumps({"error": f"[R070] internal error: {type(exc).__name__}: {exc}"}, ensure_ascii=False)


def _work(record: dict) -> tuple[dict, str]:
    return record, analyse_record(_worker_pipeline, record)


# -- the run ------------------------------------------------------------------------------------------
def ingest(items: Iterable[IngestItem | Failure], store: Store, *, pipeline=None, workers: int = 1,
           source: Optional[str] = None,
           on_progress: Optional[Callable[[IngestSummary], None]] = None) -> IngestSummary:
    """Analyse and store `items` (from rasd.ingest.readers.read_paths); returns the counts."""
    from rasd.pipeline.runner import Pipeline
    pipeline = pipeline or Pipeline()
    summary = IngestSummary()
    started = time.perf_counter()
    store.ready_for_writing()
    pending_hashes: set[str] = set()

    def to_analyse() -> Iterator[dict]:
        for item in items:
            if isinstance(item, Failure):
                summary.fail(item)
                _report()
                continue
            if source:
                item.source = source
            digest = content_hash(item.text)
            if digest in pending_hashes or store.has_hash(digest):
                summary.duplicate += 1
                _report()
                continue
            pending_hashes.add(digest)
            record = item.as_record()
            record["digest"] = digest
            yield record

    def _report() -> None:
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    if workers <= 1:
        results = ((record, analyse_record(pipeline, record)) for record in to_analyse())
        _drain(results, store, summary, _report, pending_hashes)
    else:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker,
                      initargs=(pipeline.config.as_dict(), pipeline.names)) as pool:
            _drain(_in_order(pool, to_analyse(), workers * 4), store, summary, _report, pending_hashes)
    summary.seconds = time.perf_counter() - started
    return summary


def _in_order(pool, records: Iterator[dict], window: int):
    """Results in input order with at most `window` items in flight, all driven from this thread.

    (Pool.imap would pull `records` from its own thread, and the reader generator touches the
    store's connection, which belongs to this thread.)
    """
    from collections import deque
    in_flight: deque = deque()
    for record in records:
        in_flight.append(pool.apply_async(_work, (record,)))
        while len(in_flight) >= window:
            yield in_flight.popleft().get()
    while in_flight:
        yield in_flight.popleft().get()


def _drain(results, store: Store, summary: IngestSummary, report, pending_hashes: set) -> None:
    batch_started = 0.0
    try:
        for record, payload in results:
            out = json.loads(payload)
            pending_hashes.discard(record["digest"])
            if out.get("error"):
                summary.fail(Failure(where_of(record["provenance"]), out["error"]))
                report()
                continue
            prepared = out["prepared"]
            prepared["digest"] = record["digest"]
            writing = time.perf_counter()
            if store.batch_size is None:
                store.begin_batch()
                batch_started = writing
            stored = store.add_prepared(prepared, provenance=record["provenance"], author=record.get("author"))
            if store.batch_size >= BATCH_DOCUMENTS or writing - batch_started >= BATCH_SECONDS:
                store.commit_batch()
            summary.write_seconds += time.perf_counter() - writing
            if stored is None:
                summary.duplicate += 1
            else:
                summary.new += 1
                summary.events += len(prepared["events"])
            report()
    finally:
        store.commit_batch()  # every document of the batch is complete: keep them, even on an interrupt
