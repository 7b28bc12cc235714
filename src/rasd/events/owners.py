"""Attack doers named away from the subject slot: the owner of the weapon ("طائرة بدون طيار تابعة لوكالة
المخابرات"), the party an attack is attributed to or claimed by ("نسب إلى المتمردين", "تبنت الحركة
الهجوم", "أعلنت الجماعة مسؤوليتها عن"), and the leader that gives a force with no nationality its
country ("التحالف الدولي بقيادة الولايات المتحدة"). Each reads only the sentence's own words; the cue
words are argument_cues.json's owner_words, owner_verbs, instrument_nouns, attributed_to, claim_verbs and led_by."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from rasd.events.subjects import used_as_noun
from rasd.events.view import ArgumentCues, Draft, SentenceView, phrase_at
from rasd.model.spans import ActorMention

__all__ = ["instrument_owner", "claimed_by", "led_by"]

CLAIM_REACH = 25  # tokens from the trigger to a later claim in the same sentence


def _phrase_from(v: SentenceView, i: int) -> Optional[tuple[int, int, ActorMention]]:
    """The actor phrase starting at token i, or after an opening quotation mark there."""
    for j in (i, i + 1):
        hit = next(((f, l, a) for f, l, a in v.actors if f == j), None)
        if hit is not None:
            return hit
        if j >= len(v.keys) or v.surface(j) not in "«\"":
            return None
    return None


def _has_proclitic(v: SentenceView, i: int, form: str) -> bool:
    return any(s.kind == "proclitic" and s.form == form for s in v.toks[i].segments)


def instrument_owner(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """"طائرة بدون طيار تابعة لـ X" / "قصفت طائرات تابعة لـ X": X owns the weapon, so X acted. Only right
    after the trigger or after an instrument noun that a verb trigger takes as its subject: "قصف مواقع
    تابعة للجيش" names the target's owner."""
    k = d.last + 1
    if k < len(v.keys) and v.keys[k] in cues.instrument_nouns and not used_as_noun(v, d) \
            and not any(f == k for f, _, _ in v.actors):
        k += 1
    if k + 1 < len(v.keys) and v.keys[k] in cues.owner_words and _has_proclitic(v, k + 1, "ل"):
        hit = _phrase_from(v, k + 1)
        return hit[2] if hit is not None else None
    return _owning_clause(v, k, cues)


def _owning_clause(v: SentenceView, k: int, cues: ArgumentCues) -> Optional[ActorMention]:
    """"طائرات يملكها الجيش" / "طائرات، لا تملكها إلا القوات الأمريكية": the clause naming the owner. A
    negation counts only with إلا after the verb ("لا يملكها الجيش" says who does not own it)."""
    if k < len(v.keys) and v.surface(k) in ("،", ","):
        k += 1
    negated = k < len(v.keys) and v.bare(k) in cues.negators
    k += negated
    if k + 1 >= len(v.keys) or v.keys[k] not in cues.owner_verbs \
            or not any(s.kind == "enclitic" for s in v.toks[k].segments):
        return None
    k += 1
    if v.keys[k] == "الا":
        k += 1
    elif negated:
        return None
    hit = _phrase_from(v, k)
    return hit[2] if hit is not None else None


def claimed_by(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """The party a later clause of the sentence pins the attack on: "نسب إلى X", "تبنى X", "أعلن X
    مسؤوليته". A negated claim ("لم تتبن", "نفت") names no doer."""
    for i in range(d.last + 1, min(len(v.keys), d.last + CLAIM_REACH)):
        if i > 0 and v.bare(i - 1) in cues.negators:
            continue
        n = phrase_at(v.keys, i, cues.attributed_to)
        if n:
            hit = _phrase_from(v, i + n)
            if hit is not None:
                return hit[2]
            continue
        if v.keys[i] not in cues.claim_verbs:
            continue
        hit = _phrase_from(v, i + 1)
        if hit is None:
            continue
        f, l, a = hit
        # "أعلن" claims only with "مسؤوليته" after its subject; "تبنى" claims by itself
        if v.keys[i] in cues.claim_needs_responsibility and not (
                l + 1 < len(v.keys) and v.keys[l + 1] in cues.responsibility and "ولي" in v.surface(l + 1)):
            continue
        return a
    return None


def led_by(v: SentenceView, party: Optional[ActorMention], cues: ArgumentCues) -> Optional[ActorMention]:
    """A force or coalition with no nationality takes its leader's: "التحالف بقيادة الولايات المتحدة". The
    leader picked alone as a party stands for the force it leads, which did the acting."""
    if party is None:
        return party
    first = next((f for f, l, a in v.actors if a is party), None)
    if first is not None and first >= 2 and v.keys[first - 1] in cues.led_by and _has_proclitic(v, first - 1, "ب"):
        led = next((a for f, l, a in v.actors if l == first - 2), None)
        if led is not None and led.country is None:
            return replace(led, country=party.country)
    if party.country is not None:
        return party
    last = next((l for f, l, a in v.actors if a is party), None)
    k = None if last is None else last + 1
    if k is None or k + 1 >= len(v.keys) or v.keys[k] not in cues.led_by or not _has_proclitic(v, k, "ب"):
        return party
    hit = _phrase_from(v, k + 1)
    if hit is None or hit[2].country is None:
        return party
    return replace(party, country=hit[2].country)
