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
    prefixed = {code for prefixes in money._GLUED_PREFIXES.values() for code in prefixes.values()}
    shared = {code for cues, default in money._BY_COUNTRY.values() for code in (*cues, default)}
    named = set(money._BEFORE.values()) | set(money._AFTER.values()) | prefixed | shared
    assert named - {"USD"} - money.WITHOUT_RATE - set(money._BY_COUNTRY) <= set(load_rates())
    assert not money.WITHOUT_RATE & set(load_rates())   # a currency given a rate leaves the list
    assert set(money.UNNAMED) <= money.WITHOUT_RATE   # a word of no named country is asked for


@pytest.mark.parametrize("text, code", [("Бюджет 12 000 сом в месяц.", "KGS"), ("Budget: 900,000 kip a month", "LAK"),
                                        ("We can spend 2,000 AWG a month.", "AWG"), ("We can spend MMK 100,000 a month.", "MMK")])
def test_an_amount_in_a_currency_without_a_rate_is_asked_for_in_usd_not_guessed(text, code):
    ex = extract(text)
    assert "budget_usd_month" not in ex.updates
    assert any(f"no dated exchange rate for {code}" in n and "USD" in n for n in ex.notes)


@pytest.mark.parametrize("text, said", [("El presupuesto es de 300.000 pesos al mes.", "300.000 pesos"),
                                        ("Bajeti ni shilingi 2,000 kwa mwezi.", "2,000 shillings"),
                                        ("الميزانية 900 ريال شهريا", "900 riyals"),
                                        ("Budget is 500 dinars a month", "500 dinars")])
def test_a_currency_word_of_no_named_country_is_named_back_and_asked_in_usd(text, said):
    ex = extract(text)
    assert "budget_usd_month" not in ex.updates
    assert any(said in n and "which country" in n and "USD" in n for n in ex.notes)


@pytest.mark.parametrize("text, code, amount", [("Desde Bogotá: tenemos 300.000 pesos al mes.", "COP", 300_000),
                                                ("Oyiga 500 ming so'mgacha sarflay olamiz.", "UZS", 500_000),
                                                ("We're in Mombasa; Sh 8,000 a month is fine.", "KES", 8_000),
                                                ("Lahore startup, 30,000 rupees a month", "PKR", 30_000),
                                                ("Budget: 600 francs par mois, nous sommes à Dakar", "XOF", 600)])
def test_a_currency_word_takes_the_country_the_message_names(text, code, amount):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd_rate(code).to_usd(amount), rel=1e-3)


@pytest.mark.parametrize("text, code", [("¥20,000 a month", "JPY"), ("每月预算¥2000元", "CNY")])
def test_the_yen_sign_is_the_yuan_in_chinese_text(text, code):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd_rate(code).to_usd(20000 if code == "JPY"
                                                                                                 else 2000), rel=1e-3)


def test_free_as_in_available_is_no_zero_budget():
    from agents.understand.extract import extract
    assert "budget_usd_month" not in extract("the GPU box is only free between 1 and 4 at night").updates
    assert "budget_usd_month" not in extract("the server must be free by 7am for the backups").updates
    assert extract("it must be free, we have no money").updates.get("budget_usd_month") == 0.0


@pytest.mark.parametrize("text, usd", [("Ko e patiseti ki he māhina ko e paʻanga ʻe 800", 341.04),   # 800 x 0.4263 (NRBT)
                                       ("Budget: 376 BHD a month", 1000.0),   # the 0.376 peg
                                       ("މަހަކު ބަޖެޓަކީ 1542 ރުފިޔާ", 100.0),   # the MVR 15.42 official rate
                                       ("Mipela i gat 600 kina long wanpela mun", 154.08)])   # 600 x 0.2568
def test_a_budget_in_a_currency_given_a_rate_this_session_converts_at_its_sourced_figure(text, usd):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd, abs=0.05)


@pytest.mark.parametrize("text, usd", [("Notre budget: 2 229 026 francs congolais par mois, Kinshasa", 1000.0),   # BCC 2,229.0257
                                       ("Our Beirut team has 8,950,000 Lebanese pounds a month", 100.0),   # BdL 89,500
                                       ("We have J$15,761 a month", 100.0),   # BOJ close 157.61
                                       ("Temos 6.391 meticais por mês", 100.0),   # BM benchmark mid 63.91
                                       ("We can spend 2,272 kwacha a month, we're in Lusaka", 99.99),   # BoZ mid 22.7219
                                       ("Our Blantyre shop can spend 175,000 kwacha a month", 100.0),   # RBM K1,750
                                       ("Podemos gastar 36.624 córdobas al mes", 999.98)])   # BCN 36.6243
def test_a_budget_in_a_currency_given_a_rate_in_session_15_converts_at_its_sourced_figure(text, usd):
    assert extract(text).updates.get("budget_usd_month") == pytest.approx(usd, abs=0.05)


@pytest.mark.parametrize("text, asked", [("We can spend 2,000 kwacha a month", "without saying which country's kwacha"),
                                         ("الميزانية مليون ليرة شهريا", "without saying which country's lira")])
def test_kwacha_and_lira_of_no_named_country_are_asked_for_in_usd(text, asked):
    ex = extract(text)
    assert "budget_usd_month" not in ex.updates
    assert any(asked in n for n in ex.notes)
