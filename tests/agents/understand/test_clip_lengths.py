"""The length of sound items in a message is their length in encoder frames (50 per second of audio)."""

import pytest

from agents.understand.extract import extract


@pytest.mark.parametrize("message, seconds", [
    ("we cut the field recordings into 5-second windows", 5),
    ("our back catalogue: 80k songs averaging 4 min", 240),
    ("about 1M full tracks, average 3.5 minutes, in lossless masters", 210),
    ("support voicemails of about 40 s each", 40),
])
def test_sound_item_lengths_are_read_as_frames(message, seconds):
    assert extract(message).updates.get("avg_doc_tokens") == seconds * 50


@pytest.mark.parametrize("message", [
    "the page loads in 3 seconds on average",
    "tracks the average 3 minutes users spend per session",
])
def test_other_durations_are_no_clip_length(message):
    assert "avg_doc_tokens" not in extract(message).updates
