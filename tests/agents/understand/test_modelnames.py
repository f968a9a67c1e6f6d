"""Model names in messages: recognised by shape (no catalog needed), their digits never read as quantities."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract
from agents.understand.modelnames import find_model_names
from knowledge.cards import load_catalog


def names(text: str) -> list[tuple[str, bool]]:
    """(name, is it an API-only model?) for the names that get blanked."""
    low = text.lower()
    return [(low[s:e], kind == "api") for s, e, kind in find_model_names(low) if kind != "mention"]


@pytest.mark.parametrize("text, expected", [
    ("what about bge-m3?", [("bge-m3", False)]),
    ("e5-large-v2", [("e5-large-v2", False)]),
    ("all-MiniLM-L6-v2 is small", [("all-minilm-l6-v2", False)]),
    ("Qwen3-Embedding-0.6B", [("qwen3-embedding-0.6b", False)]),
    ('"voyage-3.5"', [("voyage-3.5", True)]),
    ("openai/text-embedding-3-large", [("openai/text-embedding-3-large", True)]),
    ("Cohere-embed-v4.0 or embed-multilingual-v3.0", [("cohere-embed-v4.0", True), ("embed-multilingual-v3.0", True)]),
    ("gte-large and nomic-embed-text", [("gte-large", False), ("nomic-embed-text", False)]),
    ("nvidia/NV-Embed-v2", [("nvidia/nv-embed-v2", False)]),
    ("nomic embed v1.5", [("v1.5", False)]),            # the version after a model word
    ("try voyage 3.5", [("3.5", False)]),
    # Japanese, Chinese and Korean glue particles to a name: the name ends where their letters start
    ("text-embedding-3-largeだと月にいくらかかりますか", [("text-embedding-3-large", True)]),
    ("bge-m3를 쓰면 메모리가 얼마나 필요한가요", [("bge-m3", False)]),
    ("multilingual-e5-large的内存", [("multilingual-e5-large", False)]),
])
def test_model_names_are_recognised_by_shape(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "500-word docs", "sub-100ms", "10-K filings", "ICD-10 codes", "COVID-19 papers", "x86-64 servers", "A100-80GB",
    "RTX-4090", "en-US and pt-BR", "e-commerce", "24/7", "B2B/B2C", "$50/month", "10/sec", "p95/p99", "3-5 pages",
    "top-10", "text-to-image", "utf-8", "1024-dim vectors", "4-bit", "local_only", "2 million documents",
    "ColBERT-style late interaction", "an e5-like model", "a BERT-type encoder",   # kinds of model, not a model
])
def test_quantities_codes_and_hardware_are_not_model_names(text):
    assert names(text) == []


def test_api_model_in_a_statement_reads_as_cloud_use_but_not_in_a_question():
    assert extract("we already use text-embedding-3-large").updates == {"privacy": "cloud_ok"}
    assert extract("voyage-3 is not allowed here").updates == {"privacy": "local_only"}
    assert extract("is voyage-3 any good?").updates == {}
    assert extract("we run bge-m3 ourselves on our own servers").updates == {"privacy": "local_only"}


def test_model_evidence_quotes_the_name_as_written():
    ex = extract("we already use text-embedding-3-large")
    assert ex.evidence["privacy"].endswith("text-embedding-3-large")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(strict=True)   # the committed cards; no index needed


def test_every_catalog_model_named_in_a_question_answers_nothing(catalog):
    """The digits and words of any real model id never answer the question just asked."""
    wrong = []
    for card_id in catalog.cards:
        full = card_id.split(" (")[0]
        for name in {full, full.split("/")[-1]}:
            for f in ("documents", "budget_usd_month", "memory_gb", "latency_ms", "domain"):
                ex = extract(f"what about {name}?", Profile(), f)
                if ex.updates:
                    wrong.append((name, f, ex.updates))
    assert not wrong, wrong[:10]


def test_api_family_names_only_match_closed_models(catalog):
    """A name read as an API model must be a card without open weights (the rule is checked against the catalog)."""
    def read_as_api(card_id: str) -> bool:
        return any(kind == "api" for *_, kind in find_model_names(card_id.split(" (")[0].lower()))

    wrong = [i for i, card in catalog.cards.items() if read_as_api(i) and card.open_weights is not False]
    assert not wrong


def test_a_hardware_vendor_namespace_is_a_model_but_a_vendor_pair_is_hardware():
    assert find_model_names("what about nvidia/radio-b?") == [(11, 25, "name")]
    assert find_model_names("we run nvidia/amd gpus") == []
