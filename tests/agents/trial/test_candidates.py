"""Resolving candidate ids: card prefixes and instruction templates, skip reasons, the packaged default."""

from __future__ import annotations

from agents.trial import ApiEndpoint
from agents.trial.candidates import DEFAULT_TASK_INSTRUCTION, resolve_candidates
from knowledge.embedding import PACKAGED_ID
from tests.agents.trial.helpers import card, catalog


def test_packaged_model_always_first_and_not_duplicated():
    res = resolve_candidates(["all-MiniLM-L6-v2"], None)
    assert [s.model for s in res.specs] == [PACKAGED_ID]
    res = resolve_candidates([], None, include_packaged=True)
    assert [s.model for s in res.specs] == [PACKAGED_ID] and res.specs[0].kind == "local"


def test_instruction_template_renders_the_query_prefix(tiny_model_dir):
    cat = catalog(card("x/e5-like", hf_id=tiny_model_dir, instructions={
        "required": True, "instruction_template": "Instruct: {instruction}\nQuery: "}),
        card("x/prefixed", hf_id=tiny_model_dir, instructions={"query_prefix": "query: ",
                                                               "document_prefix": "passage: "}),
        card("x/needs-but-unknown", hf_id=tiny_model_dir, instructions={"required": True}))
    res = resolve_candidates(["x/e5-like", "x/prefixed", "x/needs-but-unknown"], cat, include_packaged=False)
    e5, pre, unknown = res.specs
    assert e5.query_prefix == f"Instruct: {DEFAULT_TASK_INSTRUCTION}\nQuery: " and e5.document_prefix == ""
    assert (pre.query_prefix, pre.document_prefix, pre.prefix_source) == ("query: ", "passage: ", "card")
    assert unknown.prefix_source == "none" and any("expects instructions" in n for n in unknown.notes)


def test_models_the_trial_cannot_compare_are_skipped_with_reasons(tiny_model_dir):
    cat = catalog(card("x/clip", hf_id=tiny_model_dir, modalities=["image"]),
                  card("x/rerank", hf_id=tiny_model_dir, model_type="cross-encoder"),
                  card("cohere/embed-v4", open_weights=False, provider="Cohere"))
    res = resolve_candidates(["x/clip", "x/rerank", "cohere/embed-v4", "nonsense/zzz"], cat, include_packaged=False)
    reasons = {s.model: (s.reason, s.enable) for s in res.skipped}
    assert reasons["x/clip"][0].startswith("not a text model")
    assert "cross-encoder" in reasons["x/rerank"][0]
    assert reasons["cohere/embed-v4"][1].startswith("export COHERE_API_KEY=... COHERE_BASE_URL=...")
    assert "huggingface-cli download nonsense/zzz" in reasons["nonsense/zzz"][1]
    assert res.specs == []


def test_api_model_runs_only_with_a_configured_endpoint():
    cat = catalog(card("openai/text-embedding-3-large", open_weights=False, provider="OpenAI"))
    assert resolve_candidates(["openai/text-embedding-3-large"], cat, include_packaged=False).specs == []
    ep = ApiEndpoint("openai", "sk-x", "http://127.0.0.1:1/v1")
    spec = resolve_candidates(["openai/text-embedding-3-large"], cat, {"OpenAI": ep}, include_packaged=False).specs[0]
    assert (spec.kind, spec.load_name, spec.endpoint) == ("api", "text-embedding-3-large", ep)
    assert "sk-x" not in repr(ep)
