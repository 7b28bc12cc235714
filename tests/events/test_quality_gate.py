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
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from rasd import Pipeline
from rasd.model.serialize import to_dict

FLOORS = {"event_f1": 0.62, "date_accuracy": 0.78, "actor_country_accuracy": 0.76,
          "recipient_country_accuracy": 0.38}


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
