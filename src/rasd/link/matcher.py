"""Longest-match lookup of knowledge-base names over a run of Words.

At word i the matcher extends the phrase word by word while it is a prefix of some multi-word
entry (lexicon.phrase_index), remembering the longest full entry; failing any, the word alone is
classified (lexicon.classify_word). Matches never cross a sentence end (the caller passes `end`),
and a word with a pronoun suffix ends a phrase ("حكومتها" cannot continue into a name).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from rasd.link.lexicon import classify_word, phrase_index
from rasd.link.words import Word


@dataclass(frozen=True, slots=True)
class Match:
    first: int   # word indices, inclusive
    last: int
    kind: str    # see lexicon.classify_word; multi-word kinds: never head org role country person place
    value: object


def match_at(words: Sequence[Word], i: int, end: int) -> Optional[Match]:
    word = words[i]
    if not word.key:
        return None
    index, prefixes = phrase_index()
    best = None
    phrase, j = word.loose, i
    while phrase in prefixes and j + 1 < end and not words[j].enclitic:
        following = words[j + 1]
        if not following.loose:
            break
        j += 1
        phrase = f"{phrase} {following.loose}"
        hit = index.get(phrase)
        if hit is not None:
            best = Match(i, j, hit[0], hit[1])
    if best is not None:
        return best
    hit = classify_word(word.key, word.loose)
    return Match(i, i, hit[0], hit[1]) if hit is not None else None


_RANGES: list = [None, None]


def sentence_ranges(words: Sequence[Word]) -> list[tuple[int, int]]:
    """[first, end) word ranges of each sentence that has words, in order (memoised per list)."""
    if _RANGES[0] is words:
        return _RANGES[1]
    ranges, first = [], 0
    for k in range(1, len(words) + 1):
        if k == len(words) or words[k].sentence != words[first].sentence:
            ranges.append((first, k))
            first = k
    _RANGES[:] = [words, ranges]
    return ranges


_LAST: list = [None, None]


def sentence_matches(words: Sequence[Word]) -> list[Optional[Match]]:
    """match_at(words, i, end of i's sentence) for every i, computed once per word list (the Words of
    one document are shared by link_entities and find_actors, see words.words_of)."""
    if _LAST[0] is words:
        return _LAST[1]
    out: list[Optional[Match]] = [None] * len(words)
    for first, end in sentence_ranges(words):
        for i in range(first, end):
            out[i] = match_at(words, i, end)
    _LAST[:] = [words, out]
    return out


def matches_in(words: Sequence[Word], first: int, end: int):
    """The longest matches that start in words[first:end], left to right, none overlapping."""
    matches = sentence_matches(words)
    i = first
    while i < end:
        m = matches[i]
        if m is None:
            i += 1
            continue
        yield m
        i = m.last + 1
