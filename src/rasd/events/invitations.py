"""Invitations: "دعا X إلى اجتماع", "دعوة الوزراء إلى لندن" ask for a meeting, which the article gold
codes as the meeting (CONSULT) itself: the inviter acts, the invited are the recipient. Without this, one
call to a meeting came out as a CONSULT plus a REQUEST for every "تدعو"/"دعوة" that told it.

- an invitation verb or noun (argument_cues.json invite_words) whose meeting noun (a CONSULT trigger of the
  same clause) follows within INVITE_REACH tokens is no REQUEST of its own: its actor and recipient go to
  that CONSULT, whose own parties the meeting noun alone could not tell;
- an invitation to a place ("دعوة الوزراء إلى لندن") is a meeting there: the REQUEST becomes a CONSULT.
A call to do anything else ("دعا إلى وقف إطلاق النار") stays a REQUEST.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from rasd.events.triggers import find_triggers
from rasd.events.view import ArgumentCues, Draft
from rasd.model.spans import Span

__all__ = ["fold_invitations"]

# tokens from the invitation word to the meeting noun or place: the subject and the invited stand between
# ("دعت رئيسة الوزراء البريطانية تيريزا ماي حكومتها لاجتماع طارئ")
INVITE_REACH = 9


def _meeting_after(d: Draft, cues: ArgumentCues):
    """The CONSULT trigger match the invitation governs: "إلى اجتماع", "لاجتماع", "إلى عقد قمة"; or None.
    Read from the lexicon, not from the drafts: "لاجتماع طارئ" alone reads as a purpose, which detection
    drops as background."""
    v = d.view
    for m in find_triggers(v.toks, v.keys):
        if m.entry.type != "CONSULT" or not d.last < m.first <= d.last + INVITE_REACH \
                or v.clause[m.first] != v.clause[d.first]:
            continue
        lead = m.first - 1 if v.keys[m.first - 1] in cues.holding_words else m.first
        if v.prep_before(lead) in cues.visit_preps or v.prep_before(lead) == "ل":
            return m
    return None


def _place_after(d: Draft, cues: ArgumentCues) -> bool:
    v = d.view
    return any(d.last < f <= d.last + INVITE_REACH and v.clause[f] == v.clause[d.first]
               and v.keys[f - 1] in cues.visit_preps for f, _, _ in v.places)


def fold_invitations(drafts: Sequence[Draft], events: Sequence, cues: ArgumentCues) -> tuple[list, list]:
    """(drafts, events), aligned, with invitations folded into meetings: a folded REQUEST's event is None, and
    a REQUEST retyped as its meeting takes the meeting noun's key (so that a repeated "اجتماع طارئ" merges)."""
    out, drafts = list(events), list(drafts)
    for i, d in enumerate(drafts):
        if out[i] is None or out[i].type != "REQUEST" or d.key not in cues.invite_words:
            continue
        request = out[i]
        m = _meeting_after(d, cues)
        if m is not None:
            j = next((j for j, x in enumerate(drafts) if x.view is d.view and x.first == m.first
                      and out[j] is not None and out[j].type == "CONSULT"), None)
            if j is not None:
                if request.actor is not None:
                    out[j] = replace(out[j], actor=request.actor, recipient=request.recipient or out[j].recipient)
                out[i] = None
            else:
                # the meeting is the event; the invitation word stays as its evidence
                out[i] = replace(request, type="CONSULT", mode=m.entry.mode, start=m.start, end=m.end,
                                 evidence=(Span(request.start, request.end), *request.evidence))
                drafts[i] = replace(d, key="_".join(m.phrase))
        elif _place_after(d, cues):
            out[i] = replace(request, type="CONSULT", mode=None)
    return drafts, out
