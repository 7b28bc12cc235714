"""A date inside a relative clause on another noun dates that clause, not the event; a relative clause on a
party of the event (the victim who died on that day) still dates it. Sentences written for these tests."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from event_helpers import events, of_type


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def test_the_year_the_villages_were_left_does_not_date_the_demand(nlp):
    doc, evs = events(nlp, "وطالب اللاجئون بالعودة إلى قراهم التي غادروها عام 1948.", "2016-03-10")
    request = of_type(evs, "REQUEST")
    assert request.date is None  # the sentence gives the demand no time of its own


def test_a_relative_clause_on_the_event_itself_dates_it(nlp):
    doc, evs = events(nlp, "وأصيب عشرة أشخاص في الاحتجاجات التي اندلعت في الثاني من مارس.", "2016-03-10")
    assert of_type(evs, "PROTEST").date.iso == "2016-03-02"


def test_a_relative_clause_on_the_victim_dates_the_killing(nlp):
    doc, evs = events(nlp, "وأعلنت الشرطة تفاصيل مقتل الحارس أحمد سالم، الذي توفي الأربعاء الماضي، إثر هجوم مسلح.",
                      "2016-03-10")
    assert of_type(evs, "ASSAULT").date.iso == "2016-03-09"
