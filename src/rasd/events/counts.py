"""How many, and who was counted: counts of dead, injured, arrested, participants and troops, and the
counted people as parties when the text names no other.

What happened to them decides before what they are ("مقتل خمسة جنود" are dead, not troops). Each count
goes to the nearest event of a type that takes it. The counted phrase can stand in for a missing party:
an ASSAULT's victims ("قتل 150 مدنيا أفغانيا": CVL, with the nationality adjective's country), the
people an arrest took ("اعتقلت حوالى مئة شخص"), and a nominal trigger's nationality adjective names the
doer ("القصف الإسرائيلي").
"""
from __future__ import annotations

from typing import Optional, Sequence

from rasd.events.roles import surface_of
from rasd.events.view import PUNCT, ArgumentCues, Draft, SentenceView
from rasd.model.spans import ActorMention

__all__ = ["share_counts", "counted_victims", "counted_detainees", "nationality_actor"]


def counted_noun(v: SentenceView, f: int, l: int, cues: ArgumentCues) -> int:
    """Token index of the noun a number counts: inside the number's own span when the numbers layer took
    it in ("ثمانية اشخاص على الاقل"), else right after it (past a "من": "ثلاثة من الجنود")."""
    for i in range(f + 1, l + 1):
        if v.keys[i] in cues.persons or v.keys[i] in cues.count_nouns:
            return i
    nxt = l + 1
    if nxt < len(v.keys) and v.keys[nxt] == "من":
        nxt += 1
    return nxt


WIDE_REACH = 8  # how far back in its clause a coordinated or people count looks for its verb


def _definite(v: SentenceView, i: int) -> bool:
    return any(s.kind == "proclitic" and s.form == "ال" for s in v.toks[i].segments)


def _coordinated(v: SentenceView, f: int) -> bool:
    return bool(v.toks[f].segments) and v.toks[f].segments[0].kind == "proclitic" \
        and v.toks[f].segments[0].form == "و"


def _verb_before(v: SentenceView, f: int, cues: ArgumentCues, reach: int, troops: bool) -> Optional[str]:
    """The kind of the nearest count verb within `reach` words before the number, in its clause. A word
    with the article right before the number is no verbal noun governing it: "في هذه التظاهرات نحو 150"
    is a place in the text, not a count of protesters."""
    k = v.keys
    for i in range(f - 1, max(-1, f - 1 - reach), -1):
        if surface_of(v, i) in PUNCT or v.clause[i] != v.clause[f]:
            break
        if i == f - 1 and _definite(v, i):
            continue
        kind = cues.count_verbs.get(k[i])
        if kind is not None and (troops or kind != "troops"):
            return kind
    return None


def _people(v: SentenceView, noun: int, cues: ArgumentCues) -> bool:
    return noun < len(v.keys) and (v.keys[noun] in cues.persons or _people_of(v, noun) is not None)


def _count_kind(v: SentenceView, f: int, l: int, cues: ArgumentCues) -> Optional[str]:
    k = v.keys
    nxt = counted_noun(v, f, l, cues)
    after = k[nxt] if nxt < len(k) else None
    # What happened to them decides before what they are: "مقتل خمسة جنود" are dead, not troops, and
    # "اعتقلت الشرطة 200 متظاهر" are arrested, not participants.
    kind = _verb_before(v, f, cues, 3, troops=False)
    if kind is not None:
        return kind
    # "اعتقال زعيم الحركة ومئات المحتجين": a count joined by و to the object shares its verb
    if _coordinated(v, f):
        kind = _verb_before(v, f, cues, WIDE_REACH, troops=False)
        if kind is not None:
            return kind
    # "4 جنود قتلوا", "ثلاثة أشخاص أصيبوا": a verb right after the counted noun says what happened to them
    if (after in cues.count_nouns or after in cues.persons) and nxt + 1 < len(k) and k[nxt + 1] in cues.count_verbs \
            and cues.count_verbs[k[nxt + 1]] != "troops":
        return cues.count_verbs[k[nxt + 1]]
    if after in cues.count_nouns:
        return cues.count_nouns[after]
    kind = _verb_before(v, f, cues, 3, troops=True)
    if kind is not None:
        return kind
    if after in cues.persons and nxt + 1 < len(k) and k[nxt + 1] in cues.count_verbs:
        return cues.count_verbs[k[nxt + 1]]
    # "وقتل الجيش في هذه التظاهرات نحو 150 فلسطينيا": counted people take the clause's count verb
    if _people(v, nxt, cues):
        return _verb_before(v, f, cues, WIDE_REACH, troops=False)
    return None


_PRONOUN_PREPS = frozenset({"به", "بها", "بهم", "فيه", "فيها", "فيهم"})


def _with_nationality(v: SentenceView, noun: int) -> tuple[int, Optional[str]]:
    """(last token, country) of a counted noun and the nationality adjective after it, if any."""
    from rasd.link.lexicon import nationality
    from rasd.link.words import analyse_token
    for k in (noun + 1, noun + 2):
        if k >= len(v.keys):
            break
        key = analyse_token(v.toks[k])[1]
        # the accusative tanween alef: "مدنيا أفغانيا"
        nat = nationality(key) or (nationality(key[:-1]) if key.endswith("ا") else None)
        if nat is not None:
            return k, nat.country.iso3
        if not (k == noun + 1 and v.surface(k) in _PRONOUN_PREPS):
            break  # only "به"/"فيه" may stand between: "مشتبها به أفغانيا"
    return noun, None


_VICTIM_KINDS = ("dead", "injured")


def _people_of(v: SentenceView, k: int) -> Optional[str]:
    """The country of a nationality noun at token k ("عراقيا", "فلسطينيين"), else None."""
    from rasd.link.lexicon import nationality
    from rasd.link.words import analyse_token
    key = analyse_token(v.toks[k])[1]
    nat = nationality(key) or (nationality(key[:-1]) if key.endswith("ا") else None)
    return nat.country.iso3 if nat is not None else None


def counted_victims(v: SentenceView, d: Draft, cues: ArgumentCues) -> Optional[ActorMention]:
    """The people an ASSAULT killed or wounded, when the text counts them and names no other recipient:
    "مقتل عشرة أشخاص", "قتل 150 مدنيا أفغانيا", "إصابة 3 جنود أميركيين". The phrase runs from the number
    to its noun (and a nationality adjective after it, which gives the country); civilians are CVL,
    soldiers MIL. The counted phrase nearest the trigger wins."""
    best = None
    for f, l, _ in v.numbers:
        k = counted_noun(v, f, l, cues)
        if k >= len(v.keys):
            continue
        noun = v.keys[k]
        kind = cues.count_nouns.get(noun)
        people = _people_of(v, k)
        if people is not None:
            # "قتل 13 عراقيا": a nationality noun counts civilians of that country
            last = k
            dist = abs(f - d.first)
            if (kind in _VICTIM_KINDS or _count_kind(v, f, l, cues) in _VICTIM_KINDS) and (best is None or dist < best[0]):
                best = (dist, ActorMention(v.toks[f].start, v.toks[last].end, country=people, sector="CVL",
                                           kind="nominal"))
            continue
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
    شخص", "تم توقيف أكثر من 20 شخصا", "اعتقال عدد من المحتجين", or names one person by a noun right
    after it: "اعتقلت مشتبها به أفغانيا" (CVL; the country comes from a nationality adjective, else
    fill_countries gives the place's)."""
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
    if k >= len(v.keys):
        return None
    if not counted:
        # one person, uncounted, right after the trigger: "اعتقلت مشتبها به أفغانيا", "أوقفت ناشطا"
        if k != d.last + 1 or v.keys[k] not in cues.persons:
            return None
        last, country = _with_nationality(v, k)
        return ActorMention(v.toks[k].start, v.toks[last].end, country=country, sector="CVL", kind="nominal")
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
    anchors = [d.last] + [i for ev in (*d.event.evidence, *d.set_aside) for i, t in enumerate(v.toks) if t.end == ev.end]
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


def _subset(v: SentenceView, f: int, cues: ArgumentCues) -> bool:
    """"قتل 12 شخصا بينهم خمسة عسكريين": the five are among the twelve, not a count of their own."""
    return f > 0 and v.bare(f - 1) in cues.subset_markers


def _wordy_counts(v: SentenceView, cues: ArgumentCues):
    """(token, kind, value) of the counts a sentence states without a number: a dual noun is two
    ("مقتل شخصين", "سقوط قتيلين"), a singular person right after a count verb is one ("مقتل الشرطي",
    "اعتقلت مشتبها به"), a casualty noun just after a negator is none ("دون تسجيل إصابات")."""
    for i in range(len(v.toks)):
        bare = v.bare(i)
        single = cues.dual_nouns.get(bare)
        if single is not None:
            kind = _verb_before(v, i, cues, 3, troops=False) or cues.count_nouns.get(v.keys[i])
            if kind is not None:
                yield i, kind, 2
            continue
        if i > 0 and (bare in cues.single_persons or bare.endswith("ا") and bare[:-1] in cues.single_persons):
            # right after the verb, or after the verb's subject or a time phrase: "اعتقلت الشرطة مشتبها
            # به", "وقتل في اليوم ذاته جندي"
            verb = next((f - 1 for f, l, _ in (*v.actors, *v.dates) if l == i - 1 and f > 0), i - 1)
            kind = cues.count_verbs.get(v.keys[verb])
            if kind is not None and kind != "troops":
                yield i, kind, 1
            continue
        kind = cues.count_nouns.get(v.keys[i])
        if kind in _VICTIM_KINDS and not _definite(v, i) and any(
                v.bare(j) in cues.negators for j in range(max(0, i - 3), i) if v.clause[j] == v.clause[i]):
            yield i, kind, 0


def _protest_crowd(v: SentenceView, f: int, l: int, drafts: Sequence[Draft], cues: ArgumentCues) -> Optional[int]:
    """"وتدفق آلاف الفلسطينيين ... ضمن مسيرة": counted people with no count word of their own are the
    marchers of a protest told after them in the sentence; the index of that protest's draft."""
    if not _people(v, counted_noun(v, f, l, cues), cues):
        return None
    later = [(d.first - f, i) for i, d in enumerate(drafts) if d.event.type == "PROTEST" and d.first > l]
    return min(later)[1] if later else None


def share_counts(drafts: Sequence[Draft], cues: ArgumentCues) -> dict[int, dict]:
    if not drafts:
        return {}
    v = drafts[0].view
    found = []

    def nearest(f: int, kind: str, value) -> bool:
        for etype in cues.count_types.get(kind, ()):
            cands = [(abs(f - d.first), i) for i, d in enumerate(drafts) if d.event.type == etype]
            if cands:
                dist, i = min(cands)
                found.append((dist, i, kind, value))
                return True
        return False

    for f, l, n in v.numbers:
        value = n.as_count()
        if value is None or _subset(v, f, cues):
            continue
        kind = _count_kind(v, f, l, cues)
        if kind is not None:
            nearest(f, kind, value)
            continue
        crowd = _protest_crowd(v, f, l, drafts, cues)
        if crowd is not None:
            found.append((drafts[crowd].first - f, crowd, "participants", value))
    out: dict[int, dict] = {}
    for dist, i, kind, value in sorted(found, key=lambda x: x[0]):
        out.setdefault(i, {}).setdefault(kind, value)
    # counts without a number only fill what no number gave
    wordy: list = []
    found, wordy = wordy, found
    for i, kind, value in _wordy_counts(v, cues):
        nearest(i, kind, value)
    for dist, i, kind, value in sorted(found, key=lambda x: x[0]):
        out.setdefault(i, {}).setdefault(kind, value)
    return out
