"""Fuzzy lookup of spelling variants: narrow by consonant skeleton, then score with rapidfuzz.

Transliterated names vary in long vowels, hamza, emphatic letters and "تش"/"ج" (see keys.py), so
candidates are narrowed in two steps before any string scoring:
1. entries with the same skeleton as the query (تشاووش أوغلو and جاويش أوغلو share "جس كل");
2. failing that, entries whose skeleton starts with the same consonant and whose loose key is
   within MAX_LENGTH_GAP characters of the query's length.
Candidates are scored with rapidfuzz's `ratio` on loose keys (0-100); the first step accepts a
lower score because the skeleton already agrees. rapidfuzz (MIT) is optional: without it the
standard library's difflib gives the same ranking more slowly.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Generic, Hashable, Iterable, TypeVar

from rasd.lexicon.keys import loose_key, skeleton


def _ratio(a: str, b: str) -> float:
    return _scorer()(a, b)


@lru_cache(maxsize=1)
def _scorer():
    """rapidfuzz's ratio, imported on the first fuzzy query (it is optional)."""
    try:
        from rapidfuzz.fuzz import ratio
        return ratio
    except ImportError:  # pragma: no cover - exercised only without rapidfuzz
        from difflib import SequenceMatcher
        return lambda a, b: 100.0 * SequenceMatcher(None, a, b).ratio()


V = TypeVar("V", bound=Hashable)

SAME_SKELETON_MIN = 70.0
NEAR_MIN = 85.0
MAX_LENGTH_GAP = 2
MIN_QUERY_LENGTH = 4  # shorter strings are too easy to confuse ("مصر" ~ "مصرف")


class FuzzyIndex(Generic[V]):
    """Loose keys -> values, searchable by approximate spelling."""

    def __init__(self, items: Iterable[tuple[str, V]]):
        self._values: dict[str, list[V]] = defaultdict(list)
        self._by_skeleton: dict[str, list[str]] = defaultdict(list)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for name, value in items:
            key = loose_key(name)
            if len(key) < MIN_QUERY_LENGTH:
                continue
            if key not in self._values:
                skel = skeleton(key)
                self._by_skeleton[skel].append(key)
                self._by_initial[skel[:1]].append(key)
            if value not in self._values[key]:
                self._values[key].append(value)

    def best(self, query: str) -> tuple[str, float, list[V]] | None:
        """(matched loose key, score, values) of the closest entry, or None below the cut-offs."""
        key = loose_key(query)
        if len(key) < MIN_QUERY_LENGTH:
            return None
        if key in self._values:
            return key, 100.0, self._values[key]
        skel = skeleton(key)
        found = self._pick(key, self._by_skeleton.get(skel, ()), SAME_SKELETON_MIN)
        if found is None:
            near = (k for k in self._by_initial.get(skel[:1], ())
                    if abs(len(k) - len(key)) <= MAX_LENGTH_GAP)
            found = self._pick(key, near, NEAR_MIN)
        if found is None:
            return None
        return found[0], found[1], self._values[found[0]]

    @staticmethod
    def _pick(key: str, candidates: Iterable[str], cutoff: float) -> tuple[str, float] | None:
        best = None
        for cand in candidates:
            score = _ratio(key, cand)
            if score >= cutoff and (best is None or score > best[1]):
                best = (cand, score)
        return best
