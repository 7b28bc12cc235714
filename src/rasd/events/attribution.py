"""Who reports an event: speech frames ("قال/ذكر/أعلن X أن ..."), sentence-wide sources ("بحسب/وفقا لـ X",
"نقلت ... عن X"), and continuations ("وأضاف ..." with no subject carries the previous source). A subject with a pronoun
suffix in reported speech belongs to the speaker ("قال الجيش إن طائراته قصفت": the army acted)."""
from __future__ import annotations

from typing import Optional

from rasd.events.roles import surface_of
from rasd.events.subjects import used_as_noun
from rasd.events.view import PUNCT, ArgumentCues, Draft, SentenceView, phrase_at
from rasd.model.spans import ActorMention, Span

__all__ = ["attributions", "speakers_own"]

# tokens from a speech verb to its complementizer: "قال الجيش في بيان نشر على موقعه على الانترنت، أمس إن"
SPEECH_REACH = 16


def _source_phrase(v: SentenceView, i: int, cues: ArgumentCues, limit: int = 7) -> Optional[Span]:
    """Tokens from i up to a complementizer, punctuation, relative or في (at most `limit`), as a span."""
    j = i
    while j < len(v.toks) and j - i < limit:
        if (surface_of(v, j) in PUNCT or v.keys[j] in cues.complementizers or v.keys[j] in cues.relatives
                or v.keys[j] in ("في", "عن") or any(f == j for f, _, _ in v.dates)):
            break
        j += 1
    if j <= i:
        return None
    first = v.toks[i]
    start = first.stem.start if any(s.kind == "proclitic" and s.form in ("ل", "ب") for s in first.segments) else first.start
    return Span(start, v.toks[j - 1].end)


def attributions(v: SentenceView, cues: ArgumentCues) -> tuple[list, Optional[Span], bool]:
    """(speech frames [(complementizer token, source span)], sentence-wide source, continuation?)."""
    frames, wide, continuation = [], None, False
    k = v.keys
    for i in range(len(k)):
        if k[i] in cues.speech and not any(f <= i <= l for f, l, _ in v.dates):
            j = next((j for j in range(i + 1, min(len(k), i + SPEECH_REACH)) if k[j] in cues.complementizers), None)
            if j is None:
                continue
            if j == i + 1:
                continuation = continuation or (i <= 1 and k[i] in cues.continuation | cues.speech)
                frames.append((j, None))
            else:
                src = _source_phrase(v, i + 1, cues, limit=j - i - 1)
                frames.append((j, src))
        elif k[i] in cues.quote:
            j = next((j for j in range(i + 1, min(len(k), i + 8)) if k[j] == "عن"), None)
            if j is not None and j + 1 < len(k):
                wide = wide or _source_phrase(v, j + 1, cues)
        else:
            n = phrase_at(k, i, cues.source_markers)
            if n and i + n < len(k):
                wide = wide or _source_phrase(v, i + n, cues)
    return frames, wide, continuation


def speakers_own(v: SentenceView, d: Draft, cues: ArgumentCues, frames) -> Optional[ActorMention]:
    """"قال الجيش التركي إن طائراته قصفت ...": a subject with a pronoun suffix right before the reported verb
    ("طائراته", "قواته", "عناصرها") belongs to the speaker, who is then the actor."""
    if d.first == 0:
        return None
    source = None
    tok = v.toks[d.first - 1]
    if any(s.kind == "enclitic" for s in tok.segments) and v.keys[d.first - 1] not in cues.complementizers \
            and not any(s.kind == "proclitic" and s.form in ("ب", "ل") for s in tok.segments):
        source = next((span for j, span in reversed(frames) if j == d.first - 2 and span is not None), None)
    elif used_as_noun(v, d):
        # "أقر التحالف أنه نفذ ضربات": the pronoun on the complementizer is the subject of the support
        # verb right before the attack noun, and it points back to the speaker
        source = next((span for j, span in reversed(frames) if j == d.first - 2 and span is not None
                       and any(s.kind == "enclitic" for s in v.toks[j].segments)), None)
    if source is None:
        return None
    return next((a for _, _, a in v.actors if source.start <= a.start and a.end <= source.end), None)
