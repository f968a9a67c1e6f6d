"""Amounts written with dot thousands and a comma decimal ("2.500,00 €") are read as one number."""

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.digits import parse_numeric


@pytest.mark.parametrize("token, value", [("2.500,00", 2500.0), ("1.234,56", 1234.56), ("12.000.000,5", 12000000.5)])
def test_dot_thousands_with_a_comma_decimal(token, value):
    assert parse_numeric(token)[0] == pytest.approx(value)


def test_a_budget_written_the_german_way_converts_like_the_plain_one():
    plain = extract("Budget 2500 € pro Monat").updates["budget_usd_month"]
    assert extract("Budget: 2.500,00 € im Monat").updates["budget_usd_month"] == plain


@pytest.mark.parametrize("token, value", [("1.5", 1.5), ("2,50", 2.5), ("1.000", 1000.0), ("3.14159", 3.14159),
                                          ("1,234.56", 1234.56)])
def test_other_forms_keep_their_reading(token, value):
    assert parse_numeric(token)[0] == pytest.approx(value)
