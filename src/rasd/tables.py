"""The packaged data tables that are too big for JSON (NER clusters and auto-lexicon, neighbour features,
event word vectors) share one format: gzipped UTF-8, one tab-separated row per line, a '#' line for the
provenance header. One reader and one writer serve them all, so the format changes in one place."""
from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

__all__ = ["tsv_rows", "write_tsv"]


def tsv_rows(path: str | os.PathLike) -> Iterator[list[str]]:
    """The fields of each data row of a gzipped table; nothing when the file is absent (a model
    trained without that table simply lacks its features)."""
    if not os.path.isfile(path):
        return
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def write_tsv(path: str | os.PathLike, header: str, rows: Iterable[Sequence[str]]) -> int:
    """Write `rows` as a table that `tsv_rows` reads back, `header` (one line: what the table holds and
    where it comes from) first; returns the number of rows written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"# {header}\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
            written += 1
    return written
