"""The Pipeline: a checked sequence of components, built once and reused for many documents."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Iterable, Iterator, Optional, Sequence

from rasd.errors import EmptyInput, InputError, InputTooLarge, RasdError
from rasd.model.document import Document
from rasd.pipeline.config import Config
from rasd.pipeline.registry import check_order, get_component

log = logging.getLogger(__name__)


def parse_published(value, source: Optional[str] = None) -> Optional[dt.date]:
    """Accept a date, a datetime or an ISO string (YYYY-MM-DD, optionally with a time)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InputError(f"published must be YYYY-MM-DD, got {value!r}", source=source)


class Pipeline:
    """Run the configured components in order.

    >>> nlp = Pipeline()
    >>> doc = nlp.analyze("تظاهر المئات أمس في بغداد", published="2022-01-13")
    """

    def __init__(self, components: Optional[Sequence[str]] = None, config: Optional[Config] = None):
        self.config = config or Config.load()
        self.names = tuple(components if components is not None else self.config.get("pipeline", "components", default=()))
        check_order(self.names)
        self.stages = [(name, get_component(name).factory(self.config.section("components", name)))
                       for name in self.names]
        self.max_chars = int(self.config.get("limits", "max_document_chars", default=2_000_000))

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"

    def make_document(self, text: str, published=None, *, id: str = "", source=None, url=None, title=None,
                      provenance=None, **extra) -> Document:
        where = (provenance or {}).get("input") or id or None
        if not isinstance(text, str):
            raise InputError(f"text must be a string, got {type(text).__name__}", source=where)
        if not text.strip():
            raise EmptyInput("the text is empty", source=where)
        if len(text) > self.max_chars:
            raise InputTooLarge(f"the text has {len(text):,} characters, more than the limit of {self.max_chars:,} "
                                "(limits.max_document_chars)", source=where)
        return Document(text=text, id=id, published=parse_published(published, where), source=source, url=url,
                        title=title, provenance=provenance or {}, extra=extra)

    def __call__(self, doc: Document) -> Document:
        for name, stage in self.stages:
            doc = stage(doc)
        return doc

    def analyze(self, text: str, published=None, **meta) -> Document:
        return self(self.make_document(text, published, **meta))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


_default: Optional[Pipeline] = None


def analyze(text: str, published=None, **meta) -> Document:
    """Analyse one article with the default pipeline (built on first use and kept)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.analyze(text, published, **meta)


__all__ = ["Pipeline", "analyze", "parse_published", "RasdError"]
