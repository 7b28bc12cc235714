"""Requested actions: "طالبت الأسر بزيارتهم", "طلب من مسؤول مصري بحث ...", "تطلب من مجلس الوزراء الموافقة
على ...". What a request asks for has not happened; the article gold records the REQUEST and not the action
it names (a release demanded "بالإفراج عن" is no RETREAT). The action is the first trigger after the request
word in its clause, within REQUESTED_REACH tokens (the addressee may stand between: "من X"); an event
further on ("الموافقة على مشاركة بريطانيا في تحرك عسكري") is told for itself and stays. Attacks and protests
stay too: a call to stop an attack ("طالب بوقف القصف") tells that it is going on, and a call to strike or
march is a planned protest (dropping them cost GSR detection F1 on both types).
"""
from __future__ import annotations

from rasd.events.view import ArgumentCues, Draft, SentenceView, argument_cues

__all__ = ["without_requested_actions"]

# the asker, the addressee and a time may stand between ("تطلب رئيسة الوزراء تيريزا ماي من مجلس الوزراء غدا
# الخميس الموافقة على ...")
REQUESTED_REACH = 12
KEPT_TYPES = frozenset({"REQUEST", "ASSAULT", "PROTEST"})


def _told_for_itself(view: SentenceView, d: Draft, cues: ArgumentCues) -> bool:
    """A trigger after a time word or a relative pronoun ("بعد الهجوم", "الذين تم اعتقالهم") reports an event."""
    before = view.keys[d.first - 1] if d.first > 0 else ""
    return before in cues.time_governors or before in cues.relatives or before in cues.passive


def without_requested_actions(drafts: list[Draft], view: SentenceView) -> list[Draft]:
    requests = [d for d in drafts if d.event.type == "REQUEST"]
    if not requests:
        return drafts
    cues = argument_cues()
    dropped = set()
    for r in requests:
        after = sorted((d for d in drafts if d.first > r.last and view.clause[d.first] == view.clause[r.first]
                        and d.event.type not in KEPT_TYPES), key=lambda d: d.first)
        if after and after[0].first - r.last <= REQUESTED_REACH and not _told_for_itself(view, after[0], cues):
            dropped.add(id(after[0]))
    return [d for d in drafts if id(d) not in dropped]
