"""Context of an event trigger: negation, status (modality), genericity, figurative sense, history.

Every cue list lives in data/context_cues.json with the token window searched on each side of the
trigger; cues are compared on the same keys as triggers (clitic-free, normalised, suffix-stripped
stems, see triggers.token_key), so "ولم" and "لم", "سيعقد" and "عقد" need no separate entries. A cue
counts only inside the trigger's sentence.

Decisions, in order of strength:
- negated: a negation particle right before the trigger ("لم يتم اعتقال", "عدم انسحاب") — the text
  says it did not happen.
- status: "denied" (نفى/نفت before the trigger), else "announced" (future: سوف, the س proclitic on the
  trigger itself, يعتزم, من المقرر, المقبل, a call or threat to do it), else "hypothetical" (إذا, لو, في
  حال, قد, ربما, خشية), else "ongoing" (لا يزال, على التوالي), else "occurred".
- generic: a nominal trigger governed by a generic frame ("ظاهرة الاحتجاجات", "مكافحة الإرهاب", "حق
  التظاهر"): a topic, not an event.
- figurative: sports, media and market senses in the sentence ("هجوم" in football, "هجوم إعلامي").
- background: a noun trigger that only serves another clause — a purpose ("لمساعدة السلطات", the ل
  proclitic) or a time reference ("بعد أسبوع من نشرهم") — is not reported as an event of its own.
- realis: "الاحتجاجات التي اندلعت في ...", "بتهمة المشاركة في ...": the mention is a real past event,
  whatever future/hypothetical cue is near (status "occurred"; detect.py keeps it without the classifier).
- figurative media senses ("هجوم إعلامي") count only right next to the trigger: "مصادر إعلامية" a few
  words away says nothing about the trigger.
- historical: a resolved date in the sentence more than HISTORICAL_DAYS before publication (needs
  `published`; without it nothing is historical).
- cue lists that decide nothing here and only become classifier features ("cue:<list>"): gathering
  ("تجمع المتظاهرون"), protester_action ("رفع المتظاهرون لافتات") and dispersal ("فرقت الشرطة"): whether
  a protest word reports a gathering or describes one already reported.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from rasd.model.spans import DateMention, Token

__all__ = ["TriggerContext", "Cues", "cues", "analyse_context", "HISTORICAL_DAYS"]

HISTORICAL_DAYS = 35
_UNDERGO = frozenset(("تعرض", "ادي", "افض", "اسفر", "تسبب"))  # keys of verbs whose ل-object is a real event


@dataclass(frozen=True)
class CueList:
    before: int
    after: int
    phrases: tuple[tuple[str, ...], ...]
    # phrases by their first key: the window scan looks up each token instead of trying every phrase
    by_first: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        for phrase in self.phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)


class Cues:
    def __init__(self, data: dict):
        from rasd.events.triggers import word_keys
        self.lists = {name: CueList(int(v.get("before", 0)), int(v.get("after", 0)),
                                    tuple(k for k in (word_keys(w) for w in v["cues"]) if k))
                      for name, v in data.items() if isinstance(v, dict) and "cues" in v}

    def found(self, name: str, keys: Sequence[str], first: int, last: int) -> bool:
        """Whether a cue of list `name` starts in the window around the trigger tokens first..last."""
        cl = self.lists[name]
        lo, hi = max(0, first - cl.before), min(len(keys), last + 1 + cl.after)
        for i in range(lo, hi):
            if first <= i <= last:
                continue
            for phrase in cl.by_first.get(keys[i], ()):
                if tuple(keys[i:i + len(phrase)]) == phrase:
                    return True
        return False


@lru_cache(maxsize=1)
def cues() -> Cues:
    text = resources.files("rasd.events").joinpath("data/context_cues.json").read_text(encoding="utf-8")
    return Cues(json.loads(text))


@dataclass(frozen=True)
class TriggerContext:
    negated: bool
    status: str
    generic: bool
    figurative: bool
    historical: bool
    flags: frozenset  # every cue list that fired, for the classifier
    background: bool = False


def _has_future_clitic(token: Token) -> bool:
    return any(s.kind == "proclitic" and s.form == "س" for s in token.segments)


def _is_historical(dates: Sequence[DateMention], published: Optional[dt.date]) -> bool:
    if published is None:
        return False
    for d in dates:
        if not d.iso:
            continue
        parts = [int(p) for p in d.iso.split("-")]
        # the last day the expression can mean: a year or month counts as its end
        if len(parts) == 1:
            last = dt.date(parts[0], 12, 31)
        elif len(parts) == 2:
            last = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - dt.timedelta(days=1)
        else:
            last = dt.date(*parts)
        if (published - last).days > HISTORICAL_DAYS:
            return True
    return False


_KANA = frozenset({"كان", "كانت", "كانوا"})
_TO = frozenset({"الي", "الى", "إلى"})  # keys of إلى (ى folds to ي)


def _only_certain_qad(c: Cues, tokens: Sequence[Token], keys: Sequence[str], first: int) -> bool:
    """The only hypothetical cue is قد before a past verb ("وكانت الشرطة قد ألقت القبض", "قد اعتقلت"):
    قد + perfect asserts that it happened (only قد + imperfect means "may")."""
    cl = c.lists["hypothetical"]
    qad = None
    for i in range(max(0, first - cl.before), first):
        for phrase in cl.by_first.get(keys[i], ()):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                if phrase != ("قد",):
                    return False
                qad = i
    if qad is None or qad + 1 >= len(tokens):
        return False
    if any(k in _KANA for k in keys[max(0, qad - 4):qad]):
        return True
    verb = tokens[qad + 1].norm
    return verb[:1] not in "يتن" and verb.endswith(("ت", "وا", "نا"))


def analyse_context(tokens: Sequence[Token], keys: Sequence[str], first: int, last: int, kind: str = "verb",
                    dates: Sequence[DateMention] = (), published: Optional[dt.date] = None,
                    cue_lists: Optional[Cues] = None) -> TriggerContext:
    """Context of the trigger covering sentence tokens first..last (inclusive).

    `dates` are the date mentions of the sentence; `kind` is the lexicon entry's kind (verb | noun).
    """
    c = cue_lists or cues()
    flags = {name for name in c.lists if c.found(name, keys, first, last)}
    if _has_future_clitic(tokens[first]):
        flags.add("future")
    if "call" in flags:
        # only a call whose object is this event: "... المتظاهرين إلى التهدئة", "إلى التظاهر"
        if first > 0 and keys[first - 1] in _TO:
            flags.add("future")
        flags.discard("call")
    # "هذه التظاهرات" points back; "عقب ذلك مسيرة" is a pronoun ("after that") before a new, indefinite event
    if "anaphoric" in flags and not any(s.kind == "proclitic" and s.form == "ال" for s in tokens[first].segments):
        flags.discard("anaphoric")
    if "figurative_speech" in flags:
        flags.add("figurative")
    # "لمساعدة السلطات" (in order to help); "تعرض لهجوم" (suffered an attack) is the exception
    if (any(s.kind == "proclitic" and s.form == "ل" for s in tokens[first].segments)
            and not (first > 0 and keys[first - 1] in _UNDERGO)):
        flags.add("purpose")
    if "hypothetical" in flags and _only_certain_qad(c, tokens, keys, first):
        flags.discard("hypothetical")
    # "لا تزال الاحتجاجات" and "لا سيما الهجوم" carry a negation particle but negate nothing
    negated = ("negation" in flags and "negation_cancel" not in flags) or "negation_after" in flags
    if "denial" in flags:
        status = "denied"
    elif "future" in flags:
        status = "announced"
    elif "hypothetical" in flags:
        status = "hypothetical"
    elif "ongoing" in flags:
        status = "ongoing"
    else:
        status = "occurred"
    if "realis" in flags and status in ("announced", "hypothetical"):
        status = "occurred"
    generic = kind == "noun" and "generic" in flags
    historical = _is_historical(dates, published)
    if historical:
        flags.add("historical")
    return TriggerContext(negated=negated, status=status, generic=generic, figurative="figurative" in flags,
                          historical=historical, flags=frozenset(flags),
                          background=bool({"purpose", "anterior"} & flags) and "realis" not in flags)
