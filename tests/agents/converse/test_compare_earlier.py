"""A comparison that names no model, or one, compares the models the user asked about earlier ("and what about
bge-m3?" ... "what's the difference between those two for us?"). Played through ``Advisor.turn`` on the real
knowledge base."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.state import ChatState

NEEDS = "120k contracts in Portuguese and English, cloud is ok, commercial, budget 60 USD a month"


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


def _play(advisor: Advisor, *messages: str):
    state, result = ChatState(), None
    for text in messages:
        result = advisor.turn(state, text)
        state = result.state
    return result


def test_those_two_are_the_models_asked_about_before(advisor):
    before = _play(advisor, NEEDS, "how much would voyage-3.5 cost us per month?")
    r = advisor.turn(before.state, "and what about running bge-m3 ourselves?")
    r = advisor.turn(r.state, "what's the difference between those two for us?")
    assert r.intent == "comparison", r.steps
    assert sorted(r.answer["models"]) == ["BAAI/bge-m3", "voyageai/voyage-3.5"], r.answer
    assert r.state.profile == before.state.profile


def test_one_named_model_is_compared_with_the_one_asked_about_before(advisor):
    r = _play(advisor, NEEDS, "is voyage-3.5 any good for Portuguese?", "how does it compare with bge-m3?")
    assert r.intent == "comparison", r.steps
    assert sorted(r.answer["models"]) == ["BAAI/bge-m3", "voyageai/voyage-3.5"], r.answer


def test_no_model_named_anywhere_still_asks_which(advisor):
    r = _play(advisor, NEEDS, "what's the difference between those two for us?")
    assert r.intent == "comparison", r.steps
    assert "Name two" in r.reply
