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
  preposition the trigger governs (مع، على، ضد ...); never one introduced by locative في. A PROTEST's
  recipient is its target: the first phrase after a target cue (ضد، احتجاجا على، أمام السفارة ...). An
  ASSAULT with no recipient phrase takes the people it counts as killed or wounded ("مقتل عشرة أشخاص",
  "قتل 150 مدنيا أفغانيا": CVL, or MIL for soldiers, with the nationality adjective's country).
- A nationality adjective right after a trigger names the doer when no actor phrase does: "الضربات
  الجوية الأميركية", "القصف الإسرائيلي" (the adjective is the actor span; an ASSAULT so named is MIL).
- Countries for nominal parties that name none are filled after merging (fill_countries): domestic
  sectors take the event place's country, else the article's (article_country: the country its place
  names point to most); armies and armed groups take only the article's country.
- Location: a place entity after a locative cue (في، ب، داخل، قرب، مدينة ...), or after إلى / من where the
  type moves something (visit, deploy / withdraw); a bare city name also counts. A country that is the
  actor's or recipient's own phrase (its nationality) is not a location.
- Dates and counts are shared out within the sentence: each date or count goes to the nearest event
  that can take it, so "اعتقلت ... امس ... الاحتجاجات التي اندلعت في الثاني من يناير" dates each event right;
  a date before every trigger of the sentence dates all of them.
- Attribution: "قال/ذكر/أعلن X أن ...", "بحسب/وفقا لـ X", "نقلت ... عن X"; a sentence opening with
  وأضاف/وتابع and no subject carries the previous source (and, for speech-act types, its speaker as actor).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from rasd.events.roles import (
    actor_and_recipient,
    dropped_subject,
    is_passive,
    is_verbal,
    party_of,
    phrase_at,
    surface_of,
    with_scene_country,
)
from rasd.events.view import (
    PUNCT,
    SCENE_DAYS,
    ArgumentCues,
    Draft,
    SentenceView,
    argument_cues,
)
from rasd.model.spans import ActorMention, Entity, Party, Place, Span, When

__all__ = ["ArgumentCues", "argument_cues", "SentenceView", "Draft", "attach_arguments", "fill_countries",
           "article_country", "counted_victims", "counted_detainees"]

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
        inside_party = any(p is not None and p.start is not None and p.start <= e.start and e.end <= p.end for p in taken)
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
    # a time expression before every trigger scopes over the whole sentence ("أصدر المجلس اليوم الخميس
    # بيانا أدان فيه ... بينما أشاد ...")
    opening = [x for x in v.dates if x[1] < min(d.first for d in drafts)]
    if opening:
        f, l, dm = opening[-1]
        for i in range(len(drafts)):
            out.setdefault(i, When(dm.iso, dm.precision, dm.start, dm.end))
    return out


def _count_kind(v: SentenceView, f: int, l: int, cues: ArgumentCues) -> Optional[str]:
    k = v.keys
    nxt = l + 1
    if nxt < len(k) and k[nxt] == "من":
        nxt += 1
    after = k[nxt] if nxt < len(k) else None
    # What happened to them decides before what they are: "مقتل خمسة جنود" are dead, not troops, and
    # "اعتقلت الشرطة 200 متظاهر" are arrested, not participants.
    for i in range(f - 1, max(-1, f - 4), -1):
        if surface_of(v, i) in PUNCT:
            break
        if k[i] in cues.count_verbs and cues.count_verbs[k[i]] != "troops":
            return cues.count_verbs[k[i]]
    if after in cues.count_nouns:
        return cues.count_nouns[after]
    for i in range(f - 1, max(-1, f - 4), -1):
        if surface_of(v, i) in PUNCT:
            break
        if k[i] in cues.count_verbs:
            return cues.count_verbs[k[i]]
    if after in cues.persons and nxt + 1 < len(k) and k[nxt + 1] in cues.count_verbs:
        return cues.count_verbs[k[nxt + 1]]
    return None


def _with_nationality(v: SentenceView, noun: int) -> tuple[int, Optional[str]]:
    """(last token, country) of a counted noun and the nationality adjective after it, if any."""
    from rasd.link.lexicon import nationality
    from rasd.link.words import analyse_token
    if noun + 1 < len(v.keys):
        key = analyse_token(v.toks[noun + 1])[1]
        # the accusative tanween alef: "مدنيا أفغانيا"
        nat = nationality(key) or (nationality(key[:-1]) if key.endswith("ا") else None)
        if nat is not None:
            return noun + 1, nat.country.iso3
    return noun, None


_VICTIM_KINDS = ("dead", "injured")


def counted_victims(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """The people an ASSAULT killed or wounded, when the text counts them and names no other recipient:
    "مقتل عشرة أشخاص", "قتل 150 مدنيا أفغانيا", "إصابة 3 جنود أميركيين". The phrase runs from the number
    to its noun (and a nationality adjective after it, which gives the country); civilians are CVL,
    soldiers MIL. The counted phrase nearest the trigger wins."""
    best = None
    for f, l, _ in v.numbers:
        k = l + 1
        if k < len(v.keys) and v.keys[k] == "من":
            k += 1
        if k >= len(v.keys):
            continue
        noun = v.keys[k]
        kind = cues.count_nouns.get(noun)
        if noun in cues.persons:
            sector = "CVL"
        elif kind == "troops":
            sector = "MIL"
        elif kind in _VICTIM_KINDS:
            sector = None
        else:
            continue
        if kind not in _VICTIM_KINDS and _count_kind(v, f, l, cues) not in _VICTIM_KINDS:
            continue
        last, country = _with_nationality(v, k)
        dist = abs(f - d.first)
        if best is None or dist < best[0]:
            best = (dist, ActorMention(v.toks[f].start, v.toks[last].end, country=country, sector=sector,
                                       kind="nominal"))
    return best[1] if best else None


ARRESTED_REACH = 4
_QUANTITY_LEAD = frozenset({"حوالى", "حوالي", "نحو", "قرابة", "أكثر", "اكثر", "زهاء", "عدد", "من"})


def counted_detainees(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """Whom an arrest took when the text counts them right after the trigger: "اعتقلت حوالى مئة
    شخص", "تم توقيف أكثر من 20 شخصا", "اعتقال عدد من المحتجين" (CVL; the country comes from a
    nationality adjective, else fill_countries gives the place's)."""
    k = d.last + 1
    counted = False
    while k < len(v.keys) and k - d.last <= ARRESTED_REACH:
        number = next((l for f, l, _ in v.numbers if f == k), None)
        if number is not None:
            k, counted = number + 1, True
        elif v.keys[k] in _QUANTITY_LEAD:
            counted = counted or v.keys[k] == "عدد"
            k += 1
        else:
            break
    if not counted or k >= len(v.keys):
        return None
    phrase = next((a for f, _, a in v.actors if f == k and a.sector in (None, "CVL", "OPP")), None)
    if phrase is not None:
        return phrase
    if v.keys[k] not in cues.persons:
        return None
    start_tok = next(i for i in range(d.last + 1, k + 1) if i == k or v.keys[i] not in ("من",))
    last, country = _with_nationality(v, k)
    return ActorMention(v.toks[start_tok].start, v.toks[last].end, country=country, sector="CVL", kind="nominal")


NATIONALITY_REACH = 3


def nationality_actor(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """The doer a nominal trigger's nationality adjective names: "الضربات الجوية الأميركية", "القصف
    الإسرائيلي", "ضربات إسرائيلية مكثفة". The adjective must follow the trigger within NATIONALITY_REACH
    words, with only bare words in between (no preposition, number or pronoun suffix: "الهجوم على
    الجنود الأميركيين" names the victims). An ASSAULT so described is a military act (MIL)."""
    from rasd.link.lexicon import nationality
    from rasd.link.words import analyse_token
    numbers = {i for f, l, _ in v.numbers for i in range(f, l + 1)}
    # after the event's trigger or after any other mention of it in the sentence ("وقتل ... الضربات الأميركية")
    anchors = [d.last] + [i for ev in d.event.evidence for i, t in enumerate(v.toks) if t.end == ev.end]
    for anchor in anchors:
        for k in range(anchor + 1, min(len(v.toks), anchor + 1 + NATIONALITY_REACH)):
            tok = v.toks[k]
            if k in numbers or surface_of(v, k) in PUNCT or v.keys[k] in cues.recipient_preps or any(
                    s.kind == "enclitic" or s.kind == "proclitic" and s.form != "ال" for s in tok.segments):
                break
            key = analyse_token(tok)[1]
            nat = nationality(key) or (nationality(key[:-1]) if key.endswith("ا") else None)
            if nat is None:
                continue
            if nat.plural:
                break
            return ActorMention(tok.start, tok.end, country=nat.country.iso3,
                                sector="MIL" if d.event.type == "ASSAULT" else None, kind="nominal")
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
        if (surface_of(v, j) in PUNCT or v.keys[j] in cues.complementizers or v.keys[j] in cues.relatives
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
            n = phrase_at(k, i, cues.source_markers)
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



def article_country(doc) -> Optional[str]:
    """The country an article is about: the one its place names point to most often (ties: the first
    named), counting only articles that name places in at least two sentences or twice in one. A
    domestic nominal actor with no scene of its own ("وطالبت الأسر", "أفرجت السلطات") takes it."""
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for e in doc.entities:
        if e.country and e.country != "IGO" and (e.label == "LOC" or e.subtype in ("GPE", "FAC") or e.lat is not None):
            counts[e.country] = counts.get(e.country, 0) + 1
            first_seen.setdefault(e.country, e.start)
    best = min(counts, key=lambda c: (-counts[c], first_seen[c])) if counts else None
    if best is not None and counts[best] >= ARTICLE_MIN_PLACES:
        return best
    if counts or not doc.has("actors"):
        return None
    # no place named at all: the nationality adjectives of its nominal actors ("الأمن السوداني") tell
    # the country, when they name only one
    nationalities = {a.country for a in doc.actors if a.kind == "nominal" and a.country and a.country != "IGO"}
    return next(iter(nationalities)) if len(nationalities) == 1 else None


ARTICLE_MIN_PLACES = 2
# The unnamed authorities behind an agentless passive ("تم توقيف أكثر من 20 شخصا"): a placeholder
# that fill_countries turns into a span-less party of the event's country (its place's, else the
# article's), or drops when the text gives no country.
IMPLICIT_STATE = Party(None, None)
MOVES_OWN_FORCES = frozenset({"RETREAT", "MOBILIZE"})
ARTICLE_SECTORS = frozenset({"MIL", "SPY", "CRM", "REB", "UAF"})


def fill_countries(events: Sequence, home: Optional[str]) -> list:
    """Countries for nominal parties that name none, from evidence elsewhere in the text: a domestic
    sector ("الشرطة", "السلطات", "الأسر") takes the country of the event's own place, else the
    article's country (article_country); armies and armed groups ("الجيش", "المسلحون"), which often
    act abroad, take only the article's country. Run after merging, so that mentions of one event are
    merged on what the text says of each, not on these defaults (filling first split ASSAULT records
    and cost 5 points of ASSAULT F1 on articles-dev)."""
    from dataclasses import replace
    out = []
    for e in events:
        scene = e.location.country if e.location is not None and e.location.country else home
        actor = e.actor
        if actor is IMPLICIT_STATE:
            actor = Party(None, None, country=scene) if scene else None
        actor = with_scene_country(with_scene_country(actor, scene), home, ARTICLE_SECTORS)
        recipient = with_scene_country(with_scene_country(e.recipient, scene), home, ARTICLE_SECTORS)
        out.append(e if actor is e.actor and recipient is e.recipient else replace(e, actor=actor, recipient=recipient))
    return out


def attach_arguments(doc, drafts_by_sentence: Sequence[tuple[SentenceView, list[Draft]]]) -> list:
    """Events with their arguments filled in, in text order. `drafts_by_sentence` must cover every
    sentence whose speech frames matter (sentences without events keep the carried source current).
    Nominal parties keep country None here; fill_countries completes them after merging."""
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
            if actor is None and is_verbal(v, d, cues):
                actor = dropped_subject(v, d, cues, previous, recipient)
            if actor is None:
                actor = nationality_actor(v, d, cues)
            implicit = actor is None and (d.event.type in cues.local_actor
                                          or d.event.type in cues.state_agent and is_passive(v, d, cues))
            if recipient is None and d.event.type == "ASSAULT":
                recipient = counted_victims(v, d, cues)
            if recipient is None and d.event.type == "COERCE":
                recipient = counted_detainees(v, d, cues)
            if recipient is not None and d.event.type in MOVES_OWN_FORCES and recipient.sector == "MIL" \
                    and recipient.kind == "nominal":
                recipient = None  # "سحب 2000 جندي": the troops moved are the actor's own, not a recipient
            party_a, party_r = party_of(actor), party_of(recipient)
            if implicit:
                party_a = IMPLICIT_STATE  # fill_countries gives it the event's country, or drops it
            place = location(v, d, cues, (party_a, party_r)) or carry.place
            when = dates.get(i)
            if when is None and not v.dates and not d.event.historical:
                when = carry.date
            out.append(replace(d.event, actor=party_a, recipient=party_r,
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
