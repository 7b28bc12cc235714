"""Batch runs on Dask: the JSONL batch contract over corpora larger than one machine.

The corpus is cut into partitions: byte ranges of the input JSONL files, aligned on line starts (a
.gz file cannot be split and is one partition). Each partition is one Dask task that reads its lines,
runs the batch contract of rasd.pipeline.batch on them (one output line per input line, in order,
errors inline) and writes `<output_dir>/<input stem>.<index>.jsonl`.

Design choices:
- Tasks receive and return plain data (paths, offsets, the configuration as a dict, counts); the
  documents travel as JSON lines in files, never as pickles, so a worker on another machine needs
  only the same rasd version and a view of the same paths (a shared file system).
- A partition's output is written to a temporary name and renamed when complete, then a small
  `.done.json` beside it records its counts. A rerun skips the partitions that have one, so a run
  killed halfway (or a lost worker) resumes where it stopped and nothing is analysed twice.
- Lines are named `file@byte` in error messages: a partition does not know its first line number
  without reading the whole file before it, which is what splitting avoids.
- Without a scheduler address a LocalCluster of worker processes is started (one thread each: the
  pipeline is CPU-bound pure Python); `workers=0` runs the partitions in this process, without Dask.
"""
from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from rasd.errors import UnreadableInput, require_extra

DEFAULT_BLOCK_BYTES = 32 * 1024 * 1024
DONE_SUFFIX = ".done.json"


@dataclass(frozen=True)
class Partition:
    input: str
    index: int
    start: int
    end: Optional[int]  # None: to the end of the input (and the only way to read a .gz file)
    output: str

    @property
    def done_path(self) -> str:
        return self.output + DONE_SUFFIX


@dataclass
class DistributedSummary:
    partitions: int = 0
    skipped: int = 0
    documents: int = 0
    errors: int = 0
    words: int = 0
    failed: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    def add(self, result: dict) -> None:
        self.partitions += 1
        self.skipped += bool(result.get("skipped"))
        self.documents += result["documents"]
        self.errors += result["errors"]
        self.words += result["words"]
        self.outputs.append(result["output"])

    def as_dict(self) -> dict:
        return {"partitions": self.partitions, "skipped": self.skipped, "documents": self.documents,
                "errors": self.errors, "words": self.words, "failed": self.failed}


def plan_partitions(inputs: Sequence[str | Path], output_dir: str | Path,
                    block_bytes: int = DEFAULT_BLOCK_BYTES) -> list[Partition]:
    """Byte-range partitions of the inputs, each with its output path; the same inputs give the same plan."""
    if block_bytes < 1:
        raise ValueError("block_bytes must be positive")
    out = Path(output_dir)
    parts: list[Partition] = []
    stems: dict[str, int] = {}
    for raw in inputs:
        path = Path(raw)
        if not path.is_file():
            raise UnreadableInput("no such file" if not path.exists() else "not a file", source=str(path))
        stem = path.name.removesuffix(".gz").removesuffix(".jsonl").removesuffix(".ndjson")
        seen = stems.get(stem, 0)
        stems[stem] = seen + 1
        if seen:  # two inputs with one name in different folders must not share outputs
            stem = f"{stem}-{seen}"
        size = path.stat().st_size
        if path.name.endswith(".gz") or size <= block_bytes:
            parts.append(Partition(str(path), 0, 0, None, str(out / f"{stem}.00000.jsonl")))
            continue
        for index, start in enumerate(range(0, size, block_bytes)):
            end = min(start + block_bytes, size)
            parts.append(Partition(str(path), index, start, end, str(out / f"{stem}.{index:05d}.jsonl")))
    return parts


def partition_lines(part: Partition) -> Iterator[tuple[bytes, str]]:
    """(line, where) of the lines that START inside the partition's byte range."""
    if part.end is None:
        opener = gzip.open if part.input.endswith(".gz") else open
        with opener(part.input, "rb") as f:
            offset = 0
            for line in f:
                yield line, f"{part.input}@{offset}"
                offset += len(line)
        return
    with open(part.input, "rb") as f:
        position = part.start
        if position > 0:  # the line running into this range belongs to the partition before
            f.seek(position - 1)
            if f.read(1) != b"\n":
                position += len(f.readline())
        f.seek(position)
        while position < part.end:
            line = f.readline()
            if not line:
                break
            yield line, f"{part.input}@{position}"
            position += len(line)


_pipelines: dict[str, object] = {}


def _pipeline_for(config: dict, components: Sequence[str]):
    """One Pipeline per worker process and configuration, built on the first task it runs."""
    from rasd.pipeline.config import Config
    from rasd.pipeline.runner import Pipeline
    key = json.dumps([config, list(components)], sort_keys=True)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(list(components), Config(config))
    return _pipelines[key]


def run_partition(part: Partition, config: dict, components: Sequence[str]) -> dict:
    """Analyse one partition into its output file (atomically); skip it when a previous run finished it."""
    if os.path.exists(part.done_path):
        with open(part.done_path, encoding="utf-8") as f:
            return {**json.load(f), "skipped": True}
    from rasd.pipeline.batch import BatchSummary, _serialized
    pipeline = _pipeline_for(config, components)
    summary = BatchSummary()
    os.makedirs(os.path.dirname(part.output) or ".", exist_ok=True)
    temporary = part.output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        for line, where in partition_lines(part):
            if not line.strip():
                continue
            text, error, words = _serialized(pipeline, line, where)
            out.write(text + "\n")
            summary.add(error, words)
    os.replace(temporary, part.output)
    result = {"input": part.input, "output": part.output, "documents": summary.documents,
              "errors": summary.errors, "words": summary.words}
    with open(part.done_path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(result, f)
    os.replace(part.done_path + ".tmp", part.done_path)
    return result


def run_distributed(inputs: Sequence[str | Path], output_dir: str | Path, *, scheduler: Optional[str] = None,
                    workers: int = 2, block_bytes: int = DEFAULT_BLOCK_BYTES, pipeline=None,
                    on_progress: Optional[Callable[[DistributedSummary, int], None]] = None) -> DistributedSummary:
    """Run the batch contract over `inputs` on a Dask cluster (`scheduler` address) or a local one."""
    from rasd.pipeline.runner import Pipeline
    pipeline = pipeline or Pipeline()
    config, components = pipeline.config.as_dict(), list(pipeline.names)
    parts = plan_partitions(inputs, output_dir, block_bytes)
    summary = DistributedSummary()
    if workers <= 0 and scheduler is None:
        for part in parts:
            summary.add(run_partition(part, config, components))
            if on_progress:
                on_progress(summary, len(parts))
        return summary
    require_extra("distributed", "batch")
    from dask.distributed import Client, LocalCluster, as_completed
    cluster = None
    if scheduler is None:
        import logging
        logging.getLogger("distributed").setLevel(logging.WARNING)  # the cluster's chatter is not the user's business
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard": False}, silence_logs=logging.WARNING)
    try:
        with Client(scheduler or cluster) as client:
            futures = {client.submit(run_partition, part, config, components, pure=False,
                                     key=f"rasd-{part.output}"): part for part in parts}
            for future in as_completed(futures):
                part = futures[future]
                try:
                    summary.add(future.result())
                except Exception as exc:  # one partition's failure is reported; the others go on
                    summary.failed.append(f"{part.input} [{part.start}:{part.end or ''}]: {type(exc).__name__}: {exc}")
                if on_progress:
                    on_progress(summary, len(parts))
    finally:
        if cluster is not None:
            cluster.close()
    return summary
