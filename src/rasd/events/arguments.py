"""Event arguments: actor, recipient, location, date, counts and attribution, each with its evidence span.

Everything here is positional reasoning over one sentence's tokens, using the layers earlier stages
made (doc.actors, doc.entities, doc.dates, doc.numbers); nothing is guessed without a span. Cue words
live in data/argument_cues.json and are compared on trigger keys (triggers.token_key).

Design choices (Arabic news syntax):
- Verbal triggers: MSA is mostly VSO, so the actor is the actor phrase right after the verb (a few
  tokens, no preposition in front); failing that, the nearest one before it in the clause (SVO, or the
  subject of "أعلنت السلطات أنها اعتقلت": the search crosses أن/إن only when it carries a pronoun
  pointing back). Passive readings — a damma on the verb, "تم/جرى + masdar", or an ASSAULT/COERCE verb
  followed by a civilian phrase or a number ("قتل 3 أشخاص") — make the following phrase the recipient
  and leave the actor to "من قبل / على يد X".
- Noun triggers (masdars): the genitive complement is the recipient ("اعتقال ناشطين") unless the noun
  is intransitive (انسحاب، مظاهرة، زيارة: the genitive is the actor). The actor is the phrase just before
  (the subject of a support verb: "قامت الشرطة باعتقال", "بدأت روسيا سحب") when no other trigger lies
  between, or "من قبل / على يد X", or the subject of a relative clause ("القصف الذي يشنه التحالف").
- An agent noun as trigger ("المتظاهرون", "الانتحاريون") is its own actor phrase; a victim noun
  ("قتلى", "المعتقلين") its own recipient. A verb showing plural agreement (اغتالوا، يهتفون) has its
  subject before it or inside it, so the phrase after it is the object.
- Dropped subjects: a verb with no overt subject ("وطالبت بالإفراج") takes the nearest earlier
  phrase of its sentence, else the topic (first ungoverned phrase) of the previous sentence, that the
  verb's gender agrees with (طالبت: الوزارة/السلطات/روسيا; طالب: الوزير/الجيش). The span points to
  the antecedent, which is in the text.
- Recipient: after the actor (or the trigger), the next actor phrase in the clause, directly or after a
  preposition the trigger governs (مع، على، ضد ...); never one introduced by locative في.
- Location: a place entity after a locative cue (في، ب، داخل، قرب، مدينة ...), or after إلى / من where the
  type moves something (visit, deploy / withdraw); a bare city name also counts. A country that is the
  actor's or recipient's own phrase (its nationality) is not a location.
- Dates and counts are shared out within the sentence: each date or count goes to the nearest event
  that can take it, so "اعتقلت ... امس ... الاحتجاجات التي اندلعت في الثاني من يناير" dates each event right.
- Attribution: "قال/ذكر/أعلن X أن ...", "بحسب/وفقا لـ X", "نقلت ... عن X"; a sentence opening with
  وأضاف/وتابع and no subject carries the previous source (and, for speech-act types, its speaker as actor).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from rasd.events.triggers import word_keys
from rasd.model.spans import ActorMention, Entity, Party, Place, Span, Token, When

__all__ = ["ArgumentCues", "argument_cues", "SentenceView", "Draft", "attach_arguments"]

SCENE_DAYS = 7  # a date this close to publication sets the time of the following sentences' events
_PUNCT = frozenset("،,؛;:()\"«».!?؟")
_DAMMA = "\u064f"


def _keyset(words) -> frozenset:
    return frozenset(k for w in words for k in word_keys(w)[:1])


def _phrases(words) -> tuple:
    return tuple(p for p in (word_keys(w) for w in words) if p)


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
        self.speech_acts = frozenset(d["speech_act_types"])
        self.topics = _keyset(d["topic_nouns"])
        self.victims = _keyset(d["victim_nouns"])


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
    dates: list = field(default_factory=list)     # (first, last, DateMention)
    numbers: list = field(default_factory=list)   # (first, last, NumberMention)
    clause: list = field(default_factory=list)    # clause number of each token

    @classmethod
    def build(cls, doc, sent: Span, toks: list, keys: list) -> "SentenceView":
        v = cls(sent, doc.text, toks, keys)
        n = 0
        for t in toks:
            if doc.text[t.start:t.end] in _PUNCT:
                n += 1
            v.clause.append(n)

        def mapped(items):
            out = []
            for x in items:
                r = _token_range(toks, x)
                if r:
                    out.append((r[0], r[1], x))
            return out
        v.actors = mapped(doc.within("actors", sent)) if doc.has("actors") else []
        v.places = mapped(e for e in doc.within("entities", sent)
                          if e.label == "LOC" or e.subtype in ("GPE", "FAC") or e.lat is not None)
        v.dates = mapped(doc.within("dates", sent))
        v.numbers = mapped(n for n in doc.within("numbers", sent)
                           if not any(d.start <= n.start and n.end <= d.end for d in doc.within("dates", sent)))
        return v

    def prep_before(self, first: int) -> Optional[str]:
        """The preposition governing the phrase starting at token `first` (a proclitic ب/ل or the word before)."""
        for seg in self.toks[first].segments:
            if seg.kind == "proclitic" and seg.form in ("ب", "ل"):
                return seg.form
        return self.keys[first - 1] if first > 0 else None


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


def _party(a: Optional[ActorMention]) -> Optional[Party]:
    return None if a is None else Party(a.start, a.end, a.country, a.sector, a.kb_id, a.name_en)


def _phrase_at(keys, i, phrases) -> int:
    """Length of the cue phrase starting at keys[i], or 0."""
    for p in phrases:
        if tuple(keys[i:i + len(p)]) == p:
            return len(p)
    return 0


def _agent_after(v: SentenceView, last: int, cues: ArgumentCues):
    """The actor of "من قبل / على يد X" or of a relative clause "الذي يشنه X" after the trigger."""
    for i in range(last + 1, min(len(v.keys), last + 7)):
        n = _phrase_at(v.keys, i, cues.agent)
        if n:
            return next((a for f, _, a in v.actors if i + n <= f <= i + n + 1), None)
    if last + 1 < len(v.keys) and v.keys[last + 1] in cues.relatives:
        return next((a for f, _, a in v.actors if last + 3 <= f <= last + 4 and v.clause[f] == v.clause[last]), None)
    return None


def _crosses_bare_complementizer(v: SentenceView, lo: int, hi: int, cues: ArgumentCues) -> bool:
    """A complementizer without a pronoun ("قال X إن روسيا ...") separates a matrix subject from the event."""
    for i in range(lo, hi):
        if v.keys[i] in cues.complementizers and not any(s.kind == "enclitic" for s in v.toks[i].segments):
            return True
    return False


def _passive(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """"تم اعتقال", or a damma on the verb's first letters (اُعتقل، قُتل) when the text is vocalised."""
    if d.first > 0 and v.keys[d.first - 1] in cues.passive:
        return True
    tok = v.toks[d.first]
    offset = tok.stem.start - tok.start
    return _DAMMA in _surface(v, d.first)[offset:offset + 3]


def _surface(v: SentenceView, i: int) -> str:
    return v.text[v.toks[i].start:v.toks[i].end]


def _quantified(v: SentenceView, first: int) -> bool:
    """A phrase right after a number ("2000 جندي", "ثلاثة من الجنود") is counted, so it is not the subject."""
    return any(l in (first - 1, first - 2) for _, l, _ in v.numbers)


def verb_agreement(tok: Token) -> Optional[str]:
    """The subject agreement a verb's stem shows: "plural" (اغتالوا، يهتفون), "fem" (طالبت), "masc"
    (أكد، يطالب) or None when the form cannot tell (تطالب: she or you; تظاهر: a form V perfect)."""
    form = tok.stem.form
    if len(form) < 3:
        return None
    if form.endswith("وا") or form[0] in "يت" and form.endswith("ون"):
        return "plural"
    if form.endswith("ت"):
        return "fem"
    if form[0] == "ت":
        return None
    return "masc"


def actor_gender(v_text: str, a: ActorMention) -> Optional[str]:
    """"fem" for a phrase a feminine verb agrees with: a head in ة or the plural ات (الحكومة، السلطات)
    or a country or place name (روسيا، مصر); None for organisation names, which take either
    ("الأمم المتحدة" she, "حزب الله" he); "masc" otherwise (الوزير، الجيش، المتظاهرون)."""
    kb = (a.kb_id or "").split(":", 1)[0]
    if kb in ("country", "place"):
        return "fem"
    if kb == "org":
        return None
    head = v_text[a.start:a.end].split()[0] if a.end > a.start else ""
    return "fem" if head.endswith(("ة", "ات")) else "masc"


def agrees(agreement: Optional[str], gender: Optional[str]) -> bool:
    return agreement is None or gender is None or (gender == "fem") == (agreement == "fem")


def actor_and_recipient(v: SentenceView, d: Draft, cues: ArgumentCues):
    etype, first, last, cl = d.event.type, d.first, d.last, v.clause[d.first]
    others = [r for r in d.others if r != (first, last)]
    # only a common noun phrase headed by the trigger word itself: "فتح" the party is no "فتح" opening
    covering = next((a for f, l, a in v.actors if f == first and a.kind == "nominal"), None) \
        if d.kind == "noun" or any(seg.form == "ال" for seg in v.toks[first].segments) else None
    same = [(f, l, a) for f, l, a in v.actors if v.clause[f] == cl and not (f <= last and first <= l)]
    after = [(f, l, a) for f, l, a in same if f > last]
    before = [(f, l, a) for f, l, a in reversed(same) if l < first]
    actor = recipient = None
    start = last
    if covering is not None:
        # an agent noun names the doer ("تظاهر المتظاهرون" -> "المتظاهرون"), a victim noun the done-to
        if d.key in cues.victims:
            return None, covering
        actor = covering
    # a masdar is a noun whatever the lexicon entry says: "باعتقال", "الاعتقال"
    is_noun = d.kind == "noun" or any(seg.kind == "proclitic" and seg.form in ("ب", "ل", "ال")
                                      for seg in v.toks[first].segments)
    passive = _passive(v, d, cues)
    near = next(((f, l, a) for f, l, a in after if f - last <= 4 and v.prep_before(f) not in cues.recipient_preps
                 and v.prep_before(f) not in cues.locative
                 and (etype == "PROTEST" or not _quantified(v, f))), None)
    if not is_noun and not passive and near and etype in ("ASSAULT", "COERCE"):
        number_next = any(f == last + 1 for f, _, _ in v.numbers)
        passive = near[2].sector == "CVL" and near[0] == last + 1 or (number_next and near[2].sector in (None, "CVL"))
    if passive:
        actor = _agent_after(v, last, cues)
        if near:
            recipient, start = near[2], near[1]
        return actor, recipient
    if actor is not None:
        pass
    elif not is_noun and verb_agreement(v.toks[first]) == "plural":
        # a verb showing plural agreement has its subject before it or in the verb itself
        # ("مسلحون اغتالوا العميد"): the phrase after it is the object
        for f, l, a in before:
            if not _crosses_bare_complementizer(v, l, first, cues) and first - l <= 6 \
                    and v.prep_before(f) not in cues.recipient_preps and v.prep_before(f) not in cues.locative:
                actor = a
            break
        if near:
            recipient, start = near[2], near[1]
    elif is_noun:
        genitive = near if near and near[0] - last <= 2 else None
        if genitive and d.key in cues.intransitive:
            actor, start = genitive[2], genitive[1]
        elif genitive:
            recipient, start = genitive[2], genitive[1]
        if actor is None:
            actor = _agent_after(v, last, cues)
        if actor is None:
            for f, l, a in before:
                blocked = any(l < of <= first for of, _ in others) or any(f - 2 <= ol < f for _, ol in others)
                if first - l <= 6 and not blocked and v.prep_before(f) not in cues.recipient_preps \
                        and not _crosses_bare_complementizer(v, l, first, cues):
                    actor = a
                break
    else:
        if near:
            actor, start = near[2], near[1]
        else:
            for f, l, a in before:
                if _crosses_bare_complementizer(v, l, first, cues):
                    break
                if v.prep_before(f) in cues.recipient_preps or v.prep_before(f) in cues.locative:
                    continue
                if first - l <= 12:
                    actor = a
                break
    if recipient is None:
        directional = {k for k, types in cues.directional.items() if etype in types}
        for f, l, a in after:
            if f <= start or f - start > 8 or a is actor:
                continue
            prep = v.prep_before(f)
            if prep == "في" or prep in directional or (prep in cues.locative and prep not in cues.recipient_preps):
                continue
            governed = prep in cues.recipient_preps or any(
                v.keys[i] in cues.recipient_preps for i in range(max(start + 1, f - 3), f))
            if not governed and f - start > 2:
                continue  # neither the object nor governed by a preposition ("مع نظيره الروسي X")
            recipient = a
            break
    return actor, recipient


def _place_of(e: Entity) -> Place:
    precision, admin1 = "country", None
    if e.kb_id and not e.kb_id.startswith("country:"):
        precision, admin1 = _place_detail(e.kb_id, e.name_en)
    return Place(e.start, e.end, e.country, e.name_en, admin1, e.lat, e.lon, precision)


@lru_cache(maxsize=4096)
def _place_detail(kb_id: str, name_en: Optional[str]) -> tuple[str, Optional[str]]:
    from rasd.lexicon import kb
    gid = kb_id.rsplit(":", 1)[-1]
    for p in kb.places_by_name(name_en or "") if name_en else ():
        if str(p.geonameid) == gid:
            return ("admin1" if p.kind in ("admin1", "region") else "city"), p.admin1
    return "city", None


def location(v: SentenceView, d: Draft, cues: ArgumentCues, taken: Sequence) -> Optional[Place]:
    etype, first, last = d.event.type, d.first, d.last
    directional = {k for k, types in cues.directional.items() if etype in types}
    best, best_score = None, None
    for f, l, e in v.places:
        if first <= l and f <= last:
            continue
        prep = v.prep_before(f)
        located = prep in cues.locative or prep in directional
        if prep == "في" and f >= 2 and v.keys[f - 2] in cues.topics:
            continue  # "بحث الأوضاع في كازاخستان": the topic, not where it happened
        if f > last + 1 and any(v.keys[i] in cues.relatives for i in range(last + 2, f)):
            continue  # inside a relative clause on the object: "أدان أعمال العنف التي شهدتها ألماتي"
        inside_party = any(p is not None and p.start <= e.start and e.end <= p.end for p in taken)
        if inside_party and not located:
            continue
        is_country = (e.kb_id or "").startswith("country:") or e.subtype == "GPE" and e.lat is None
        if not located and (is_country or e.country is None):
            continue
        distance = f - last if f > last else (first - l) + 2
        score = (v.clause[f] != v.clause[first], 0 if located else 1, distance)
        if best_score is None or score < best_score:
            best, best_score = e, score
    return _place_of(best) if best is not None else None


def share_dates(drafts: Sequence[Draft]) -> dict[int, When]:
    """Each date of the sentence goes to the nearest trigger; an event takes the nearest date it won,
    else the nearest date with no other trigger in between."""
    if not drafts:
        return {}
    v = drafts[0].view
    won: dict[int, list] = {}
    for f, l, dm in v.dates:
        dist = [(f - d.last if f > d.last else d.first - l, i) for i, d in enumerate(drafts)]
        won.setdefault(min(dist)[1], []).append((f, l, dm))
    out = {}
    for i, d in enumerate(drafts):
        def dist(x):
            return x[0] - d.last if x[0] > d.last else d.first - x[1]
        mine = won.get(i) or [x for x in v.dates if not any(
            o is not d and (min(x[0], d.first) < o.first < max(x[1], d.last)) for o in drafts)]
        if mine:
            f, l, dm = min(mine, key=dist)
            out[i] = When(dm.iso, dm.precision, dm.start, dm.end)
    return out


def _count_kind(v: SentenceView, f: int, l: int, cues: ArgumentCues) -> Optional[str]:
    k = v.keys
    nxt = l + 1
    if nxt < len(k) and k[nxt] == "من":
        nxt += 1
    after = k[nxt] if nxt < len(k) else None
    if f > 0 and k[f - 1] in cues.count_verbs and cues.count_verbs[k[f - 1]] != "troops":
        return cues.count_verbs[k[f - 1]]  # "مقتل خمسة جنود": dead, not troops
    if after in cues.count_nouns:
        return cues.count_nouns[after]
    for i in range(f - 1, max(-1, f - 4), -1):
        if k[i] in cues.count_verbs:
            return cues.count_verbs[k[i]]
        if _surface(v, i) in _PUNCT:
            break
    if after in cues.persons and nxt + 1 < len(k) and k[nxt + 1] in cues.count_verbs:
        return cues.count_verbs[k[nxt + 1]]
    return None


def share_counts(drafts: Sequence[Draft], cues: ArgumentCues) -> dict[int, dict]:
    if not drafts:
        return {}
    v = drafts[0].view
    found = []
    for f, l, n in v.numbers:
        kind = _count_kind(v, f, l, cues)
        value = n.as_count()
        if kind is None or value is None:
            continue
        for etype in cues.count_types.get(kind, ()):
            cands = [(abs(f - d.first), i) for i, d in enumerate(drafts) if d.event.type == etype]
            if cands:
                dist, i = min(cands)
                found.append((dist, i, kind, value))
                break
    out: dict[int, dict] = {}
    for dist, i, kind, value in sorted(found, key=lambda x: x[0]):
        out.setdefault(i, {}).setdefault(kind, value)
    return out


def _source_phrase(v: SentenceView, i: int, cues: ArgumentCues, limit: int = 7) -> Optional[Span]:
    """Tokens from i up to a complementizer, punctuation, relative or في (at most `limit`), as a span."""
    j = i
    while j < len(v.toks) and j - i < limit:
        if (_surface(v, j) in _PUNCT or v.keys[j] in cues.complementizers or v.keys[j] in cues.relatives
                or v.keys[j] in ("في", "عن") or any(f == j for f, _, _ in v.dates)):
            break
        j += 1
    if j <= i:
        return None
    first = v.toks[i]
    start = first.stem.start if any(s.kind == "proclitic" and s.form in ("ل", "ب") for s in first.segments) else first.start
    return Span(start, v.toks[j - 1].end)


def attributions(v: SentenceView, cues: ArgumentCues) -> tuple[list, Optional[Span], bool]:
    """(speech frames [(complementizer token, source span)], sentence-wide source, continuation?)."""
    frames, wide, continuation = [], None, False
    k = v.keys
    for i in range(len(k)):
        if k[i] in cues.speech and not any(f <= i <= l for f, l, _ in v.dates):
            j = next((j for j in range(i + 1, min(len(k), i + 10)) if k[j] in cues.complementizers), None)
            if j is None:
                continue
            if j == i + 1:
                continuation = continuation or (i <= 1 and k[i] in cues.continuation | cues.speech)
                frames.append((j, None))
            else:
                src = _source_phrase(v, i + 1, cues, limit=j - i - 1)
                frames.append((j, src))
        elif k[i] in cues.quote:
            j = next((j for j in range(i + 1, min(len(k), i + 8)) if k[j] == "عن"), None)
            if j is not None and j + 1 < len(k):
                wide = wide or _source_phrase(v, j + 1, cues)
        else:
            n = _phrase_at(k, i, cues.source_markers)
            if n and i + n < len(k):
                wide = wide or _source_phrase(v, i + n, cues)
    return frames, wide, continuation


@dataclass
class _Carry:
    attribution: Optional[Span] = None
    speaker: Optional[ActorMention] = None
    date: Optional[When] = None       # the article's current time (last non-historical day-precise date)
    place: Optional[Place] = None     # the article's current scene (last event location)


def _recent(when: When, published) -> bool:
    if published is None or not when.iso or len(when.iso) != 10:
        return False
    import datetime as dt
    return 0 <= (published - dt.date.fromisoformat(when.iso)).days <= SCENE_DAYS


# Sectors that act at home: a police force, a court or "the authorities" in an event placed in a
# country belong to that country (as ACLED and the dev annotators code them). Armies, armed groups and
# international bodies often act abroad, so they never take the scene's country.
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "CVL", "OPP", "PTY", "MED", "EDU", "REL", "BUS", "LAB", "HLH"})


def _with_country(p: Optional[Party], country: Optional[str]) -> Optional[Party]:
    """A domestic nominal actor without a nationality ("الشرطة", "السلطات") takes the country of the
    event's own place; the place itself is evidence in the text."""
    if p is None or p.country is not None or country is None or p.sector not in DOMESTIC_SECTORS:
        return p
    from dataclasses import replace
    return replace(p, country=country)


def _is_verb(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    return d.kind != "noun" and not any(seg.kind == "proclitic" and seg.form in ("ب", "ل", "ال")
                                        for seg in v.toks[d.first].segments) and not _passive(v, d, cues)


def dropped_subject(v: SentenceView, d: Draft, cues: ArgumentCues, previous: Sequence[ActorMention],
                    recipient: Optional[ActorMention]) -> Optional[ActorMention]:
    """The antecedent of a verb with no overt subject ("وطالبت بالإفراج ..."): the nearest earlier
    phrase of the sentence, else the first (topic) phrase of the previous sentence, that the verb's
    gender agrees with and that no preposition governs."""
    agreement = verb_agreement(v.toks[d.first])
    for f, l, a in reversed(v.actors):
        if l >= d.first or a is recipient:
            continue
        prep = v.prep_before(f)
        if prep in cues.recipient_preps or prep in cues.locative or prep in cues.directional:
            continue
        if agrees(agreement, actor_gender(v.text, a)):
            return a
    for a in previous:
        if a is not recipient and agrees(agreement, actor_gender(v.text, a)):
            return a
    return None


def attach_arguments(doc, drafts_by_sentence: Sequence[tuple[SentenceView, list[Draft]]]) -> list:
    """Events with their arguments filled in, in text order. `drafts_by_sentence` must cover every
    sentence whose speech frames matter (sentences without events keep the carried source current)."""
    from dataclasses import replace
    cues = argument_cues()
    carry = _Carry()
    out = []
    previous: list = []   # the previous sentence's subject candidates (actor phrases no preposition governs)
    for v, drafts in drafts_by_sentence:
        frames, wide, continuation = attributions(v, cues)
        dates, counts = share_dates(drafts), share_counts(drafts, cues)
        for i, d in enumerate(drafts):
            actor, recipient = actor_and_recipient(v, d, cues)
            src = None
            for j, span in frames:
                if j < d.first:
                    src = span if span is not None else (carry.attribution if continuation else None)
            src = src or wide
            if actor is None and continuation and d.event.type in cues.speech_acts:
                actor = carry.speaker
            if actor is None and _is_verb(v, d, cues):
                actor = dropped_subject(v, d, cues, previous, recipient)
            party_a, party_r = _party(actor), _party(recipient)
            place = location(v, d, cues, (party_a, party_r)) or carry.place
            when = dates.get(i)
            if when is None and not v.dates and not d.event.historical:
                when = carry.date
            scene = place.country if place is not None else None
            out.append(replace(d.event, actor=_with_country(party_a, scene), recipient=_with_country(party_r, scene),
                               location=place, date=when, counts=counts.get(i, {}), attribution=src))
            if out[-1].location is not None:
                carry.place = out[-1].location
        for _, _, dm in v.dates:
            w = When(dm.iso, dm.precision, dm.start, dm.end)
            if _recent(w, doc.published):
                carry.date = w
        previous = [a for f, _, a in v.actors if v.prep_before(f) not in cues.recipient_preps
                    and v.prep_before(f) not in cues.locative and v.prep_before(f) not in cues.directional]
        explicit = [s for _, s in frames if s is not None] or ([wide] if wide else [])
        if explicit:
            carry.attribution = explicit[-1]
            carry.speaker = next((a for _, _, a in v.actors if explicit[-1].start <= a.start
                                  and a.end <= explicit[-1].end), None)
    return out
