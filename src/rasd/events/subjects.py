"""Subjects: which phrase a verb's subject is, from word order, agreement and a few function words.

- agreement: a verb's stem shows plural, feminine or masculine agreement (verb_agreement); a phrase's
  gender comes from its head (actor_gender); masdars spelled like verbs ("اعتقال") show none (looks_nominal);
- fronted subjects: a phrase right before the verb that opens its clause, follows إن/أن or كان, or is
  separated from it by قد ("قال إن الرئيس سيلتقي", "وكان X قد حض"); a relative pronoun's antecedent
  ("السكان ... الذين خرجوا"); a preposition with a pronoun suffix after the verb ("أدان فيه") describes
  a noun, so the verb's subject is dropped;
- counted phrases ("ستة أشخاص", "عددا من زعماء") are objects or victims, not doers;
- victim subjects: an ASSAULT verb whose subject is its victim (أُصيب، اغتيل، استشهد; a fronted subject of
  a verb with no object after it; a verb directly followed by a preposition: "وقتل في ... جندي");
- dropped subjects: the subject of an earlier verb of the sentence (coordinated verbs share it), else
  the nearest earlier phrase, else the previous sentence's topic, that the verb agrees with; none when
  the clause says the doer is unknown (unknown_agent: "أي جهة", "مجهولون").
"""
from __future__ import annotations

from typing import Optional, Sequence

from rasd.events.view import PUNCT, ArgumentCues, Draft, SentenceView, phrase_at
from rasd.model.spans import ActorMention, Token

ARMED_DOERS = frozenset({"UAF", "REB", "TER", "CRM"})  # sectors named for what they do: gunmen, rebels
COUNT_HEADS = frozenset({"عدد", "بعض", "احد", "احدي"})
QUOTES = frozenset("«»\"")


def quantified(v: SentenceView, first: int) -> bool:
    """A phrase right after a number ("2000 جندي", "ثلاثة من الجنود") or a count noun ("عددا من زعماء
    طالبان", "أحد عناصر") is counted, so it is not the subject."""
    if any(l in (first - 1, first - 2) for _, l, _ in v.numbers):
        return True
    # "عددا من زعماء طالبان": the count may govern the phrase through its head noun
    return any(v.keys[k] in COUNT_HEADS and all(v.keys[j] == "من" or j == first - 1 for j in range(k + 1, first))
               for k in range(max(0, first - 3), first))


def looks_nominal(tok: Token) -> bool:
    """A masdar spelled like the lexicon's verb entries ("اعتقال", "تفجير", "مواجهة"): a long vowel before
    the last letter of a longer stem, or a final ة. Such a trigger has no subject of its own to share."""
    form = tok.stem.form
    return form.endswith("ة") or len(form) >= 5 and form[-2] in "اي"


# words that govern a noun and never a verb: a trigger right after one is a masdar ("بعد وقت قصير من طعن
# رجل", "أعلن عن اعتقال")
NOMINAL_GOVERNORS = frozenset({"من", "عن", "علي", "الي", "في", "بعد", "قبل", "اثر", "جراء", "خلال", "عقب", "منذ"})


def used_as_noun(v: SentenceView, d: Draft) -> bool:
    """The trigger is a noun in this sentence whatever its lexicon kind: the lexicon says so, the article or
    a preposition is glued to it ("باعتقال", "الاعتقال"), or a preposition stands right before it."""
    if d.kind == "noun" or any(seg.kind == "proclitic" and seg.form in ("ب", "ل", "ال")
                               for seg in v.toks[d.first].segments):
        return True
    i = d.first - 1
    while i >= 0 and v.surface(i) in QUOTES:  # 'يتحدث عن "إطلاق نار"'
        i -= 1
    return i >= 0 and v.keys[i] in NOMINAL_GOVERNORS and not any(s.kind == "enclitic" for s in v.toks[i].segments)


# "اعتقال زعيم حركة الاحتجاج نيكول باشينيان": a title of up to three words may stand between a masdar and
# the name the linker found
GENITIVE_REACH = 4


def title_words(v: SentenceView, last: int, f: int, cues: ArgumentCues) -> bool:
    """Only bare nouns between a masdar and a phrase: no preposition, punctuation or other party."""
    return not any(v.keys[i] in cues.recipient_preps or v.keys[i] in cues.locative or v.surface(i) in PUNCT
                   or any(s.kind == "proclitic" and s.form in ("ب", "ل") for s in v.toks[i].segments)
                   for i in range(last + 1, f)) and not any(last < g < f for g, _, _ in v.actors)


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


def victim_subject(v: SentenceView, d: Draft, cues: ArgumentCues):
    """For an ASSAULT verb whose subject is its victim: that subject phrase when it is fronted, True when the
    verb form says so but the victim follows or is unnamed, else None. "أُصيب"، "اغتيل"، "استشهد" always;
    a fronted subject of a verb with no object after it too ("ستة أشخاص قتلوا في هجوم", "جنديين قتلا بانفجار")."""
    if d.event.type not in cues.victim_subject_types:
        return None
    before = [(f, l, a) for f, l, a in reversed(v.actors) if l < d.first and v.clause[f] == v.clause[d.first]]
    fronted = fronted_subject(v, d, cues, before)
    if fronted is not None and (d.key in cues.victim_subject_verbs or _no_object_after(v, d, cues)
                                or _counted_without_object(v, d, fronted)):
        return fronted
    # an active verb puts its subject right after it: "وقتل في اليوم ذاته جندي" is a passive
    after_prep = fronted is None and d.last + 1 < len(v.keys) and (
        v.keys[d.last + 1] in cues.locative or v.keys[d.last + 1] in cues.cause_preps)
    return True if d.key in cues.victim_subject_verbs or after_prep else None


def apposition(title: Optional[ActorMention], name: ActorMention) -> bool:
    """"رئيسة الوزراء البريطانية تيريزا ماي": a common-noun title right before a name is the same party."""
    return title is not None and title.kind == "nominal" and name.kind == "named" and (
        title.country is None or name.country is None or title.country == name.country)


def lone_party(v: SentenceView, d: Draft, cues: ArgumentCues, near: int) -> bool:
    """"قتل شريف إسماعيل، العميد في القوات الخاصة": a verb that must take an object (killing, wounding) with
    a single party right after it and none after that in its clause is an unvocalised passive, and that
    party its victim ("قتل الجيش ... نحو 150 فلسطينيا" names its object)."""
    # the linker may name a person by the last part of the name: "قتل شريف [إسماعيل]"
    cl = v.clause[d.first]
    if d.key not in cues.object_verbs or not d.last < near <= d.last + 2 or v.clause[near] != cl \
            or verb_agreement(v.toks[d.first]) == "plural":
        return False
    if any(l < d.first and v.clause[f] == cl for f, l, _ in v.actors):
        return False  # a subject before the verb ("مسلحون قتل ..."): active
    end, party = next((l, a) for f, l, a in v.actors if f == near)
    if party.sector in ARMED_DOERS:
        return False  # "خطف مسلحون، قبل أيام، عددا من الأشخاص": gunmen named alone still act
    # the party ends the clause or a preposition follows: "وخطف مسلحون مطران الكلدان" has an object the
    # linker did not take for a party
    nxt = end + 1
    if nxt < len(v.keys) and v.surface(nxt) not in PUNCT and v.keys[nxt] not in cues.locative \
            and v.keys[nxt] not in cues.cause_preps and v.keys[nxt] not in cues.time_governors:
        return False
    return not any(f > end and v.clause[f] == cl for f, _, _ in (*v.actors, *v.numbers))


def _counted_without_object(v: SentenceView, d: Draft, fronted: ActorMention) -> bool:
    """"ثلاثة متظاهرين قتلوا وأصيب العشرات": counted people before a killing verb with no party after it
    are its victims (doers are rarely counted: "ثلاثة مسلحين قتلوا شرطيا" has an object)."""
    pos = v.tokens_of(fronted)
    f = pos[0] if pos else None
    if f is None or not quantified(v, f):
        return False
    return not any(g in (d.last + 1, d.last + 2) for g, _, _ in v.actors)


def _no_object_after(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """The verb ends its clause or a preposition follows it: used intransitively (or as a passive)."""
    nxt = d.last + 1
    if nxt >= len(v.keys) or v.surface(nxt) in PUNCT:
        return True
    return v.keys[nxt] in cues.locative or v.keys[nxt] in cues.cause_preps or any(
        s.kind == "proclitic" and s.form in ("ب", "ل") for s in v.toks[nxt].segments)


RELATIVE_REACH = 6  # tokens from a relative pronoun back to its antecedent phrase


def relative_antecedent(v: SentenceView, d: Draft, cues: ArgumentCues, before) -> Optional[ActorMention]:
    """The phrase a relative pronoun right before the verb refers to ("... الذين خرجوا")."""
    if d.first == 0 or v.keys[d.first - 1] not in cues.relatives:
        return None
    rel = d.first - 1
    for f, l, a in before:
        if l < rel and rel - l <= RELATIVE_REACH and v.prep_before(f) not in cues.recipient_preps:
            return a
        if l < rel:
            return None
    return None


def resumptive(v: SentenceView, i: int, cues: ArgumentCues) -> bool:
    """A preposition with a pronoun suffix right after a verb ("فيه", "فيها"): a clause describing a noun."""
    return v.keys[i] in cues.locative and any(s.kind == "enclitic" for s in v.toks[i].segments)


def fronted_subject(v: SentenceView, d: Draft, cues: ArgumentCues, before) -> Optional[ActorMention]:
    """A phrase standing right before the verb (or before "قد") that opens its clause or follows إن/أن."""
    for f, l, a in before:
        gap = d.first - l
        if gap == 1 or gap == 2 and v.keys[l + 1] in cues.verb_particles:
            # the phrase may open with its count: "ستة أشخاص", "أحد عناصر الشرطة", "جنديين عراقيين"
            numbers = {i for g, m, _ in v.numbers for i in range(g, m + 1)}
            while f > 0 and d.first - f < 6 and (f - 1 in numbers or v.keys[f - 1] in cues.quantifiers
                                                 or v.surface(f - 1) in QUOTES
                                                 or v.keys[f - 1] in cues.persons or v.keys[f - 1] in cues.count_nouns):
                f -= 1
            # "أن رئيسة الوزراء تيريزا ماي دعت": a title before the name is one subject with it
            title = next((g for g, m, t in v.actors if m == f - 1 and apposition(t, a)), None)
            f = f if title is None else title
            # "قد" between a phrase and the verb marks that phrase as the subject ("وكان X قد حض")
            opens = gap == 2 or f == 0 or v.clause[f - 1] != v.clause[f] or v.keys[f - 1] in cues.complementizers \
                or v.keys[f - 1] in cues.copulas
            return a if opens and v.prep_before(f) not in cues.recipient_preps else None
        return None
    return None


def unknown_agent(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """The trigger's clause says its doer is unknown ("ولم تعلن أي جهة مسؤوليتها عن إطلاق النار",
    "مسلحون مجهولون"): no earlier subject may stand in for it."""
    clause = v.clause[d.first]
    return any(v.clause[i] == clause and phrase_at(v.keys, i, cues.unknown_agents) for i in range(len(v.keys)))


def dropped_subject(v: SentenceView, d: Draft, cues: ArgumentCues, previous: Sequence[ActorMention],
                    recipient: Optional[ActorMention], shared: Sequence[ActorMention] = (),
                    victims: Sequence[tuple[int, int]] = ()) -> Optional[ActorMention]:
    """The antecedent of a verb with no overt subject ("وطالبت بالإفراج ..."): the subject of an earlier
    verb of the sentence (`shared`: "أدان فيه ... بينما أشاد ..." share theirs), else the nearest earlier
    phrase of the sentence, else the first (topic) phrase of the previous sentence, that the verb's gender
    agrees with and that no preposition governs. The victims of attacks told so far (`victims`, character
    spans: "أسفرا عن إصابة 4 أشخاص") are done-to, never the doer an omitted subject stands for."""
    agreement = verb_agreement(v.toks[d.first])

    def hurt(a: ActorMention) -> bool:
        return any(a.start < end and start < a.end for start, end in victims)
    shared = [a for a in shared if not hurt(a)]
    previous = [a for a in previous if not hurt(a)]
    for a in reversed(shared):
        pos = v.tokens_of(a)
        f = pos[0] if pos else None
        # not into a reported or subordinate clause ("قائلا إن ... لأنها تهدد")
        embedded = f is None or any(v.keys[i] in cues.complementizers or v.surface(i) in QUOTES
                                    for i in range(f, d.first))
        if a is not recipient and not embedded and f < d.first and agrees(agreement, actor_gender(v.text, a)):
            return a
    for f, l, a in reversed(v.actors):
        if l >= d.first or a is recipient or hurt(a):
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
