"""Numbers in words and digits, ranges, and what they measure (documents, length, rate, latency, memory, budget)."""

from __future__ import annotations

import math

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.changes import EXAMPLES as CHANGES
from agents.understand.numbers.foreign_streams import EXAMPLES as STREAM_EXAMPLES
from agents.understand.numbers.measures import find_measures
from agents.understand.numbers.operations import find_operations
from agents.understand.numbers.quantities import LENGTH_UNITS, TOKENS_PER_WORD, find_numbers, fmt
from agents.understand.numbers.timing import TIMING
from agents.understand.prep import prepare
from knowledge.currency import usd_rate


def values(text: str) -> list[float]:
    return [n.value for n in find_numbers(prepare(text))]


@pytest.mark.parametrize("text, expected", [
    ("2,000,000", 2_000_000), ("1.5M", 1_500_000), ("10k", 10_000), ("3 billion", 3e9), ("3bn", 3e9),
    ("twelve thousand", 12_000), ("half a million", 500_000), ("a million", 1e6), ("one and a half million", 1.5e6),
    ("2 and a half million", 2.5e6), ("two hundred fifty thousand", 250_000), ("two hundred and fifty thousand", 250_000),
    ("twenty-five", 25), ("a hundred thousand", 100_000), ("a dozen", 12), ("1e6", 1e6), ("10^6", 1e6),
    ("1,5 million", 1.5e6), ("10 k", 10_000), ("2.5 mil", 2.5e6), ("a quarter of a million", 250_000),
])
def test_number_phrases(text, expected):
    assert values(text) == [pytest.approx(expected)]


@pytest.mark.parametrize("text, expected, low", [
    ("1-2 million", 2e6, 1e6), ("between 500 and 1000", 1000, 500), ("10k-20k", 20_000, 10_000),
    ("3 to 4 thousand", 4000, 3000),
])
def test_ranges_fold_to_their_upper_bound(text, expected, low):
    (n,) = find_numbers(prepare(text))
    assert (n.value, n.low) == (pytest.approx(expected), pytest.approx(low)) and n.approx


@pytest.mark.parametrize("text, expected", [
    ("a few thousand", 3000), ("hundreds of thousands", 300_000), ("tens of thousands", 30_000), ("a couple of million", 2e6),
    ("several million", 5e6), ("millions of", 3e6),
])
def test_vague_amounts_are_flagged_approximate(text, expected):
    (n,) = find_numbers(prepare(text))
    assert n.value == pytest.approx(expected) and n.approx


@pytest.mark.parametrize("text", ["a", "half of them", "no", "an apple", "a lot", "hundreds", "tens"])
def test_words_that_are_not_quantities(text):
    assert values(text) == []


def measures(text: str, expecting: str | None = None) -> dict[str, float]:
    return {m.field: m.value for m in find_measures(prepare(text), expecting)}


@pytest.mark.parametrize("text, field, value", [
    ("2 million clinical notes", "documents", 2e6),
    ("half a million scanned PDF pages", "documents", 5e5),
    ("thousands of emails", "documents", 3000),
    ("we dedupe 800k job postings", "documents", 8e5),
    ("1.2M candidate profiles", "documents", 1.2e6),
    ("corpus of about 2M", "documents", 2e6),
    ("each ~500 words", "avg_doc_tokens", round(500 * TOKENS_PER_WORD)),
    ("chunks of 512 tokens", "avg_doc_tokens", 512),
    ("2 pages each", "avg_doc_tokens", round(2 * LENGTH_UNITS["pages"])),
    ("4000 characters per document", "avg_doc_tokens", 1000),
    ("500-word articles", "avg_doc_tokens", 650),
    ("100 QPS", "queries_per_second", 100),
    ("100qps", "queries_per_second", 100),
    ("1000 queries per minute", "queries_per_second", 1000 / 60),
    ("1M queries a day", "queries_per_second", 1e6 / 86400),
    ("10k searches per hour", "queries_per_second", 10_000 / 3600),
    ("under 50 ms", "latency_ms", 50),
    ("respond within 2 seconds", "latency_ms", 2000),
    ("sub-second", "latency_ms", 1000),
    ("16 GB RAM", "memory_gb", 16),
    ("16GB", "memory_gb", 16),
    ("512 MB of memory", "memory_gb", 0.5),
    ("1 TB of RAM", "memory_gb", 1024),
    ("$200 a month", "budget_usd_month", 200),
    ("$2.4k per year", "budget_usd_month", 200),
    ("200 dollars/month", "budget_usd_month", 200),
    ("budget of $300", "budget_usd_month", 300),
    ("EUR 50 monthly", "budget_usd_month", usd_rate("EUR").to_usd(50)),   # at the dated reference rate
])
def test_units_decide_the_field(text, field, value):
    got = measures(text)
    assert field in got, got
    assert math.isclose(got[field], value, rel_tol=1e-3)


@pytest.mark.parametrize("text, absent", [
    ("100 queries", "queries_per_second"),           # no rate
    ("we have 2 GPUs", "documents"),
    ("50 GB of text", "memory_gb"),                  # data volume, not memory
    ("a 2 TB corpus", "memory_gb"),
    ("$0.02 per 1M tokens", "budget_usd_month"),     # a unit price
    ("3 seconds per document to encode", "latency_ms"),
    ("10 billion tokens in total", "avg_doc_tokens"),
    ("version 2", "documents"),
])
def test_numbers_that_do_not_set_a_field(text, absent):
    assert absent not in measures(text)


def test_bare_numbers_need_an_expected_field():
    assert measures("about 2 million") == {}
    assert measures("about 2 million", "documents") == {"documents": 2e6}
    assert measures("200", "budget_usd_month") == {"budget_usd_month": 200}
    assert measures("16", "memory_gb") == {"memory_gb": 16}
    assert measures("two", "avg_doc_tokens") == {}, "a tiny bare number is not a document length"


def test_data_volume_and_total_tokens_produce_notes():
    notes = [m.note for m in find_measures(prepare("our corpus is 50 GB and 10 billion tokens in total"))]
    assert sum(bool(n) and "how many documents" in n for n in notes) == 2


def test_length_evidence_states_the_assumption():
    (m,) = find_measures(prepare("notes of about 300 words"))
    assert m.field == "avg_doc_tokens" and "1.3 tokens per word" in m.detail


def test_fmt():
    assert fmt(2_000_000) == "2,000,000" and fmt(16.6667) == "16.67"


@pytest.mark.parametrize("text, field, value", TIMING["examples"])
def test_speed_words_of_other_languages(text, field, value):
    assert measures(text).get(field) == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize("text, ms", [("a quarter of a second per query is fine", 250), ("half a second max", 500)])
def test_a_fraction_of_a_second_with_its_limit_after_it(text, ms):
    assert measures(text).get("latency_ms") == ms


@pytest.mark.parametrize("field, old, message, new", CHANGES["says"])
def test_a_figure_changed_by_a_factor_the_message_names(field, old, message, new):
    from agents.profile import Profile
    assert extract(message, Profile(**{field: old})).updates.get(field) == pytest.approx(new)


@pytest.mark.parametrize("field, old, message", CHANGES["not"])
def test_a_change_by_a_factor_needs_a_named_field_and_a_statement(field, old, message):
    from agents.profile import Profile
    assert field not in extract(message, Profile(**{field: old})).updates


@pytest.mark.parametrize("text, field, value", STREAM_EXAMPLES)
def test_new_items_per_period_in_other_languages(text, field, value):
    found = find_operations(prepare(text))
    assert {s.field: s.value for s in found}.get(field) == pytest.approx(value, rel=1e-3)
    assert "documents" not in measures(text)


@pytest.mark.parametrize("text, value", [("ecishe ibe yizigidi eziyi-8", 8e6), ("izinkulungwane ezingu-300", 3e5),
                                         ("tua 4 miliwn", 4e6), ("rreth 7 milionë", 7e6), ("zhruba 2,5 milióna", 2.5e6)])
def test_scale_words_of_round_11_languages(text, value):
    """A million said in isiZulu before its digits (with a concord), or in the million stem of other spellings."""
    (n,) = find_numbers(prepare(text))
    assert n.value == pytest.approx(value) and n.scaled


@pytest.mark.parametrize("message, expected", [
    ("semantic near-dup detection on a 100M-page english web crawl", {"documents": 100_000_000, "avg_doc_tokens": None}),
    ("a 300-page report", {"avg_doc_tokens": 195_000}),   # one long document: a length
])
def test_a_huge_page_count_before_a_collection_counts_pages(message: str, expected: dict) -> None:
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message, expected", [
    ("600k tracks, we have a 30s preview for each", {"avg_doc_tokens": 1500}),       # 30 s of sound at 50 frames/s
    ("editors type a brief like 'melancholic piano, rain, slow build'", {"avg_doc_tokens": None}),   # a query, no doc
    ("brief notes like 'call back tomorrow, client unhappy'", {"avg_doc_tokens": 6}),   # "brief", the adjective
    ("Maqalelerimiz ortalama 200 söz.", {"avg_doc_tokens": 260}),   # Crimean Tatar "söz" (words)
])
def test_clip_previews_and_briefs(message: str, expected: dict) -> None:
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected
