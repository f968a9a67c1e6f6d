"""Session 15 (u14bugs) known misreadings, with examples in my own words: a number another rule already read is no
bare answer to the question just asked, a laptop with no GPU is still a laptop, and an amount without a currency after
the user wrote one is in it."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract
from agents.understand.numbers.money import in_dollars
from agents.understand.placed_money import earlier_currency


@pytest.mark.parametrize("message", [
    "roughly 3k new contracts every week",
    "около 4 тысяч новых писем в неделю",
    "we get around 300 fresh tickets daily",
    "each month about 900 new invoices arrive",
])
@pytest.mark.parametrize("asked", ["budget_usd_month", "documents", "memory_gb", "latency_ms", "avg_doc_tokens"])
def test_a_stream_rate_answers_no_other_question(message, asked):
    ex = extract(message, Profile(), asked)
    assert "ingest_per_day" in ex.updates   # read once, as new items
    assert asked not in ex.updates


@pytest.mark.parametrize("message, asked", [
    ("12 cores", "budget_usd_month"),
    ("about 6 hours overnight for indexing", "documents"),
])
def test_a_number_read_as_cores_or_a_window_answers_nothing_else(message, asked):
    assert asked not in extract(message, Profile(), asked).updates


@pytest.mark.parametrize("message, asked, value", [
    ("around 400", "budget_usd_month", 400.0),
    ("maybe 30k", "budget_usd_month", 30_000.0),
    ("about 3 million", "documents", 3_000_000),
    ("2k a week", "ingest_per_day", round(2000 / 7, 2)),
])
def test_a_bare_number_still_answers_the_question(message, asked, value):
    assert extract(message, Profile(), asked).updates[asked] == value


@pytest.mark.parametrize("message", [
    "just a laptop, no GPU",
    "my notebook has no graphics card",
    "laptop without any dedicated GPU",
    "un portátil sin tarjeta gráfica",
    "mein Laptop, keine GPU",
    "ноутбук без GPU",
    "笔记本电脑，没有GPU",
    "노트북인데 GPU 없어요",
    "laptop tanpa GPU",
])
def test_a_laptop_without_a_gpu_is_a_cpu_laptop(message):
    ex = extract(message)
    assert ex.updates.get("hardware") == "cpu"
    assert ex.updates.get("device") == "laptop"


@pytest.mark.parametrize("message", [
    "a laptop with an RTX 4060",
    "gaming laptop, it has a GeForce card with 8 GB",
])
def test_a_laptop_with_a_gpu_we_do_not_list_names_no_laptop(message):
    ex = extract(message)
    assert ex.updates.get("hardware") == "gpu"
    assert "device" not in ex.updates


@pytest.mark.parametrize("message", ["a desktop with no GPU", "one server, no graphics card", "a mini PC without a GPU"])
def test_other_machines_without_a_gpu_are_cpu_only(message):
    ex = extract(message)
    assert ex.updates.get("hardware") == "cpu"
    assert ex.updates.get("device") is None


def _usd(amount: float, code: str) -> float:
    converted = in_dollars(amount, code)
    assert converted is not None
    return converted[0]


@pytest.mark.parametrize("message", ["sorry, not 5k, 50k", "make it 50k", "hmm, 5k nahi, 50k"])
def test_a_correction_keeps_the_currency_of_the_amount_it_corrects(message):
    ex = extract(message, Profile(budget_usd_month=_usd(5000, "INR")), currency="INR")
    assert ex.updates["budget_usd_month"] == _usd(50_000, "INR")
    assert any("INR" in n and "earlier" in n for n in ex.notes)   # the assumption is said


@pytest.mark.parametrize("message, currency, value", [
    ("50000", "INR", _usd(50_000, "INR")),
    ("around 800", "EUR", _usd(800, "EUR")),
    ("800", "USD", 800.0),
    ("800", None, 800.0),
    ("800 dollars", "EUR", 800.0),   # a currency written here wins
    ("900 EUR", "INR", _usd(900, "EUR")),
])
def test_a_bare_answer_to_the_budget_question_takes_the_earlier_currency(message, currency, value):
    assert extract(message, Profile(), "budget_usd_month", currency=currency).updates["budget_usd_month"] == value


def test_without_an_earlier_currency_a_correction_of_a_converted_budget_is_not_guessed():
    assert "budget_usd_month" not in extract("make it 50k", Profile(budget_usd_month=_usd(5000, "INR"))).updates


@pytest.mark.parametrize("said, code", [
    (["budget 5k INR a month"], "INR"),
    (["we're in Pune", "we could spend ₹8,000 monthly"], "INR"),
    (["budget 500 EUR a month", "we also pay $40 for hosting"], "USD"),   # the newest amount named
    (["about 2 million documents, 16 GB RAM"], None),
    (["Bajeti ni shilingi 2,000 kwa mwezi"], None),   # no country named: it was asked again in USD
    ([], None),
])
def test_the_currency_used_earlier(said, code):
    assert earlier_currency(said) == code


@pytest.mark.parametrize("message, documents", [
    ("here is the top of it:\nsku,name,description,price\n17,Blue mug,A mug that is blue,9.99\n$ wc -l products.csv\n"
     "8401 products.csv", 8400),
    ("questions.tsv has 2,501 lines including the header", 2500),
    ("wc -l says 15001; the first line is the header", 15000),
    ("Die Datei hat 3.001 Zeilen mit Kopfzeile", 3000),
])
def test_a_line_count_with_a_header_is_one_document_fewer(message, documents):
    ex = extract(message)
    assert ex.updates["documents"] == documents
    assert any("header" in n for n in ex.notes)


@pytest.mark.parametrize("message, documents", [
    ("$ wc -l events.jsonl\n64001 events.jsonl", 64001),                  # no header shown or said
    ("the export has 9,001 lines plus a header", None),                  # the header is already left out
    ("every file has a header line; roughly 3 million rows overall", 3_000_000),   # rows, not lines
    ("about 20,001 support tickets", 20001),
])
def test_no_header_line_is_taken_off_without_a_header(message, documents):
    assert extract(message).updates.get("documents") == documents
