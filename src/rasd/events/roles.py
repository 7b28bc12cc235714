"""Who acted and on whom: actor and recipient of one event from the sentence's actor phrases.

- Verbal triggers: MSA is mostly VSO, so the actor is the phrase right after the verb (no preposition
  in front, not counted); a fronted subject (subjects.py) wins over it; failing both, the nearest phrase
  before the verb in its clause (crossing أن/إن only when it carries a pronoun pointing back). Passives
  ("تم/جرى + masdar", a damma, victim-subject verbs) make the following phrase the recipient and leave
  the actor to "من قبل / على يد X".
- Noun triggers (masdars): the genitive is the recipient ("اعتقال ناشطين") unless the noun is
  intransitive (انسحاب، زيارة، قصف: the genitive acts); the actor is the phrase just before (the subject
  of a support verb) or "من قبل X" or the subject of a relative clause ("القصف الذي يشنه التحالف").
- Agent nouns ("المتظاهرون") are their own actor, victim nouns ("قتلى") their own recipient; a plural
  verb has its subject before it or in itself, so the phrase after it is the object.
- Recipient: the next phrase in the clause, directly or after a preposition the trigger governs,
  never one introduced by في; a coordinated second subject ("أدانت مصر والأردن") is skipped; then the
  type-specific rules of recipients.py (type_recipients) and a protest's target after ضد/أمام.
- Domestic sectors without a country take the event place's (with_scene_country, after merging).
Subjects, agreement and dropped subjects live in subjects.py."""
from __future__ import annotations

from typing import Optional

from rasd.events.subjects import (  # noqa: F401  (actor_gender, agrees, verb_agreement: re-exported)
    GENITIVE_REACH,
    actor_gender,
    agrees,
    apposition,
    dropped_subject,
    fronted_subject,
    lone_party,
    looks_nominal,
    quantified,
    relative_antecedent,
    resumptive,
    title_words,
    used_as_noun,
    verb_agreement,
    victim_subject,
)
from rasd.events.view import DAMMA, ArgumentCues, Draft, SentenceView, phrase_at
from rasd.model.spans import ActorMention, Party


def party_of(a: Optional[ActorMention]) -> Optional[Party]:
    return None if a is None else Party(a.start, a.end, a.country, a.sector, a.kb_id, a.name_en)


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
    if covering is None and d.kind == "verb" and last > first:
        # a trigger form that spells its own subject ("قضت المحكمة" over "قضت محكمة جنايات القاهرة"; the
        # list is argument_cues.json subject_in_trigger): the actor phrase starting there is the doer
        covering = next((a for f, l, a in v.actors if first < f <= last and v.keys[f] in cues.subject_in_trigger), None)
    if covering is not None:
        # an agent noun names the doer ("تظاهر المتظاهرون" -> "المتظاهرون"), a victim noun the done-to
        if d.key in cues.victims:
            return None, covering
        actor = covering
    # a masdar is a noun whatever the lexicon entry says: "باعتقال", "الاعتقال"
    is_noun = used_as_noun(v, d)
    passive = _passive(v, d, cues)
    near = next(((f, l, a) for f, l, a in after if f - last <= 4 and v.prep_before(f) not in cues.recipient_preps
                 and v.prep_before(f) not in cues.locative and not _in_prepositional_phrase(v, f, last)
                 and (etype == "PROTEST" or not quantified(v, f))), None)
    if not is_noun and not passive and etype in ("ASSAULT", "COERCE"):
        # "قتل ثلاثة متظاهرين": a count right after the verb opens its object (passive, or a dropped
        # subject): the counted phrase is the victim either way
        counted = next(((f, l, a) for f, l, a in after if f - last <= 4 and quantified(v, f)
                        and v.prep_before(f) not in cues.recipient_preps and v.prep_before(f) not in cues.locative),
                       None) if any(f == last + 1 for f, _, _ in v.numbers) else None
        if counted is not None and counted[2].sector in (None, "CVL"):
            passive, near = True, counted
        elif near:
            # civilians, or a people named by its nationality ("قتل عراقيان"), right after the verb
            passive = near[0] == last + 1 and (near[2].sector == "CVL" or near[2].sector is None
                                                and near[2].kind == "nominal" and near[2].country is not None) \
                or etype == "ASSAULT" and lone_party(v, d, cues, near[0])
    victim = victim_subject(v, d, cues) if not is_noun else None
    if victim is not None:
        passive = True
    if passive:
        actor = _agent_after(v, last, cues)
        if isinstance(victim, ActorMention):
            recipient = victim
        elif near:
            recipient, start = near[2], near[1]
        return type_recipients(v, d, cues, actor, recipient, start)
    if actor is not None:
        pass
    elif not is_noun and verb_agreement(v.toks[first]) == "plural":
        # a verb showing plural agreement has its subject before it or in the verb itself
        # ("مسلحون اغتالوا العميد"): the phrase after it is the object; after a relative pronoun the
        # subject is the relative's antecedent ("السكان المحليين في مدينة X الذين خرجوا")
        actor = relative_antecedent(v, d, cues, before)
        for f, l, a in before if actor is None else ():
            if not _crosses_bare_complementizer(v, l, first, cues) and first - l <= 6 \
                    and v.prep_before(f) not in cues.recipient_preps and v.prep_before(f) not in cues.locative:
                actor = a
            break
        if near:
            recipient, start = near[2], near[1]
    elif is_noun:
        genitive = near if near and (near[0] - last <= 2 or near[0] - last <= GENITIVE_REACH
                                     and title_words(v, last, near[0], cues)) else None
        if genitive and (d.key in cues.intransitive or etype in cues.agent_genitive_types):
            actor, start = genitive[2], genitive[1]
        elif genitive:
            recipient, start = genitive[2], genitive[1]
        if actor is None:
            actor = _agent_after(v, last, cues)
        # a masdar after ب gives the manner of the verb before it ("تعدى على السكان بالضرب")
        manner = _has_proclitic(v, first, "ب")
        if actor is None:
            for f, l, a in before:
                blocked = any(l < of <= first for of, _ in others) or any(f - 2 <= ol < f for _, ol in others)
                # counted people before "في/ب + event noun" are its victims ("أصيب ثلاثة جنود في انفجار"),
                # except a protest's ("خرج آلاف المتظاهرين في مسيرة"); with a support verb they act
                # ("ثمانية جنود نفذوا الغارة")
                blocked = blocked or etype != "PROTEST" and quantified(v, f) and (
                    v.prep_before(first) in cues.locative or v.prep_before(first) in cues.cause_preps)
                # "نزول المتظاهرين إلى شوارع يريفان بعد اعتقال زعيم ...": a masdar after a time word is
                # a clause of its own; the phrase before it belongs to the main clause
                blocked = blocked or first > 0 and v.keys[first - 1] in cues.time_governors
                if manner and v.prep_before(f) in cues.recipient_preps and first - l <= 3:
                    continue  # "تعدت القوات على السكان بالضرب": the verb's object, its subject is further back
                if first - l <= 6 and not blocked and v.prep_before(f) not in cues.recipient_preps \
                        and not _crosses_bare_complementizer(v, l, first, cues):
                    actor = a
                break
            if actor is None:
                actor = _copula_subject(v, first, cues)
    else:
        fronted = fronted_subject(v, d, cues, before)
        if last + 1 < len(v.keys) and (v.keys[last + 1] in cues.statement_nouns or resumptive(v, last + 1, cues)):
            # "وأدان البيان ...": the statement speaks for its issuer, and "بيانا أدان فيه ..." describes
            # the statement: the subject is dropped (resolved by the driver), the phrase after is the object
            start = last + 1
        elif fronted is not None:
            # "قال إن الرئيس سيلتقي هيلي": a subject fronted after إن/أن, the phrase after the verb is its object
            actor = fronted
        elif near:
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
            if f == start + 1 and start != last and (_coordinated_with(v, f) or apposition(actor, a)):
                # "أدانت مصر والأردن الهجوم": a second subject, not the object; "دعت رئيسة الوزراء
                # البريطانية تيريزا ماي حكومتها": the name of the titled subject
                start = l
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
    actor, recipient = type_recipients(v, d, cues, actor, recipient, start)
    if etype == "PROTEST":
        if actor is not None and _after_target_cue(v, actor, cues, 0):
            # "تجمعوا أمام مقر البرلمان احتجاجا": the phrase before a protest noun is its target
            return None, recipient or actor
        recipient = recipient or protest_target(v, d, cues, actor)
    return actor, recipient


def _has_proclitic(v: SentenceView, i: int, form: str) -> bool:
    return any(s.kind == "proclitic" and s.form == form for s in v.toks[i].segments)


COPULA_REACH = 15  # tokens from "كان" to the "قد" of its verb: a long subject with its apposition


def _copula_subject(v: SentenceView, first: int, cues: ArgumentCues) -> Optional[ActorMention]:
    """"وكانت X، الجناح العسكري لحركة Y، قد أطلقت الصواريخ": the support verb after قد takes the subject
    that opens "كان ... قد", however long the apposition between them."""
    qad = next((k for k in (first - 2, first - 3) if k >= 0 and v.keys[k] in cues.verb_particles), None)
    if qad is None:
        return None
    for c in range(qad - 1, max(-1, qad - COPULA_REACH), -1):
        if v.keys[c] in cues.complementizers or v.keys[c] in cues.speech:
            return None
        if v.keys[c] in cues.copulas:
            return next((a for f, _, a in v.actors if c < f <= c + 2 and f < qad
                         and all(v.surface(i) in "«\"" for i in range(c + 1, f))), None)
    return None


def _in_prepositional_phrase(v: SentenceView, f: int, last: int) -> bool:
    """The phrase at f is the genitive of a noun that a glued ب/ل governs ("أشاد بجهود الحكومة"): no subject."""
    return f - 1 > last and any(s.kind == "proclitic" and s.form in ("ب", "ل") for s in v.toks[f - 1].segments)


def _coordinated_with(v: SentenceView, f: int) -> bool:
    return any(s.kind == "proclitic" and s.form == "و" for s in v.toks[f].segments)


def type_recipients(v: SentenceView, d: Draft, cues: ArgumentCues, actor, recipient, start: int):
    """(actor, recipient) after the type-specific recipient rules of recipients.py."""
    from rasd.events import recipients as rc
    etype = d.event.type
    if etype in cues.partner_types:
        pair = rc.between_pair(v, d, cues)
        if pair is not None and (actor is None or actor in pair):
            return pair
        if actor is not None:
            first, second = rc.coordinated(v, actor)
            if second is not None:
                actor = first
                if recipient is None or recipient is first or recipient is second:
                    recipient = second
        if recipient is None:
            recipient = rc.partner_after(v, d, cues, actor)
        if recipient is None and etype == "CONSULT":
            recipient = rc.visited_country(v, d, cues)
    if etype == "ASSAULT":
        victim = rc.sufferer(v, d, cues)
        if victim is not None:
            actor = None if actor is victim else actor
            recipient = victim
        elif recipient is None:
            recipient = rc.targeted(v, d, cues, actor)
    if etype in cues.object_types or etype in cues.addressed_types:
        addressed = rc.addressed_country(v, d, cues)
        if addressed is not None and (recipient is None or recipient.start > addressed.start):
            recipient = addressed
    if recipient is None and etype in cues.object_types:
        recipient = rc.object_after(v, d, cues, start, actor)
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
    pos = v.tokens_of(a)
    f = pos[0] if pos else None
    if f is None:
        return False
    if f - 1 >= lo and v.keys[f - 1] in cues.protest_addressees and v.prep_before(f) not in ("ب", "ل"):
        return True  # "مطالبين رئيس الوزراء": addressed; "مطالبين بالإفراج عن فلان" is what they ask
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
    """An active verb trigger, whose missing subject may be dropped (passives and victim subjects have none)."""
    return not used_as_noun(v, d) and not _passive(v, d, cues) and victim_subject(v, d, cues) is None

