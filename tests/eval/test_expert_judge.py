"""The expert judge's own correctness: device table, family normaliser, feasibility on hand-made cards
with known numbers, exclusion validity and the reference model (no advisor involved)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eval.expert import devices as dv
from eval.expert.bench import case_files, load_cases, summarise
from eval.expert.families import established, family
from eval.expert.judge import Need, judge, problems, reference, tokens_per_s
from knowledge.schema import FACT_FIELDS, Card, Pricing, Source

AS_OF = dt.date(2026, 11, 30)


def card(model_id: str, params: float | None = None, **kw) -> Card:
    """A valid card with the given facts (every fact field sourced to one placeholder URL)."""
    price = kw.pop("price", None)
    if price is not None:
        kw["pricing"] = Pricing(usd_per_1m_tokens=price, as_of=AS_OF, url="https://example.org/pricing")
    kw.setdefault("open_weights", price is None)
    kw.setdefault("modalities", ["text"])
    return Card(id=model_id, n_parameters=int(params) if params else None,
                sources=[Source(fields=[f for f in FACT_FIELDS if f != "pricing" or price is not None],
                                url="https://example.org/card", as_of=AS_OF)], **kw)


def need(**truth) -> Need:
    base = {"data": "text", "languages": ["en"], "documents": None, "api_invited": False, "local_only": False,
            "commercial": None, "device": None, "memory_gb": None, "budget_usd_month": None,
            "window_hours": 24, "latency_ms": None, "cheapest": False}
    return Need.from_truth("t", {**base, **truth})


# --- device table ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,key,memory", [
    ("RTX 4090", "rtx-4090", 24), ("NVIDIA GeForce RTX 3090", "rtx-3090", 24), ("A100 80GB", "a100-80", 80),
    ("a100", "a100-40", 40), ("A10G", "a10g", 24), ("A10", "a10", 24), ("Tesla T4", "t4", 16), ("L4", "l4", 24),
    ("H100", "h100", 80), ("raspberry pi 4", "rpi4", 4), ("M2 MacBook Air", "apple-m", None),
])
def test_device_names_map_to_memory(name: str, key: str, memory: float | None) -> None:
    device = dv.lookup(name)
    assert device is not None and device.key == key and device.memory_gb == memory


def test_unknown_device_is_not_guessed() -> None:
    assert dv.lookup("a quantum computer") is None
    assert dv.lookup(None) is None


def test_case_memory_matches_the_named_gpu() -> None:
    """A case that names a GPU records that GPU's memory: the table's figure, unless the user states the
    variant's memory in words (a V100 comes with 16 or 32 GB; "2x V100 32GB" records 32)."""
    for path in case_files():
        for case in load_cases(path):
            truth = case["truth"]
            device = dv.lookup(truth.get("device_name"))
            if device and device.kind == "gpu" and device.memory_gb:
                said = " ".join(case["turns"]).lower()
                stated = re.search(rf"\b{truth['memory_gb']:g}\s*gb\b", said)
                assert truth["memory_gb"] == device.memory_gb or stated, case["id"]


# --- families ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("codefuse-ai/F2LLM-v2-14B", "codefuse-ai/F2LLM-v2-4B"),
    ("codefuse-ai/F2LLM-v2-8B", "codefuse-ai/F2LLM-4B"),
    ("Qwen/Qwen3-Embedding-0.6B", "Qwen/Qwen3-Embedding-8B"),
    ("openai/text-embedding-3-small", "openai/text-embedding-3-large (embed_dim=512)"),
    ("voyageai/voyage-3.5 (output_dtype=int8)", "voyageai/voyage-3.5"),
    ("bedrock/cohere-embed-multilingual-v3", "Cohere/Cohere-embed-multilingual-v3.0"),
    ("BAAI/bge-small-en-v1.5", "BAAI/bge-large-en-v1.5"),
    ("laion/CLIP-ViT-B-32-laion2B-s34B-b79K", "laion/CLIP-ViT-bigG-14-laion2B-39B-b160k"),
    ("Snowflake/snowflake-arctic-embed-m-v2.0", "Snowflake/snowflake-arctic-embed-l-v2.0"),
])
def test_sizes_and_versions_are_one_family(a: str, b: str) -> None:
    assert family(a) == family(b)


@pytest.mark.parametrize("a,b", [
    ("BAAI/bge-m3", "BAAI/bge-small-en-v1.5"),
    ("intfloat/e5-mistral-7b-instruct", "intfloat/multilingual-e5-large"),
    ("openai/text-embedding-3-large", "openai/text-embedding-ada-002"),
    ("voyageai/voyage-3.5", "voyageai/voyage-code-3"),
    ("Qwen/Qwen3-Embedding-8B", "Alibaba-NLP/gte-Qwen2-7B-instruct"),
])
def test_different_models_are_different_families(a: str, b: str) -> None:
    assert family(a) != family(b)


def test_established_needs_a_known_provider_and_time_in_public() -> None:
    assert established("openai/text-embedding-3-small")
    assert established("BAAI/bge-m3", dt.date(2024, 1, 30))
    assert not established("codefuse-ai/F2LLM-v2-14B")
    assert not established("nvidia/some-new-embedder", AS_OF - dt.timedelta(days=30))


# --- feasibility -------------------------------------------------------------------------------------

def test_gpu_memory_at_fp16() -> None:
    rtx4090 = need(device="gpu", device_name="rtx-4090", memory_gb=24)
    big = problems(card("x/big-14B", 14e9), rtx4090)
    assert any(p.startswith("memory:") and "33.6 GB > 24 GB" in p for p in big)
    assert problems(card("x/small-0.6B", 0.6e9), rtx4090) == []


def test_cpu_memory_allows_int8_but_strict_uses_fp32() -> None:
    cpu16 = need(device="cpu", device_name="server", memory_gb=16)
    seven_b = card("x/m-7B", 7e9)
    assert not any(p.startswith("memory") for p in problems(seven_b, cpu16))             # 8.4 GB int8
    assert any(p.startswith("memory") for p in problems(seven_b, cpu16, strict=True))    # 42 GB fp32


def test_time_window_on_cpu() -> None:
    tweets = need(device="cpu", device_name="server", memory_gb=32, documents=5_000_000, avg_doc_tokens=40)
    # 16 cores x 2,000 tokens/s x 2 (generous) x 22.7M / 4B = ~363 tokens/s -> 2e8 tokens take ~153 h
    assert tokens_per_s(4e9, tweets) == pytest.approx(16 * 2000 * 2 * dv.REF_PARAMS / 4e9)
    slow = problems(card("x/m-4B", 4e9), tweets)
    assert any(p.startswith("time:") and "> 24 h window" in p for p in slow)
    assert problems(card("x/minilm", dv.REF_PARAMS), tweets) == []


def test_time_window_on_gpu_uses_peak_flops() -> None:
    t4 = need(device="gpu", device_name="t4", memory_gb=16, documents=2_000_000, avg_doc_tokens=500)
    assert tokens_per_s(1e9, t4) == pytest.approx(65e12 / 2e9)
    assert any(p.startswith("time:") for p in problems(card("x/m-7B", 7e9), t4))          # ~60 h
    assert problems(card("x/m-1.5B", 1.5e9), t4) == []                                      # ~13 h


def test_latency_on_cpu() -> None:
    cache = need(device="cpu", device_name="server", cpu_cores=8, memory_gb=32, latency_ms=20)
    assert any(p.startswith("latency:") for p in problems(card("x/m-1.5B", 1.5e9), cache))
    assert problems(card("x/m-110M", 110e6), cache) == []


def test_speed_counts_compute_not_the_token_table() -> None:
    """A 250k-row multilingual table is a lookup: speed by the 300M that compute (150M tokens on 8 cores: ~17 h,
    not ~32 h), memory by all 550M."""
    from eval.expert import judge as rules
    multi = card("x/multi-550M", 550e6, n_embedding_parameters=250_000_000)
    index = need(device="cpu", device_name="server", cpu_cores=8, memory_gb=32, documents=375_000,
                 avg_doc_tokens=400, window_hours=24)
    assert rules.speed_params_of(multi) == pytest.approx(300e6)
    fast = problems(multi, index)
    before, rules.speed_rule = rules.speed_rule, "total"
    try:
        assert rules.speed_params_of(multi) == pytest.approx(550e6)
        slow = problems(multi, index)
    finally:
        rules.speed_rule = before
    assert not any(p.startswith("time:") for p in fast)
    assert any(p.startswith("time:") for p in slow)
    # strict (is an exclusion plausible?) keeps the slowest estimate
    assert any(p.startswith("time:") for p in problems(multi, index, strict=True))


def test_api_budget_and_local_only() -> None:
    startup = need(api_invited=True, documents=2_000_000, budget_usd_month=100)
    # 2 x 1e9 tokens x $0.13 = $260 > $100
    assert any("$260/month > $100" in p for p in problems(card("openai/x-large", price=0.13), startup))
    assert problems(card("openai/x-small", price=0.02), startup) == []                      # $40
    assert problems(card("someone/unpriced", open_weights=False), startup) == []            # unknown price
    onprem = need(local_only=True)
    assert any("leave" in p for p in problems(card("openai/x-small", price=0.02), onprem))


def test_self_hosting_without_hardware_counts_rented_gpus() -> None:
    startup = need(api_invited=True, documents=50_000, budget_usd_month=100)
    assert any(p.startswith("budget:") and "rented GPU" in p for p in problems(card("x/m-27B", 27e9), startup))
    assert problems(card("x/m-8B", 8e9), startup) == []


def test_unknown_facts_do_not_fail_a_pick() -> None:
    polish = need(languages=["en", "pl"], commercial=True, device="gpu", device_name="l4", memory_gb=24)
    assert problems(card("x/undeclared", languages=[]), polish) == []
    assert problems(card("x/unsized"), polish) == []
    assert problems(card("x/custom-licence", 1e8, license="custom terms"), polish) == []


def test_known_facts_do_fail_a_pick() -> None:
    polish = need(languages=["en", "pl"], commercial=True)
    assert any(p.startswith("languages:") for p in problems(card("x/en-only", languages=["en"]), polish))
    nc = card("x/nc", license="cc-by-nc-4.0", commercial_use=False)
    assert any(p.startswith("licence") for p in problems(nc, polish))
    photos = need(data="multimodal")
    assert any(p.startswith("modality:") for p in problems(card("x/text-only"), photos))
    assert problems(card("x/clip", modalities=["text", "image"]), photos) == []


def test_multilingual_card_missing_a_language_is_only_a_strict_problem() -> None:
    basque = need(languages=["eu"])
    wide = card("x/wide", languages=["en", "de", "fr"], multilingual=True)
    assert problems(wide, basque) == []
    assert any(p.startswith("languages:") for p in problems(wide, basque, strict=True))


# --- judging a case ----------------------------------------------------------------------------------

def rec(*models: str, excluded: list[dict] | None = None) -> dict:
    return {"recommendations": [{"model": m} for m in models], "excluded": excluded or []}


CATALOG = [
    card("openai/text-embedding-3-small", price=0.02, release_date=dt.date(2024, 1, 25),
         benchmarks={}),
    card("voyageai/voyage-3.5", open_weights=False),
    card("codefuse-ai/F2LLM-v2-4B", 4e9, languages=["en", "fr"], multilingual=True),
    card("codefuse-ai/F2LLM-v2-8B", 8e9, languages=["en", "fr"], multilingual=True),
    card("codefuse-ai/F2LLM-v2-14B", 14e9, languages=["en", "fr"], multilingual=True),
    card("BAAI/bge-m3", 568e6, languages=["en", "fr"], multilingual=True, release_date=dt.date(2024, 1, 30)),
    card("sentence-transformers/all-MiniLM-L6-v2", dv.REF_PARAMS, languages=["en"]),
]


def test_single_family_top3_fails_and_api_is_missing() -> None:
    startup = need(languages=["en", "fr"], api_invited=True, documents=50_000, budget_usd_month=100)
    out = judge(startup, rec("codefuse-ai/F2LLM-v2-14B", "codefuse-ai/F2LLM-v2-8B", "codefuse-ai/F2LLM-v2-4B"),
                CATALOG)
    assert not out["checks"]["three_families"]
    assert not out["checks"]["api_when_invited"]
    assert not out["checks"]["established_in_top3"]
    assert [p["model"] for p in out["infeasible"]] == ["codefuse-ai/F2LLM-v2-14B"]   # needs a rented GPU
    assert not out["passed"]


def test_a_good_top3_passes() -> None:
    startup = need(languages=["en", "fr"], api_invited=True, documents=50_000, budget_usd_month=100)
    out = judge(startup, rec("openai/text-embedding-3-small", "BAAI/bge-m3", "codefuse-ai/F2LLM-v2-4B"), CATALOG)
    assert out["passed"], out["failures"]


def test_exclusion_for_an_undeclared_language_is_invalid() -> None:
    french = need(languages=["en", "fr"], api_invited=True)
    missing_fact = rec("BAAI/bge-m3", excluded=[{"model": "voyageai/voyage-3.5", "reasons": ["declares no languages"]}])
    out = judge(french, missing_fact, CATALOG)
    assert not out["checks"]["no_exclusion_for_missing_fact"]
    known_fact = rec("BAAI/bge-m3", excluded=[{"model": "sentence-transformers/all-MiniLM-L6-v2",
                                               "reasons": ["English only"]}])
    assert judge(french, known_fact, CATALOG)["checks"]["no_exclusion_for_missing_fact"]


def test_exclusion_explained_by_a_cautious_default_is_an_assumption_not_a_failure() -> None:
    silent_on_privacy = need(languages=["en"])
    out = judge(silent_on_privacy, rec("BAAI/bge-m3", excluded=[{"model": "openai/text-embedding-3-small",
                                                                 "reasons": ["cloud API; you need local only"]}]),
                CATALOG)
    assert out["checks"]["no_exclusion_for_missing_fact"]
    assert [e["model"] for e in out["assumed_need_exclusions"]] == ["openai/text-embedding-3-small"]


def test_apple_memory_exclusion_at_fp32_is_plausible() -> None:
    mac = need(device="gpu", device_name="apple-m", memory_gb=16)
    four_b = card("x/m-4B", 4e9)
    assert problems(four_b, mac) == []                                  # fp16: 9.6 GB
    assert any(p.startswith("memory") for p in problems(four_b, mac, strict=True))   # fp32: 24 GB


def test_no_recommendation_fails_every_check() -> None:
    out = judge(need(), {"recommendations": [], "excluded": []}, CATALOG)
    assert not out["passed"] and not any(out["checks"].values())
    assert not judge(need(), None, CATALOG)["passed"]


def test_nothing_fits_is_right_when_the_judge_agrees() -> None:
    impossible = need(data="audio", local_only=True)          # the catalogue above has no audio model
    assert judge(impossible, {"recommendations": [], "excluded": []}, CATALOG)["passed"]


def test_reference_is_the_best_established_feasible_model() -> None:
    scored = [
        card("BAAI/bge-m3", 568e6, languages=["en"], release_date=dt.date(2024, 1, 30),
             benchmarks={"MTEB(eng, v2)": {"mean": 60.0, "covered": 41, "total": 41}}),
        card("codefuse-ai/F2LLM-v2-14B", 14e9, languages=["en"],
             benchmarks={"MTEB(eng, v2)": {"mean": 75.0, "covered": 41, "total": 41}}),
        card("Qwen/Qwen3-Embedding-8B", 8e9, languages=["en"], release_date=dt.date(2025, 6, 5),
             benchmarks={"MTEB(eng, v2)": {"mean": 70.0, "covered": 41, "total": 41}}),
    ]
    on_a_t4 = need(device="gpu", device_name="t4", memory_gb=16, documents=10_000)
    ref = reference(scored, on_a_t4)          # Qwen3-8B needs 19 GB at fp16; F2LLM is not established
    assert ref is not None and ref["model"] == "BAAI/bge-m3" and ref["benchmark"] == "MTEB(eng, v2)"
    on_an_a100 = need(device="gpu", device_name="a100-80", memory_gb=80, documents=10_000)
    assert reference(scored, on_an_a100)["model"] == "Qwen/Qwen3-Embedding-8B"


def test_summary_counts() -> None:
    startup = need(languages=["en", "fr"], api_invited=True, documents=50_000, budget_usd_month=100)
    bad = judge(startup, rec("codefuse-ai/F2LLM-v2-14B", "codefuse-ai/F2LLM-v2-8B", "codefuse-ai/F2LLM-v2-4B"),
                CATALOG)
    good = judge(startup, rec("openai/text-embedding-3-small", "BAAI/bge-m3", "codefuse-ai/F2LLM-v2-4B"), CATALOG)
    for r in (bad, good):
        r["set"] = "conversations.yaml"
    s = summarise([bad, good])
    assert s["advisor.expert_cases"] == 2 and s["advisor.expert_pass_rate"] == 0.5
    assert s["advisor.infeasible_picks"] == 1 and s["advisor.single_family_top3"] == 1


def test_every_case_file_is_well_formed() -> None:
    ids = [c["id"] for path in case_files() for c in load_cases(path)]
    assert len(ids) == len(set(ids)) and len(ids) >= 48
