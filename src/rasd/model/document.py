"""The Document: one immutable original text plus layers of spans that point into it."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping, Optional

from rasd.model.spans import Span

# The layers a pipeline can fill, in the order the JSON lists them.
LAYERS = ("sentences", "tokens", "boilerplate", "numbers", "dates", "entities", "actors", "events")


def content_id(text: str) -> str:
    """A stable id for a text that came without one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    text: str
    id: str = ""
    published: Optional[dt.date] = None
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    # Where the text came from and how it was decoded: {"input": path, "line": 3, "encoding": ...}
    provenance: Mapping[str, Any] = field(default_factory=dict)
    # Input keys that SCHEMA.md does not name travel through untouched.
    extra: Mapping[str, Any] = field(default_factory=dict)
    layers: Mapping[str, tuple] = field(default_factory=dict)
    error: Optional[str] = None

    def __post_init__(self):
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be str, not {type(self.text).__name__}")
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))
        object.__setattr__(self, "layers", MappingProxyType(dict(self.layers)))

    # -- layers ---------------------------------------------------------------------------------
    def with_layer(self, name: str, spans) -> "Document":
        """A new Document sharing this one's text, with layer `name` set (stages never mutate)."""
        if name not in LAYERS:
            raise KeyError(f"unknown layer {name!r}; known layers: {', '.join(LAYERS)}")
        return replace(self, layers={**self.layers, name: tuple(spans)})

    def has(self, name: str) -> bool:
        return name in self.layers

    def layer(self, name: str) -> tuple:
        return self.layers.get(name, ())

    @property
    def sentences(self) -> tuple:
        return self.layer("sentences")

    @property
    def tokens(self) -> tuple:
        return self.layer("tokens")

    @property
    def boilerplate(self) -> tuple:
        return self.layer("boilerplate")

    @property
    def numbers(self) -> tuple:
        return self.layer("numbers")

    @property
    def dates(self) -> tuple:
        return self.layer("dates")

    @property
    def entities(self) -> tuple:
        return self.layer("entities")

    @property
    def actors(self) -> tuple:
        return self.layer("actors")

    @property
    def events(self) -> tuple:
        return self.layer("events")

    # -- reading spans --------------------------------------------------------------------------
    def text_of(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def is_boilerplate(self, span: Span) -> bool:
        """True when `span` lies inside a boilerplate span (later stages skip such text)."""
        return any(b.start <= span.start and span.end <= b.end for b in self.boilerplate)

    def clear_of_boilerplate(self, spans) -> list:
        """The spans that do not touch boilerplate, except those lying inside one hashtag.

        A hashtag in running text can name an entity (#الشرطة_النمساوية), but nothing may reach into a
        read-also line, a credit or a share prompt, nor run across several hashtags ("#كازاخستان #روسيا").
        """
        kept = []
        for span in spans:
            touching = [b for b in self.boilerplate if b.start < span.end and span.start < b.end]
            if all(b.kind == "hashtag" and b.start <= span.start and span.end <= b.end for b in touching):
                kept.append(span)
        return kept

    def within(self, name: str, outer: Span) -> list:
        """The spans of layer `name` that lie inside `outer`."""
        return [s for s in self.layer(name) if outer.start <= s.start and s.end <= outer.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())
