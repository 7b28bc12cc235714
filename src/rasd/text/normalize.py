"""Normalisation for matching, with an alignment back to the original offsets.

The tables live in data/charmap.json (built by scripts/build_charmap.py). Stages match lexicons and
patterns against the normalised text and report spans in the original through `Normalized.to_original`,
so nothing downstream ever sees a modified text.

Every lexicon entry must go through `normalize_string` before it is compared with normalised text:
hand-writing "normalised" forms is how lexicons drift from the tables.
"""
from __future__ import annotations

import json
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional


@lru_cache(maxsize=1)
def _tables():
    data = json.loads(resources.files("rasd.text").joinpath("data/charmap.json").read_text("utf-8"))
    mapping = dict(data["fold"])
    mapping.update(data["presentation"])
    marks = set(data["marks"]) | {ch for ch, out in data["presentation"].items() if out == ""}
    for ch in marks:
        mapping[ch] = ""
    for ch in data["controls"]:
        mapping[ch] = ""
    translate = str.maketrans(mapping)
    # Characters whose replacement is not exactly one character: only these break 1:1 alignment.
    irregular = sorted(ch for ch, out in mapping.items() if len(out) != 1)
    irregular_re = re.compile("[" + "".join(re.escape(c) for c in irregular) + "]")
    return mapping, translate, frozenset(marks), irregular_re


@dataclass(frozen=True)
class Normalized:
    """A normalised text and where each of its characters came from in the original."""
    text: str
    original_length: int
    # starts[i]: original index of the character that produced normalised character i;
    # ends[i]: original end of that character, extended over the marks that follow it.
    # None when the alignment is the identity (nothing deleted or expanded).
    starts: Optional[array] = None
    ends: Optional[array] = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if self.starts is None:
            return start, end
        n = len(self.text)
        if start >= n:
            return self.original_length, self.original_length
        if end <= start:
            o = self.starts[start]
            return o, o
        return self.starts[start], self.ends[end - 1]

    def to_normalized(self, offset: int) -> int:
        """The first normalised index whose source is at or after original `offset`."""
        if self.starts is None:
            return offset
        import bisect
        return bisect.bisect_left(self.starts, offset)


def normalize_string(s: str) -> str:
    """Normalise a string for matching (no alignment): use for lexicon entries and keys."""
    return s.translate(_tables()[1])


@lru_cache(maxsize=16)
def normalize(text: str) -> Normalized:
    """Normalise `text` with its alignment. Cached: every stage of a pipeline run asks for the same text."""
    mapping, translate, marks, irregular_re = _tables()
    normalized = text.translate(translate)
    first = irregular_re.search(text)
    if first is None:
        return Normalized(normalized, len(text))
    starts, ends = array("i"), array("i")
    pos = 0
    for m in irregular_re.finditer(text):
        i = m.start()
        if i > pos:  # a 1:1 stretch
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        ch = text[i]
        out = mapping[ch]
        if out:  # an expansion: every output character comes from this one input character
            starts.extend([i] * len(out))
            ends.extend([i + 1] * len(out))
        elif ch in marks and ends and ends[-1] == i:
            ends[-1] = i + 1  # a mark belongs to the letter before it
        pos = i + 1
    if pos < len(text):
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return Normalized(normalized, len(text), starts, ends)
