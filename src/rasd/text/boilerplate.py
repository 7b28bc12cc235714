"""Mark page furniture inside an article: related-article lines, credits, hashtags, share prompts.

The text is never changed; later stages skip (or down-weight) what this marks.

Design choices:
- Phrases live in data/boilerplate.json, written in ordinary Arabic and passed through
  `normalize_string` when loaded, so "إقرأ أيضاً", "اقرأ ايضا" and "اقرا أيضا" are one entry.
- Position, not vocabulary, separates boilerplate from news: a phrase counts only at the start of
  a line (after bullets such as "*" or "-") or, for read-also and share prompts, at the start of a
  sentence. "قال المصدر إن ..." is running text and is never marked; neither is a line that opens
  with "المصدر نفسه أكد", because credit labels must be followed by a separator (": - / |").
- Extent: a line-initial read-also, credit or share line is marked whole (trimmed); in mid-line,
  or when the line is too long to be furniture (scrapers sometimes put a whole article on one
  line), only the sentence that opens with the phrase. Fixed widgets ("...المزيد", "Next Previous")
  are marked exactly, since article text is often glued right after them.
- "(رويترز)" or "أ ف ب + وكالات" on a line of its own is a credit; the same name at the end of a
  line of news is an attribution and stays unmarked.
- Hashtags: each "#tag" token is marked by itself ("أعلنت #الشرطة_النمساوية أنها"), never the
  sentence around it, because in news the tag is often a word of the sentence. Digits-only tags
  ("#1") and "#" glued to a word ("C#", "&#1234;") are not hashtags.
- Matching runs on a normalised copy of a short window at each line and sentence start only
  (`normalize_string`, no alignment); `normalize` with alignment runs only on the few windows that
  matched, to map the phrase back to original offsets. This keeps the stage far below a microsecond
  per word.
- Spans of different kinds may nest (a hashtag inside a read-also line); the list is sorted by
  (start, end).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from rasd.model.spans import Boilerplate, Sentence
from rasd.text.normalize import normalize, normalize_string

_WINDOW = 160  # characters of a line or sentence that can hold a leader and a phrase
_DEFAULT_MAX_CHARS = 200  # a longer "line" is article text glued to the phrase, not furniture
_LINE = re.compile(r"[^\n\r\v\f\x85\u2028\u2029]+")
# "#" first (not the lookbehind) so the scanner can jump between "#" characters.
_HASHTAG = re.compile(r"[#＃](?<![A-Za-z0-9_&][#＃])([\w\u064b-\u065f\u0670]+)")
# The first word after bullets, quotes and brackets: a cheap key that tells whether a line or
# sentence could open with any phrase before the window is normalised.
_FIRST_WORD = re.compile(r"[\s*•·●■◄►▪|>\-–—(\[«\"“\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*([\w.…\u0640\u064b-\u065f\u0670]+)")


@dataclass(frozen=True)
class _Rules:
    line_start: re.Pattern          # every kind, tried at line starts
    sentence_start: re.Pattern      # kinds allowed at a sentence start in mid-line
    agency_line: re.Pattern         # a line made only of agency names
    max_chars: dict                 # kind -> longest line or sentence marked whole
    groups: dict                    # regex group name -> (kind, how) with how in prefix|label|widget
    first_words: frozenset          # normalised first word of every phrase and agency name


def _alternation(phrases) -> str:
    """A regex alternation of normalised phrases, longest first, any whitespace run between words."""
    forms = sorted({normalize_string(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in forms)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(resources.files("rasd.text").joinpath("data/boilerplate.json").read_text("utf-8"))
    separators = "[" + re.escape(data["separators"]) + "]"
    leaders = r"[\s" + re.escape(data["line_leaders"]) + "]*"
    boundary = {
        "widget": r"(?!\w)",
        "prefix": r"(?!\w)",
        "label": rf"(?=\s*(?:{separators}|\Z))",
    }
    groups, everywhere, in_sentences = {}, [], []
    # Widgets first: they are longer and more specific than the prefixes they begin with.
    for how, key in (("widget", "widgets"), ("prefix", "prefixes"), ("label", "labels")):
        for kind, spec in data["kinds"].items():
            phrases = spec.get(key, [])
            if not phrases:
                continue
            name = f"{how}_{kind}"
            groups[name] = (kind, how)
            branch = f"(?P<{name}>{_alternation(phrases)}){boundary[how]}"
            everywhere.append(branch)
            if spec.get("at_sentence_start"):
                in_sentences.append(branch)
    agency = _alternation(data["kinds"]["source_credit"]["agencies"])
    joiner = r"\s*(?:[+/،,&\-–—]\s*|و\s*)"
    agency_line = (rf"{leaders}[(\[«\"]*\s*(?:{agency})(?:{joiner}(?:{agency}))*"
                   rf"\s*[)\]»\"]*\s*\.?\s*\Z")
    all_phrases = [p for spec in data["kinds"].values()
                   for key in ("widgets", "prefixes", "labels", "agencies") for p in spec.get(key, [])]
    first_words = frozenset(filter(None, (_first_word(p, 0, len(p)) for p in all_phrases)))
    max_chars = {kind: spec.get("max_chars", _DEFAULT_MAX_CHARS) for kind, spec in data["kinds"].items()}
    return _Rules(
        line_start=re.compile(leaders + "(?:" + "|".join(everywhere) + ")"),
        sentence_start=re.compile(leaders + "(?:" + "|".join(in_sentences) + ")"),
        agency_line=re.compile(agency_line),
        max_chars=max_chars,
        groups=groups,
        first_words=first_words,
    )


def _first_word(text: str, start: int, end: int) -> str:
    m = _FIRST_WORD.match(text, start, end)
    return _normalized_word(m.group(1).rstrip(".…")) if m else ""


@lru_cache(maxsize=65536)
def _normalized_word(word: str) -> str:
    return normalize_string(word)


def find_boilerplate(text: str, sentences: Sequence[Sentence] = ()) -> list[Boilerplate]:
    """Boilerplate spans in `text` (sorted by start), given its sentences from `split_sentences`."""
    rules = _rules()
    starts = [s.start for s in sentences]
    found: list[Boilerplate] = []
    line_spans: list[tuple[int, int]] = []
    line_starts = set()

    for line in _LINE.finditer(text):
        raw = line.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = line.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        line_starts.add(start)
        if _first_word(text, start, end) not in rules.first_words:
            continue
        span = _match_line(text, start, end, rules, sentences, starts)
        if span is not None:
            found.append(span)
            line_spans.append((span.start, span.end))

    line_spans.sort()
    covered_starts = [a for a, _ in line_spans]
    for sentence in sentences:
        if sentence.start in line_starts or _inside(sentence.start, line_spans, covered_starts):
            continue
        if _first_word(text, sentence.start, sentence.end) not in rules.first_words:
            continue
        window = text[sentence.start:min(sentence.end, sentence.start + _WINDOW)]
        m = rules.sentence_start.match(normalize_string(window))
        if m is None:
            continue
        span = _span_for(m, window, sentence.start, sentence.end, None, rules)
        if span is not None:
            found.append(span)

    for m in _HASHTAG.finditer(text) if "#" in text or "＃" in text else ():
        tag = m.group(1)
        if tag.replace("_", "").isdigit():
            continue
        found.append(Boilerplate(m.start(), m.end(), "hashtag"))

    found.sort(key=lambda b: (b.start, b.end))
    return found


def _match_line(text, start, end, rules, sentences, starts) -> Optional[Boilerplate]:
    window = text[start:min(end, start + _WINDOW)]
    normalized = normalize_string(window)
    if end - start <= 60 and rules.agency_line.match(normalized):
        return Boilerplate(start, end, "source_credit")
    m = rules.line_start.match(normalized)
    if m is None:
        return None
    truncated = end - start > _WINDOW
    if truncated and rules.groups[m.lastgroup][1] == "label" and m.end() == len(normalized):
        return None  # the label only looked line-final because the window cut the line
    return _span_for(m, window, start, end, _sentence_end_at(start, sentences, starts), rules)


def _span_for(m, window, start, whole_end, fallback_end, rules) -> Optional[Boilerplate]:
    """The span a phrase match stands for: its line or sentence when short enough, else the phrase."""
    kind, how = rules.groups[m.lastgroup]
    if how != "widget":
        limit = rules.max_chars[kind]
        # A credit is a short line of its own; a long line opening with "كتب -" is a news lead.
        candidates = (whole_end,) if kind == "source_credit" else (whole_end, fallback_end)
        for end in candidates:
            if end is not None and end - start <= limit:
                return Boilerplate(start, end, kind)
        if kind == "source_credit":
            return None
    a, b = normalize(window).to_original(m.start(m.lastgroup), m.end(m.lastgroup))
    return Boilerplate(start + a, start + b, kind)


def _sentence_end_at(position: int, sentences: Sequence[Sentence], starts: list[int]) -> Optional[int]:
    i = bisect.bisect_right(starts, position) - 1
    if i >= 0 and sentences[i].start <= position < sentences[i].end:
        return sentences[i].end
    return None


def _inside(position: int, spans: list[tuple[int, int]], span_starts: list[int]) -> bool:
    i = bisect.bisect_right(span_starts, position) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]
