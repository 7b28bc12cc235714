"""The packaged data tables that are too big for JSON (NER clusters and auto-lexicon, neighbour features,
event word vectors) share one format: gzipped UTF-8, one tab-separated row per line, '#' lines for the
provenance header. One reader serves them all, so the format changes in one place."""
from __future__ import annotations

import gzip
import os
from collections.abc import Iterator

__all__ = ["tsv_rows"]


def tsv_rows(path: str | os.PathLike) -> Iterator[list[str]]:
    """The fields of each data row of a gzipped table; nothing when the file is absent (a model
    trained without that table simply lacks its features)."""
    if not os.path.isfile(path):
        return
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")
