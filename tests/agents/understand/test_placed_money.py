"""A budget in a word several countries share is placed by a country or city the user named in an earlier message
(agents/understand/placed_money.py); with none named anywhere it stays unconverted and asked."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.placed_money import place_budget
from knowledge.currency import usd_rate


@pytest.mark.parametrize("earlier, text, code, amount", [
    ("Hola, somos una tienda de Barranquilla.", "Podemos gastar 300.000 pesos al mes.", "COP", 300_000),
    ("Habari, sisi ni kampuni ya Kisumu.", "Bajeti ni shilingi 5,000 kwa mwezi.", "KES", 5_000),
    ("We're a Sharjah logistics firm.", "We can spend 900 dirhams a month.", "AED", 900),
])
def test_an_earlier_country_places_the_budget_at_its_dated_rate(earlier, text, code, amount):
    ex = place_budget(extract(text), earlier)
    assert ex.updates["budget_usd_month"] == pytest.approx(usd_rate(code).to_usd(amount), rel=1e-3)
    assert not ex.unconverted and any(code in n and usd_rate(code).as_of in n for n in ex.notes)
    assert not any("which country" in n for n in ex.notes)   # the question is gone with the amount placed


def test_without_a_country_anywhere_the_budget_stays_asked():
    ex = place_budget(extract("Podemos gastar 300.000 pesos al mes."), "We are a small online shop.")
    assert "budget_usd_month" not in ex.updates and len(ex.unconverted) == 1


def test_a_budget_the_message_converted_is_left_as_it_is():
    ex = extract("Budget is KSh 2,000 a month.")
    assert place_budget(ex, "We're in Dubai.").updates == ex.updates


@pytest.mark.parametrize("earlier, text, code, amount", [
    ("We run a call centre in Port Louis.", "Budget: Rs 2,500 a month.", "MUR", 2_500),
    ("Our office is in Colombo.", "We can spend Rs. 9,000 per month.", "LKR", 9_000),
])
def test_an_earlier_country_replaces_a_shared_words_default(earlier, text, code, amount):
    ex = place_budget(extract(text), earlier)
    assert ex.updates["budget_usd_month"] == pytest.approx(usd_rate(code).to_usd(amount), rel=1e-3)
    assert any(code in n and "INR" not in n for n in ex.notes) and code in ex.evidence["budget_usd_month"]


def test_a_country_in_the_message_itself_keeps_its_reading():
    ex = extract("We are in Kathmandu; budget Rs 5,000 a month.")
    assert place_budget(ex, "Our first office was in Lahore.").updates == ex.updates   # NPR, from the message itself
    assert extract("Budget: Rs 2,500 a month.").defaulted   # read as INR, open to an earlier country
