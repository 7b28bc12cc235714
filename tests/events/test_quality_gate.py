"""Quality gate: document-level events on articles-dev (dev data) with the official docs scorer.

Runs the default pipeline through the Python API and scores with ../shared/eval/score.py (imported by
path). Floors sit slightly below the figures measured when they were pinned (bench/events_dev.py:
event F1 0.614, date 0.787, actor country 0.409): a drop below them is a regression.
The actor-country floor was lowered from 0.42 on purpose: nominal actors now take the event place's
country only for domestic sectors (police, courts, "the authorities"...), never armies or armed groups,
which cost 0.04 on this small set but stops coding foreign troops with the country they are in.
Raised to 0.50 when dropped subjects started to take their antecedent (actor country measured 0.544).
Raised again (issue 4, second pass) after article countries for nominal actors, nationality adjectives
after nominal triggers, counted victims and protest targets as recipients, and sentence-opening dates:
measured event F1 0.635, date 0.824, actor country 0.681, recipient country 0.382; the floors keep a
margin because the NER model that feeds the actor finder is retrained independently.
Raised again (issue 4, round 2) after implied actors (agentless passive arrests, protests without named
protesters: a span-less party of the place's country), article countries from nationality adjectives,
quotes and parentheses no longer cutting clauses, counted detainees and the PROTEST model without
sentence words: measured event F1 0.645, date 0.808, actor country 0.808, recipient country 0.418.
Raised again (issue 4, round 3) after type-specific recipients (partners after مع, "بين X و Y", visits,
coordinated subjects, objects of condemnations), counterparts and short names, victim subjects, report
dates and weekday tense, the article's scene (البلاد, datelines) and hashtags: measured event F1 0.651,
date 0.852, actor country 0.885, recipient country 0.567, location country 0.732, counts 0.478 (with the
event detection of 29 Nov 14:53; the same detection with the previous argument code: F1 0.646, date 0.833,
actor 0.792, recipient 0.424, location 0.618, counts 0.435).
Counts floor added after counts without numbers (duals, singular victims, "دون إصابات"), coordinated and
subset counts and protest crowds: measured counts 0.792 (n=24; one count is 0.04), event F1 0.669.
Event-F1 floor raised to 0.69 after the precision work (look-alike trigger senses, mentions pointing back,
relative-clause dates, protesters' demands): measured event F1 0.729 (P 0.688, R 0.775).
Raised again after victims stopped acting, invitations became meetings, symmetric meetings merged and
requested actions stopped being events: measured event F1 0.759 (P 0.727, R 0.793), location 0.767.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from rasd import Pipeline
from rasd.model.serialize import to_dict

FLOORS = {"event_f1": 0.73, "date_accuracy": 0.80, "actor_country_accuracy": 0.84,
          "recipient_country_accuracy": 0.51, "location_country_accuracy": 0.72, "counts_accuracy": 0.70}


@pytest.fixture(scope="module")
def scores(shared_dir, tmp_path_factory):
    spec = importlib.util.spec_from_file_location("rasd_shared_score", shared_dir / "eval/score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = shared_dir / "data/events/articles-dev"
    nlp = Pipeline()
    path = tmp_path_factory.mktemp("gate") / "pred.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for rec in score.docs_inputs(str(gold)):
            doc = nlp.analyze(rec["text"], rec["published"], id=rec["id"])
            f.write(json.dumps(to_dict(doc), ensure_ascii=False) + "\n")
    return score.score_docs(str(gold), str(path))[0]


def test_event_f1(scores):
    assert scores["events"]["f1"] >= FLOORS["event_f1"], scores["events"]


def test_date_accuracy(scores):
    assert scores["date_accuracy"] >= FLOORS["date_accuracy"], scores["date_accuracy"]


def test_actor_country_accuracy(scores):
    assert scores["actor_country_accuracy"] >= FLOORS["actor_country_accuracy"], scores["actor_country_accuracy"]


def test_recipient_country_accuracy(scores):
    assert scores["recipient_country_accuracy"] >= FLOORS["recipient_country_accuracy"], \
        scores["recipient_country_accuracy"]


def test_location_country_accuracy(scores):
    assert scores["location_country_accuracy"] >= FLOORS["location_country_accuracy"], \
        scores["location_country_accuracy"]


def test_counts_accuracy(scores):
    assert scores["counts_accuracy"] >= FLOORS["counts_accuracy"], scores["counts_accuracy"]


# GSR actor coding (score.py gsr-actors on the dev halves), pinned in issue 4 round 3 below the measured
# ASSAULT actor country 0.514, recipient country 0.311 and PROTEST actor sector 0.639; ASSAULT raised in
# session 4 below the measured actor country 0.559 (n 34) and recipient country 0.375 (n 88); actor country
# raised again below 0.735 (weapon owners, claims, led-by forces, the speaker's own forces; one record is 0.03).
GSR_FLOORS = {("assault", "actor_country_accuracy"): 0.70, ("assault", "recipient_country_accuracy"): 0.34,
              ("protest", "actor_sector_accuracy"): 0.59}


@pytest.fixture(scope="module")
def gsr_actor_scores(shared_dir, tmp_path_factory):
    spec = importlib.util.spec_from_file_location("rasd_shared_score", shared_dir / "eval/score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    nlp = Pipeline()
    out = {}
    for name in ("protest", "assault"):
        gold = shared_dir / f"data/events/gsr/{name}_spans_dev.json"
        path = tmp_path_factory.mktemp("gsr") / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for rec in score.gsr_actor_inputs(str(gold)):
                doc = nlp.analyze(rec["text"], rec["published"], id=rec["id"])
                f.write(json.dumps(to_dict(doc), ensure_ascii=False) + "\n")
        out[name] = score.score_gsr_actors(str(gold), str(path))[0]
    return out


@pytest.mark.parametrize("name,metric", sorted(GSR_FLOORS))
def test_gsr_actor_coding(gsr_actor_scores, name, metric):
    assert gsr_actor_scores[name][metric] >= GSR_FLOORS[(name, metric)], gsr_actor_scores[name]
