"""Money around an amount (agents/understand/numbers/money.yaml): currencies, periods and unit prices; every example of
the file holds, and budgets in other currencies are converted at the dated rates of knowledge/currency.yaml."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.money import EXAMPLES
from knowledge.currency import load_rates, usd_rate


@pytest.mark.parametrize("text, amount, code", EXAMPLES["says"])
def test_every_example_is_a_monthly_budget_in_its_currency(text, amount, code):
    got = extract(text).updates.get("budget_usd_month")
    expected = amount if code == "USD" else usd_rate(code).to_usd(amount)
    assert got == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("text", EXAMPLES["not"])
def test_every_counter_example_sets_no_budget(text):
    assert "budget_usd_month" not in extract(text).updates


def test_every_currency_the_words_name_has_a_dated_rate():
    from agents.understand.numbers import money
    named = set(money._BEFORE.values()) | set(money._AFTER.values()) | set(money._DOLLAR_PREFIXES.values())
    assert named - {"USD"} - money.WITHOUT_RATE <= set(load_rates())
    assert not money.WITHOUT_RATE & set(load_rates())   # a currency given a rate leaves the list


@pytest.mark.parametrize("text, code", [("ბიუჯეტი თვეში 150 ლარი.", "GEL"), ("We can spend KES 50,000 a month.", "KES"),
                                        ("Бюджет — 40 000 теңге айына.", "KZT"), ("Buxheti është 12 000 lekë në muaj.", "ALL"),
                                        ("Ngân sách khoảng 3 triệu đồng mỗi tháng.", "VND"),
                                        ("our budget is ₦150,000 a month", "NGN"),
                                        # round 11 (fix11): so'm with its suffix, pesos placed by a city or by nothing
                                        ("Oyiga 500 ming so'mgacha sarflay olamiz.", "UZS"),
                                        ("Desde Bogotá: tenemos 300.000 pesos al mes.", "COP"),
                                        ("El presupuesto es de 300.000 pesos al mes.", "PESO")])
def test_an_amount_in_a_currency_without_a_rate_is_asked_for_in_usd_not_guessed(text, code):
    ex = extract(text)
    assert "budget_usd_month" not in ex.updates
    assert any(f"no dated exchange rate for {code}" in n and "USD" in n for n in ex.notes)


@pytest.mark.parametrize("text, code", [("¥20,000 a month", "JPY"), ("每月预算¥2000元", "CNY")])
def test_the_yen_sign_is_the_yuan_in_chinese_text(text, code):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd_rate(code).to_usd(20000 if code == "JPY"
                                                                                                 else 2000), rel=1e-3)
