"""How the index is run: CPU cores, the indexing window and the re-index frequency are read from free text."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.operations import EXAMPLES as OTHER_LANGUAGES
from agents.understand.numbers.operations import find_operations
from agents.understand.prep import prepare


@pytest.mark.parametrize("message, expected", [
    ("a CPU box with 32 cores and 64 GB of RAM", {"cpu_cores": 32, "memory_gb": 64}),
    ("we only have an 8-core VM, no GPU", {"cpu_cores": 8, "hardware": "cpu"}),
    ("CPU only, four cores", {"cpu_cores": 4}),
    ("the full index has to be rebuilt within 6 hours", {"index_window_hours": 6}),
    ("we can give the initial indexing 2 days at most", {"index_window_hours": 48}),
    ("our nightly batch job must be done in 8 hours", {"index_window_hours": 8}),
    ("the embedding pipeline can take up to 2 days", {"index_window_hours": 48}),
    ("a full re-embed may take 36 hours", {"index_window_hours": 36}),
    ("a full reindex once a month", {"reindex_per_month": 1}),
    ("we re-index everything twice a month", {"reindex_per_month": 2}),
    ("a full re-embed each quarter is fine", {"reindex_per_month": pytest.approx(1 / 3, abs=1e-3)}),
    ("we re-embed the whole corpus weekly", {"reindex_per_month": pytest.approx(52 / 12, abs=1e-3)}),
    # a job between two clock times is the window
    ("the full re-embedding runs nightly between 1am and 5am and has to be done by then", {"index_window_hours": 4}),
    ("our indexing job runs from 22:00 to 06:00", {"index_window_hours": 8}),
    ("re-index 1-5am every night", {"index_window_hours": 4, "reindex_per_month": 30}),
    # Japanese: cores, a weekly re-index that must finish within 6 hours
    ("CPU 24コア、メモリ64GBです。毎週日曜の夜に全件を再インデックスしていて、6時間以内に終わらせる必要があります。",
     {"cpu_cores": 24, "index_window_hours": 6, "reindex_per_month": pytest.approx(52 / 12, abs=1e-3)}),
])
def test_operations_are_read(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message, field", [
    ("latency must stay within 6 ms", "index_window_hours"),          # no indexing word
    ("we add 200 documents every week", "reindex_per_month"),        # new documents, not a full re-index
    ("the batch size is 32 and answers take 2 seconds", "index_window_hours"),   # no limit word
    ("the model has 12 layers", "cpu_cores"),
    ("we have 16 GPUs", "cpu_cores"),
    ("we cover 2-3 languages and index between 10 and 20 docs a day", "index_window_hours"),   # no clock times
    ("the office is open from 9 to 5", "index_window_hours"),                                  # no indexing
])
def test_lookalikes_set_nothing(message, field):
    assert field not in extract(message).updates


@pytest.mark.parametrize("message, priority", [
    ("Accuracy matters most to us, cost is secondary.", "quality"),
    ("cheapest option that's good enough please", "cost"),
    ("a good balance between quality and price", "balanced"),
])
def test_priority_is_read(message, priority):
    assert extract(message).updates.get("priority") == priority


def test_a_question_about_the_cheapest_model_sets_no_priority():
    from agents.understand.intent import read_intent
    message = "which is the cheapest option per month?"
    reading = read_intent(message)
    assert "priority" not in extract(message, ignore=reading.question_spans).updates


@pytest.mark.parametrize("text, field, value", OTHER_LANGUAGES["says"])
def test_every_example_in_another_language_reads_its_setting(text, field, value):
    got = {s.field: s.value for s in find_operations(prepare(text))}
    assert got.get(field) == pytest.approx(value, abs=1e-3)


@pytest.mark.parametrize("text", OTHER_LANGUAGES["not"])
def test_every_counter_example_in_another_language_reads_no_setting(text):
    assert find_operations(prepare(text)) == []
