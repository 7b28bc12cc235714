"""Organisations, people, role phrases and sector nouns for build_lexicon.py.

PETRARCH's actor dictionary mixes five kinds of entry under one format; they are told apart by
the first word of the lemma and by the code:
- geo: a place or country coded with a country only ("بلغراد [SRB]", "قطاع_غزة_ [PSE]"), or
  led by a place word (منطقة، مدينة، محافظة...);
- organisation: led by an institution word (وزارة، حزب، جيش، مجلس...), or one undated word
  with a sector (حماس، طالبان);
- role phrase: an office title followed by a nationality or institution ("رئيس_سوداني_",
  "وزير_خارجية_إسباني_"): a description, not a name;
- sector noun: a sector and no country anywhere in its codes ("جيش [MIL]", "حكومة_وحدة_وطني_");
- person: everything else (names, possibly led by a title: "رئيس_وزير_غوردون_براون_").
A title-led lemma is a role phrase when its last word is a nationality adjective, a country or an
institution word; otherwise it names a person.

Descriptions are no people (rule applied after the split above, counted in the build report as
"descriptions"): a "person" lemma whose last word is a nationality or country form, or a one-word
geo name written as a nisba adjective ("كردستاني"), and whose other words are all ordinary news
words (PETRARCH's verb/agent/synset vocabulary, see lexicon_places.petrarch_vocabulary) describes
a party, it names nobody: "صحافي_إيراني_", "شعب_فلسطيني_", "ديمقراطي_كردستاني_", "سوري". Kept as a
person it gets a person id, lends its last word to short-name coreference and draws spelling-variant
matches ("العراقي" -> a person "عراق"). Such a lemma becomes a role phrase (one word: a geo name),
so its code still reaches the linker.
"""
from __future__ import annotations

from lexicon_geo import read_hand_tsv, split_names
from lexicon_petrarch import ActorEntry
from rasd.lexicon.keys import index_keys, loose_key

ORG_HEADS = set("""وزارة قوة قوات حزب مجلس حكومة جامعة وكالة آلوكالة جيش محكمة سلطة شركة شرطة برلمان
صحيفة مجلة حركة منظمة هيئة جهاز إدارة بنك جبهة اتحاد سلاح جماعة لجنة رئاسة مؤسسة قيادة مكتب نظام
سفارة وسيلة قضاء مخابرات استخبار جمعية إعلام معارضة مؤتمر صندوق حرس تنظيم مركز فريق الديوان ديوان
سجن كتائب كتيبة لواء ألوية سرايا فيلق ميليشيا مليشيا تحالف ائتلاف نقابة قناة إذاعة تلفزيون""".split())
GEO_HEADS = set("""منطقة عاصمة مدينة محافظة ولاية أرض جزيرة جنوب شمال شرق غرب إقليم اقليم حي مخيم
مملكة جمهورية دولة قطاع بلدة قرية ضاحية""".split())
TITLE_HEADS = set("""رئيس وزير وزيرة سفير نائب مسؤول جنرال ملك قائد أمين متحدث مستشار مدير عاهل ضابط
عضو ممثل مفوض مساعد جندي مواطن رجل أمير شيخ دكتور حاكم ولي زعيم""".split())


def _head(entry: ActorEntry) -> str:
    words = entry.words
    return words[1] if words[0] in ("ل", "ال") and len(words) > 1 else words[0]


def classify(entry: ActorEntry, nationality_keys: set[str]) -> str:
    words = entry.words
    head = _head(entry)
    has_sector = any(r.sectors for r in entry.roles)
    if has_sector and all(r.country is None for r in entry.roles):
        return "sector"  # "شرطة [COP]", "حكومة_وحدة_وطني_ [GOV]": generic, country from context
    if head in ORG_HEADS:
        return "organisation"
    if head in GEO_HEADS or not has_sector:
        return "geo"
    if len(words) == 1:
        return "person" if entry.dated else "organisation"
    if head in TITLE_HEADS:
        last = loose_key(words[-1])
        if last in nationality_keys or words[-1] in ORG_HEADS or words[-1] in GEO_HEADS:
            return "role"
        return "person"
    return "person"


def role_list(entry: ActorEntry) -> list[list]:
    out = []
    for r in entry.roles:
        row = [r.country or "", r.sectors[0] if r.sectors else "", r.start or "", r.end or ""]
        if row not in out:
            out.append(row)
    return out


def display_name(lemma: str) -> str:
    return " ".join(w for w in lemma.split("_") if w)


def is_description(entry: ActorEntry, nationality_keys: set[str], geo_words: set[str],
                   vocabulary: set[str]) -> bool:
    """See the module docstring: nationality (or nisba geo word) after ordinary words only."""
    words = entry.words
    last = words[-1]
    # PETRARCH writes adjectives without the article: a nisba with it is a family name ("سعد_الحسيني_").
    nisba = last.endswith("ي") and not last.startswith("ال") and loose_key(last) in geo_words
    adjective = loose_key(last) in nationality_keys or nisba
    return adjective and all(loose_key(w) in nationality_keys or any(k in vocabulary for k in index_keys(w))
                             for w in words[:-1])


def build_actors(entries: list[ActorEntry], hand_dir, nationality_keys: set[str], vocabulary: set[str]):
    kinds = {"organisation": [], "person": [], "role": [], "geo": [], "sector": []}
    classified = [(e, classify(e, nationality_keys)) for e in entries]
    geo_words = {loose_key(e.words[0]) for e, kind in classified if kind == "geo" and len(e.words) == 1}
    descriptions = 0
    for e, kind in classified:
        if kind == "person" and is_description(e, nationality_keys, geo_words, vocabulary):
            kind = "role" if len(e.words) > 1 else "geo"
            descriptions += 1
        kinds[kind].append({"names": [display_name(e.lemma)], "roles": role_list(e), "source": "petrarch"})

    hand_orgs = []
    for row in read_hand_tsv(hand_dir / "organisations.tsv"):
        hand_orgs.append({"names": split_names(row[0]), "roles": [[row[1], row[2], "", ""]],
                          "en": row[3] if len(row) > 3 else "", "source": "hand"})
    kinds["organisation"] = hand_orgs + kinds["organisation"]

    hand_people: dict[str, dict] = {}
    for row in read_hand_tsv(hand_dir / "people.tsv"):
        names = split_names(row[0])
        person = hand_people.setdefault(names[0], {"names": names, "roles": [], "en": row[5], "source": "hand"})
        person["roles"].append([row[1], row[2], row[3], row[4]])
    replaced = {loose_key(n) for p in hand_people.values() for n in p["names"]}
    kept = [p for p in kinds["person"] if loose_key(p["names"][0]) not in replaced]
    kinds["person"] = list(hand_people.values()) + kept
    return kinds, descriptions


def build_sectors(agent_pairs, sector_entries, hand_dir):
    """Sector nouns: hand surface forms first, then PETRARCH agents and one-word actor entries."""
    nouns: dict[str, str] = {}
    for row in read_hand_tsv(hand_dir / "sectors.tsv"):
        for name in split_names(row[0]):
            nouns.setdefault(name, row[1].strip())
    for name, sector in agent_pairs:
        nouns.setdefault(name, sector)
    for entry in sector_entries:
        sector = next((r[1] for r in entry["roles"] if r[1]), "")
        if sector:
            nouns.setdefault(entry["names"][0], sector)
    titles: dict[str, str] = {}
    for row in read_hand_tsv(hand_dir / "titles.tsv"):
        for name in split_names(row[0]):
            titles.setdefault(name, row[1].strip())
    return {"nouns": nouns, "titles": titles}


def nationality_key_set(countries: list[dict]) -> set[str]:
    return {loose_key(n) for c in countries for n in c["nationalities"] + c["names"]}

