"""Session 15 (u14bugs): large numbers in Korean, Chinese and Japanese myriads (만/万 = 10^4, 억/亿/億 = 10^8) with a
smaller unit before the myriad ("5천만" = 50 million) or two groups ("3억 5천만"), counts with only a counter ("약 2억
건"), and spelled thousands in Latin and Igbo. Examples in my own words."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.quantities import find_numbers
from agents.understand.prep import prepare


def _values(text: str) -> list[float]:
    return [n.value for n in find_numbers(prepare(text))]


@pytest.mark.parametrize("text, value", [
    ("2억 7천만", 270_000_000),
    ("4천만", 40_000_000),
    ("1만 5천", 15_000),
    ("0.8억", 80_000_000),
    ("6亿3千万", 630_000_000),
    ("2億4千万", 240_000_000),
    ("8千万", 80_000_000),
    ("2万5千", 25_000),
    ("四千万", 40_000_000),
])
def test_myriads_with_a_smaller_unit_before_them(text, value):
    assert _values(text) == [value]


@pytest.mark.parametrize("text, values", [
    ("5 million 3 million", [5_000_000, 3_000_000]),     # two counts, not one
    ("10 thousand 4 thousand", [10_000, 4_000]),
    ("3000만", [30_000_000]),
])
def test_other_scales_are_not_joined_as_myriads(text, values):
    assert _values(text) == values


@pytest.mark.parametrize("message, documents", [
    ("저희 아카이브에는 기사가 2억 7천만 건 있어요", 270_000_000),
    ("대략 4천만 건 정도 됩니다", 40_000_000),
    ("판결문 1억건", 100_000_000),
    ("我们的档案里大概有6亿3千万条记录", 630_000_000),
    ("契約書は約2億4千万件あります", 240_000_000),
])
def test_counts_in_myriads_set_the_documents(message, documents):
    assert extract(message).updates["documents"] == documents


@pytest.mark.parametrize("message", ["파라미터가 5억 개인 모델을 쓰고 싶어요", "사용자는 30만 명이에요", "예산은 월 50만 원"])
def test_a_myriad_count_of_no_documents_sets_none(message):
    assert "documents" not in extract(message).updates


@pytest.mark.parametrize("message, documents", [
    ("anyị nwere ihe dị ka puku iri atọ akwụkwọ", 30_000),
    ("puku ise akwụkwọ", 5_000),
    ("nde abụọ akwụkwọ", 2_000_000),
    ("servamus quinque milia epistularum", 5_000),
    ("habemus triginta milia documentorum", 30_000),
])
def test_spelled_thousands_in_igbo_and_latin(message, documents):
    assert extract(message).updates["documents"] == documents


@pytest.mark.parametrize("message", ["puku akwụkwọ ndị a dị mma", "sex milia passuum ambulavimus heri et lassi sumus"])
def test_igbo_and_latin_words_without_a_count_of_documents(message):
    # "puku" with no number word after it is no count; a Latin distance is no corpus (6,000 paces were walked)
    assert "documents" not in extract(message).updates
