"""Counts whose noun is not a document word, misspelt number words, budgets in words and in other currencies."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract
from agents.understand.spelling import as_number_word
from knowledge.currency import load_rates, usd_rate


@pytest.mark.parametrize("message, documents", [
    ("we want to see which themes recur in 90k open-ended survey answers", 90_000),
    ("about 250k recipes, searched by ingredient", 250_000),
    ("12k transcribed interviews in English", 12_000),
    ("bug reports that duplicate older ones; there are ~70k in Jira", 70_000),
    ("customer questions we already answered - roughly 30k of them sit in Zendesk", 30_000),
    ("we got abt 40 thousnd recipes in English", 40_000),         # a misspelt number word
    ("two hundered thousand emails", 200_000),
])
def test_a_count_of_any_data_noun_is_a_document_count(message, documents):
    assert extract(message).updates.get("documents") == documents


@pytest.mark.parametrize("message", [
    "we have 5,000 customers in Europe",
    "about 2M monthly active users",
    "we get 20k visits a day",
    "it took 3000 hours to label",
    "50k lines of code",
    "our team has 40 engineers. There are 70k seats in the stadium",
    "we sell gold bullion to 3000 clients",
])
def test_people_traffic_time_and_size_are_no_document_count(message):
    assert "documents" not in extract(message).updates


@pytest.mark.parametrize("typo, word", [("thousnd", "thousand"), ("thousend", "thousand"), ("hunderd", "hundred"),
                                        ("billon", "billion"), ("milions", "millions")])
def test_a_misspelt_scale_word_is_read_as_meant(typo, word):
    assert as_number_word(typo) == word


@pytest.mark.parametrize("word", ["bullion", "billing", "mission", "thousandth", "hundreds", "milk"])
def test_real_words_near_a_scale_word_stay(word):
    assert as_number_word(word) == word


@pytest.mark.parametrize("message, budget", [
    ("two grand a month tops", 2000),
    ("we could do 3 grand per month", 3000),
    ("budget of 12 grand a year", 1000),
])
def test_grand_is_thousands_of_dollars(message, budget):
    assert extract(message).updates.get("budget_usd_month") == pytest.approx(budget)


@pytest.mark.parametrize("message, code, amount", [
    ("we can spend £400 a month on this", "GBP", 400),
    ("budget is 300 euros a month", "EUR", 300),
    ("€1,200 per year at most", "EUR", 100),
    ("no more than 250 pounds monthly", "GBP", 250),
])
def test_a_budget_in_euros_or_pounds_is_converted_at_the_dated_rate_and_says_so(message, code, amount):
    ex = extract(message)
    rate = usd_rate(code)
    assert ex.updates["budget_usd_month"] == pytest.approx(rate.to_usd(amount), rel=1e-3)
    note = " ".join(ex.notes)
    assert rate.as_of in note and str(rate.usd_per_unit) in note and "converted" in note


def test_the_rates_are_sourced_and_dated():
    rates = load_rates()
    assert {"EUR", "GBP"} <= set(rates)
    for r in rates.values():   # none is worth more than the Kuwaiti dinar (about 3.3 USD); EUR, GBP and CHF above 0.5
        assert r.as_of and r.source and 0 < r.usd_per_unit < 3.5
    assert all(0.5 < rates[c].usd_per_unit for c in ("EUR", "GBP", "CHF"))


def test_a_grand_total_is_no_budget():
    assert "budget_usd_month" not in extract("a grand total of 300 documents", Profile()).updates


@pytest.mark.parametrize("message, profile, field, value", [
    ("sorry, make that 250k, not 100k", Profile(documents=100_000), "documents", 250_000),
    ("oops - make that 3 million, not 1", Profile(documents=1_000_000), "documents", 3_000_000),
    ("make it 50, not 100", Profile(documents=100_000, latency_ms=100), "latency_ms", 50),
])
def test_a_bare_correction_names_its_field_by_the_value_it_replaces(message, profile, field, value):
    assert extract(message, profile).updates.get(field) == pytest.approx(value)


def test_a_bare_number_that_replaces_nothing_given_changes_nothing():
    assert extract("make it 7, not 5", Profile(documents=100_000)).updates == {}
