"""Short names: a party named in full once is later called by a short form in the same article.

News names a person in full once ("وزير الخارجية الأمريكي جون كيري") and then by the family name
("وأضاف كيري"); an organisation in full ("حركة المقاومة الإسلامية حماس") and then by its type noun
("وقالت الحركة"). The short form says nothing by itself, so its code can only come from the earlier
full mention in the same document: it takes that mention's kb_id, country and sector.

Antecedents (all in the same document, before the short form):
- a named actor that is a knowledge-base person with a name of two words or more; its short form is
  the last word, or the last two when the family name is compound ("بن فرحان", "عبد اللهيان",
  "داود أوغلو");
- a person name (even one word) the NER found in apposition to a title phrase with a country, right
  after it or after a comma ("الوزير السريلانكي للتخطيط المدني رؤوف حكيم", "سفير الولايات المتحدة في الأمم المتحدة،
  جون سميث"): the person is unknown to the KB, so the code is the title's; a later short form must
  itself be an NER person name unless the NER gave the name in full (two words or more);
- a named KB organisation whose name starts with a type noun ("حركة", "منظمة", "حزب"): its short form
  is that noun with the article ("الحركة").

Conservative by design: a short form two earlier antecedents claim with different codes is dropped; a type
noun that also starts some other phrase of the article is dropped; a word that is a country, a
nationality, a head noun or a large place is never read as a family name; and a short form may only
replace a phrase that carries less: a bare head without a country, or a one-word person reading.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Optional, Sequence

from rasd.lexicon.keys import exact_key, loose_key
from rasd.link import lexicon as lx
from rasd.link.entities import word_range
from rasd.link.matcher import Match
from rasd.link.words import Word, splits_hashtag
from rasd.model.spans import ActorMention

APPOSITION_GAP = 4     # words allowed between a title phrase and its person name (or the comma before it)
APPOSITION_WORDS = 3   # words after that comma within which the name starts ("، نيكي هيلي" when NER has "هيلي")
SURNAME_MIN_LETTERS = 3
FAMILY_PLACE_MAX_POPULATION = 100_000   # a larger place name is read as the place, not a family name

# The word before a family name that makes it compound; the last word that needs the one before it.
_COMPOUND_FIRST = frozenset(exact_key(w) for w in ("بن", "ابن", "بنت", "أبو", "أبي", "عبد", "آل", "ولد"))
_COMPOUND_LAST = frozenset(exact_key(w) for w in ("أوغلو", "زاده", "الله", "الدين"))
_LINEAGE = frozenset(exact_key(w) for w in ("بن", "ابن", "بنت"))
# Epithets end names without being them ("عبد الله الثاني").
_EPITHETS = frozenset(exact_key(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الابن", "الأب"))
ORG_TYPE_NOUNS = frozenset(loose_key(exact_key(noun)) for noun in ("حركة", "منظمة", "جماعة", "جبهة", "حزب", "تنظيم"))
_NOT_A_SURNAME = frozenset({"country", "nat", "never", "head"})
_PUNCT = frozenset("،,؛;:.!?؟()\"«»-–—")


class _Antecedent:
    __slots__ = ("last", "code", "needs_ner", "name")

    def __init__(self, last: int, code: tuple, needs_ner: bool, name: tuple = ()):
        self.last, self.code, self.needs_ner, self.name = last, code, needs_ner, name


def short_name_mentions(text: str, words: Sequence[Word], actors: Sequence[ActorMention], entities,
                        matches: Sequence[Optional[Match]], from_entities: dict[int, Match]) -> list[ActorMention]:
    """Later short forms of the document's full names, coded like them. `actors` are the document's
    actor phrases (sorted, disjoint); the result may replace some of them (see replace_weaker)."""
    people = sorted((e for e in entities if e.label == "PER"), key=lambda e: e.start)
    # Most documents name no antecedent: the word ranges are computed for the candidates only.
    candidates = [a for a in actors if a.kind == "named" and (a.kb_id or "").startswith(("person:", "org:"))
                  or a.kind == "nominal" and a.country and people]
    if not candidates:
        return []
    found: dict[tuple, list[_Antecedent]] = {}
    names = [r for e in people for r in [_name_words(words, e)] if r is not None]
    covered = _Covered(actors)
    out: list[ActorMention] = []
    for actor in candidates:
        span = word_range(words, actor.start, actor.end)
        if span is None:
            continue
        if actor.kind == "nominal":
            out += _titled(text, words, span, actor, names, found, covered)
        elif actor.kb_id.startswith("person:"):
            _person(words, span, actor, matches, from_entities, found)
        else:
            _organisation(words, span, actor, found)
    keys = _agreed(found)
    firsts = {key[0] for key in keys}
    org_nouns = {key[1] for key in keys if key[0] == "org"}
    starts = [w.index for w in words if w.key in firsts or w.loose in org_nouns]
    if not starts:
        return out
    _drop_shared_type_nouns(words, keys, actors)
    person_ends = {r[1]: r for r in names}
    after = 0
    for i in starts:
        ref = _reference(words, i, keys, person_ends, covered, matches) if i >= after else None
        if ref is not None:
            first, last, antecedent = ref
            out.append(_coded(words, first, last, antecedent.code))
            after = last + 1
    return out


def _name_words(words, entity) -> Optional[tuple[int, int]]:
    """The words of an NER name, less a word the name starts inside of ("يقوم بها بن سلمان" tagged from
    its "ها"): a pronoun, not a name word."""
    r = word_range(words, entity.start, entity.end)
    if r is not None and r[0] < r[1] and entity.start > words[r[0]].start:
        return r[0] + 1, r[1]
    return r


def _coded(words, first: int, last: int, code: tuple) -> ActorMention:
    country, sector, kb_id, name_en = code
    return ActorMention(words[first].start, words[last].end, country=country, sector=sector, kb_id=kb_id,
                        name_en=name_en, kind="named")


def _surname_key(words: Sequence[Word], first: int, last: int, one_word: bool = False) -> Optional[tuple[str, ...]]:
    """The short form of the name words[first..last], or None. A one-word KB name is matched as it
    stands, but the NER may give only the family name after a title ("الوزير السريلانكي ... حكيم")."""
    if last < first or last == first and not one_word or words[last].key in _EPITHETS:
        return None
    tail = words[last]
    if tail.key in _COMPOUND_LAST or last > first and words[last - 1].key in _COMPOUND_FIRST:
        if last - 1 <= first or any(w.key in _LINEAGE for w in words[first:last - 1]):
            # The whole name is the compound family name, matched as it stands; or the compound is one
            # link of a lineage ("فهد بن عبد الله بن محمد"), which many people share.
            return None
        return words[last - 1].key, tail.key
    if len(tail.key) < SURNAME_MIN_LETTERS or tail.key in lx.given_names():
        return None
    return (tail.key,)


def _person(words, span, actor: ActorMention, matches, from_entities, found) -> None:
    first, last = span
    name_first = next((j for j in range(first, last + 1)
                       for m in [from_entities.get(j) or matches[j]]
                       if m is not None and m.kind in ("person", "weak_person") and m.last == last), None)
    if name_first is None or not all(w.key in _COMPOUND_FIRST or _may_be_surname(w, None)
                                     for w in words[name_first:last + 1]):
        # Some KB "people" are titles or things ("الملك فهد", "واشنطن بوست", "برنامج إيران النووي"):
        # a name of plain name words only gives a family name.
        return
    key = _surname_key(words, name_first, last)
    if key is not None:
        code = (actor.country, actor.sector, actor.kb_id, actor.name_en)
        name = tuple(w.key for w in words[name_first:last + 1])
        found.setdefault(key, []).append(_Antecedent(last, code, False, name))


def _organisation(words, span, actor: ActorMention, found) -> None:
    first, last = span
    head = words[first]
    if last > first and head.loose in ORG_TYPE_NOUNS and not head.key.startswith("ال") and not head.enclitic:
        code = (actor.country, actor.sector, actor.kb_id, actor.name_en)
        found.setdefault(("org", head.loose), []).append(_Antecedent(last, code, False))


def _titled(text: str, words, span, actor: ActorMention, names, found, covered) -> list[ActorMention]:
    """A person name the NER found right after a title phrase with a country, or just after a comma
    that follows it within APPOSITION_GAP words (the title may carry a short "في الأمم المتحدة"): the
    name is the title's holder, coded as the title, and so are its later short forms. `names` are the
    word ranges of the NER's person names, in text order. Another actor phrase between the title (or
    its comma) and the name, or over the name, takes the name instead."""
    after = span[1] + 1
    k = after
    while k < len(words) and k - after < APPOSITION_GAP and not _is_punct(text, words[k]):
        k += 1
    comma = k < len(words) and text[words[k].token_start:words[k].end] in ("،", ",")
    n = bisect_left(names, (after,))
    first, last = names[n] if n < len(names) else (len(words), len(words))
    if not (first < k or comma and k < first <= k + APPOSITION_WORDS
            and not any(_is_punct(text, w) for w in words[k + 1:first])):
        if comma:
            _unread_apposition(text, words, k + 1, actor, found)
        return []
    # before the comma, a complement of the title may name another party ("في الأمم المتحدة")
    if covered.over(words[k].end if first > k else actor.end, words[last].end):
        return []
    code = (actor.country, actor.sector, None, None)
    key = _surname_key(words, first, last, one_word=True)
    if key is not None:
        name = tuple(w.key for w in words[first:last + 1])
        # A full name ("تيريزا ماي") makes its family name alone a reference later without the NER's
        # say, which often misses a short foreign name ("وقالت ماي", tagged ORG or nothing); a name
        # the NER gave as one word may be any word after a title, so a later one must be tagged.
        found.setdefault(key, []).append(_Antecedent(last, code, last == first, name))
    return [_coded(words, first, last, code)]


def _unread_apposition(text: str, words, k: int, actor: ActorMention, found) -> None:
    """The words after a title's comma when the NER found no name there ("سفيرة الولايات المتحدة في
    الأمم المتحدة، نيكي هيلي"): any of them may be the family name, so each is a short form, which a
    later NER person name must confirm."""
    code = (actor.country, actor.sector, None, None)
    for w in words[k:k + APPOSITION_WORDS]:
        if _is_punct(text, w):
            break
        if len(w.key) >= SURNAME_MIN_LETTERS and w.key not in lx.given_names() and _may_be_surname(w, None):
            found.setdefault((w.key,), []).append(_Antecedent(w.index, code, True, (w.key,)))


def _is_punct(text: str, word: Word) -> bool:
    return not word.key and text[word.token_start:word.end] in _PUNCT


def _agreed(found: dict[tuple, list[_Antecedent]]) -> dict[tuple, list[_Antecedent]]:
    """Each short form's antecedents in text order."""
    return {key: sorted(antecedents, key=lambda a: a.last) for key, antecedents in found.items()}


def _before(antecedents: Optional[list[_Antecedent]], i: int) -> Optional[_Antecedent]:
    """The antecedent a short form at word i takes: the first before it, if all before it agree (a
    later namesake does not undo an earlier reading; two earlier ones leave the short form open)."""
    if not antecedents or antecedents[0].last >= i:
        return None
    prior = [a for a in antecedents if a.last < i]
    return prior[0] if len({a.code for a in prior}) == 1 else None


def _drop_shared_type_nouns(words, keys: dict[tuple, _Antecedent], actors) -> None:
    """A type noun must start no other phrase of the article ("حركة فتح" beside "حركة حماس", "حركة
    المرور"): "الحركة" would not say which."""
    org_keys = {key[1] for key in keys if key[0] == "org"}
    if not org_keys:
        return
    starts = {actor.start: actor for actor in actors}
    for w in words:
        if w.loose in org_keys and not w.key.startswith("ال"):
            actor = starts.get(w.start)
            antecedents = keys.get(("org", w.loose))
            if antecedents is not None and (actor is None or actor.kb_id != antecedents[0].code[2]):
                del keys[("org", w.loose)]


class _Covered:
    """The actor phrases (sorted, disjoint) over a stretch of text."""

    def __init__(self, actors: Sequence[ActorMention]):
        self.actors, self.starts = actors, [a.start for a in actors]

    def over(self, start: int, end: int) -> list[ActorMention]:
        k = max(bisect_right(self.starts, start) - 1, 0)
        return [a for a in self.actors[k:bisect_left(self.starts, end)] if a.start < end and start < a.end]


def _reference(words, i: int, keys, person_ends, covered, matches):
    """(first, last, antecedent) of a short form starting at word i, or None."""
    w = words[i]
    if not w.key:
        return None
    if w.key.startswith("ال") and ("org", w.loose) in keys:
        antecedent = _before(keys[("org", w.loose)], i)
        return _org_reference(words, i, antecedent, covered) if antecedent is not None else None
    for n in (2, 1):
        last = i + n - 1
        if last >= len(words) or words[last].sentence != w.sentence:
            continue
        key = (w.key,) if n == 1 else (w.key, words[last].key)
        antecedent = _before(keys.get(key), i)
        if antecedent is None or words[last].enclitic:
            continue
        if splits_hashtag(words, i, last) or not _replaceable(covered, words, i, last, antecedent):
            continue
        ner = person_ends.get(last)
        if ner is not None and ner[0] != i:
            # The NER reads a longer name here: the full name again, or another person ("جيم كيري"
            # after "جون كيري").
            if ner[0] > i or tuple(x.key for x in words[ner[0]:last + 1]) != antecedent.name:
                continue
            if not _replaceable(covered, words, ner[0], last, antecedent):
                continue
            return ner[0], last, antecedent
        if antecedent.needs_ner and ner is None:
            continue
        if n == 1 and ner is None and not _may_be_surname(words[i], matches[i]):
            continue
        return i, last, antecedent
    return None


def _org_reference(words, i: int, antecedent, covered):
    w = words[i]
    if w.enclitic or not _replaceable(covered, words, i, i, antecedent):
        return None
    nxt = words[i + 1] if i + 1 < len(words) else None
    if nxt is not None and nxt.sentence == w.sentence and nxt.key.startswith("ال") and not nxt.clitics:
        return None  # an adjective or a genitive makes another phrase: "الحركة الاحتجاجية"
    return i, i, antecedent


def _may_be_surname(word: Word, match: Optional[Match]) -> bool:
    hit = lx.classify_word(word.key, word.loose)
    if hit is None:
        return True
    kind, value = hit
    if kind in _NOT_A_SURNAME or kind == "weak_head" or match is not None and match.last > word.index:
        return False
    if kind == "place":
        return value[0].population < FAMILY_PLACE_MAX_POPULATION and lx.capital_of(value[0]) is None
    return True


def _replaceable(covered: _Covered, words, first: int, last: int, antecedent) -> bool:
    """No actor phrase over words[first..last], or one that carries less than the antecedent: exactly
    these words as a bare head without a country, or as a one-word person with another reading."""
    start, end = words[first].start, words[last].end
    actors = covered.over(start, end)
    if not actors:
        return True
    actor = actors[0]
    if len(actors) > 1 or (actor.start, actor.end) != (start, end):
        return False
    if actor.kind == "nominal":
        return actor.country is None and actor.kb_id is None
    return (actor.kb_id or "").startswith("person:") and actor.kb_id != antecedent.code[2]


def replace_weaker(actors: list[ActorMention], short: list[ActorMention]) -> list[ActorMention]:
    """The actor phrases with each short form in place of the phrase over exactly its words."""
    if not short:
        return actors
    by_span = {(s.start, s.end): s for s in short}
    kept = [a for a in actors if not any(s.start < a.end and a.start < s.end for s in short)]
    return sorted([*kept, *by_span.values()], key=lambda a: a.start)
