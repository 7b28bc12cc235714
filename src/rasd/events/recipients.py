"""Recipients that the generic object rule (roles.actor_and_recipient) misses, by event type.

Arabic news words the other party of a meeting, a call, an agreement or a condemnation in a few fixed
ways, each a rule here (cue words in data/argument_cues.json):
- partners (CONSULT, AGREE, COOPERATE): "مع X" anywhere later in the clause ("بحث الرئيس خلال اتصال
  هاتفي مساء الأحد مع نظيره الروسي"); "بين X و Y" names both ("اتصال هاتفي بين X ونظيره Y": X acts);
  coordinated subjects name both ("اتفقت الولايات المتحدة وتركيا", "الولايات المتحدة وتركيا اتفقتا");
- visits: the country or capital after إلى is the host ("زيارة إلى بريطانيا"), as well as the place;
  a country right after a speech act or sanction and its preposition is the addressee ("وجه تحذيرا إلى
  روسيا", "فرض عقوبات على إيران");
- objects of speech acts (ACCUSE, SUPPORT, REJECT, REQUEST, THREATEN): the object noun phrase may put
  a bare word or two before the party, whose genitive it is ("أدان البيان كذلك تهديدات الميليشيات",
  "أدان فيه قيام الحوثيين بـ").
Each returns token-ranged actor phrases of the SentenceView, so every party keeps its span.
"""
from __future__ import annotations

from typing import Optional

from rasd.events.view import PUNCT, ArgumentCues, Draft, SentenceView
from rasd.model.spans import ActorMention

__all__ = ["partner_after", "between_pair", "coordinated", "visited_country", "addressed_country", "object_after"]

PARTNER_REACH = 14   # tokens after the trigger in which "مع X" still names the partner
OBJECT_REACH = 4     # tokens between the actor and a speech act's party (object noun and fillers)


def _has_proclitic(v: SentenceView, i: int, form: str) -> bool:
    return any(s.kind == "proclitic" and s.form == form for s in v.toks[i].segments)


def partner_after(v: SentenceView, d: Draft, cues: ArgumentCues, actor) -> Optional[ActorMention]:
    """The first phrase governed by a partner preposition (مع) later in the trigger's clause."""
    cl = v.clause[d.first]
    for f, _, a in v.actors:
        if f <= d.last or a is actor or f - d.last > PARTNER_REACH or v.clause[f] != cl:
            continue
        # "مع X", "مع نظيره X", "مع نظيره الروسي X"
        lead = next((i for i in range(f - 1, max(d.last, f - 4), -1) if v.keys[i] in cues.partner_preps), None)
        if v.prep_before(f) in cues.partner_preps or lead is not None and v.keys[lead + 1] in cues.partner_fillers:
            return a
    return None


def between_pair(v: SentenceView, d: Draft, cues: ArgumentCues):
    """(actor, recipient) of "بين X و Y" right after the trigger, or None."""
    for i in range(d.last + 1, min(len(v.keys), d.last + 4)):
        if v.keys[i] in cues.between:
            first = next(((f, l, a) for f, l, a in v.actors if f == i + 1), None)
            if first is None:
                return None
            second = next((a for f, _, a in v.actors if f == first[1] + 1 and _has_proclitic(v, f, "و")), None)
            return (first[2], second) if second is not None else None
        if v.surface(i) in PUNCT:
            return None
    return None


def coordinated(v: SentenceView, actor) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(first conjunct, second conjunct) when `actor` is one of two phrases joined by و, else (actor, None)."""
    pos = v.tokens_of(actor)
    if pos is None:
        return actor, None
    f, l = pos
    nxt = next((a for g, _, a in v.actors if g == l + 1 and _has_proclitic(v, g, "و")), None)
    if nxt is not None:
        return actor, nxt
    if _has_proclitic(v, f, "و"):
        prev = next((a for _, m, a in v.actors if m == f - 1), None)
        if prev is not None:
            return prev, actor
    return actor, None


def visited_country(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """The country (or its capital) a visit goes to: "زيارة إلى بريطانيا", "وصل إلى موسكو"."""
    return _country_after(v, d, cues.visit_preps, 3)


def addressed_country(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """A country right after the trigger and a recipient preposition: "وجه تحذيرا إلى روسيا", "عقوبات على
    إيران". The linker reads a country after إلى/على as a place; after these triggers it is the party."""
    return _country_after(v, d, cues.recipient_preps, 2)


def _country_after(v: SentenceView, d: Draft, preps, reach: int) -> Optional[ActorMention]:
    cl = v.clause[d.first]
    for f, _, e in v.places:
        if f <= d.last or f - d.last > reach or v.clause[f] != cl:
            continue
        if v.keys[f - 1] not in preps or not e.country or e.country == "IGO":
            continue
        kb = e.kb_id or ""
        if kb.startswith("country:") or _is_capital(e):
            return ActorMention(e.start, e.end, country=e.country, sector="GOV", kb_id=e.kb_id,
                                name_en=e.name_en, kind="named")
    return None


def _is_capital(e) -> bool:
    from rasd.lexicon import kb
    from rasd.link.lexicon import capital_of
    for p in kb.places_by_name(e.name_en or "") if e.name_en else ():
        if str(p.geonameid) == (e.kb_id or "").rsplit(":", 1)[-1]:
            c = capital_of(p)
            return c is not None and c.iso3 == e.country
    return False


def object_after(v: SentenceView, d: Draft, cues: ArgumentCues, start: int, actor) -> Optional[ActorMention]:
    """A speech act's party within OBJECT_REACH bare words after `start` (the actor's or trigger's last token):
    no preposition, relative, complementizer or punctuation in between. The object noun may be another
    event's trigger: the party is then its genitive ("أدان تهديدات الحوثيين")."""
    cl = v.clause[d.first]
    for f, _, a in v.actors:
        if f <= start or a is actor:
            continue
        if f - start > OBJECT_REACH + 1 or v.clause[f] != cl:
            return None
        between = range(start + 1, f)
        if any(v.surface(i) in PUNCT or v.keys[i] in cues.relatives
               or v.keys[i] in cues.complementizers or _bare_preposition(v, i, cues) for i in between):
            return None
        if v.prep_before(f) in cues.locative and v.prep_before(f) not in cues.recipient_preps:
            return None
        return a
    return None


def _bare_preposition(v: SentenceView, i: int, cues: ArgumentCues) -> bool:
    # "فيه", "عليه": a preposition carrying its own pronoun governs nothing after it
    return (v.keys[i] in cues.recipient_preps or v.keys[i] in cues.locative) and not any(
        s.kind == "enclitic" for s in v.toks[i].segments)


TARGET_REACH = 5  # tokens from a target verb to its object phrase


def targeted(v: SentenceView, d: Draft, cues: ArgumentCues, actor) -> Optional[ActorMention]:
    """The object of a targeting verb after the attack ("هجوم انتحاري استهدف اجتماعا لقوات الصحوة",
    "استهدف الهجوم موكبا لسفارة الولايات المتحدة"): the first party within TARGET_REACH words after it,
    directly or as the genitive of the targeted thing, not one a locative governs."""
    cl = v.clause[d.first]
    for i in range(d.first, min(len(v.keys), d.last + 1 + TARGET_REACH)):
        if v.clause[i] != cl:
            break
        if v.keys[i] not in cues.target_verbs:
            continue
        for f, l, a in v.actors:
            if f <= i or a is actor or f - i > TARGET_REACH or v.clause[f] != cl:
                continue
            if v.prep_before(f) in cues.locative and v.prep_before(f) not in cues.recipient_preps:
                continue
            if (d.first <= f <= d.last) or (f <= d.last and d.first <= l):
                continue
            return a
        return None
    return None


def sufferer(v: SentenceView, d: Draft, cues: ArgumentCues):
    """"تعرضت القوات الأمريكية لهجوم", "القوات الأمريكية تعرضت لهجوم": the subject of a verb of suffering
    before an attack noun is its victim. Returns that phrase, or None."""
    cl = v.clause[d.first]
    for i in range(d.first - 1, max(-1, d.first - 6), -1):
        if v.clause[i] != cl:
            return None
        if v.keys[i] not in cues.suffer_verbs:
            continue
        inside = next((a for f, l, a in v.actors if i < f and l < d.first), None)
        if inside is not None:
            return inside
        return next((a for f, l, a in reversed(v.actors) if l == i - 1 or l == i - 2 and v.keys[i - 1] in cues.verb_particles),
                    None)
    return None


CLASH_REACH = 8  # tokens from the trigger to the clash noun ("قتلوا وأصيب 15 في قتال مع متمردين")


def clash_opponent(v: SentenceView, d: Draft, cues: ArgumentCues, recipient) -> Optional[ActorMention]:
    """The other side of a clash that killed or wounded the victims: "قتل 4 جنود في قتال مع متمردين",
    "أصيب شرطيان في اشتباكات مع مسلحين": the phrase after مع is the attacker."""
    cl = v.clause[d.first]
    for i in range(d.first, min(len(v.keys) - 1, d.last + 1 + CLASH_REACH)):
        if v.clause[i] != cl:
            break
        if v.keys[i] not in cues.clash_nouns or v.keys[i + 1] not in cues.partner_preps:
            continue
        return next((a for f, _, a in v.actors if f in (i + 2, i + 3) and a is not recipient), None)
    return None
