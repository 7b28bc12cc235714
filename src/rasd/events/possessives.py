"""Parties named with a possessive pronoun ("حكومتها", "جيشه", "قواتهم"): the pronoun points back to a
party the sentence already named, whose country they share ("دعت ماي حكومتها" -> her, British,
government). With no such party in the sentence they stay uncoded: a country taken from a nearby place
("... في سوريا") would be a guess, so fill_countries must leave them alone (uncoded_spans).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional

from rasd.events.subjects import actor_gender, agrees
from rasd.events.view import SentenceView
from rasd.model.spans import ActorMention

__all__ = ["resolve_possessive", "uncoded_spans"]

PRONOUNS = {"ه": "masc", "ها": "fem", "هم": "plural", "هما": None, "هن": "plural"}


def _pronoun(v: SentenceView, f: int) -> Optional[str]:
    """The possessive pronoun on the head of the phrase starting at token f ("حكومتها" -> "ها"), or None."""
    return next((s.form for s in v.toks[f].segments if s.kind == "enclitic" and s.form in PRONOUNS), None)


def _start_token(v: SentenceView, a: ActorMention) -> Optional[int]:
    return next((f for f, _, x in v.actors if x.start == a.start and x.end == a.end), None)


def resolve_possessive(v: SentenceView, party: Optional[ActorMention],
                       other: Optional[ActorMention]) -> Optional[ActorMention]:
    """`party` with the country of its pronoun's antecedent when it is a possessive phrase with none: the
    event's other party when it comes first ("أمر الرئيس الروسي جيشه"), else the nearest earlier phrase of
    the sentence with a country that the pronoun agrees with."""
    if party is None or party.country is not None or party.kind != "nominal":
        return party
    f = _start_token(v, party)
    pronoun = _pronoun(v, f) if f is not None else None
    if pronoun is None:
        return party
    if other is not None and other.country is not None and other.end <= party.start:
        return replace(party, country=other.country)
    wanted = PRONOUNS[pronoun] if pronoun != "هم" else None  # "قواتهم": a plural people or a state
    for g, _, a in reversed(v.actors):
        if g >= f or a.country is None or _pronoun(v, g) is not None:
            continue
        # a person's name tells no gender ("تيريزا ماي"): only common nouns and countries must agree
        gender = None if a.kind == "named" and not (a.kb_id or "").startswith("country:") else actor_gender(v.text, a)
        if wanted in ("masc", "fem") and not agrees(wanted, gender):
            continue
        return replace(party, country=a.country)
    return party


def uncoded_spans(views: Iterable[SentenceView]) -> frozenset:
    """(start, end) of every possessive party phrase: their country comes only from their antecedent."""
    return frozenset((a.start, a.end) for v in views for f, _, a in v.actors
                     if a.kind == "nominal" and _pronoun(v, f) is not None)
