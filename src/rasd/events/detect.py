"""detect_events: PLOVER events from trigger matches, their context, and (for some types) a classifier.

Flow per sentence (boilerplate skipped): tokens -> keys -> trigger matches (triggers.py) -> context of
each match (context.py) -> one candidate per (sentence, type), merging the triggers of that type ->
keep or drop -> Event. The first kept trigger gives the event's span and status; the others are kept
as `evidence`; the mode is that of the highest-weight trigger naming one.

Emission policy (the scorers count any event of the gold type as a detection, and the article gold
lists an event only when the text reports it):
- negated mentions ("لم يتم اعتقال"), generic nominal mentions ("ظاهرة الاحتجاجات", "مكافحة الإرهاب")
  and figurative senses (football "هجوم", "هجوم إعلامي") are never events: they are dropped. With
  keep_suppressed=True they are returned anyway, flagged (negated=True, contexts "generic"/"figurative")
  and with confidence 0, for inspection.
- denied, announced, hypothetical, ongoing and historical mentions are reported events: emitted with
  that status / historical flag (the article gold lists them with status; for historical ones the docs
  scorer neither rewards nor penalises).
- a "realis" mention in an article ("الاحتجاجات التي اندلعت في ...") is kept whatever the model says; on
  single GSR sentences that override cost precision (PROTEST out-of-fold F1 -1.6 points), so it is not
  applied to inputs shorter than ARTICLE_SENTENCES.
- types with a trained model (data/classifier.json: PROTEST and ASSAULT from the GSR dev halves) are
  emitted only when the model's probability reaches its cross-validated threshold and some mention is
  not negated; generic and figurative cues are features the model weighs (hard-dropping them cost
  3 points of ASSAULT F1 in cross-validation), and its probability is the event's confidence. Other types use
  the lexicon weight, lowered for hypothetical (x0.8) and denied (x0.7) mentions, and MIN_CONFIDENCE.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from rasd.events.arguments import (
    Draft,
    SentenceView,
    argument_cues,
    article_country,
    attach_arguments,
    fill_countries,
)
from rasd.events.classifier import LogisticModel, candidate_features, load_models
from rasd.events.context import TriggerContext, analyse_context
from rasd.events.invitations import fold_invitations
from rasd.events.merge import merge_mentions
from rasd.events.possessives import uncoded_spans
from rasd.events.requested import without_requested_actions
from rasd.events.triggers import TriggerMatch, find_triggers, lexicon, token_key, word_keys
from rasd.model.document import Document
from rasd.text.normalize import normalize_string
from rasd.text.tokenize import tokenize
from rasd.model.spans import Event, Sentence, Span

__all__ = ["detect_events", "sentence_candidates", "Candidate", "MIN_CONFIDENCE"]

MIN_CONFIDENCE = 0.5
# In an article (more than one sentence) a clean trigger mention needs less from the classifier: it was trained
# on single GSR sentences picked because they contain attack/protest words (mostly hard negatives). Tuned on
# articles-dev (ASSAULT recall 0.26 -> 0.59 at precision 0.73); single-sentence inputs keep the CV threshold.
CLASSIFIER_FLOOR = 0.1
ARTICLE_SENTENCES = 4  # GSR inputs are one to three sentences; news articles more
REALIS_CONFIDENCE = 0.75  # "الاحتجاجات التي اندلعت في ...": the text itself says it happened
_STATUS_FACTOR = {"hypothetical": 0.8, "denied": 0.7}
PROTEST_SUBJECT_REACH = 3  # tokens after a protest trigger where its own subject stands


@dataclass
class Candidate:
    """All trigger mentions of one type in one sentence, with what the classifier needs."""
    sentence: Span
    type: str
    mentions: list[TriggerMatch]
    contexts: list[TriggerContext]
    features: list[str]

    @property
    def kept(self) -> list[int]:
        return [i for i, c in enumerate(self.contexts) if not (c.negated or c.generic or c.figurative or c.background)]


def _sentences(doc: Document) -> Sequence[Span]:
    return doc.sentences or (Sentence(0, len(doc.text)),)


def _tokens(doc: Document):
    if doc.has("tokens"):
        return doc.tokens
    from rasd.text.tokenize import tokenize
    return tokenize(doc.text)


def sentence_candidates(doc: Document) -> list[Candidate]:
    """Every (sentence, type) candidate in the document, in text order, boilerplate skipped."""
    return [c for _, _, _, cands in _scan(doc) for c in cands]


def _scan(doc: Document):
    """(sentence, tokens, keys, candidates) for every sentence outside boilerplate, in text order."""
    tokens = _tokens(doc)
    starts = [t.start for t in tokens]
    for sent in _sentences(doc):
        if doc.is_boilerplate(sent):
            continue
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        toks = [t for t in tokens[lo:hi] if t.end <= sent.end]
        if not toks:
            continue
        keys = [token_key(t) for t in toks]
        matches = [m for m in find_triggers(toks, keys) if not doc.is_boilerplate(m)]
        if matches:  # the names of the sentence are looked up only where a trigger fired
            names = [e for e in doc.within("entities", sent) if e.label == "PER"] + [
                a for a in doc.within("actors", sent) if a.kind == "named" and a.kb_id]
            matches = [m for m in matches if not _in_name(m, names)]
        out: list[Candidate] = []
        if not matches:
            yield sent, toks, keys, out
            continue
        dates = doc.within("dates", sent)
        n_numbers = len(doc.within("numbers", sent))
        by_type: dict[str, list[TriggerMatch]] = {}
        for m in matches:
            by_type.setdefault(m.entry.type, []).append(m)
        text = doc.text[sent.start:sent.end]
        for etype, ms in _split_by_mode(by_type):
            ctxs = [analyse_context(toks, keys, m.first, m.last, m.entry.kind, dates, doc.published) for m in ms]
            feats = candidate_features(etype, ms, ctxs, keys, text, (t for t in by_type if t != etype), n_numbers,
                                       any(d.relative for d in dates), bool(dates), toks)
            out.append(Candidate(Span(sent.start, sent.end), etype, ms, ctxs, feats))
        yield sent, toks, keys, out


def _in_name(m: TriggerMatch, names) -> bool:
    """Whether the match lies inside a name: names are common words too (سلمان رشدي is no handover,
    عادل no verdict, طالبان no demand), and the NER or the knowledge base has already read them as names."""
    return any(e.start <= m.start and m.end <= e.end for e in names)


# Types whose candidates the shipped classifier scores: it was trained on one candidate per sentence and
# type, so their mentions stay together whatever their modes.
_CLASSIFIED_TYPES = frozenset({"PROTEST", "ASSAULT"})


def _split_by_mode(by_type: dict[str, list[TriggerMatch]]):
    """(type, mentions) groups: one per type, except that mentions of different modes of another type
    are different events ("فرضت حظر التجول ... واعتقلت 40" is a curfew and an arrest). A mention
    without a mode joins the first moded group of its type."""
    for etype, ms in by_type.items():
        modes = list(dict.fromkeys(m.entry.mode for m in ms if m.entry.mode))
        if etype in _CLASSIFIED_TYPES or len(modes) < 2:
            yield etype, ms
            continue
        groups = {mode: [m for m in ms if m.entry.mode == mode] for mode in modes}
        groups[modes[0]] += [m for m in ms if not m.entry.mode]
        for mode in modes:
            yield etype, sorted(groups[mode], key=lambda m: m.first)


def _decide(c: Candidate, models: dict[str, LogisticModel], keyword_only: bool,
            in_article: bool = False) -> Optional[float]:
    """The confidence of the candidate's event, or None when it is dropped."""
    if keyword_only:
        return max(m.entry.weight for m in c.mentions)
    kept = c.kept
    model = models.get(c.type)
    if model is not None:
        # The model weighs generic/figurative cues itself; a negated mention is never an event.
        p = model.probability(c.features)
        if in_article and any("realis" in c.contexts[i].flags for i in kept):
            return max(p, REALIS_CONFIDENCE)
        if in_article and CLASSIFIER_FLOOR is not None and p >= CLASSIFIER_FLOOR and kept:
            return max(p, MIN_CONFIDENCE)
        return p if p >= model.threshold and any(not x.negated for x in c.contexts) else None
    if not kept:
        return None
    best = max(c.mentions[i].entry.weight * _STATUS_FACTOR.get(c.contexts[i].status, 1.0) for i in kept)
    return best if best >= MIN_CONFIDENCE else None


def detect_events(doc: Document, *, models: Optional[dict[str, LogisticModel]] = None, keyword_only: bool = False,
                  keep_suppressed: bool = False, merge: bool = True) -> list[Event]:
    """Document-level PLOVER events of `doc`, with arguments and evidence.

    models: per-type classifiers (default: the packaged ones; {} for rules only). keyword_only: the
    lexicon baseline, every match is an event. keep_suppressed: also return dropped candidates, flagged.
    merge: merge mentions of one event across sentences (merge.py); False gives one event per
    sentence and type.
    """
    models = load_models() if models is None else models
    cues = argument_cues()
    per_sentence: list[tuple[SentenceView, list[Draft]]] = []
    sentence_of: list[int] = []
    for n, (sent, toks, keys, cands) in enumerate(_scan(doc)):
        drafts = []
        for c in cands:
            draft = _draft(doc, c, models, keyword_only, keep_suppressed)
            if draft is not None:
                drafts.append(draft)
        if not drafts and not any(k in cues.speech or k in cues.quote for k in keys):
            continue  # nothing to argue about and no source to carry forward
        view = SentenceView.build(doc, sent, toks, keys)
        ranges = tuple((d.first, d.last) for d in drafts)
        apart = _opens_another_event(keys)
        drafts = [replace(d, view=view, others=ranges, apart=apart)
                  for d in without_requested_actions(_without_protest_demands(drafts, view), view)]
        drafts.sort(key=lambda d: d.event.start)
        per_sentence.append((view, drafts))
        sentence_of.extend([n] * len(drafts))
    flat, folded = fold_invitations([d for _, ds in per_sentence for d in ds], attach_arguments(doc, per_sentence),
                                    cues)
    kept = [i for i, e in enumerate(folded) if e is not None]
    events = [folded[i] for i in kept]
    flat, sentence_of = [flat[i] for i in kept], [sentence_of[i] for i in kept]
    home = article_country(doc) if events else None
    keys = [d.key for d in flat]
    uncoded = uncoded_spans(v for v, _ in per_sentence)
    if not merge or keep_suppressed:
        return fill_countries([replace(e, id=f"{doc.id}:e{i}") for i, e in enumerate(events)], home, uncoded)
    anaphoric = [d.anaphoric for d in flat]
    definite = [_definite(d) for d in flat]
    apart = [d.apart for d in flat]
    victims = [_recipient_words(d, e) for d, e in zip(flat, events)]
    known = [_definite_recipient(d, e) for d, e in zip(flat, events)]
    wounds = [_died_of_wounds(d, e) for d, e in zip(flat, events)]
    return fill_countries(merge_mentions(events, sentence_of, keys, doc.id, lexicon().refers_back, anaphoric,
                                         definite, apart, victims, known, wounds), home, uncoded)


def _without_protest_demands(drafts: list[Draft], view: SentenceView) -> list[Draft]:
    """"خرجوا في مسيرة ..., مطالبين باستقالة الرئيس": what the marchers demand is the protest's claim, not a
    REQUEST of its own. A demand with no subject of its own after a protest trigger, with no party named in
    between, is theirs."""
    protests = [d for d in drafts if d.event.type == "PROTEST"]
    if not protests:
        return drafts

    # the token where the protest's last mention ends ("آلاف المتظاهرين بينهم طلاب خرجوا في مسيرة")
    ends = [max(i for i, t in enumerate(view.toks) if t.end <= max(sp.end for sp in (p.event, *p.event.evidence)))
            for p in protests]

    def subjectless(d: Draft) -> bool:
        # "مطالبين", "إذ يطالبون بالعودة": a participle, or an imperfect with no party right after it; a
        # perfect verb ("فيما طالبت النقابة") opens a clause of its own
        form = view.toks[d.first].stem.form
        if form.startswith("م"):
            return True
        return form[:1] in "يت" and not any(d.last < f <= d.last + 3 for f, _, _ in view.actors)

    def theirs(d: Draft) -> bool:
        # the protest verb's own subject may follow it ("وتظاهر مئات العمال ... إذ يطالبون")
        return d.event.type == "REQUEST" and subjectless(d) and any(
            end < d.first and not any(end + PROTEST_SUBJECT_REACH < f < d.first for f, _, _ in view.actors)
            for end in ends)
    return [d for d in drafts if not theirs(d)]


def _opens_another_event(keys) -> bool:
    """The sentence opens with "في وقت سابق", "في حادث آخر", ...: what it tells is not what came before."""
    from rasd.events.context import cues
    return any(tuple(keys[:len(p)]) == p for p in cues().lists["another_event"].phrases)


def _definite(d: Draft) -> bool:
    """A noun trigger with the article ("الاتهامات", "أعمال العنف"): an event the reader already knows."""
    return any(s.kind == "proclitic" and s.form == "ال" for t in d.view.toks[d.first:d.last + 1] for s in t.segments)


# words any two arrests share ("اعتقال رجل", "توقيف 20 شخصا"): they name no one in particular
_ANYONE = ("شخص", "أشخاص", "رجل", "رجال", "عدد", "حوالى", "نحو", "أكثر", "من", "مواطن", "مواطنين")


@lru_cache(maxsize=1)
def _anyone() -> frozenset:
    return frozenset(_word(t.stem.form) for w in _ANYONE for t in tokenize(w))


def _word(form: str) -> str:
    """A recipient word compared across sentences: trigger keys cut a nisba short ("أفغاني" -> "افغ"), so the
    normalised stem, with the accusative or plural of a nisba ("أفغانياً", "أفغانيين") read as its singular."""
    w = normalize_string(form)
    for end in ("يين", "يون", "يا"):
        if w.endswith(end) and len(w) > len(end) + 2:
            return w[:-len(end)] + "ي"
    return w


def _recipient_toks(d: Draft, e) -> list[int]:
    r = e.recipient
    if r is None or r.start is None:
        return []
    return [i for i, t in enumerate(d.view.toks) if r.start <= t.start and t.end <= r.end]


def _recipient_words(d: Draft, e) -> frozenset:
    """The words naming who was acted on: "اعتقال رجل أفغاني" retells the arrest of "مشتبها به أفغانيا"."""
    return frozenset(w for i in _recipient_toks(d, e) if len(w := _word(d.view.toks[i].stem.form)) > 2
                     and w not in _anyone() and not w.isdigit())


def _definite_recipient(d: Draft, e) -> bool:
    """"اعتقال المشتبه به": the one acted on is someone the reader already knows."""
    toks = _recipient_toks(d, e)
    return bool(toks) and any(s.kind == "proclitic" and s.form == "ال" for s in d.view.toks[toks[0]].segments)


# "متأثرا بجراحه", "متأثرين بجروحهما", "متأثرا بإصابته": died later of wounds received in an attack
_OF_WOUNDS = ("متأثرا بجراحه", "متأثرا بجروحه", "متأثرا بإصابته")
WOUNDS_REACH = 12  # tokens after the death word within which "متأثرا بجراحه" says how the victim died (a name and an age between)


@lru_cache(maxsize=1)
def _of_wounds() -> frozenset:
    return frozenset(tuple(word_keys(p)) for p in _OF_WOUNDS)


def _died_of_wounds(d: Draft, e) -> bool:
    """A death told as of wounds, naming no weapon: a follow-up of an attack told elsewhere, on the day the
    victim died. "قتل جندي متأثرا بجروح أصيب بها بعد أن أطلق عليه قناص الرصاص" tells the shooting itself."""
    if e.type != "ASSAULT" or e.mode is not None:
        return False
    keys = d.view.keys
    return any(tuple(keys[i:i + 2]) in _of_wounds() for i in range(d.last + 1, min(len(keys), d.last + WOUNDS_REACH)))


def _draft(doc: Document, c: Candidate, models, keyword_only: bool, keep_suppressed: bool) -> Optional[Draft]:
    conf = _decide(c, models, keyword_only, in_article=len(doc.sentences) >= ARTICLE_SENTENCES)
    kept = c.kept if not keyword_only else list(range(len(c.mentions)))
    if conf is None:
        if not keep_suppressed:
            return None
        conf, kept = 0.0, []
    order = kept or list(range(len(c.mentions)))
    primary = order[0]
    m, ctx = c.mentions[primary], c.contexts[primary]
    # the most specific mode: suicide-attack (0.85) over explosives (0.8) in "فجر انتحاري نفسه"
    moded = [c.mentions[i].entry for i in order if c.mentions[i].entry.mode]
    mode = max(moded, key=lambda e: e.weight).mode if moded else None
    contexts = tuple(sorted({name for name in ("generic", "figurative") if getattr(ctx, name)}))
    event = Event(
        start=m.start, end=m.end, id="", type=c.type, mode=mode,
        sentence=Span(c.sentence.start, c.sentence.end), contexts=contexts,
        status=ctx.status, negated=ctx.negated, historical=ctx.historical, confidence=round(min(1.0, conf), 4),
        evidence=tuple(Span(c.mentions[i].start, c.mentions[i].end) for i in order[1:]))
    set_aside = tuple(Span(x.start, x.end) for i, x in enumerate(c.mentions) if i not in order)
    return Draft(event=event, view=None, first=m.first, last=m.last, kind=m.entry.kind, key="_".join(m.phrase),
                 anaphoric="anaphoric" in ctx.flags, set_aside=set_aside)
