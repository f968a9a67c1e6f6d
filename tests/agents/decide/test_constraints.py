"""Hard constraints: each rule on small cards with known facts, and agreement with the Chroma filter."""

from __future__ import annotations

import json

import pytest

from agents.decide.constraints import fact_ok, hard_constraints, violations
from agents.decide.footprint import CALIBRATION_FILE
from agents.profile import Profile
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

CAL = json.loads(CALIBRATION_FILE.read_text())


def make(model_id: str = "acme/model", **facts) -> Card:
    facts.setdefault("languages", ["en"])
    return Card.model_validate(card_dict(model_id, **facts))


def codes(card: Card, **profile) -> list[str]:
    return [v.code for v in violations(card, Profile(**profile))]


def messages(card: Card, **profile) -> list[str]:
    return [v.message for v in violations(card, Profile(**profile))]


def test_local_only_means_open_weights():
    api = make(open_weights=False)
    assert codes(api, privacy="local_only") == ["privacy"]
    assert "cloud API only; your data must stay on your own machines" in messages(api, privacy="local_only")[0]
    assert codes(api, privacy="cloud_ok") == [] and codes(make(), privacy="local_only") == []


def test_commercial_use_excludes_only_a_licence_that_forbids_it():
    nc = make(license="cc-by-nc-4.0", commercial_use=False)
    assert messages(nc, commercial_use=True) == ["licence cc-by-nc-4.0 forbids commercial use"]
    custom = make(license="https://example.com/LICENSE")           # terms not classified: a caveat, not a "no"
    assert codes(custom, commercial_use=True) == []
    assert codes(make(open_weights=False), commercial_use=True) == []
    assert codes(nc, commercial_use=False) == []


def test_commercial_use_not_given_is_assumed_and_the_exclusion_says_so():
    nc = make(license="cc-by-nc-4.0", commercial_use=False)
    v = violations(nc, Profile(data_type="text"))
    assert [x.code for x in v] == ["commercial_use"] and v[0].assumed
    assert not violations(nc, Profile(data_type="text", commercial_use=True))[0].assumed


def test_a_stated_language_list_excludes_but_a_missing_or_incomplete_one_does_not():
    card = make(languages=["en", "de"])
    assert codes(card, languages=["en", "de"]) == []
    assert messages(card, languages=["en", "ja", "fr"]) == ["does not list Japanese, French (it lists only English, German)"]
    assert codes(make(languages=[]), languages=["en"]) == []          # no language list: unknown is not no
    assert codes(make(languages=[], open_weights=False), languages=["it"]) == []


@pytest.mark.parametrize("data_type, modalities, ok", [
    ("text", ["text"], True), ("code", ["text"], True), ("code", ["text", "code"], True),
    ("image", ["text"], False), ("image", ["text", "image"], True), ("audio", ["audio"], True),
    ("audio", ["text"], False), ("multimodal", ["image"], False), ("multimodal", ["text", "image"], True),
    ("text", ["image"], False),
])
def test_modality_rule(data_type, modalities, ok):
    assert (codes(make(modalities=modalities), data_type=data_type) == []) is ok


def test_text_queries_over_audio_need_a_model_that_embeds_both():
    clap, audio_only = make(modalities=["text", "audio"]), make(modalities=["audio"])
    assert codes(clap, data_type="audio", query_type="text") == []
    assert messages(audio_only, data_type="audio", query_type="text") == [
        "handles audio, not text (your queries are text)"]
    assert codes(audio_only, data_type="audio") == []                      # audio-to-audio: an audio model is enough
    assert codes(make(modalities=["image"]), data_type="image", query_type="image") == []
    assert fact_ok(clap, Profile(data_type="audio", query_type="text"))
    assert not fact_ok(audio_only, Profile(data_type="audio", query_type="text"))


def test_memory_fp32_on_cpu_then_int8_fp16_on_gpu_with_overhead():
    card = make(n_parameters=1_000_000_000)         # 4 GB fp32, 2 GB fp16, 1 GB int8; x1.5 -> 6 / 3 / 1.5 GB
    assert codes(card, hardware="cpu", memory_gb=6) == []
    assert codes(card, hardware="cpu", memory_gb=2) == []           # int8, with a caveat
    assert messages(card, hardware="cpu", memory_gb=1.4) == [
        "needs ~1.5 GB even int8-quantised (1.0 GB weights x1.5); your CPU machine (8 cores, 1.4 GB RAM) has 1.4 GB"]
    assert codes(card, hardware="gpu", memory_gb=3) == []
    assert codes(card, hardware="gpu", memory_gb=2.9) == ["memory"]
    assert codes(make(), memory_gb=0.1) == []                       # size unpublished: a caveat, not an exclusion
    assert codes(make(open_weights=False), memory_gb=1) == []       # an API does not run on your memory


def test_cpu_latency_and_throughput_only_when_clearly_too_slow():
    per_ms = CAL["query"]["glue_ms"] / 100 + CAL["query"]["forward_ms"]   # x 100 = the 100x model's estimate
    big = make(n_parameters=CAL["n_parameters"] * 100)  # ~100x the calibration model's latency
    assert "cpu_latency" in codes(big, hardware="cpu", memory_gb=64, latency_ms=per_ms * 100 / 2.5)
    assert "cpu_latency" not in codes(big, hardware="cpu", memory_gb=64, latency_ms=per_ms * 100 / 1.5)  # a caveat
    assert codes(big, hardware="gpu", memory_gb=64, latency_ms=50) == []
    capacity_qps = CAL["cpu_tokens_per_s"] / 100 / 32 * 8 / CAL["machine"]["cpus"]   # 8 cores assumed
    assert "cpu_throughput" in codes(big, hardware="cpu", memory_gb=64, queries_per_second=capacity_qps * 3)
    assert "cpu_throughput" not in codes(big, hardware="cpu", memory_gb=64, queries_per_second=capacity_qps)


def test_budget_excludes_priced_apis_over_it():
    api = make(open_weights=False,
               pricing={"usd_per_1m_tokens": 0.13, "as_of": "2026-11-01", "url": "https://example.com/pricing"})
    # 10 queries/s x 2,592,000 s x 32 tokens = 829.4M tokens -> $107.83 per month
    assert messages(api, budget_usd_month=100, queries_per_second=10) == [
        "API cost: ~$107.83 in the first month ($107.83/month); budget $100/month"]
    assert codes(api, budget_usd_month=120, queries_per_second=10) == []
    assert codes(make(open_weights=False), budget_usd_month=0, queries_per_second=10) == []  # no price: caveat


def test_rerankers_and_baselines_are_never_candidates():
    assert codes(make(model_type="cross-encoder")) == ["not_embedding_model"]
    assert codes(make("mteb/baseline-bm25s")) == ["not_embedding_model"]


def test_filter_expresses_the_chroma_part_and_python_is_at_least_as_strict(cards):
    profiles = [Profile(privacy="local_only", commercial_use=True, languages=["en", "es"], data_type="text"),
                Profile(data_type="multimodal", languages=["en"]), Profile(data_type="audio", privacy="local_only"),
                Profile(data_type="code", commercial_use=True, memory_gb=8, hardware="cpu"),
                Profile(data_type="text", languages=["it"], privacy="cloud_ok")]
    for profile in profiles:
        c = hard_constraints(profile)
        where = json.dumps(c.card_filter.to_where())
        assert ("open_weights" in where) is (profile.privacy == "local_only")
        for card in cards:
            if c.card_filter.violations(card):
                assert c.check(card), f"{card.id} passes Python but not the Chroma filter for {profile}"


def test_the_chroma_filter_keeps_cards_with_unknown_languages(cards):
    flt = hard_constraints(Profile(data_type="text", languages=["it"], commercial_use=False)).card_filter
    assert flt.to_where() == {"$and": [{"modalities": {"$contains": "text"}},
                                       {"$or": [{"languages": {"$contains": "it"}}, {"languages_open": True}]}]}
    unlisted = [c for c in cards if not c.languages and "text" in c.modalities]
    assert unlisted and all(flt.matches(c) for c in unlisted)
