"""The number words of other languages (agents/understand/numbers/number_words.yaml): every example of the file holds,
and counts written with them become document counts in whole messages."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.nouns import EXAMPLES as NOUN_EXAMPLES
from agents.understand.numbers.quantities import find_numbers
from agents.understand.numbers.words import EXAMPLES
from agents.understand.prep import prepare


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(prepare(text))]


@pytest.mark.parametrize("text, value", EXAMPLES["says"])
def test_every_example_of_the_file_reads_as_its_number(text, value):
    assert values(text) == [pytest.approx(value)]


@pytest.mark.parametrize("text", EXAMPLES["not"])
def test_every_counter_example_of_the_file_reads_as_no_number(text):
    assert values(text) == []


@pytest.mark.parametrize("text, count", NOUN_EXAMPLES["says"])
def test_every_document_noun_example_sets_its_count(text, count):
    assert extract(text).updates.get("documents") == pytest.approx(count)


@pytest.mark.parametrize("text", NOUN_EXAMPLES["not"])
def test_every_document_noun_counter_example_sets_no_count(text):
    assert "documents" not in extract(text).updates
