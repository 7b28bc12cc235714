"""Document-level events: mentions of one real event merged into one record, every mention kept as evidence.

News articles repeat: the lead says "روسيا بدأت سحب قواتها", the next sentence "وتم سحب الجنود ...". Two
mention records of the same type are one event when nothing contradicts it:
- they are in the same or adjacent sentences, or they repeat the same trigger word anywhere;
- no argument conflicts: actor or recipient countries, location places, dates (ISO), modes and
  negation must agree wherever both sides state them (a date only where each mention's own sentence
  states it) ("two arrests on different days are two records"),
  and unknown gunmen are not a named country's forces;
- a meeting, call, agreement or cooperation (SYMMETRIC_TYPES) told with the same two countries in either
  order ("X called Y", later "Y called X") is one event wherever it is told, compared role by role after
  swapping, and the telling that states its own date leads the record (the undated one is a summary);
- an arrest retold as known ("وجاء اعتقال المشتبه به") or naming the same people, in the same manner, is
  the arrest already reported however far back, unless its own sentence states another day.
The earlier mention stays the record (its trigger and sentence; the article gold prefers the clearest,
usually first, statement); arguments missing from it are filled from the later mentions; the later
triggers and their own evidence join `evidence`; confidence rises a little with each confirming mention.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from rasd.model.spans import Event, Span

__all__ = ["merge_mentions", "REPEAT_BONUS"]

REPEAT_BONUS = 0.05
MAX_SENTENCE_GAP = 1


def _conflict(a, b) -> bool:
    return a is not None and b is not None and a != b


def _unknown_doer(p) -> bool:
    return p is not None and p.sector == "UAF" and p.country is None


def _doers_differ(a, b) -> bool:
    """Unknown gunmen ("مسلحون مجهولون") are not the army or state a country names: two attacks."""
    return (_unknown_doer(a) and b is not None and b.country is not None) or \
        (_unknown_doer(b) and a is not None and a.country is not None)


# Types whose two parties act alike: a call or meeting told as "X met Y" and later "Y met X" is one event
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _country(p) -> Optional[str]:
    return p.country if p is not None else None


def _same_pair(r: Event, e: Event) -> bool:
    """Both mentions of a symmetric type name the same two countries, in either order."""
    pair_r, pair_e = (_country(r.actor), _country(r.recipient)), (_country(e.actor), _country(e.recipient))
    return r.type in SYMMETRIC_TYPES and None not in pair_r and None not in pair_e and pair_r[0] != pair_r[1] \
        and set(pair_r) == set(pair_e)


def _compatible(r: Event, e: Event, loose_dates: bool = False) -> bool:
    if _same_pair(r, e) and _country(r.actor) != _country(e.actor):
        e = replace(e, actor=e.recipient, recipient=e.actor)  # compare the swapped telling role by role
    country = _country
    return not (
        _conflict(r.mode, e.mode) or r.negated != e.negated
        or _conflict(country(r.actor), country(e.actor)) or _doers_differ(r.actor, e.actor)
        or _conflict(country(r.recipient), country(e.recipient))
        or _conflict(r.location.place if r.location else None, e.location.place if e.location else None)
        or _conflict(r.date.iso if r.date else None, (_own_date if loose_dates else _any_date)(e)))


def _any_date(e: Event) -> Optional[str]:
    return e.date.iso if e.date else None


def _own_date(e: Event) -> Optional[str]:
    """The date the mention's own sentence states. A date carried from an earlier sentence (the article's
    current day) is a default, not evidence that a mention pointing back tells of another day."""
    d = e.date
    if d is None or d.start is None or not (e.sentence.start <= d.start < e.sentence.end):
        return None
    return d.iso


def _party(a, b):
    """The first party the text names; a span-less placeholder (an implied actor) only when neither is named."""
    if a is None or a.start is None and b is not None and b.start is not None:
        return b
    return a


def _absorb(r: Event, e: Event) -> Event:
    counts = dict(e.counts)
    counts.update(r.counts)
    evidence = tuple(dict.fromkeys((*r.evidence, Span(e.start, e.end), *e.evidence)))
    return replace(r, actor=_party(r.actor, e.actor), recipient=r.recipient or e.recipient, location=r.location or e.location,
                   date=r.date or e.date, attribution=r.attribution or e.attribution, counts=counts,
                   historical=r.historical and e.historical,
                   confidence=min(1.0, max(r.confidence, e.confidence) + REPEAT_BONUS), evidence=evidence)


# Acts done to someone the text names again: the one arrested, told as known, tells which arrest. A troop
# move's soldiers ("ستعيد الجنود" after "سحب 2000 جندي") are the mover's own, not whom it was done to.
RETOLD_TYPES = frozenset({"COERCE"})


def _retold(r: Event, e: Event, known: bool, words: frozenset, rec_words: set) -> bool:
    """A later telling of the same act in the same manner, told as something the reader knows: "وجاء اعتقال
    المشتبه به" after "اعتقلت الشرطة مشتبها به", or naming the same one acted on ("رجل أفغاني" after "مشتبها
    به أفغانيا"). Another act is told as new: "كما اعتقلت الشرطة حوالى مئة شخص"."""
    return r.type in RETOLD_TYPES and r.mode is not None and r.mode == e.mode and (known or bool(words & rec_words))


def _flags(flags: Sequence, n: int, empty=False) -> list:
    return list(flags) + [empty] * (n - len(flags))


def merge_mentions(events: Sequence[Event], sentence_index: Sequence[int], keys: Sequence[str],
                   doc_id: str = "", refers_back: frozenset = frozenset(),
                   anaphoric: Sequence[bool] = (), definite: Sequence[bool] = (),
                   apart: Sequence[bool] = (), recipient_words: Sequence[frozenset] = (),
                   known_recipient: Sequence[bool] = (), of_wounds: Sequence[bool] = ()) -> list[Event]:
    """Merge mention-level events (text order) into document-level records, renumbering ids.

    sentence_index[i] is the sentence number of events[i]; keys[i] its trigger key. A mention whose key
    is in `refers_back` (the protesters of a protest already reported) joins the latest compatible
    record of its type however far back: "ودعا رئيس الوزراء المتظاهرين إلى التهدئة" is not a new protest.
    An anaphoric mention (anaphoric[i]: "في هذه التظاهرات") does the same, and when no record of its type
    precedes it, it is dropped: the text told that event in words no trigger matched. A definite noun
    trigger (definite[i]: "أعمال العنف") repeating a record's word ignores dates carried from elsewhere.
    A mention whose sentence says it tells another event (apart[i]: "وفي وقت سابق، ...") opens a record.
    A retelling (`_retold`: a definite trigger or one acted on already known, known_recipient[i]; or words of
    recipient_words[i] the record's recipients share) joins the latest compatible record of its type and
    mode however far back, whatever day carried from elsewhere.
    A death of wounds (of_wounds[i]: "توفي ... متأثرا بجراحه") follows up its attack (`_attack_followed`) and
    opens no record of its own; its day is when the victim died, not when the attack was.
    """
    records: list[Event] = []
    rec_sent: list[int] = []
    rec_keys: list[set] = []
    rec_words: list[set] = []
    n = len(events)
    pointing, told, separate = _flags(anaphoric, n), _flags(definite, n), _flags(apart, n)
    victims, known_victims = _flags(recipient_words, n, frozenset()), _flags(known_recipient, n)
    later = _flags(of_wounds, n)
    order = [i for i in range(n) if not later[i]] + [i for i in range(n) if later[i]]
    created: list[int] = []
    for m in order:
        e, s, k, back, known, new = events[m], sentence_index[m], keys[m], pointing[m], told[m], separate[m]
        words, known_victim = victims[m], known_victims[m]
        if later[m]:
            followed = _attack_followed(records, e, words, rec_words)
            if followed is not None:
                records[followed] = _absorb(records[followed], replace(e, date=None))
                continue
        target: Optional[int] = None
        for i in range(len(records) - 1, -1, -1) if not new else ():
            r = records[i]
            if r.type != e.type:
                continue
            # a repeated word with the article ("أعمال العنف" after "أعمال عنف") or a demonstrative points
            # back: only a date its own sentence states can tell it from the record. Elsewhere every date
            # must agree, carried ones included (a repeated verb, "ندد المجلس ... وندد", is a new statement)
            repeated = k in rec_keys[i] or k in refers_back or back or _same_pair(r, e)
            again = _retold(r, e, known or known_victim, words, rec_words[i])
            if not _compatible(r, e, loose_dates=repeated and (back or known) or again):
                continue
            if s - rec_sent[i] <= MAX_SENTENCE_GAP or repeated or again:
                target = i
                break
        if target is None and back:
            continue
        if target is None:
            records.append(e)
            rec_sent.append(s)
            rec_keys.append({k})
            rec_words.append(set(words))
            created.append(m)
        else:
            r = records[target]
            if _own_date(r) is None and _own_date(e) is not None and _same_pair(r, e):
                # the telling that says when is the report; the undated one sums it up (a lead)
                r, e = e, r
            records[target] = _absorb(r, e)
            if not (back or known or again) or s - rec_sent[target] <= MAX_SENTENCE_GAP:
                # a far reference back does not move the record: its neighbours are not the record's
                rec_sent[target] = s
            rec_keys[target].add(k)
            rec_words[target] |= words
    # a death of wounds with no attack to follow up is placed last: it takes its place in the text again
    records = [r for _, r in sorted(zip(created, records), key=lambda x: x[0])]
    return [replace(r, id=f"{doc_id}:e{n}") for n, r in enumerate(records)]


def _attack_followed(records: list[Event], e: Event, words: frozenset, rec_words: list[set]) -> Optional[int]:
    """The attack a death of wounds follows up: the one that hit the same victims, else the only attack of
    its type that killed, else the only attack of its type. Its day is when the victim died: dates are not
    compared."""
    same = [i for i, r in enumerate(records) if r.type == e.type and _compatible(r, replace(e, date=None))]
    for pick in ([i for i in same if words & rec_words[i]], [i for i in same if records[i].counts.get("dead")], same):
        if len(pick) == 1:
            return pick[0]
    return None
