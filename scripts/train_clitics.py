"""Build src/rasd/text/data/clitics.json, the clitic segmentation model (see rasd/text/clitics.py).

    .venv/bin/python scripts/train_clitics.py [--shared ../shared] [--out PATH] [--no-pud]

Sources (read here, never copied into the repo; only counts and segmentations are stored):
- UD Arabic-PADT v1.3 dev+test: clitics are separate tokens there; orthographic words are rebuilt
  by attaching proclitic tokens (وَ فَ بِ لِ لَ كَ سَ) to the next token and genitive/accusative pronoun
  tokens to the previous one, undoing the spelling changes of attachment (ة->ت, ى->ا/ي, وا->و,
  ل + ال -> لل). The article is read from the transliteration ("al-", "aš-"...).
- UD Arabic-PUD (optional, on by default): words are consecutive syntactic words joined without
  space. Evaluation of a model that saw PUD must use 10-fold cross-validation (bench/segmentation.py
  does this); the PADT-only model is evaluated on PUD as held-out data.
- SaudiNewsNet (unlabelled): word counts, the back-off's evidence that a host is a real word.
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rasd.text.clitics import ENCLITICS, CliticModel, _encode, bare, seg_key  # noqa: E402

PROCLITIC_TOKENS = {"و": "CONJ", "ف": "CONJ", "ب": "ADP", "ل": "ADP", "ك": "ADP", "س": "PART"}
ARABIC_WORD = re.compile("[\u0621-\u064a]+")
EPOCHS = 15
L2 = 1e-4
MIN_NEWS_COUNT = 2
# PADT transliterates the divine name as article + noun; as a stem "له" would read "to him".
NOT_ARTICLE = {"الله"}


def read_conllu(path):
    """Yield sentences as lists of token rows (multiword-token and empty-node lines dropped)."""
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
    if rows:
        yield rows


def _feats(cols):
    return dict(f.split("=", 1) for f in cols[5].split("|") if "=" in f)


def _misc(cols):
    return dict(f.split("=", 1) for f in cols[9].split("|") if "=" in f)


def _has_article_translit(translit: str) -> bool:
    return translit[:1] == "a" and "-" in translit[1:4]


# A word is a list of pieces [kind, surface, restore]: kind p (proclitic), a (article), s (stem),
# e (enclitic); surface is the bare written piece; restore turns the stem surface into its form.

def padt_words(path):
    """Orthographic words rebuilt from one PADT v1.3 file."""
    for sent in read_conllu(path):
        words: list[list[list[str]]] = []
        pending: list[list[str]] = []
        last_upos, last_lemma = None, ""
        for cols in sent:
            form, upos = bare(cols[1]), cols[3]
            vocalised = cols[1] != form
            if upos == "X" and cols[4].startswith("U"):
                # unanalysed tokens (often a whole clitic compound, duplicated): not evidence
                if pending:
                    words.append(pending)
                    pending = []
                words.append([["x", form, ""]])
                last_upos = upos
                continue
            if upos == "PUNCT" or not ARABIC_WORD.fullmatch(form):
                if pending:
                    words.append(pending)
                    pending = []
                words.append([["s", form, ""]])
                last_upos = upos
                continue
            if len(form) == 1 and form in PROCLITIC_TOKENS and vocalised and upos in ("CONJ", "ADP", "PART"):
                pending.append(["p", form, ""])
                continue
            feats = _feats(cols)
            if (upos == "PRON" and form in ENCLITICS and feats.get("Case") in ("Gen", "Acc")
                    and (pending or words)):
                host = pending if pending else words.pop()
                pending = []
                _attach_enclitic(host, form, last_upos, last_lemma)
                words.append(host)
                continue
            word = pending
            pending = []
            translit = _misc(cols).get("Translit", "")
            if (form.startswith("ال") and len(form) > 3 and _has_article_translit(translit)
                    and form not in NOT_ARTICLE):
                stem = form[2:]
                if word and word[-1][1] == "ل":
                    if stem.startswith("ل"):
                        word.append(["s", stem, ""])  # ل + اللجنة -> للجنة: both letters dropped
                    else:
                        word.append(["a", "ل", ""])
                        word.append(["s", stem, ""])
                else:
                    word.append(["a", "ال", ""])
                    word.append(["s", stem, ""])
            else:
                word.append(["s", form, ""])
            words.append(word)
            last_upos, last_lemma = upos, bare(cols[2])
        if pending:
            words.append(pending)
        yield from words


def _attach_enclitic(word, enclitic, host_upos, lemma):
    stem = word[-1]
    if stem[0] == "s" and len(stem[1]) > 1:
        text = stem[1]
        if text.endswith("ة"):
            stem[1], stem[2] = text[:-1] + "ت", ">ة"
        elif text.endswith("ى"):
            stem[1], stem[2] = text[:-1] + ("ي" if host_upos == "ADP" else "ا"), ">ى"
        elif text.endswith("وا") and host_upos == "VERB":
            stem[1], stem[2] = text[:-1], "+ا"
        else:
            stem[2] = _restore_from_lemma(text, lemma)
    word.append(["e", enclitic, ""])


def pud_words(path, sentence_filter=None):
    """Words of UD Arabic-PUD as pieces; sentence_filter(index) selects sentences (for CV folds)."""
    for index, sent in enumerate(read_conllu(path)):
        if sentence_filter is not None and not sentence_filter(index):
            continue
        yield from pud_sentence_words(sent)


def pud_sentence_words(sent):
    """Group syntactic words joined without space (Arabic letters on both sides) into words."""
    groups: list[list[list[str]]] = []
    joined = False
    for cols in sent:
        form = bare(cols[1])
        is_word = bool(ARABIC_WORD.fullmatch(form))
        if joined and is_word and groups and groups[-1][-1][3]:
            groups[-1].append([form, cols[3], _feats(cols), True, bare(cols[2])])
        else:
            groups.append([[form, cols[3], _feats(cols), is_word, bare(cols[2])]])
        joined = "SpaceAfter=No" in cols[9]
    for group in groups:
        forms = [g[0] for g in group]
        pieces = []
        n = len(group)
        i = 0
        while i < n - 1 and len(forms[i]) == 1 and forms[i] in PROCLITIC_TOKENS:
            pieces.append(["p", forms[i], ""])
            i += 1
        tail = []
        j = n
        if j - 1 > i - 1 and group[j - 1][1] == "PRON" and forms[j - 1] in ENCLITICS and j - 1 >= 1:
            tail = [["e", forms[j - 1], ""]]
            j -= 1
        for k in range(i, j):
            stem = forms[k]
            definite = group[k][2].get("Definite") == "Def"
            # PUD marks Definite only on some parts of speech; a lemma without ال tells the rest.
            lemma_has_al = group[k][4].startswith("ال")
            if stem.startswith("ال") and len(stem) > 3 and not lemma_has_al:
                pieces += [["a", "ال", ""], ["s", stem[2:], ""]]
            elif definite and pieces and pieces[-1][1] == "ل" and stem.startswith("ل") and len(stem) > 2:
                pieces += [["a", "ل", ""], ["s", stem[1:], ""]]
            else:
                pieces.append(["s", stem, ""])
        if tail and pieces and pieces[-1][0] == "s":
            pieces[-1][2] = _restore_from_lemma(pieces[-1][1], group[j - 1][4])
        yield pieces + tail


def _restore_from_lemma(stem: str, lemma: str) -> str:
    """The spelling change before an enclitic, read off the lemma ("ابنت" + lemma "ابنة")."""
    if stem.endswith("ت") and lemma.endswith("ة"):
        return ">ة"
    if stem[-1:] in ("ي", "ا") and lemma.endswith("ى"):
        return ">ى"
    return ""


def word_key(pieces) -> str:
    return seg_key("".join(p[1] for p in pieces))


def word_code(pieces) -> str:
    return _encode([(k, len(seg_key(s)), r) for k, s, r in pieces])


def host_key(pieces) -> str:
    """The normalised dictionary host (article + stem) of a word, or its preposition if none."""
    article = ""
    for k, s, r in pieces:
        if k == "a":
            article = "ال"
        elif k == "s":
            form = s[:-1] + r[1:] if r.startswith(">") else s + r[1:]
            return seg_key(article + form)
    procl = [s for k, s, _ in pieces if k == "p"]
    return procl[-1] if procl else ""


def prefix_of(pieces) -> str:
    return "".join(s for k, s, _ in pieces if k == "p")


def enclitic_of(pieces) -> str:
    return "".join(s for k, s, _ in pieces if k == "e")


def news_counts(shared: Path, limit_files=None) -> Counter:
    counts: Counter = Counter()
    files = sorted(glob.glob(str(shared / "data/news/saudinewsnet/dataset/*.zip")))
    for path in files[:limit_files]:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for article in json.loads(z.read(name)):
                    text = seg_key((article.get("title") or "") + "\n" + (article.get("content") or ""))
                    counts.update(ARABIC_WORD.findall(text))
    return counts


def build_model(train_words, counts: Counter, epochs=EPOCHS, l2=L2, log=print, precompute=False) -> dict:
    """The model data from segmented training words and unlabelled word counts.

    The back-off weights are fitted by maximising the conditional likelihood of each training word
    type's gold segmentation among its candidates (a log-linear model, trained with AdaGrad).
    Types, not tokens: the back-off serves the words the lexicon does not know, which are rare ones.
    """
    by_word: dict[str, Counter] = defaultdict(Counter)
    plain_hosts: Counter = Counter()
    article_hosts: Counter = Counter()
    prefixes: set[str] = {""}
    for pieces in train_words:
        key = word_key(pieces)
        if not ARABIC_WORD.fullmatch(key) or pieces[0][0] == "x":
            continue
        by_word[key][word_code(pieces)] += 1
        prefixes.add(prefix_of(pieces))
        first = next((p for p in pieces if p[0] in "as"), None)
        if first and first[0] == "s" and seg_key(first[1]).startswith("ال"):
            plain_hosts[seg_key(first[1])] += 1
        elif first and first[0] == "a":
            article_hosts[host_key(pieces)] += 1
    lexicon = {w: c.most_common(1)[0][0] for w, c in by_word.items()}
    non_article = sorted(h for h, c in plain_hosts.items() if c > article_hosts.get(h, 0))
    kept_counts = {w: c for w, c in counts.items() if c >= MIN_NEWS_COUNT}
    data = {"lexicon": lexicon, "counts": kept_counts, "prefixes": sorted(prefixes, key=len),
            "non_article": non_article, "weights": {}}
    model = CliticModel(data)
    examples = []
    for word, codes in by_word.items():
        gold = codes.most_common(1)[0][0]
        cands = [(feats, code == gold) for feats, code, _ in model.candidates(word)]
        if len(cands) > 1 and any(g for _, g in cands):
            examples.append(cands)
    weights = _fit(examples, epochs, l2)
    data["weights"] = {k: round(v, 4) for k, v in sorted(weights.items())}
    if precompute:
        scorer = CliticModel(data)
        data["decided"] = {w: code for w in kept_counts if w not in lexicon
                           for code in (scorer.best(w),) if code != f"s{len(w)}"}
    log(f"training words: {sum(map(sum, (c.values() for c in by_word.values())))} Arabic tokens, "
        f"{len(lexicon)} types, {len(examples)} ambiguous; non-article ال words: {len(non_article)}")
    return data


def _fit(examples, epochs, l2, rate=0.5):
    """AdaGrad on the negative log-likelihood of the gold candidates (several may share a code)."""
    weights: dict[str, float] = defaultdict(float)
    grad_sq: dict[str, float] = defaultdict(lambda: 1e-8)
    for _ in range(epochs):
        for cands in examples:
            scores = [sum(weights[k] * v for k, v in f.items()) for f, _ in cands]
            top = max(scores)
            probs = [math.exp(x - top) for x in scores]
            z = sum(probs)
            z_gold = sum(p for p, (_, g) in zip(probs, cands) if g)
            grad: dict[str, float] = defaultdict(float)
            for p, (feats, is_gold) in zip(probs, cands):
                coef = p / z - (p / z_gold if is_gold else 0.0)
                if coef:
                    for k, v in feats.items():
                        grad[k] += coef * v
            for k, g in grad.items():
                g += l2 * weights[k]
                grad_sq[k] += g * g
                weights[k] -= rate * g / math.sqrt(grad_sq[k])
    return dict(weights)


def pack(data: dict) -> dict:
    """Group the big word tables by value, which halves the file (see clitics.unpack)."""
    out = {k: v for k, v in data.items() if k not in ("counts", "decided")}
    grouped_counts: dict[str, list[str]] = defaultdict(list)
    for w, n in sorted(data["counts"].items()):
        grouped_counts[str(n)].append(w)
    grouped_codes: dict[str, list[str]] = defaultdict(list)
    for w, code in sorted(data.get("decided", {}).items()):
        grouped_codes[code].append(w)
    out["counts_grouped"] = {n: " ".join(ws) for n, ws in grouped_counts.items()}
    out["decided_grouped"] = {c: " ".join(ws) for c, ws in grouped_codes.items()}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "src/rasd/text/data/clitics.json")
    ap.add_argument("--no-pud", action="store_true", help="learn from PADT only")
    args = ap.parse_args(argv)
    ud = args.shared / "data/ud"
    words = []
    for split in ("dev", "test"):
        words += list(padt_words(ud / f"UD_Arabic-PADT/v1.3_ar-ud-{split}.conllu"))
    if not args.no_pud:
        words += list(pud_words(ud / "UD_Arabic-PUD/ar_pud-ud-test.conllu"))
    counts = news_counts(args.shared)
    data = build_model(words, counts, precompute=True)
    sources = "UD Arabic-PADT v1.3 dev+test (CC BY-NC-SA 3.0: only derived counts kept)"
    if not args.no_pud:
        sources += ", UD Arabic-PUD (CC BY-SA 4.0)"
    out = {
        "source": f"built by scripts/train_clitics.py from {sources} and SaudiNewsNet word counts "
                  "(back-off weights fitted on the treebank words); see rasd/text/clitics.py",
        **pack(data),
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True), "utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
