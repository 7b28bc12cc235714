"""Event trigger lexicon and matcher: PLOVER type and mode from Arabic words and phrases.

The lexicon (data/triggers.json) lists dictionary forms — perfect and passive verbs, imperfect verbs
(written with ي; the ت and ن persons are generated), masdars and participles — and multiword phrases.
Matching never looks at the surface word: every token is reduced to a *key*, its clitic-free stem
(tokenize() already removed و ف ب ل ك س ال and pronoun suffixes) normalised with normalize_string and
stripped of up to two inflection suffixes (ات ون ين وا ان تا ت ا ة ي ...). Lexicon words go through the
same tokenizer and the same reduction, so "واعتقلت", "باعتقال" and "والاعتقالات" all meet "اعتقل" /
"اعتقال" without listing any clitic form. Stripping is deliberately crude (it conflates قتلى with قتل,
both ASSAULT); the `never` list vetoes single-word keys whose reduction lands on another word.

An entry may require context words (`requires`, any of them within `window` tokens: "نشر" is
MOBILIZE/troops only near قوات/جنود/تعزيزات) or forbid them (`excludes`). Longer phrases win over
shorter ones at the same position; each token starts at most one match per entry.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from rasd.model.spans import Token
from rasd.text.normalize import normalize_string

__all__ = ["TriggerEntry", "TriggerMatch", "Lexicon", "lexicon", "token_key", "word_keys", "find_triggers",
           "PLOVER_TYPES", "PLOVER_MODES"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PLOVER_MODES = {
    "CONSULT": ("visit", "phone", "multilateral", "third-party"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "MOBILIZE": ("troops", "police", "militia", "weapons"),
    "COERCE": ("arrest", "seize", "restrict", "curfew", "martial-law", "deport", "censor"),
    "ASSAULT": ("firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "abduct", "beat",
                "torture", "targeted", "crowd-control"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
}

# Inflection endings left on the stem by the clitic segmenter, longest first (ة is ه after normalising).
_SUFFIXES = ("ات", "ون", "ين", "وا", "ان", "تا", "تم", "ت", "ا", "ه", "ي")
_MIN_BASE = 3
_IMPERFECT_PERSONS = ("ت", "ن")


def _reduce(word: str) -> str:
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_BASE:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def token_key(token: Token) -> str:
    """The matching key of a token: its normalised stem without inflection suffixes."""
    return _stem_key(token.stem.form)


@lru_cache(maxsize=200_000)
def _stem_key(form: str) -> str:
    # news repeats its words: the same stem form is keyed once per process
    return _reduce(normalize_string(form))


def stem_norm(token: Token) -> str:
    return normalize_string(token.stem.form)


def word_keys(phrase: str) -> tuple[str, ...]:
    """Keys of a lexicon word or phrase, computed exactly as for running text."""
    from rasd.text.tokenize import tokenize
    return tuple(token_key(t) for t in tokenize(phrase) if t.stem.form.strip())


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    mode: Optional[str]
    kind: str
    weight: float
    requires: frozenset
    excludes: tuple[tuple[str, ...], ...]
    window: int
    index: int  # position in the lexicon file, a stable feature id


@dataclass(frozen=True)
class TriggerMatch:
    """Tokens first..last (inclusive) of a sentence's token list matched `entry` via `phrase`."""
    first: int
    last: int
    start: int
    end: int
    entry: TriggerEntry
    phrase: tuple[str, ...]


class Lexicon:
    def __init__(self, data: dict):
        self.source = data.get("source", "")
        self.never = frozenset(normalize_string(w) for w in data.get("never", ()))
        self.refers_back = frozenset(k for w in data.get("refers_back", ()) for k in word_keys(w))
        # first key -> list of (phrase keys, entry)
        self.by_first: dict[str, list[tuple[tuple[str, ...], TriggerEntry]]] = {}
        self.entries: list[TriggerEntry] = []
        for i, raw in enumerate(data["entries"]):
            entry = TriggerEntry(
                type=raw["type"], mode=raw.get("mode"), kind=raw.get("kind", "verb"),
                weight=float(raw.get("weight", 0.7)),
                requires=frozenset(k for w in raw.get("requires", ()) for k in word_keys(w)),
                excludes=tuple(word_keys(w) for w in raw.get("excludes", ())),
                window=int(raw.get("window", 6)), index=i)
            self.entries.append(entry)
            forms = list(raw.get("forms", ()))
            for verb in raw.get("imperf", ()):
                forms.append(verb)
                forms.extend(p + verb[1:] for p in _IMPERFECT_PERSONS if verb.startswith("ي"))
            seen = set()
            for form in forms:
                keys = word_keys(form)
                if keys and keys not in seen:
                    seen.add(keys)
                    self.by_first.setdefault(keys[0], []).append((keys, entry))
        for lst in self.by_first.values():
            lst.sort(key=lambda pe: -len(pe[0]))

    def types(self) -> set[str]:
        return {e.type for e in self.entries}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("rasd.events").joinpath("data/triggers.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(text))


def _window_has(keys: Sequence[str], lo: int, hi: int, phrases, first: int, last: int) -> bool:
    """True when any phrase (a tuple of keys) occurs inside keys[lo:hi] outside the trigger first..last
    (an exclusion may reduce to the trigger's own key: طالبة and طالب)."""
    for phrase in phrases:
        n = len(phrase)
        for i in range(max(0, lo), min(len(keys), hi) - n + 1):
            if first <= i + n - 1 and i <= last and n <= last - first + 1:
                continue
            if tuple(keys[i:i + n]) == phrase:
                return True
    return False


def find_triggers(tokens: Sequence[Token], keys: Optional[Sequence[str]] = None,
                  lex: Optional[Lexicon] = None) -> list[TriggerMatch]:
    """All trigger matches in one sentence's tokens (keys may be passed when already computed)."""
    lex = lex or lexicon()
    keys = list(keys) if keys is not None else [token_key(t) for t in tokens]
    matches: list[TriggerMatch] = []
    covered: dict[tuple[int, int], int] = {}  # (entry index, token) -> last token of an earlier match
    for i, key in enumerate(keys):
        for phrase, entry in lex.by_first.get(key, ()):
            n = len(phrase)
            if tuple(keys[i:i + n]) != phrase:
                continue
            if n == 1 and stem_norm(tokens[i]) in lex.never:
                continue
            if (entry.index, i) in covered:
                continue
            lo, hi = i - entry.window, i + n + entry.window
            if entry.requires and not any(k in entry.requires for k in keys[max(0, lo):hi] if k):
                continue
            if entry.excludes and _window_has(keys, lo, hi, entry.excludes, i, i + n - 1):
                continue
            for j in range(i, i + n):
                covered[(entry.index, j)] = i + n - 1
            matches.append(TriggerMatch(first=i, last=i + n - 1, start=tokens[i].start, end=tokens[i + n - 1].end,
                                        entry=entry, phrase=phrase))
    return _drop_nested(_dedupe(matches))


def _dedupe(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """One match per token span and type: the first entry wins, unless a later one names a mode."""
    best: dict[tuple[int, int, str], TriggerMatch] = {}
    for m in matches:
        k = (m.first, m.last, m.entry.type)
        if k not in best or (best[k].entry.mode is None and m.entry.mode is not None):
            best[k] = m
    return [m for m in matches if best[(m.first, m.last, m.entry.type)] is m]


def _drop_nested(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """A phrase match hides shorter matches of the same type inside it ("إضراب عن الطعام" over "إضراب")."""
    out = []
    for m in matches:
        hidden = any(o is not m and o.entry.type == m.entry.type and o.first <= m.first and m.last <= o.last
                     and (o.last - o.first) > (m.last - m.first) for o in matches)
        if not hidden:
            out.append(m)
    return out
