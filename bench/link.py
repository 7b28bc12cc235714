"""Linking benchmark: speed of link_entities + find_actors on SaudiNewsNet, and (for information
only, never tuned against) how often find_actors codes the gold actor phrases of the GSR span sets.

    .venv/bin/python bench/link.py [--articles N]

Speed: tokens and sentences are computed first (not timed); the timed part is linking alone
(link_entities then find_actors per document), on documents without NER entities, after one
warm-up document that loads the knowledge base; two passes over the same articles give the
cold-cache and the steady-state rate. GSR: for every record and side (source/target) with a gold code, the gold
actor spans are located in the text; a hit is an ActorMention overlapping one of them; country and
sector accuracy count hits whose code is among the annotators' codes (None codes are not scored).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import saudinewsnet, shared_dir, write_result  # noqa: E402

from rasd.link import find_actors, link_entities  # noqa: E402
from rasd.model.document import Document  # noqa: E402
from rasd.text.sentences import split_sentences  # noqa: E402
from rasd.text.tokenize import tokenize  # noqa: E402


def prepared(text: str, published=None) -> Document:
    pub = dt.date.fromisoformat(published) if published else None
    doc = Document(text, published=pub)
    return doc.with_layer("tokens", tokenize(text)).with_layer("sentences", split_sentences(text))


def speed(limit: int) -> dict:
    docs = [prepared(a["text"], a["published"]) for a in saudinewsnet(limit)]
    find_actors(docs[0]), link_entities(docs[0])
    tokens = sum(len(d.tokens) for d in docs)
    out = {"articles": len(docs), "tokens": tokens}
    # Pass 1 meets most words for the first time (per-word caches cold); pass 2 is the steady state
    # of a long run, where nearly every word has been classified before.
    for name in ("cold", "warm"):
        t0 = time.perf_counter()
        actors = entities = 0
        for d in docs:  # as the pipeline runs them: entities, then actors on the same tokens
            entities += len(link_entities(d))
            actors += len(find_actors(d))
        seconds = time.perf_counter() - t0
        out.update({"actors_found": actors, "entities_recovered": entities,
                    f"{name}_seconds": round(seconds, 2), f"{name}_tokens_per_s": round(tokens / seconds)})
    return out


def _none(v):
    return None if v in (None, "", "None", "UNKNOWN") else v


def _locate(text: str, words: list[str]):
    """Character span of the gold token sequence (first occurrence), or None."""
    if not words:
        return None
    start = text.find(words[0])
    while start >= 0:
        pos, ok = start, True
        for w in words:
            k = text.find(w, pos)
            if k < 0 or k - pos > 3 and w is not words[0]:
                ok = False
                break
            pos = k + len(w)
        if ok:
            return start, pos
        start = text.find(words[0], start + 1)
    return None


def gsr(path: Path) -> dict:
    c = {"sides": 0, "located": 0, "hit": 0, "country_n": 0, "country_ok": 0, "sector_n": 0, "sector_ok": 0,
         "country_n_hit": 0, "sector_n_hit": 0}
    for rec in json.loads(path.read_text(encoding="utf-8")):
        actors = find_actors(prepared(rec["text"]))
        for side in ("source", "target"):
            spans, countries, sectors = [], set(), set()
            for s in rec["spans"]:
                role = s.get(f"{side}_role")
                if not isinstance(role, dict) or not role:
                    continue
                if _none(role.get("main")):
                    countries.add(role["main"])
                if _none(role.get("role")):
                    sectors.add(role["role"])
                found = _locate(rec["text"], s.get(f"{side}_actor") or [])
                if found:
                    spans.append(found)
            if not countries and not sectors:
                continue
            c["sides"] += 1
            if not spans:
                continue
            c["located"] += 1
            hits = [a for a in actors if any(a.start < e and s < a.end for s, e in spans)]
            c["hit"] += bool(hits)
            if countries:
                c["country_n"] += 1
                c["country_n_hit"] += bool(hits)
                c["country_ok"] += any(a.country in countries for a in hits)
            if sectors:
                c["sector_n"] += 1
                c["sector_n_hit"] += bool(hits)
                c["sector_ok"] += any(a.sector in sectors for a in hits)
    out = dict(c)
    out["hit_rate"] = round(c["hit"] / max(1, c["located"]), 4)
    out["country_accuracy"] = round(c["country_ok"] / max(1, c["country_n"]), 4)
    out["sector_accuracy"] = round(c["sector_ok"] / max(1, c["sector_n"]), 4)
    out["country_accuracy_given_hit"] = round(c["country_ok"] / max(1, c["country_n_hit"]), 4)
    out["sector_accuracy_given_hit"] = round(c["sector_ok"] / max(1, c["sector_n_hit"]), 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    gsr_dir = shared_dir() / "data/events/gsr"
    write_result("link", {
        "speed": speed(args.articles),
        "gsr_actor_phrases": {name: gsr(gsr_dir / f"{name}_spans_dev.json") for name in ("protest", "assault")},
    })


if __name__ == "__main__":
    main()
