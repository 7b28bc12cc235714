"""Protesters named again later in an article refer back to the protest already reported."""
from __future__ import annotations

from rasd.events.merge import merge_mentions
from rasd.events.triggers import lexicon, word_keys
from rasd.model.spans import Event, Span

TEXT = ("تظاهر آلاف الطلاب أمام البرلمان. وقال متحدث إن الدراسة ستستأنف. وأعلنت الوزارة أنها ستدرس المطالب. "
        "ودعا رئيس الحكومة المتظاهرين إلى الهدوء.")


def mention(word: str) -> Event:
    start = TEXT.index(word)
    return Event(start, start + len(word), id="m", type="PROTEST", sentence=Span(0, len(TEXT)), mode="demo")


def test_protester_nouns_are_in_the_lexicon():
    assert word_keys("المتظاهرين")[0] in lexicon().refers_back
    assert word_keys("تظاهر")[0] not in lexicon().refers_back


def test_a_later_mention_of_the_protesters_is_evidence_not_a_new_protest():
    events = [mention("تظاهر"), mention("المتظاهرين")]
    keys = [word_keys("تظاهر")[0], word_keys("المتظاهرين")[0]]
    merged = merge_mentions(events, [0, 3], keys, "d", lexicon().refers_back)
    assert len(merged) == 1
    assert [TEXT[s.start:s.end] for s in merged[0].evidence] == ["المتظاهرين"]
    assert len(merge_mentions(events, [0, 3], keys, "d")) == 2  # three sentences apart, without the rule
