"""Event arguments: actor, recipient, location, date, counts and attribution, each with its evidence span.

This module is the driver: for each sentence it asks the specialised modules for each event's parts and
carries what Arabic news carries across sentences (the current speaker, time and scene). Everything is
positional reasoning over one sentence's tokens, using the layers earlier stages made (doc.actors,
doc.entities, doc.dates, doc.numbers); nothing is guessed without a span, except the span-less parties
and places below, whose value comes from other spans of the same article. Cue words live in
data/argument_cues.json and are compared on trigger keys (triggers.token_key).

- view.py: one sentence's tokens, keys and layers as token ranges; mentions.py adds the parties the
  actor layer misses (counterparts "نظيره الروسي", short names of people named in full earlier,
  hashtags "#الشرطة_النمساوية") and hashtag places;
- roles.py / subjects.py / recipients.py: who acted and on whom (word order, passives, masdars,
  fronted, relative and dropped subjects, victim subjects; the recipient rules of meetings, calls,
  visits, condemnations, warnings, sanctions and attacks);
- owners.py: attack doers away from the subject slot (the weapon's owner, the party an attack is
  attributed to or claimed by) and forces "بقيادة X" that take X's country;
- places.py: the event's own place; article_country / scene_country for what names no country;
- timing.py: dates shared out among the sentence's events, report dates, weekdays of future events;
- counts.py: counts and counted victims / detainees, nationality adjectives as doers;
- attribution.py: speech frames and sources.

Within a sentence, verbs with no overt subject take the subject of an earlier verb ("أدان فيه ...
بينما أشاد ..."), and a subject with a pronoun suffix in reported speech ("قال الجيش إن طائراته قصفت")
is the speaker's. Across sentences: a sentence opening with وأضاف/وتابع and no subject keeps the
previous source (and, for speech-act types, its speaker as actor); a verb with no overt subject takes
the topic of the previous sentence (subjects.dropped_subject); an event with no place of its own takes
the last place the text named for an event; "في البلاد" and an event of a party of the article's scene
country with no place at all take that country (scene_country: the place names' country, never a
nationality alone); an event with no date in its sentence takes the article's current day (the last
day-precise date within a week of publication), unless it is historical.

Countries for nominal parties that name none are filled after merging (fill_countries): domestic
sectors take the event place's country, else the article's (article_country); armies and armed groups
take only the article's country.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Sequence

from rasd.events.attribution import attributions, speakers_own
from rasd.events.counts import (
    counted_detainees,
    counted_victims,
    nationality_actor,
    share_counts,
)
from rasd.events.owners import claimed_by, instrument_owner, led_by
from rasd.events.places import article_country, location, scene_country
from rasd.events.possessives import resolve_possessive
from rasd.events.recipients import clash_opponent
from rasd.events.roles import (
    actor_and_recipient,
    dropped_subject,
    is_passive,
    is_verbal,
    looks_nominal,
    party_of,
    with_scene_country,
)
from rasd.events.subjects import unknown_agent, used_as_noun
from rasd.events.timing import coming_weekday, recent, share_dates
from rasd.events.view import ArgumentCues, Draft, SentenceView, argument_cues
from rasd.model.spans import ActorMention, Party, Place, Span, When

__all__ = ["ArgumentCues", "argument_cues", "SentenceView", "Draft", "attach_arguments", "fill_countries",
           "article_country", "counted_victims", "counted_detainees"]


@dataclass
class _Carry:
    attribution: Optional[Span] = None
    speaker: Optional[ActorMention] = None
    date: Optional[When] = None       # the article's current time (last non-historical day-precise date)
    place: Optional[Place] = None     # the article's current scene (last event location)



# The unnamed authorities behind an agentless passive ("تم توقيف أكثر من 20 شخصا"): a placeholder
# that fill_countries turns into a span-less party of the event's country (its place's, else the
# article's), or drops when the text gives no country.
IMPLICIT_STATE = Party(None, None)
_UNSET = object()
MOVES_OWN_FORCES = frozenset({"RETREAT", "MOBILIZE"})
ARTICLE_SECTORS = frozenset({"MIL", "SPY", "CRM", "REB", "UAF"})


def _home_scene(place: Optional[Place], parties, scene: Optional[str]) -> Optional[Place]:
    """"في البلاد" (a Place with no country yet) is the country the article's place names point to; an
    event with no place of its own whose party belongs to that country happened there (a span-less Place:
    "منع الأمن السوداني وقفة" in an article set in Sudan). A nationality alone places nothing."""
    if scene is None:
        return place
    if place is not None:
        return replace(place, country=scene) if place.country is None else place
    if any(p is not None and p.country == scene for p in parties):
        return Place(None, None, country=scene, precision="country")
    return None


def _outside(a: Optional[ActorMention], recipient: Optional[ActorMention]) -> Optional[ActorMention]:
    """`a` unless it lies inside the recipient: the nationality of a victim ("قتل جندي أمريكي") is no doer."""
    if a is None or recipient is None or not (recipient.start <= a.start and a.end <= recipient.end):
        return a
    return None


def fill_countries(events: Sequence, home: Optional[str], uncoded: frozenset = frozenset()) -> list:
    """Countries for nominal parties that name none, from evidence elsewhere in the text: a domestic
    sector ("الشرطة", "السلطات", "الأسر") takes the country of the event's own place, else the
    article's country (article_country); armies and armed groups ("الجيش", "المسلحون"), which often
    act abroad, take only the article's country. Run after merging, so that mentions of one event are
    merged on what the text says of each, not on these defaults (filling first split ASSAULT records
    and cost 5 points of ASSAULT F1 on articles-dev)."""
    def filled(p: Optional[Party], scene: Optional[str]) -> Optional[Party]:
        # a possessive phrase ("حكومتها") has its antecedent's country or none (possessives.py)
        if p is None or (p.start, p.end) in uncoded:
            return p
        return with_scene_country(with_scene_country(p, scene), home, ARTICLE_SECTORS)
    out = []
    for e in events:
        scene = e.location.country if e.location is not None and e.location.country else home
        actor = e.actor
        if actor is IMPLICIT_STATE:
            actor = Party(None, None, country=scene) if scene else None
        actor, recipient = filled(actor, scene), filled(e.recipient, scene)
        out.append(e if actor is e.actor and recipient is e.recipient else replace(e, actor=actor, recipient=recipient))
    return out


def attach_arguments(doc, drafts_by_sentence: Sequence[tuple[SentenceView, list[Draft]]]) -> list:
    """Events with their arguments filled in, in text order. `drafts_by_sentence` must cover every
    sentence whose speech frames matter (sentences without events keep the carried source current).
    Nominal parties keep country None here; fill_countries completes them after merging."""
    cues = argument_cues()
    carry = _Carry()
    scene = _UNSET  # the article's scene country, computed when first needed
    out = []
    previous: list = []   # the previous sentence's subject candidates (actor phrases no preposition governs)
    victims: list = []
    last_start = 0
    for v, drafts in drafts_by_sentence:
        frames, wide, continuation = attributions(v, cues)
        dates, counts = share_dates(drafts, cues), share_counts(drafts, cues)
        subjects: list = []  # subjects of the sentence's earlier verbs: coordinated verbs share them
        # the attack victims (character spans) of this and the previous sentence
        victims = [x for x in victims if x[0] >= last_start]
        last_start = v.span.start
        for i, d in enumerate(drafts):
            actor, recipient = actor_and_recipient(v, d, cues)
            if d.event.type == "ASSAULT":
                # the weapon's owner or the party the attack is pinned on acts, whatever stands before
                owner = instrument_owner(v, d, cues)
                if owner is not None:
                    actor, recipient = owner, (None if recipient is owner else recipient)
                elif actor is None:
                    actor = claimed_by(v, d, cues)
            src = None
            for j, span in frames:
                if j < d.first:
                    src = span if span is not None else (carry.attribution if continuation else None)
            src = src or wide
            if actor is None and continuation and d.event.type in cues.speech_acts:
                actor = carry.speaker
            verbal = is_verbal(v, d, cues)
            if actor is None:
                actor = speakers_own(v, d, cues, frames)
            if actor is None and verbal and not unknown_agent(v, d, cues):
                actor = dropped_subject(v, d, cues, previous, recipient, subjects, victims)
            if verbal and actor is not None and not looks_nominal(v.toks[d.first]):
                subjects.append(actor)
            if actor is None:
                actor = _outside(nationality_actor(v, d, cues), recipient)
            if actor is None and d.event.type == "ASSAULT":
                actor = clash_opponent(v, d, cues, recipient)
            # an agentless passive or masdar ("تم توقيف 20 شخصا", "بعد اعتقال زعيم الحركة") of an act of state
            implicit = actor is None and (d.event.type in cues.local_actor or d.event.type in cues.state_agent
                                          and (is_passive(v, d, cues) or used_as_noun(v, d)))
            if recipient is None and d.event.type == "ASSAULT":
                recipient = counted_victims(v, d, cues)
            if recipient is None and d.event.type == "COERCE":
                recipient = counted_detainees(v, d, cues)
            if recipient is not None and d.event.type == "ASSAULT":
                victims.append((recipient.start, recipient.end))
            if recipient is not None and d.event.type in MOVES_OWN_FORCES and recipient.sector == "MIL" \
                    and recipient.kind == "nominal":
                recipient = None  # "سحب 2000 جندي": the troops moved are the actor's own, not a recipient
            actor, recipient = resolve_possessive(v, actor, recipient), resolve_possessive(v, recipient, actor)
            actor, recipient = led_by(v, actor, cues), led_by(v, recipient, cues)
            party_a, party_r = party_of(actor), party_of(recipient)
            if implicit:
                party_a = IMPLICIT_STATE  # fill_countries gives it the event's country, or drops it
            place = location(v, d, cues, (party_a, party_r)) or carry.place
            if place is None or place.country is None:
                scene = scene_country(doc) if scene is _UNSET else scene
                place = _home_scene(place, (party_a, party_r), scene)
            when = dates.get(i)
            if when is not None:
                when = coming_weekday(when, v, d, cues, doc.published)
            if when is None and not v.dates and not d.event.historical:
                when = carry.date
            out.append(replace(d.event, actor=party_a, recipient=party_r,
                               location=place, date=when, counts=counts.get(i, {}), attribution=src))
            if place is not None and place.start is not None:
                carry.place = place  # only a place the text names sets the scene for what follows
        for _, _, dm in v.dates:
            w = When(dm.iso, dm.precision, dm.start, dm.end)
            if recent(w, doc.published):
                carry.date = w
        previous = [a for f, _, a in v.actors if v.prep_before(f) not in cues.recipient_preps
                    and v.prep_before(f) not in cues.locative and v.prep_before(f) not in cues.directional]
        explicit = [s for _, s in frames if s is not None] or ([wide] if wide else [])
        if explicit:
            carry.attribution = explicit[-1]
            carry.speaker = next((a for _, _, a in v.actors if explicit[-1].start <= a.start
                                  and a.end <= explicit[-1].end), None)
    return out
