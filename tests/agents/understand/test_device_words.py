"""Devices named in other languages (agents/understand/device_words.yaml): every example of the file holds."""

from __future__ import annotations

import pytest

from agents.understand.devices import DEVICE_WORDS
from agents.understand.extract import extract
from agents.understand.vocabfile import read_vocabulary

EXAMPLES = read_vocabulary(DEVICE_WORDS)["examples"]


@pytest.mark.parametrize("text", EXAMPLES["says"])
def test_a_laptop_named_in_another_language_is_the_laptop_row(text):
    updates = extract(text).updates
    assert updates.get("device") == "laptop" and updates.get("hardware") == "cpu"


@pytest.mark.parametrize("text", EXAMPLES["not"])
def test_a_portable_thing_or_a_phone_is_no_laptop(text):
    assert extract(text).updates.get("device") != "laptop"


def test_a_gpu_in_the_laptop_still_decides():
    assert extract("un portátil con una RTX 3060").updates.get("hardware") == "gpu"
