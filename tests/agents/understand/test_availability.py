"""The time a user has for the indexing job, said without an indexing word (numbers/availability.py)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.numbers.availability import EXAMPLES


@pytest.mark.parametrize("message, hours", EXAMPLES["says"])
def test_window_is_read(message: str, hours: float) -> None:
    assert extract(message).updates.get("index_window_hours") == pytest.approx(hours)


@pytest.mark.parametrize("message", EXAMPLES["not"])
def test_no_window(message: str) -> None:
    assert "index_window_hours" not in extract(message).updates


@pytest.mark.parametrize("message, hours", [
    ("we have one RTX 4090 in the office that we can use at night, 8pm to 6am", 10),
    ("scratch that, the reservation got cut, we only have the two A100s for 6 hours", 6),
    ("we have 2x A100 80GB for this job, 12 hours reserved.", 12),
    ("16GB ram, intel iris xe graphics (not nvidia). it's 2am so realistically 7 hours", 7),
    ("Each night there is a full re-index, we have only 2 hours for it.", 2),
])
def test_window_in_a_longer_message(message: str, hours: float) -> None:
    assert extract(message).updates.get("index_window_hours") == pytest.approx(hours)


def test_hours_are_no_document_count() -> None:
    """An answer in hours to "how many documents?" is no count of documents."""
    assert "documents" not in extract("we only have the two A100s for 6 hours", expecting="documents").updates


def test_executor_cores_are_cores() -> None:
    """A Spark cluster's executor cores are the cores the job gets."""
    assert extract("we can get about 120 executor cores on the cluster").updates.get("cpu_cores") == 120
