"""Session 15 (u14bugs) known misreadings, with examples in my own words: a number another rule already read is no
bare answer to the question just asked, and a laptop with no GPU is still a laptop."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


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
