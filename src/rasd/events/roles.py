"""Who acted and on whom: actor and recipient of one event from the sentence's actor phrases.
The rules (VSO/SVO, passives, masdars, agent and victim nouns, plural agreement, dropped subjects,
domestic sectors taking the event place's country) are described in arguments.py's docstring."""
from __future__ import annotations

from typing import Optional, Sequence

from rasd.events.view import DAMMA, ArgumentCues, Draft, SentenceView
from rasd.model.spans import ActorMention, Party, Token


def party_of(a: Optional[ActorMention]) -> Optional[Party]:
    return None if a is None else Party(a.start, a.end, a.country, a.sector, a.kb_id, a.name_en)


def phrase_at(keys, i, phrases) -> int:
    """Length of the cue phrase starting at keys[i], or 0."""
    for p in phrases:
        if tuple(keys[i:i + len(p)]) == p:
            return len(p)
    return 0


def _agent_after(v: SentenceView, last: int, cues: ArgumentCues):
    """The actor of "من قبل / على يد X" or of a relative clause "الذي يشنه X" after the trigger."""
    for i in range(last + 1, min(len(v.keys), last + 7)):
        n = phrase_at(v.keys, i, cues.agent)
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
    return DAMMA in surface_of(v, d.first)[offset:offset + 3]


def is_passive(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """Whether the trigger is marked passive ("تم توقيف", a vocalised "اُعتقل")."""
    return _passive(v, d, cues)


def surface_of(v: SentenceView, i: int) -> str:
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
    if not is_noun and not passive and etype in ("ASSAULT", "COERCE"):
        # "قتل ثلاثة متظاهرين": a count right after the verb opens its object (passive, or a dropped
        # subject): the counted phrase is the victim either way
        counted = next(((f, l, a) for f, l, a in after if f - last <= 4 and _quantified(v, f)
                        and v.prep_before(f) not in cues.recipient_preps and v.prep_before(f) not in cues.locative),
                       None) if any(f == last + 1 for f, _, _ in v.numbers) else None
        if counted is not None and counted[2].sector in (None, "CVL"):
            passive, near = True, counted
        elif near:
            passive = near[2].sector == "CVL" and near[0] == last + 1
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
    if etype == "PROTEST":
        if actor is not None and _after_target_cue(v, actor, cues, 0):
            # "تجمعوا أمام مقر البرلمان احتجاجا": the phrase before a protest noun is its target
            return None, recipient or actor
        recipient = recipient or protest_target(v, d, cues, actor)
    return actor, recipient


PROTEST_TARGET_REACH = 15


def protest_target(v: SentenceView, d: Draft, cues: ArgumentCues, actor) -> Optional[ActorMention]:
    """Whom a protest is aimed at: the first actor phrase after the trigger that follows a target cue
    within three words ("ضد الحكومة", "احتجاجا على قرار بريطانيا", "أمام مقر البرلمان")."""
    for f, l, a in v.actors:
        if f <= d.last or a is actor or f - d.last > PROTEST_TARGET_REACH:
            continue
        if _after_target_cue(v, a, cues, d.last + 1):
            return a
    return None


def _after_target_cue(v: SentenceView, a: ActorMention, cues: ArgumentCues, lo: int) -> bool:
    f = next((f for f, _, x in v.actors if x is a), None)
    if f is None:
        return False
    return v.prep_before(f) in cues.protest_targets or any(
        v.keys[i] in cues.protest_targets for i in range(max(lo, f - 3), f))



# Sectors that act at home: a police force, a court or "the authorities" in an event placed in a
# country belong to that country (as ACLED and the dev annotators code them). Armies, armed groups and
# international bodies often act abroad, so they never take the scene's country.
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "CVL", "OPP", "PTY", "MED", "EDU", "REL", "BUS", "LAB", "HLH"})


def with_scene_country(p: Optional[Party], country: Optional[str],
                       sectors: frozenset = DOMESTIC_SECTORS) -> Optional[Party]:
    """A domestic nominal actor without a nationality ("الشرطة", "السلطات") takes the country of the
    event's own place; the place itself is evidence in the text."""
    if p is None or p.country is not None or country is None or p.sector not in sectors:
        return p
    from dataclasses import replace
    return replace(p, country=country)


def is_verbal(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
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
