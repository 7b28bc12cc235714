"""Span types: every layer of a Document is a tuple of these, pointing into the original text.

A span never copies the text it covers; `Document.text_of(span)` reads it. Offsets are Python
string indices (code points), end exclusive, as SCHEMA.md requires.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

# A count is exact (int) or a range whose bounds may be open: "أكثر من 2000" -> (2001, None).
Quantity = Union[int, float, tuple[Optional[float], Optional[float]]]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    pass


@dataclass(frozen=True, slots=True)
class Segment(Span):
    """One piece of a token after clitic segmentation.

    `form` is the dictionary form of the piece, which can differ from the surface: "للأمم" is
    ل | ل (form "ال", the article whose alef is elided in writing) | أمم; in "سيارتها" the stem covers
    "سيارت" but its form is "سيارة".
    """
    form: str
    kind: str  # "proclitic" | "stem" | "enclitic"


@dataclass(frozen=True, slots=True)
class Token(Span):
    norm: str                      # normalised for matching (see text/normalize.py)
    segments: tuple[Segment, ...]  # at least one; a single stem when nothing is split

    @property
    def stem(self) -> Segment:
        for seg in self.segments:
            if seg.kind == "stem":
                return seg
        return self.segments[-1]


@dataclass(frozen=True, slots=True)
class Boilerplate(Span):
    kind: str  # "read_also" | "source_credit" | "hashtag" | "share_prompt"


@dataclass(frozen=True, slots=True)
class NumberMention(Span):
    """A quantity in the text: "1,678", "ألفي", "2.5 مليون", "عشرات", "أكثر من 2000".

    `value` is set when the quantity is exact; `low`/`high` always bound it (equal when exact,
    either may be None for an open range).
    """
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    kind: str = "exact"  # "exact" | "approximate" | "vague" | "lower_bound" | "upper_bound" | "range"

    def as_count(self) -> Optional[Quantity]:
        """The SCHEMA.md form of a count: an int, or [low, high] with open bounds as None.

        An approximate quantity ("نحو 40") counts as its number, as the annotation guideline says.
        """
        def as_int(x):
            return int(x) if x is not None and float(x).is_integer() else x
        if self.kind in ("exact", "approximate") and self.value is not None:
            return as_int(self.value)
        if self.low is None and self.high is None:
            return None
        return (as_int(self.low), as_int(self.high))


@dataclass(frozen=True, slots=True)
class DateMention(Span):
    """A time expression resolved to a calendar value.

    `iso` is YYYY-MM-DD, YYYY-MM or YYYY (by precision); None when the expression is relative and
    the document has no publication date to resolve it against.
    """
    iso: Optional[str]
    precision: str            # "day" | "week" | "month" | "year"
    relative: bool = False
    calendar: str = "gregorian"  # or "hijri" when written in the Hijri calendar


@dataclass(frozen=True, slots=True)
class Entity(Span):
    label: str                      # PER | LOC | ORG | MISC
    subtype: Optional[str] = None   # GPE, NORP, FAC, ... when known
    kb_id: Optional[str] = None
    country: Optional[str] = None
    name_en: Optional[str] = None
    sector: Optional[str] = None
    score: Optional[float] = None
    lat: Optional[float] = None   # places only
    lon: Optional[float] = None


@dataclass(frozen=True, slots=True)
class ActorMention(Span):
    """A phrase that names someone who can act or be acted on, coded to country and CAMEO sector.

    "named" actors rest on an entity ("روسيا", "سيرغي لافروف"); "nominal" ones are noun phrases
    without a name ("قوات الأمن الكازاخية" -> KAZ COP, "المحتجون العراقيون" -> IRQ CVL).
    """
    country: Optional[str] = None
    sector: Optional[str] = None
    kb_id: Optional[str] = None
    name_en: Optional[str] = None
    kind: str = "nominal"  # "named" | "nominal"


@dataclass(frozen=True, slots=True)
class Party:
    """An event argument that names who acted or who was acted on."""
    start: Optional[int]
    end: Optional[int]
    country: Optional[str] = None
    sector: Optional[str] = None
    kb_id: Optional[str] = None
    name_en: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Place:
    start: Optional[int]
    end: Optional[int]
    country: Optional[str] = None
    place: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: Optional[str] = None  # "country" | "admin1" | "city" | ...


@dataclass(frozen=True, slots=True)
class When:
    iso: Optional[str]
    precision: Optional[str]
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True, slots=True)
class Event(Span):
    """A PLOVER event. `start`/`end` cover the trigger; `sentence` the sentence it was found in."""
    id: str
    type: str
    sentence: Span
    mode: Optional[str] = None
    contexts: tuple[str, ...] = ()
    actor: Optional[Party] = None
    recipient: Optional[Party] = None
    location: Optional[Place] = None
    date: Optional[When] = None
    counts: dict = field(default_factory=dict)
    attribution: Optional[Span] = None
    status: str = "occurred"
    negated: bool = False
    historical: bool = False
    confidence: float = 0.5
    evidence: tuple[Span, ...] = ()  # further mentions of the same event in the article
