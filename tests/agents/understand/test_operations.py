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
    # hours as an aside after when the job runs
    ("the box re-embeds the whole library overnight, roughly 9 hours", {"index_window_hours": 9}),
    ("our nightly re-index runs overnight (~7h)", {"index_window_hours": 7}),
    # a window said in words: a span of weekdays, the weekend, a day
    ("the initial embedding may run from saturday 6am until sunday 10pm", {"index_window_hours": 40}),
    ("the complete re-run can go thursday evening to monday morning", {"index_window_hours": 86}),
    ("we'd backfill between fri 19:00 and mon 07:00", {"index_window_hours": 60}),
    ("the first indexing can run during the weekend", {"index_window_hours": 48}),
    ("a rebuild of the index must be finished within a day", {"index_window_hours": 24}),
    ("re-embedding everything has to be done in one night", {"index_window_hours": 12}),
    # a job that runs "overnight" with no hours is one night's window
    ("no budget, the workstation can chew through it overnight", {"index_window_hours": 12}),
    ("I'd just leave it running on the office desktop overnight", {"index_window_hours": 12}),
    # a pass over the corpus is an indexing job
    ("the first full pass over the photos has to be done within 36h", {"index_window_hours": 36}),
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
    ("support is staffed from monday to friday", "index_window_hours"),                       # no indexing
    ("we go hiking over the weekend", "index_window_hours"),
    ("we embed about 300 new documents in a day", "index_window_hours"),                       # a rate, no limit
    ("the support team answers overnight tickets from Asia", "index_window_hours"),             # no job run overnight
    ("our flights run overnight to Singapore", "index_window_hours"),                          # no job, no computer
])

def test_lookalikes_set_nothing(message, field):
    assert field not in extract(message).updates


@pytest.mark.parametrize("message, cores, memory", [
    ("we can use 4 spare servers with 32 cores / 256GB each", 128, 256),
    ("two boxes, 24 cores", 48, None),
    ("3x 64-core nodes are free at night", 192, None),
    ("a cluster of 6 VMs, each with 8 vCPUs and 32 GB RAM", 48, 32),
    ("three servers with 96 cores in total", 96, None),     # a total is not multiplied
    ("one server with 64 cores", 64, None),
])
def test_cores_of_several_machines_are_summed(message, cores, memory):
    ex = extract(message)
    assert ex.updates.get("cpu_cores") == cores
    assert ex.updates.get("memory_gb") == memory            # memory stays one machine's
    summed = [n for n in ex.notes if "CPU cores:" in n]
    assert bool(summed) == (cores not in (96, 64))          # the reply says what was summed
    if summed:
        assert "split across them" in summed[0]


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
