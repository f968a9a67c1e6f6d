"""Transcripts measured by the talk's duration, and chunk sizes stated after a longer document length."""

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


@pytest.mark.parametrize("message, minutes", [
    ("we transcribe our customers' sales calls, ~200k a month, avg 30 min", 30),
    ("200k support calls a month, 30 min each on average, we only have the transcripts", 30),
    ("podcast transcripts from Whisper, episodes of about 45 minutes", 45),
    ("speech-to-text output of 1 hour lectures", 60),
])
def test_a_transcribed_talk_is_as_long_as_its_words(message, minutes):
    # ~150 spoken words a minute (knowledge/hardware.yaml), 1.3 tokens per word
    assert extract(message).updates.get("avg_doc_tokens") == round(minutes * 150 * 1.3)


def test_transcribed_calls_are_text_not_audio():
    assert extract("we transcribe our customers' sales calls and search them").updates.get("data_type") == "text"
    assert extract("we record sales calls and search the audio").updates.get("data_type") == "audio"


@pytest.mark.parametrize("message", [
    "we don't transcribe anything, we search 30-minute recordings of the audio directly",   # stays sound
    "the meeting is in 30 min, can you summarise the options?",                              # nothing transcribed
    "the transcription job takes 30 minutes per batch",                                        # no talk's length
])
def test_other_durations_are_no_transcript_length(message):
    updates = extract(message).updates
    assert updates.get("avg_doc_tokens") != round(30 * 150 * 1.3)


def test_a_chunk_size_after_long_documents_counts_chunks():
    profile = Profile(data_type="text", avg_doc_tokens=5850, documents=100_000, ingest_per_day=6000.0)
    ex = extract("we'd chunk transcripts into ~300-word windows", profile)
    assert ex.updates["avg_doc_tokens"] == 390
    assert ex.updates["documents"] == 1_500_000          # 15 windows per 5,850-token call
    assert ex.updates["ingest_per_day"] == 90_000.0
    assert any("15 chunks" in n for n in ex.notes)


@pytest.mark.parametrize("message", [
    "actually the documents are about 400 tokens each",   # a correction of the length, not chunks
    "we'd chunk them into 600-token passages",            # about the document's own length: nothing to cut
])
def test_a_length_that_is_no_smaller_chunk_keeps_the_count(message):
    profile = Profile(data_type="text", avg_doc_tokens=700, documents=50_000)
    ex = extract(message, profile)
    assert "documents" not in ex.updates
