"""Sentence splitting for Arabic news: punctuation and line structure, one regex scan.

Conventions (the span contract every later stage relies on):
- A sentence ends after "." "!" "?" "؟" "؛" ";" (or a run of them, e.g. "؟!"), after an ellipsis
  (".." "..." "…") and at every line break. Blank lines separate paragraphs, which needs no extra
  rule because every line break already ends a sentence.
- The Arabic comma "،" does NOT end a sentence by default. Evidence from the event benchmark
  (shared/data/events/articles-dev, 125 gold "sentence" strings): 120 end with ".", 96 are followed
  by a line break and 16 by a space after "."; only 3 stop at a "،" (annotators quoting one clause
  of a long sentence). News sentences chain clauses with "،", so splitting on it would cut actors
  off from their verbs. `clauses=True` also splits after "،" for callers that want clauses.
- The ".." of Saudi and Gulf columns ("ما زلنا أعداء.. لسنا حلفاء") is used as a sentence break
  (about 3,000 times per 1.6M words of SaudiNewsNet, nearly always followed by a space), so it
  ends a sentence; a leading or bracketed ellipsis ("...المزيد", "(...)") does not.
- Closing quotes and brackets right after a terminator belong to the sentence: «... انتهى».
- A "." never ends a sentence when a non-space character follows it (1.5, 2.1.2022, ٢.٥, www.spa.gov.sa,
  name@mail.sa, U.S), except a glued break between two Arabic words of 3+ letters ("الماضي.وقال"),
  which scraped news contains about once per 10,000 words. After a single letter ("د." doctor, "أ.",
  "م." in "2022 م.", "U.S.") or a short list of Latin titles ("Dr.", "Mr.") or a line-initial list
  number ("1. البند") a "." followed by a space does not end the sentence either.
- "؟" "!" "؛" do not end a sentence when a comma or colon continues it ("البلدين؟!، مؤكدا"), nor
  inside a URL ("?id=3").
- Spans are trimmed of whitespace (str.isspace), are in order, do not overlap, and together cover
  every non-whitespace character of the text exactly once.
"""
from __future__ import annotations

import re
from typing import Iterator

from rasd.model.spans import Sentence

_LINE_BREAK = r"\r\n?|[\n\v\f\x85\u2028\u2029]"
_CLOSERS = "\"'»”’)\\]}›"
_OPENERS = "([{«\"“‘'‹"
_TERMINATORS = ".!?؟؛;…"
_STRONG = frozenset("!?؟؛;")
_CONTINUATION = frozenset(",،:؛;")

# The leading run of ordinary characters is skipped by one possessive class (several times faster
# than letting finditer try the alternation at every position); "\Z" ends the scan without backtracking.
_SKIP = r"[^\r\n\v\f\x85\u2028\u2029%s%s]*+"
_CANDIDATE = re.compile(_SKIP % (_TERMINATORS, "") + rf"(?:({_LINE_BREAK})|([{_TERMINATORS}]+)([{_CLOSERS}]*)|\Z)")
_CANDIDATE_CLAUSES = re.compile(
    _SKIP % (_TERMINATORS, "،") + rf"(?:({_LINE_BREAK})|([{_TERMINATORS}]+)([{_CLOSERS}]*)|(،)|\Z)")

_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_ARABIC_WORD_BEFORE = re.compile(rf"[{_ARABIC_LETTERS}]{{3}}$")
_ARABIC_WORD_AFTER = re.compile(rf"[{_ARABIC_LETTERS}]{{3}}")

# Short on purpose: single letters (Arabic or Latin initials) are handled by rule, and long words
# such as "etc." or "إلخ." usually do end a sentence.
_LATIN_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "no", "gen", "col", "lt", "capt"})
_TATWEEL = "\u0640"


def split_sentences(text: str, *, clauses: bool = False) -> list[Sentence]:
    """Split `text` into sentences (or clauses, with `clauses=True`) as trimmed spans in order."""
    return [Sentence(start, end) for start, end in _trimmed(text, _cuts(text, clauses))]


def _cuts(text: str, clauses: bool) -> Iterator[int]:
    """Offsets after which a sentence ends (the text between two cuts is one untrimmed piece)."""
    n = len(text)
    previous_cut = 0
    pattern = _CANDIDATE_CLAUSES if clauses else _CANDIDATE
    for m in pattern.finditer(text):
        group = m.lastindex
        if group is None:
            continue  # the end of the text
        if group == 1:
            cut = m.end()
        elif group == 4:
            s = m.start(4)
            if 0 < s < n - 1 and text[s - 1].isdigit() and text[s + 1].isdigit():
                continue  # "2،5" written with an Arabic comma as decimal mark
            cut = m.end()
        else:
            punct, closers = m.group(2), m.group(3)
            s, e = m.start(2), m.end()
            following = text[e] if e < n else " "
            if any(ch in _STRONG for ch in punct):
                ends = _strong_ends(text, s, following)
            elif len(punct) > 1 or punct == "…":
                ends = _ellipsis_ends(text, s, following)
            else:
                ends = _dot_ends(text, s, e, following, closers, previous_cut)
            if not ends:
                continue
            cut = e
        yield cut
        previous_cut = cut
    yield n


def _strong_ends(text: str, start: int, following: str) -> bool:
    if following.isspace():
        return True
    if following in _CONTINUATION:
        return False
    return not _inside_url(text, start)


def _ellipsis_ends(text: str, start: int, following: str) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    if before.isspace() or before in _OPENERS:
        return False  # "...المزيد", "(...)"
    return following.isspace()


def _dot_ends(text: str, start: int, end: int, following: str, closers: str, previous_cut: int) -> bool:
    if not following.isspace():
        # Only a glued break between two Arabic words ("الماضي.وقال") ends a sentence here.
        if not _ARABIC_WORD_AFTER.match(text, end):
            return False
        return bool(closers) or bool(_ARABIC_WORD_BEFORE.search(text, max(0, start - 3), start))
    if closers:
        return True
    word = _word_before(text, start)
    if not word:
        return True
    last = word.rsplit(".", 1)[-1].rstrip(_TATWEEL).lstrip(_OPENERS)
    if len(last) == 1 and last.isalpha():
        return False  # an initial: "د." "أ." "م." "U.S."
    if last.lower() in _LATIN_TITLES:
        return False
    if len(word) <= 3 and word.isdigit() and text[previous_cut:start].strip() == word:
        return False  # "1. " opening a list item
    return True


def _word_before(text: str, start: int) -> str:
    window = text[max(0, start - 24):start]
    if not window or window[-1].isspace():
        return ""
    parts = window.split()
    return parts[-1] if parts else ""


def _inside_url(text: str, start: int) -> bool:
    window = text[max(0, start - 300):start]
    if not window or window[-1].isspace():
        return False
    token = window.split()[-1]
    return "://" in token or token.startswith("www.") or "@" in token


def _trimmed(text: str, cuts: Iterator[int]) -> Iterator[tuple[int, int]]:
    start = 0
    for cut in cuts:
        piece = text[start:cut]
        head = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if tail > head:
            yield start + head, start + tail
        start = cut
