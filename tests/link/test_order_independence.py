"""Linking must not depend on the order in which one process sees documents.

Surfaces that normalise alike can be segmented differently ("حماسه" is split as حماس + ه, "حماسة" is one
stem); a per-process cache keyed on the norm alone once gave the second surface the first one's analysis,
so a whole-corpus ingest stored different events with 1 and 2 workers.
"""
import pytest

from rasd.link import words
from rasd.text.tokenize import tokenize

SAME_NORM_PAIRS = [("حماسه", "حماسة"), ("قضاه", "قضاة")]


@pytest.mark.parametrize("first, second", SAME_NORM_PAIRS + [(b, a) for a, b in SAME_NORM_PAIRS])
def test_cached_analysis_matches_a_fresh_one_whatever_came_first(first, second):
    words._CACHE.clear()
    seen_first, seen_second = tokenize(first)[0], tokenize(second)[0]
    assert seen_first.norm == seen_second.norm  # the trap: one norm, two segmentations
    words.analyse_token(seen_first)
    assert words.analyse_token(seen_second) == words._analyse(seen_second)
    assert words.analyse_token(seen_first) == words._analyse(seen_first)


def test_the_pairs_really_analyse_differently():
    for a, b in SAME_NORM_PAIRS:
        assert words._analyse(tokenize(a)[0]) != words._analyse(tokenize(b)[0])
