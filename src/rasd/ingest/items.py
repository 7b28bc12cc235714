"""What the readers produce: an article to analyse (IngestItem) or a reason it could not be read (Failure).

Both are plain data that cross process boundaries as JSON-able dicts. An item's `provenance` says where
its text came from: {"input": path, "member": name inside a zip, "line": n (JSONL), "record": n (WARC),
"entry": n (feed), "encoding": ..., "reader": "txt" | "html" | "feed" | "jsonl" | "warc"}.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional


@dataclass
class IngestItem:
    text: str
    provenance: dict[str, Any]
    id: str = ""
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    source: Optional[str] = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_record(self) -> dict:
        # shallow on purpose: asdict's deep copy is a measurable share of the single reader's time
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Failure:
    where: str      # input path, with member / line / record when there is one
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def where_of(provenance: dict) -> str:
    """A human location: path[!member][:line|#record|@entry]."""
    out = str(provenance.get("input", "<input>"))
    if provenance.get("member"):
        out += f"!{provenance['member']}"
    if provenance.get("line") is not None:
        out += f":{provenance['line']}"
    if provenance.get("record") is not None:
        out += f"#record{provenance['record']}"
    if provenance.get("entry") is not None:
        out += f"#entry{provenance['entry']}"
    return out
