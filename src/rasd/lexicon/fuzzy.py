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


def _scored(key: str, candidates: list[str], cutoff: float) -> Iterable[tuple[str, float]]:
    """(candidate, score) for every candidate scoring at least `cutoff` against `key`."""
    return _scorer()(key, candidates, cutoff)


@lru_cache(maxsize=1)
def _scorer():
    """rapidfuzz's batch scorer (C++), imported on the first fuzzy query; rapidfuzz is optional."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - exercised only without rapidfuzz
        from difflib import SequenceMatcher

        def scored(key, candidates, cutoff):
            for cand in candidates:
                score = 100.0 * SequenceMatcher(None, key, cand).ratio()
                if score >= cutoff:
                    yield cand, score
        return scored

    def scored(key, candidates, cutoff):
        hits = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        return [(cand, score) for cand, score, _ in hits]
    return scored


V = TypeVar("V", bound=Hashable)

SAME_SKELETON_MIN = 70.0
NEAR_MIN = 85.0
MAX_LENGTH_GAP = 2
MIN_QUERY_LENGTH = 4  # shorter strings are too easy to confuse ("مصر" ~ "مصرف")


class FuzzyIndex(Generic[V]):
    """Loose keys -> values, searchable by approximate spelling.

    Near candidates are bucketed by (first consonant, key length) so a query reads only the lengths
    within MAX_LENGTH_GAP of its own. Results are memoised per query key (a news corpus asks for the
    same unknown names again and again); ties go to the entry added first, as a plain scan would.
    """

    MEMO_LIMIT = 100_000

    def __init__(self, items: Iterable[tuple[str, V]]):
        self._values: dict[str, list[V]] = defaultdict(list)
        self._order: dict[str, int] = {}
        self._by_skeleton: dict[str, list[str]] = defaultdict(list)
        self._by_initial_length: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._memo: dict[str, tuple[str, float] | None] = {}
        for name, value in items:
            key = loose_key(name)
            if len(key) < MIN_QUERY_LENGTH:
                continue
            if key not in self._values:
                self._order[key] = len(self._order)
                skel = skeleton(key)
                self._by_skeleton[skel].append(key)
                self._by_initial_length[skel[:1], len(key)].append(key)
            if value not in self._values[key]:
                self._values[key].append(value)

    def best(self, query: str) -> tuple[str, float, list[V]] | None:
        """(matched loose key, score, values) of the closest entry, or None below the cut-offs."""
        key = loose_key(query)
        if len(key) < MIN_QUERY_LENGTH:
            return None
        if key in self._values:
            return key, 100.0, self._values[key]
        if key in self._memo:
            found = self._memo[key]
        else:
            found = self._search(key)
            if len(self._memo) >= self.MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = found
        if found is None:
            return None
        return found[0], found[1], self._values[found[0]]

    def _search(self, key: str) -> tuple[str, float] | None:
        skel = skeleton(key)
        found = self._pick(key, self._by_skeleton.get(skel, ()), SAME_SKELETON_MIN)
        if found is None:
            near: list[str] = []
            for length in range(len(key) - MAX_LENGTH_GAP, len(key) + MAX_LENGTH_GAP + 1):
                near.extend(self._by_initial_length.get((skel[:1], length), ()))
            found = self._pick(key, near, NEAR_MIN)
        return found

    def _pick(self, key: str, candidates, cutoff: float) -> tuple[str, float] | None:
        if not candidates:
            return None
        best = None
        for cand, score in _scored(key, list(candidates), cutoff):
            if (best is None or score > best[1]
                    or (score == best[1] and self._order[cand] < self._order[best[0]])):
                best = (cand, score)
        return best
