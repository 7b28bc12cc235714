"""When an event happened: the time expressions of a sentence shared out among its events.

Each date goes to the nearest trigger that can take it, so "اعتقلت ... امس ... الاحتجاجات التي اندلعت في
الثاني من يناير" dates each event right; a date before every trigger of the sentence dates all of them.
A date that lies in the reporting frame ("أعلنت الوزارة، الجمعة، تفاصيل مقتل ... الأربعاء الماضي") dates
the announcement, so an event takes it only when its sentence offers no other. A bare weekday is read
by the date layer as the latest such day on or before publication; an event told in the future
("يعقد المجلس اجتماعا الأحد", "سيلتقي ... الخميس") moves it to the coming one.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from rasd.events.view import PUNCT, SCENE_DAYS, ArgumentCues, Draft, SentenceView
from rasd.model.spans import When
from rasd.text.normalize import normalize_string

__all__ = ["share_dates", "recent", "report_dates", "coming_weekday"]


REPORT_REACH = 6  # tokens from a speech verb to a date that still dates the report ("أعلنت الوزارة، الجمعة")


def report_dates(v: SentenceView, drafts: Sequence[Draft], cues: ArgumentCues) -> set[int]:
    """Start tokens of the dates that sit in a reporting frame: after a speech verb that is no event's
    trigger, within REPORT_REACH tokens and before any trigger ("أعلنت وزارة الداخلية، الجمعة، تفاصيل مقتل")."""
    triggers = {i for d in drafts for i in range(d.first, d.last + 1)}
    out = set()
    for f, _, _ in v.dates:
        for s in range(f - 1, max(-1, f - 1 - REPORT_REACH), -1):
            if s in triggers:
                break
            if v.keys[s] in cues.speech:
                out.add(f)
                break
    return out


def _about_another_noun(v: SentenceView, d: Draft, first: int, cues: ArgumentCues) -> bool:
    """The date sits in a relative clause on a later noun ("يطالبون بالعودة إلى أراضيهم التي هجروا منها عام
    1948"): it dates that clause, not the event. A relative right after the trigger ("الاحتجاجات التي
    اندلعت في ...") describes the event itself and may date it (as places.location reads places)."""
    for r in range(d.last + 2, first):
        if v.keys[r] in cues.relatives:
            return not _names_a_person(v, r)
    return False


def _names_a_person(v: SentenceView, relative: int) -> bool:
    """The relative clause follows a person or a party ("مقتل الشرطي عبدالله السبيعي، الذي فارق الحياة،
    الأربعاء"): it tells what happened to a party of the event, on the event's day."""
    head = relative - 1
    while head > 0 and v.surface(head) in PUNCT:
        head -= 1
    return any(f <= head <= l for f, l, _ in (*v.actors, *v.persons))


def share_dates(drafts: Sequence[Draft], cues: Optional[ArgumentCues] = None) -> dict[int, When]:
    """Each date of the sentence goes to the nearest trigger; an event takes the nearest date it won,
    else the nearest date with no other trigger in between. A date of the reporting frame is taken only
    when no other qualifies (with `cues`; without, every date is the events')."""
    if not drafts:
        return {}
    v = drafts[0].view
    report = report_dates(v, drafts, cues) if cues is not None else set()
    won: dict[int, list] = {}
    for f, l, dm in v.dates:
        dist = [(f - d.last if f > d.last else d.first - l, i) for i, d in enumerate(drafts)]
        won.setdefault(min(dist)[1], []).append((f, l, dm))
    out = {}
    for i, d in enumerate(drafts):
        def dist(x, d=d):
            return x[0] - d.last if x[0] > d.last else d.first - x[1]
        mine = won.get(i) or [x for x in v.dates if not any(
            o is not d and (min(x[0], d.first) < o.first < max(x[1], d.last)) for o in drafts)]
        mine = [x for x in mine if not (cues is not None and _about_another_noun(v, d, x[0], cues))]
        mine = [x for x in mine if x[0] not in report] or mine
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


def recent(when: When, published) -> bool:
    if published is None or not when.iso or len(when.iso) != 10:
        return False
    return 0 <= (published - dt.date.fromisoformat(when.iso)).days <= SCENE_DAYS



FUTURE_REACH = 6  # tokens before the trigger searched for its tense (a support verb before the subject)


def _future_told(v: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """The event is told in the future or present: status "announced", "سوف" or a س proclitic on a verb
    up to FUTURE_REACH tokens before the trigger, or an imperfect (ي/ن) verb as the trigger or as the word
    opening its clause ("يعقد المجلس اجتماعا"). Nouns also start with ن or ي (نزول، يوم), so only those
    two positions are read as verbs."""
    if d.event.status == "announced":
        return True
    cl = v.clause[d.first]
    opening = next(i for i in range(d.first + 1) if v.clause[i] == cl)
    verbal = d.kind != "noun"
    for i in range(max(opening, d.first - FUTURE_REACH), d.last + 1):
        tok = v.toks[i]
        if v.keys[i] in cues.future_particles:
            return True
        if any(s.kind == "proclitic" and s.form == "ال" for s in tok.segments):
            continue
        form = tok.stem.form
        if any(s.kind == "proclitic" and s.form == "س" for s in tok.segments) and form[:1] in "يتنأ":
            return True
        if (i == opening or verbal and i == d.first) and len(form) >= 4 and form[0] in "ين":
            return True
    return False


def coming_weekday(when: When, v: SentenceView, d: Draft, cues: ArgumentCues, published) -> When:
    """A bare weekday read as the latest such day ("الأحد" on a Tuesday: two days ago) moves to the coming
    one when the event is told in the future or present ("يعقد المجلس اجتماعا الأحد"); a weekday with a
    direction word ("الأحد الماضي"، "الأحد المقبل") or with a past-tense event keeps its reading."""
    if published is None or when.precision != "day" or not when.iso or when.start is None:
        return when
    words = normalize_string(v.text[when.start:when.end]).split()
    if not any(w in cues.weekdays for w in words) or any(w in cues.date_directions for w in words):
        return when
    day = dt.date.fromisoformat(when.iso)
    if day >= published or not _future_told(v, d, cues):
        return when
    return When((day + dt.timedelta(days=7)).isoformat(), when.precision, when.start, when.end)
