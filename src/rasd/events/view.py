"""What argument extraction reads about one sentence: its tokens and trigger keys, the actor phrases,
places, dates and numbers inside it (as token ranges), the cue words (data/argument_cues.json), and the
Draft of each event found there. The actor phrases are the link stage's (short names included) plus
those mentions.py finds (counterparts, hashtags); the places are the linked entities plus hashtag places. A
preposition never carries the article, so prep_before ignores a word with ال whose key matches one
("الداخلية" ~ داخل), except the place nouns ("العاصمة يريفان"). See arguments.py for the design."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from rasd.events.mentions import extra_actors, hashtag_places, institution_places
from rasd.events.triggers import word_keys
from rasd.model.spans import Span, Token
from rasd.text.normalize import normalize_string

SCENE_DAYS = 7  # a date this close to publication sets the time of the following sentences' events
PUNCT = frozenset("،,؛;:()\"«».!?؟")
# quotation marks wrap a name or a slogan inside a clause ('بدأوا تنظيم "مسيرات العودة"'): no boundary
CLAUSE_PUNCT = PUNCT - frozenset("\"«»")
DAMMA = "\u064f"


def _keyset(words) -> frozenset:
    return frozenset(k for w in words for k in word_keys(w)[:1])


def _phrases(words) -> tuple:
    return tuple(p for p in (word_keys(w) for w in words) if p)


def phrase_at(keys, i, phrases) -> int:
    """Length of the cue phrase starting at keys[i], or 0."""
    if i >= len(keys):
        return 0
    first = keys[i]
    for p in phrases:
        if p[0] == first and tuple(keys[i:i + len(p)]) == p:
            return len(p)
    return 0


class ArgumentCues:
    def __init__(self, d: dict):
        self.speech = _keyset(d["speech_verbs"])
        self.continuation = _keyset(d["continuation_verbs"])
        self.complementizers = _keyset(d["complementizers"])
        self.source_markers = _phrases(d["source_markers"])
        self.quote = _keyset(d["quote_markers"])
        self.agent = _phrases(d["agent_markers"])
        self.passive = _keyset(d["passive_markers"])
        self.relatives = _keyset(d["relatives"])
        self.locative = _keyset(d["locative_preps"]) | {"ب"}
        self.directional = {k: frozenset(v) for w, v in d["directional_preps"].items() for k in word_keys(w)[:1]}
        self.recipient_preps = _keyset(d["recipient_preps"])
        self.intransitive = _keyset(d["intransitive_nouns"])
        self.count_nouns = {k: kind for kind, ws in d["count_nouns"].items() for k in _keyset(ws)}
        self.count_verbs = {k: kind for kind, ws in d["count_verbs"].items() for k in _keyset(ws)}
        self.count_types = {k: tuple(v) for k, v in d["count_types"].items()}
        self.persons = _keyset(d["person_nouns"])
        # compared on clitic-free normalised words: a key does not tell "شخص" from its dual "شخصين"
        self.single_persons = frozenset(normalize_string(w) for w in d["single_persons"])
        self.dual_nouns = {normalize_string(w): normalize_string(s) for w, s in d["dual_nouns"].items()}
        self.subset_markers = frozenset(normalize_string(w) for w in d["subset_markers"])
        self.negators = frozenset(normalize_string(w) for w in d["negators"])
        self.speech_acts = frozenset(d["speech_act_types"])
        self.topics = _keyset(d["topic_nouns"])
        self.victims = _keyset(d["victim_nouns"])
        self.subject_in_trigger = _keyset(d.get("subject_in_trigger", ()))
        self.protest_targets = _keyset(d.get("protest_targets", ()))
        self.protest_addressees = _keyset(d.get("protest_addressees", ()))
        self.state_agent = frozenset(d.get("state_agent_types", ()))
        self.local_actor = frozenset(d.get("local_actor_types", ()))
        self.partner_types = frozenset(d["partner_types"])
        self.partner_preps = _keyset(d["partner_preps"])
        self.partner_fillers = _keyset(d["partner_fillers"])
        self.between = _keyset(d["between"])
        self.visit_preps = _keyset(d["visit_preps"])
        self.agent_genitive_types = frozenset(d.get("agent_genitive_types", ()))
        self.time_governors = _keyset(d.get("time_governors", ()))
        self.object_verbs = _keyset(d.get("object_verbs", ()))
        self.invite_words = _keyset(d.get("invite_words", ()))
        self.holding_words = _keyset(d.get("holding_words", ()))
        self.object_types = frozenset(d["object_types"])
        self.addressed_types = frozenset(d["addressed_types"])
        self.target_verbs = _keyset(d["target_verbs"])
        self.suffer_verbs = _keyset(d["suffer_verbs"])
        self.clash_nouns = _keyset(d["clash_nouns"])
        self.statement_nouns = _keyset(d["statement_nouns"])
        self.verb_particles = _keyset(d["verb_particles"])
        self.copulas = _keyset(d["copulas"])
        self.owner_words = _keyset(d["owner_words"])
        self.owner_verbs = _keyset(d["owner_verbs"])
        self.instrument_nouns = _keyset(d["instrument_nouns"])
        self.attributed_to = _phrases(d["attributed_to"])
        self.claim_verbs = _keyset(d["claim_verbs"])
        self.claim_needs_responsibility = _keyset(d["claim_needs_responsibility"])
        self.responsibility = _keyset(d["responsibility"])
        self.led_by = _keyset(d["led_by"])
        self.unknown_agents = _phrases(d["unknown_agents"])
        self.victim_subject_types = frozenset(d["victim_subject_types"])
        self.victim_subject_verbs = _keyset(d["victim_subject_verbs"])
        self.cause_preps = _keyset(d["cause_preps"])
        self.quantifiers = _keyset(d["quantifiers"])
        self.future_particles = _keyset(d["future_particles"])
        self.place_nouns = _keyset(d["place_nouns"])
        self.home_words = _keyset(d["home_words"])
        self.home_lead = _keyset(d["home_lead"])
        # compared on normalised words of a date's text, not on token keys
        self.weekdays = frozenset(normalize_string(w) for w in d["weekdays"])
        self.date_directions = frozenset(normalize_string(w) for w in d["date_directions"])


@lru_cache(maxsize=1)
def argument_cues() -> ArgumentCues:
    text = resources.files("rasd.events").joinpath("data/argument_cues.json").read_text(encoding="utf-8")
    return ArgumentCues(json.loads(text))


def _token_range(toks: Sequence[Token], span) -> Optional[tuple[int, int]]:
    idx = [i for i, t in enumerate(toks) if t.start < span.end and span.start < t.end]
    return (idx[0], idx[-1]) if idx else None


@dataclass
class SentenceView:
    """One sentence's tokens and keys with the argument layers mapped to token ranges."""
    span: Span
    text: str     # the document text
    toks: list
    keys: list
    actors: list = field(default_factory=list)    # (first, last, ActorMention)
    places: list = field(default_factory=list)    # (first, last, Entity)
    named_in: list = field(default_factory=list)  # (first, last, Entity): places inside institution names
    dates: list = field(default_factory=list)     # (first, last, DateMention)
    numbers: list = field(default_factory=list)   # (first, last, NumberMention)
    clause: list = field(default_factory=list)    # clause number of each token
    persons: list = field(default_factory=list)   # (first, last, Entity): person names, linked or not

    def tokens_of(self, mention) -> Optional[tuple[int, int]]:
        """(first, last) token of one of this sentence's actor phrases (this very object), else None."""
        return next(((f, l) for f, l, a in self.actors if a is mention), None)

    @classmethod
    def build(cls, doc, sent: Span, toks: list, keys: list) -> "SentenceView":
        v = cls(sent, doc.text, toks, keys)
        # a parenthesis is an aside: after it the sentence resumes the clause it interrupted
        # ("وفرض جهاز المخابرات (إس بي يو) حظر سفر")
        n, resume = 0, []
        for t in toks:
            surface = doc.text[t.start:t.end]
            if surface == "(":
                resume.append(n)
            if surface == ")" and resume:
                v.clause.append(n)
                n = resume.pop()
                continue
            if surface in CLAUSE_PUNCT:
                n += 1
            v.clause.append(n)

        def mapped(items):
            out = []
            for x in items:
                r = _token_range(toks, x)
                if r:
                    out.append((r[0], r[1], x))
            return out
        actors = doc.within("actors", sent) if doc.has("actors") else []
        # counterparts ("نظيره الروسي") and hashtag parties (mentions.py)
        v.actors = mapped(sorted([*actors, *extra_actors(doc, sent, toks)], key=lambda a: a.start))
        places = [e for e in doc.within("entities", sent)
                  if e.label == "LOC" or e.subtype in ("GPE", "FAC") or e.lat is not None]
        tagged = hashtag_places(doc, toks)
        # a hashtag place replaces an unlinked entity over the same words (the NER finds "#فيينا", the
        # linker cannot read it)
        places = [e for e in places if e.country or not any(e.start < p.end and p.start < e.end for p in tagged)]
        tagged = [p for p in tagged if not any(e.start < p.end and p.start < e.end for e in places)]
        v.places = mapped(sorted([*places, *tagged], key=lambda e: e.start))
        v.named_in = mapped(institution_places(doc, sent))
        v.persons = mapped(e for e in doc.within("entities", sent) if e.label == "PER")
        v.dates = mapped(doc.within("dates", sent))
        v.numbers = mapped(n for n in doc.within("numbers", sent)
                           if not any(d.start <= n.start and n.end <= d.end for d in doc.within("dates", sent)))
        return v

    def surface(self, i: int) -> str:
        return self.text[self.toks[i].start:self.toks[i].end]

    def bare(self, i: int) -> str:
        """Token i normalised without its proclitics: "وشخصين" -> "شخصين", "مشتبهاً" -> "مشتبها"."""
        return normalize_string("".join(s.form for s in self.toks[i].segments if s.kind != "proclitic"))

    def prep_before(self, first: int) -> Optional[str]:
        """The preposition governing the phrase starting at token `first` (a proclitic ب/ل or the word before)."""
        for seg in self.toks[first].segments:
            if seg.kind == "proclitic" and seg.form in ("ب", "ل"):
                return seg.form
        if first == 0:
            return None
        key = self.keys[first - 1]
        # a preposition takes no article: "الداخلية" and "الشمالية" share keys with داخل and شمال, but
        # only the place nouns ("العاصمة يريفان") govern a name with ال
        if any(seg.kind == "proclitic" and seg.form == "ال" for seg in self.toks[first - 1].segments) \
                and key not in argument_cues().place_nouns:
            return None
        return key


@dataclass
class Draft:
    """A detected event before its arguments: the primary trigger's tokens and lexicon kind."""
    event: object          # rasd.model.spans.Event
    view: SentenceView
    first: int
    last: int
    kind: str
    key: str               # the trigger's matching key, for merging repetitions
    others: tuple = ()     # token ranges of the other events' triggers in the sentence
    anaphoric: bool = False  # "هذه التظاهرات": a mention of an event already told, never a new one
    apart: bool = False      # "وفي وقت سابق، ...": the sentence announces another event
    # mentions of the same candidate that context set aside ("في سلسلة من الضربات الجوية الأميركية"
    # after "وقتل"): no evidence of their own, but their words still describe this event's doer
    set_aside: tuple = ()
