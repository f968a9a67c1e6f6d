"""A budget amount written without a currency after the user wrote one ("budget 5k INR" ... "make it 50k", or a bare
"50000" answering the budget question) is in that currency, and the reply says so; dollars stay dollars."""

from __future__ import annotations

from dataclasses import replace

from agents.advisor import Advisor
from agents.converse.state import ChatState
from knowledge.currency import usd_rate

FIRST = "About 300k support tickets in English and Hindi, a cloud API is fine, budget 5k INR a month."


def _inr(amount: float) -> float:
    rate = usd_rate("INR")
    assert rate is not None
    return rate.to_usd(amount)


def test_a_corrected_amount_keeps_the_earlier_currency(real_kb):
    adv = Advisor(real_kb)
    first = adv.turn(ChatState(), FIRST)
    assert first.state.profile.budget_usd_month == _inr(5000)
    second = adv.turn(first.state, "sorry, not 5k, 50k")
    assert second.state.profile.budget_usd_month == _inr(50_000)
    assert any("INR" in n for n in second.notes)


def test_a_bare_budget_answer_after_dollars_stays_in_dollars(real_kb):
    said = ChatState(pending=("budget_usd_month",), history=({"role": "user", "text": "our hosting costs $40 a month"},))
    r = Advisor(real_kb).turn(said, "300")
    assert r.state.profile.budget_usd_month == 300
    inr = replace(said, history=({"role": "user", "text": "our search vendor bills ₹20,000 a month"},))
    assert Advisor(real_kb).turn(inr, "30000").state.profile.budget_usd_month == _inr(30_000)
