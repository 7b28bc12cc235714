"""The JSONL batch contract of SCHEMA.md: one output line per input line, same order, errors inline.

A bad line (not JSON, no id, no text, empty text, too long) and even a bug in a stage produce an output
line with `"error"` set and empty lists; the batch goes on. With several workers, lines travel to the
worker processes as JSON strings and come back as JSON strings (never pickled Documents), and `imap`
keeps the input order.
"""
from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from rasd.errors import BadRecord, RasdError
from rasd.model.document import Document
from rasd.model.serialize import error_dict, to_dict
from rasd.pipeline.config import Config
from rasd.pipeline.runner import Pipeline

log = logging.getLogger(__name__)

_META_KEYS = ("source", "url", "title")


@dataclass
class BatchSummary:
    documents: int = 0
    errors: int = 0
    words: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add(self, error: Optional[str], words: int) -> None:
        self.documents += 1
        self.words += words
        if error:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(error)


def load_object(line: str | bytes, where: str) -> dict:
    """The JSON object of one line (not yet checked for id and text)."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRecord(f"line is not UTF-8 (invalid byte at column {exc.start + 1})", source=where) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not JSON ({exc.msg} at column {exc.colno})", source=where) from None
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}", source=where)
    return record


def check_record(record: dict, where: str) -> dict:
    ident = record.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        record["id"] = ident = str(ident)
    if not isinstance(ident, str) or not ident:
        raise BadRecord("missing \"id\" (a non-empty string)", source=where)
    if "text" not in record:
        raise BadRecord("missing \"text\"", source=where)
    if not isinstance(record["text"], str):
        raise BadRecord(f"\"text\" must be a string, got {type(record['text']).__name__}", source=where)
    return record


def parse_record(line: str | bytes, where: str) -> dict:
    return check_record(load_object(line, where), where)


def document_of(pipeline: Pipeline, record: dict, where: str) -> Document:
    """The analysed Document of a checked input record (other keys travel along as metadata)."""
    meta = {k: record.get(k) for k in _META_KEYS}
    extra = {k: v for k, v in record.items() if k not in ("id", "text", "published", *_META_KEYS)}
    doc = pipeline.make_document(record["text"], record.get("published"), id=record["id"],
                                 provenance={"input": where}, **meta, **extra)
    return pipeline(doc)


def analyze_record(pipeline: Pipeline, record: dict, where: str) -> dict:
    return to_dict(document_of(pipeline, record, where))


def analyze_line(pipeline: Pipeline, line: str | bytes, where: str) -> dict:
    """Analyse one JSONL line; always returns an output document, with `error` set when it failed."""
    record = None
    try:
        record = load_object(line, where)
        return analyze_record(pipeline, check_record(record, where), where)
    except RasdError as exc:
        return error_dict(record, str(exc))
    except Exception as exc:  # a bug in a stage must not sink the other lines of a batch
        log.exception("internal error on %s", where)
        return error_dict(record, f"{where}: [R070] internal error: {type(exc).__name__}: {exc}")


# -- worker processes ----------------------------------------------------------------------------
_worker_pipeline: Optional[Pipeline] = None


def _init_worker(config_data: dict, components) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(components, Config(config_data))


def _serialized(pipeline: Pipeline, line: str | bytes, where: str) -> tuple[str, Optional[str], int]:
    """(output JSON line, error or None, words analysed): all a parent needs, as plain strings and ints."""
    out = analyze_line(pipeline, line, where)
    words = 0 if out["error"] else len(out["text"].split())
    return json.dumps(out, ensure_ascii=False), out["error"], words


def _work(item: tuple[str | bytes, str]) -> tuple[str, Optional[str], int]:
    return _serialized(_worker_pipeline, *item)


def _numbered(lines: Iterable[str | bytes], source: str) -> Iterator[tuple[str | bytes, str]]:
    for number, line in enumerate(lines, 1):
        if line.strip():  # blank lines are not records (a trailing newline is not a bad line)
            yield line, f"{source}:{number}"


def run_jsonl(lines: Iterable[str | bytes], write: Callable[[str], None], *, pipeline: Optional[Pipeline] = None,
              workers: int = 1, source: str = "<stdin>",
              on_progress: Optional[Callable[[BatchSummary], None]] = None, skip: int = 0) -> BatchSummary:
    """Analyse JSONL `lines`, calling `write` with each output line (no newline) in input order.

    Lines may be bytes: each is decoded on its own, so one line that is not UTF-8 becomes one error line.
    `skip` passes over the first records (a resumed run already wrote their output lines).
    """
    pipeline = pipeline or Pipeline()
    summary = BatchSummary()
    items = itertools.islice(_numbered(lines, source), skip, None)
    if workers <= 1:
        results = (_serialized(pipeline, line, where) for line, where in items)
        return _drain(results, write, summary, on_progress)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline.config.as_dict(), pipeline.names)) as pool:
        return _drain(pool.imap(_work, items, chunksize=8), write, summary, on_progress)


def _drain(results, write, summary: BatchSummary, on_progress) -> BatchSummary:
    for text, error, words in results:
        write(text)
        summary.add(error, words)
        if on_progress:
            on_progress(summary)
    return summary
