"""Footprint arithmetic, checked against hand-computed figures."""

from __future__ import annotations

import json

import pytest

from agents.decide.footprint import (
    CALIBRATION_FILE,
    MEMORY_OVERHEAD,
    compute_parameters,
    cpu_query_latency_ms,
    cpu_tokens_per_s,
    footprint,
    gpu_tokens_per_s,
    weights_gb,
)
from agents.profile import Profile
from agents.units import human_bytes
from knowledge.schema import Card
from tests.agents.decide.independent import gpu_tps
from tests.knowledge.helpers import card_dict

CAL = json.loads(CALIBRATION_FILE.read_text())


def make(**facts) -> Card:
    return Card.model_validate(card_dict("acme/model", **facts))


def test_index_size_with_chunks_and_matryoshka_dims():
    card = make(embed_dim=1024, matryoshka_dims=[1024, 256], max_tokens=512, n_parameters=500_000_000)
    fp = footprint(card, Profile(documents=1_000_000, avg_doc_tokens=1_200))
    assert fp.chunks_per_doc == 3                      # ceil(1200 / 512)
    assert fp.vectors == 3_000_000
    full, small = fp.index
    assert (full["dim"], full["float32_bytes"], full["int8_bytes"], full["binary_bytes"]) == \
        (1024, 12_288_000_000, 3_072_000_000, 384_000_000)
    assert (small["dim"], small["float32_bytes"], small["binary_bytes"]) == (256, 3_072_000_000, 96_000_000)
    assert "12.3 GB float32" in fp.summary()[0] and "3 chunks per document" in fp.summary()[1]


def test_model_memory_fp32_on_cpu_fp16_on_gpu():
    card = make(n_parameters=500_000_000, embed_dim=768)
    assert weights_gb(card, "fp32") == pytest.approx(2.0) and weights_gb(card, "fp16") == pytest.approx(1.0)
    assert footprint(card, Profile(hardware="cpu")).memory_needed_gb == pytest.approx(2.0 * MEMORY_OVERHEAD)
    assert footprint(card, Profile(hardware="gpu")).memory_needed_gb == pytest.approx(1.0 * MEMORY_OVERHEAD)
    stated = make(n_parameters=500_000_000, memory_gb={"fp32": 2.2, "fp16": 1.1})
    assert weights_gb(stated, "fp32") == 2.2  # the card's own figure wins over the parameter count


def test_encode_time_scales_the_calibration_by_parameter_count():
    card = make(n_parameters=CAL["n_parameters"] * 10, embed_dim=384, max_tokens=512)
    fp = footprint(card, Profile(documents=100_000, avg_doc_tokens=200))
    tokens = 100_000 * 200
    assert fp.encode_hours["cpu"] == pytest.approx(tokens / (CAL["cpu_tokens_per_s"] / 10) / 3600, abs=1e-4)
    assert fp.encode_hours["gpu"] == pytest.approx(tokens / gpu_tps(card.n_parameters) / 3600, abs=1e-4)
    assert fp.query_latency_ms_cpu == pytest.approx(latency(10), abs=0.05)   # the glue is not scaled


def test_images_are_encoded_as_patch_tokens_without_asking_for_a_length():
    card = make(n_parameters=CAL["n_parameters"] * 10, embed_dim=768, modalities=["text", "image"])
    fp = footprint(card, Profile(data_type="image", documents=6_000_000))
    assert fp.encode_hours["gpu"] == pytest.approx(6_000_000 * 196 / gpu_tps(card.n_parameters) / 3600, abs=1e-4)
    assert not any("encode time needs" in n for n in fp.notes)
    assert any(n == "encode time needs the number of documents"
               for n in footprint(card, Profile(data_type="image")).notes)


def test_api_cost_one_off_and_monthly():
    card = make(open_weights=False, embed_dim=1536, max_tokens=8191,
                pricing={"usd_per_1m_tokens": 0.02, "as_of": "2026-11-01", "url": "https://example.com/pricing"})
    fp = footprint(card, Profile(documents=1_000_000, avg_doc_tokens=1_200, queries_per_second=10))
    assert fp.api_cost["one_off_usd"] == 24.0                        # 1.2e9 tokens x $0.02 / 1M
    assert fp.api_cost["monthly_queries_usd"] == pytest.approx(16.59)  # 10/s x 30 days x 32 tokens x $0.02 / 1M
    assert fp.memory_needed_gb is None and fp.encode_hours == {"cpu": None, "gpu": None}


def test_unknown_scale_gives_per_million_figures_and_says_so():
    card = make(embed_dim=384, n_parameters=22_000_000)
    fp = footprint(card, Profile())
    assert fp.vectors == 1_000_000 and fp.vectors_basis == "per 1,000,000 vectors"
    assert fp.index[0]["float32_bytes"] == 1_536_000_000
    assert any("corpus size unknown" in n for n in fp.notes)
    assert any("encode time needs" in n for n in fp.notes)


def test_late_interaction_stores_a_vector_per_token():
    card = make(embed_dim=128, n_parameters=110_000_000, model_type="late-interaction", max_tokens=512)
    fp = footprint(card, Profile(documents=1_000, avg_doc_tokens=300))
    assert fp.vectors == 300_000 and fp.index[0]["float32_bytes"] == 300_000 * 128 * 4
    assert any("one vector per token" in n for n in fp.notes)


def test_api_without_price_says_so():
    fp = footprint(make(open_weights=False, embed_dim=1024), Profile(documents=10, avg_doc_tokens=10))
    assert fp.api_cost["usd_per_1m_tokens"] is None
    assert any("price not in the knowledge base" in s for s in fp.summary())


def test_api_priced_per_character_shows_that_price_and_estimates_nothing():
    pricing = {"usd_per_1m_characters": 0.025, "as_of": "2026-12-01", "url": "https://acme.example/pricing"}
    card = make(open_weights=False, embed_dim=768, pricing=pricing)
    fp = footprint(card, Profile(documents=1_000, avg_doc_tokens=500, queries_per_second=1))
    assert fp.api_cost["usd_per_1m_tokens"] is None and fp.api_cost["usd_per_1m_characters"] == 0.025
    line = next(s for s in fp.summary() if s.startswith("API cost"))
    assert "$0.025 per 1M characters" in line and "not per token" in line
    # no dollar figure is derived from a guessed characters-per-token ratio
    assert fp.api_cost.get("one_off_usd") is None and fp.api_cost.get("monthly_queries_usd") is None


def test_human_bytes():
    assert [human_bytes(x) for x in (512, 1536, 12_288_000_000)] == ["512 B", "1.5 KB", "12.3 GB"]


def test_gpu_speed_keeps_the_small_models_measurement_and_runs_extra_compute_at_the_layer_rate():
    """The calibration model itself runs at its measured speed; a 50x larger model is far less than 50x slower
    (its extra FLOPs run at a measured layer throughput), but still slower than the FLOPs alone would say."""
    gpu = CAL["gpu_reference"]
    small = make(n_parameters=CAL["n_parameters"], embed_dim=384, max_tokens=512)
    assert gpu_tokens_per_s(small) == pytest.approx(gpu["sentences_per_s"] * gpu["assumed_tokens_per_sentence"])
    big = make(n_parameters=CAL["n_parameters"] * 50, embed_dim=1024, max_tokens=512)
    ratio = gpu_tokens_per_s(small) / gpu_tokens_per_s(big)
    assert 10 < ratio < 50
    assert gpu_tokens_per_s(big) < gpu["layer_tflops"] * 1e12 / (2 * big.n_parameters)


# ibm-granite/granite-embedding-107m-multilingual as the mteb registry states it: 107.0M parameters, 96.0M of them
# its 250,002 x 384 token table; its transformer body (~11M) is MiniLM-L6's.
GRANITE = {"n_parameters": 106_994_304, "n_embedding_parameters": 96_000_768, "embed_dim": 384, "max_tokens": 512}
# google-bert/bert-base-uncased: 30,522 x 768 token table.
BERT_BASE = {"n_parameters": 109_482_240, "n_embedding_parameters": 30_522 * 768, "embed_dim": 768, "max_tokens": 512}


def test_a_large_multilingual_token_table_counts_as_bert_sized_for_speed_but_not_for_memory():
    granite = make(**GRANITE)
    body = GRANITE["n_parameters"] - GRANITE["n_embedding_parameters"]
    assert compute_parameters(granite) == body + 30_522 * 384
    scale = compute_parameters(granite) / CAL["n_parameters"]
    assert 1.0 <= scale < 1.1                                  # about MiniLM-L6's compute, not 4.7x it
    assert cpu_query_latency_ms(granite) == pytest.approx(latency(scale))
    assert cpu_query_latency_ms(granite) < 15                  # was ~67 ms: 107M / 22.7M x 14.2 ms
    assert cpu_tokens_per_s(granite) == pytest.approx(CAL["cpu_tokens_per_s"] / scale)
    assert gpu_tokens_per_s(granite) == pytest.approx(gpu_tps(compute_parameters(granite)))
    fp = footprint(granite, Profile(hardware="cpu", documents=1_000_000, avg_doc_tokens=200))
    assert fp.weights_gb["fp32"] == pytest.approx(0.428)          # memory keeps every parameter
    assert fp.memory_needed_gb == pytest.approx(GRANITE["n_parameters"] * 4 / 1e9 * MEMORY_OVERHEAD, abs=1e-3)
    assert fp.encode_hours["cpu"] == pytest.approx(2e8 / (CAL["cpu_tokens_per_s"] / scale) / 3600, abs=1e-4)


@pytest.mark.parametrize("facts", [BERT_BASE, {k: v for k, v in BERT_BASE.items() if k != "n_embedding_parameters"},
                                   {**GRANITE, "embed_dim": None}],
                         ids=["bert-sized table", "table not stated", "no dimension to size the table"])
def test_without_a_larger_table_speed_keeps_the_total_parameter_count(facts):
    card = make(**facts)
    ratio = facts["n_parameters"] / CAL["n_parameters"]
    assert compute_parameters(card) == facts["n_parameters"]
    assert cpu_query_latency_ms(card) == pytest.approx(latency(ratio))
    assert cpu_tokens_per_s(card) == pytest.approx(CAL["cpu_tokens_per_s"] / ratio)
    assert gpu_tokens_per_s(card) == pytest.approx(gpu_tps(facts["n_parameters"]))


def test_the_calibration_model_keeps_its_measured_speed():
    minilm = make(n_parameters=CAL["n_parameters"], n_embedding_parameters=30_522 * 384, embed_dim=384)
    assert compute_parameters(minilm) == CAL["n_parameters"]
    assert cpu_tokens_per_s(minilm) == CAL["cpu_tokens_per_s"]
    assert cpu_query_latency_ms(minilm) == pytest.approx(CAL["query"]["cpu_latency_ms_median"], abs=0.01)


def test_a_static_model_is_all_token_table_and_counts_as_a_bert_sized_table():
    # minishlab/potion-multilingual-128M: 128M parameters, all of them a 500k x 256 lookup table
    static = make(n_parameters=128_000_000, n_embedding_parameters=128_000_000, embed_dim=256)
    assert compute_parameters(static) == 30_522 * 256
    assert cpu_tokens_per_s(static) > CAL["cpu_tokens_per_s"]                 # was 5.6x slower than MiniLM
    # no layers: one query costs the glue around a forward pass (tokenising, pooling) and a small lookup
    assert cpu_query_latency_ms(static) == pytest.approx(latency(30_522 * 256 / CAL["n_parameters"]))
    assert cpu_query_latency_ms(static) < 0.5 * CAL["query"]["cpu_latency_ms_median"]


def latency(scale: float) -> float:
    """The measured glue plus the measured forward pass x the compute scale (the calibration file's split)."""
    return CAL["query"]["glue_ms"] + CAL["query"]["forward_ms"] * scale


def test_the_latency_split_adds_up_to_the_measured_encode():
    q = CAL["query"]
    assert q["glue_ms"] > 0 and q["forward_ms"] > q["glue_ms"]
    assert q["glue_ms"] + q["forward_ms"] == pytest.approx(q["cpu_latency_ms_median"], abs=0.02)
