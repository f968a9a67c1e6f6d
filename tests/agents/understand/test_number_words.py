"""The number words of other languages (agents/understand/numbers/number_words.yaml): every example of the file holds,
and counts written with them become document counts in whole messages."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.nouns import EXAMPLES as NOUN_EXAMPLES
from agents.understand.numbers.quantities import find_numbers
from agents.understand.numbers.spelled import EXAMPLES as SPELLED
from agents.understand.numbers.words import EXAMPLES
from agents.understand.prep import prepare


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(prepare(text))]


# number_words.yaml, then spelled_numbers.yaml (numbers spelled out in words: "deux cent mille", "zweihunderttausend")
@pytest.mark.parametrize("text, value", EXAMPLES["says"] + SPELLED["says"])
def test_every_example_of_the_files_reads_as_its_number(text, value):
    assert values(text) == [pytest.approx(value)]


@pytest.mark.parametrize("text", EXAMPLES["not"] + SPELLED["not"])
def test_every_counter_example_of_the_files_reads_as_no_number(text):
    assert values(text) == []


@pytest.mark.parametrize("text, value", [("Es sind 1'200'000 Dossiers", 1_200_000), ("لدينا ٧٥٠٬٠٠٠ منتج", 750_000),
                                         ("حدود ۳۵۰٬۰۰۰ سند", 350_000), ("१२,५०,००० दावे", 1_250_000),
                                         ("12,50,000 claims", 1_250_000), ("rund 30tsd Akten", 30_000),
                                         ("١٫٥ مليون وثيقة", 1_500_000)])
def test_local_digits_and_separators_read_as_one_number(text, value):
    assert values(text) == [pytest.approx(value)]


@pytest.mark.parametrize("text, count", NOUN_EXAMPLES["says"])
def test_every_document_noun_example_sets_its_count(text, count):
    assert extract(text).updates.get("documents") == pytest.approx(count)


@pytest.mark.parametrize("text", NOUN_EXAMPLES["not"])
def test_every_document_noun_counter_example_sets_no_count(text):
    assert "documents" not in extract(text).updates


@pytest.mark.parametrize("text, count", [("around 12 thousand", 12_000), ("cerca de 80 mil", 80_000), ("~3M", 3_000_000),
                                         ("environ 250 000", 250_000), ("약 5만", 50_000)])
def test_a_lone_count_answers_the_corpus_size_before_it_was_asked(text, count):
    assert extract(text, expecting=("domain", "privacy")).updates == {"documents": count}


@pytest.mark.parametrize("text", ["about 12", "2025", "48213", "16 GB", "around 12 thousand users"])
def test_a_small_number_a_year_a_size_or_a_counted_noun_is_no_lone_count(text):
    assert "documents" not in extract(text, expecting=("domain", "privacy")).updates


def test_a_lone_count_does_not_replace_a_corpus_size_already_given():
    from agents.profile import Profile
    assert "documents" not in extract("about 45 thousand", Profile(documents=2_000_000), expecting="domain").updates


def test_every_compound_head_and_stem_is_a_word_not_a_stray_token():
    # a comment line inside a folded YAML block would add "and" or "#"
    from agents.understand.numbers import nouns
    assert all("#" not in w and not (w.isascii() and len(w) < 4) for w in nouns._COMPOUND_HEADS + nouns._STEMS)
