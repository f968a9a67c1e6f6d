"""Round-12 classes (u12rest), each in my own wordings: the embedded part of a collection said after the whole ("only
the ... get embedded", "out of ... we keep", Japanese "だけ", Chinese "只 ... 其中"), Welsh "mil" as a thousand, the
Slavic "v" (in) before a time, new items per quarter, and news told inside a question."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.intent import read_intent


def updates(text: str) -> dict:
    return extract(text).updates


@pytest.mark.parametrize("text, field, value", [
    # the embedded part of a collection, said after the whole
    ("the archive holds 12M pages, but only the 250k contracts get indexed", "documents", 250_000),
    ("out of 900 million chat lines we would keep 4 million support threads", "documents", 4_000_000),
    ("記事は全部で500万件ありますが、対象は最新の30万件だけです", "documents", 300_000),
    ("库里有8000万条日志，只需要把其中的两百万条错误日志向量化", "documents", 2_000_000),
    # two collections without a subset word still add up
    ("we have 2M contracts and 300k invoices", "documents", 2_300_000),
    # Welsh "mil" is a thousand, English "mil" a million
    ("Mae tua 25 mil o adroddiadau", "documents", 25_000),
    ("we hold 60 mil records", "documents", 60_000_000),
    # the Slavic "v" (in) before a time is no version number
    ("Iskalnik mora odgovoriti v 90 ms", "latency_ms", 90),
    ("Odziv v manj kot 300 milisekundah", "latency_ms", 300),
    # new items per quarter
    ("about 45k new claims come in each quarter", "ingest_per_day", 500),
])
def test_round12_readings(text, field, value):
    assert updates(text)[field] == pytest.approx(value)


def test_version_v_stays_a_version():
    assert "latency_ms" not in updates("we run bge v 1.5 on a small box")


@pytest.mark.parametrize("text", [
    "does it matter that 2,000 new invoices arrive every night?",
    "does it change things that the notes are about children?",
])
def test_the_that_clause_of_does_it_matter_is_stated(text):
    assert read_intent(text).fact_spans or read_intent(text).has_request


def test_how_queries_compare_with_documents_stays_a_question():
    r = read_intent("does it matter that our queries are 4 words and the pages are long?")
    assert not r.has_request and not r.fact_spans
