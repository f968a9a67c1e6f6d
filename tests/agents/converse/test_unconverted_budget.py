"""A budget in a currency the advisor cannot convert (no dated rate, or a word of several countries with none named) is
never dropped silently: the reply names the amount as the user wrote it and asks for it in USD, as a question the
next message answers."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.state import ChatState
from agents.converse.turns import raised_first
from agents.profile import Profile
from knowledge.currency import usd_rate

FIRST = ("We match farmers' SMS questions to answers, about 300k messages in Swahili and English, a cloud API is fine. "
         "Bajeti ni shilingi 2,000 kwa mwezi.")


def test_the_amount_is_named_back_and_its_answer_in_dollars_is_the_budget(real_kb):
    adv = Advisor(real_kb)
    first = adv.turn(ChatState(), FIRST)
    asked = first.questions[0]
    assert asked["field"] == "budget_usd_month" and "2,000 shillings" in asked["text"] and "USD" in asked["text"]
    assert "budget_usd_month" in first.state.pending and first.state.profile.budget_usd_month is None
    assert first.reply.count("2,000 shillings") == 1   # asked once, not repeated as a note
    second = adv.turn(first.state, "about 15 dollars")
    assert second.state.profile.budget_usd_month == 15


def test_a_converted_budget_raises_no_question(real_kb):
    r = Advisor(real_kb).turn(ChatState(), FIRST.replace("shilingi 2,000", "KSh 2,000"))
    assert r.state.profile.budget_usd_month is not None
    assert all("shillings" not in q["text"] for q in r.questions)


def test_the_raised_question_replaces_the_usual_one_and_keeps_two_at_most():
    usual = [{"field": "budget_usd_month", "text": "What monthly budget ...?", "choices": []},
             {"field": "domain", "text": "Which domain?", "choices": []},
             {"field": "hardware", "text": "GPU?", "choices": []}]
    said = "You gave the budget as 500 QAR ...?"
    questions, notes = raised_first(usual, {"budget_usd_month": said}, [said, "other note"], Profile())
    assert [q["field"] for q in questions] == ["budget_usd_month", "domain"]
    assert questions[0]["text"] == said and questions[0]["choices"]   # the field's usual answers stay as buttons
    assert notes == ["other note"]
    assert raised_first(usual, {}, ["n"], Profile()) == (usual, ["n"])


def test_a_city_named_in_an_earlier_turn_places_the_pesos(real_kb):
    adv = Advisor(real_kb)
    first = adv.turn(ChatState(), "Somos una empresa de Medellín: 50 mil productos en español, una API está bien.")
    second = adv.turn(first.state, "Podemos gastar 400.000 pesos al mes.")
    assert second.state.profile.budget_usd_month == pytest.approx(usd_rate("COP").to_usd(400_000), rel=1e-3)
    assert all(q["field"] != "budget_usd_month" for q in second.questions)
