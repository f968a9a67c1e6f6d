"""Evidence selection (which benchmark for which profile) and comparability of scores."""

from __future__ import annotations

import pytest

from agents.decide.evidence import MAIN, Metric, catalog_task_types, evidence_for, evidence_plan
from agents.profile import Profile
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

TYPES = {
    "MTEB(eng, v2)": {"Retrieval", "Classification", "Clustering", "STS", "PairClassification"},
    "MTEB(Multilingual, v2)": {"Retrieval", "Classification", "Clustering", "STS", "PairClassification"},
    "MTEB(Europe, v1)": {"Retrieval", "Classification", "STS"},
    "MTEB(Medical, v1)": {"Retrieval", "Clustering", "Reranking"},
    "RTEB(Health, beta)": {"Retrieval"}, "MTEB(Law, v1)": {"Retrieval"}, "RTEB(fin, beta)": {"Retrieval"},
    "MTEB(Code, v1)": {"Retrieval"}, "CoIR": {"Retrieval"}, "JMTEB(v2)": {"Retrieval", "Classification"},
    "MTEB(pol, v1)": {"Classification", "STS"}, "MIEB(eng)": {"Any2AnyRetrieval", "ImageClassification"},
    "MAEB(beta)": {"AudioClassification"}, "MAEB(beta, audio-only)": {"AudioClassification", "Any2AnyRetrieval"},
}


def labels(**profile) -> list[str]:
    return [m.label for m in evidence_plan(Profile(**profile), TYPES)]


@pytest.mark.parametrize("profile, first", [
    ({"task": "search", "languages": ["en"]}, "MTEB(eng, v2) Retrieval"),
    ({"task": "rag"}, "MTEB(eng, v2) Retrieval"),                                  # no language: English assumed
    ({"task": "recommendation", "languages": ["en"]}, "MTEB(eng, v2) Retrieval"),
    ({"task": "classification", "languages": ["en"]}, "MTEB(eng, v2) Classification"),
    ({"task": "clustering", "languages": ["en"]}, "MTEB(eng, v2) Clustering"),
    ({"task": "similarity", "languages": ["en"]}, "MTEB(eng, v2) STS"),
    ({"task": "deduplication", "languages": ["en"]}, "MTEB(eng, v2) PairClassification"),
    ({"languages": ["en"]}, "MTEB(eng, v2)"),
    ({"task": "search", "languages": ["ja"]}, "JMTEB(v2) Retrieval"),
    ({"task": "search", "languages": ["pl"]}, "MTEB(pol, v1)"),                     # no retrieval tasks in it
    ({"task": "search", "languages": ["de", "fr"]}, "MTEB(Europe, v1) Retrieval"),
    ({"task": "search", "languages": ["en", "ja"]}, "MTEB(Multilingual, v2) Retrieval"),
    ({"task": "search", "languages": ["sw"]}, "MTEB(Multilingual, v2) Retrieval"),  # no Swahili benchmark
    ({"task": "search", "domain": "medical", "languages": ["en"]}, "MTEB(Medical, v1) Retrieval"),
    ({"domain": "legal"}, "MTEB(Law, v1)"),
    ({"task": "rag", "domain": "finance"}, "RTEB(fin, beta) Retrieval"),
    ({"data_type": "code", "task": "search"}, "MTEB(Code, v1) Retrieval"),
    ({"domain": "code"}, "MTEB(Code, v1)"),
    ({"data_type": "image", "task": "search"}, "MIEB(eng) Any2AnyRetrieval"),
    ({"data_type": "multimodal", "task": "classification"}, "MIEB(eng) ImageClassification"),
    ({"data_type": "audio", "task": "classification"}, "MAEB(beta) AudioClassification"),
    ({"data_type": "audio", "task": "search"}, "MAEB(beta)"),                       # falls back to the audio-only set next
])
def test_first_metric_of_the_plan(profile, first):
    assert labels(**profile)[0] == first


def test_domain_then_language_fallbacks():
    assert labels(task="search", domain="medical", languages=["en", "es"]) == [
        "MTEB(Medical, v1) Retrieval", "MTEB(Medical, v1)", "RTEB(Health, beta) Retrieval", "RTEB(Health, beta)",
        "MTEB(Europe, v1) Retrieval", "MTEB(Europe, v1)", "MTEB(Multilingual, v2) Retrieval", "MTEB(Multilingual, v2)",
        # each language's own benchmark is partial evidence too (half weight)
        "MTEB(eng, v2) Retrieval", "MTEB(eng, v2)", "MTEB(spa, v1)"]
    # a domain benchmark without the task's type is not used first: medical classification -> language benchmark
    assert labels(task="classification", domain="medical", languages=["en"])[0] == "MTEB(eng, v2) Classification"
    assert labels(data_type="audio", task="search")[1] == "MAEB(beta, audio-only) Any2AnyRetrieval"
    # a European language without its own benchmark: the European benchmark, then the multilingual one
    assert labels(task="search", languages=["it"])[:3] == ["MTEB(Europe, v1) Retrieval", "MTEB(Europe, v1)",
                                                          "MTEB(Multilingual, v2) Retrieval"]


def test_relevance_weights_favour_the_task_type_domain_and_own_language():
    types = {"MTEB(Medical, v1)": {"Retrieval"}, "MTEB(eng, v2)": {"Retrieval"}, "MTEB(deu, v1)": {"Retrieval"},
             "MTEB(Multilingual, v2)": {"Retrieval"}}
    plan = {m.label: m.relevance for m in evidence_plan(Profile(task="search", domain="medical", languages=["en"]), types)}
    assert plan["MTEB(Medical, v1) Retrieval"] > plan["MTEB(Medical, v1)"] > plan["MTEB(eng, v2)"]
    assert plan["MTEB(eng, v2) Retrieval"] == 2 * plan["MTEB(eng, v2)"]
    de = {m.label: m.relevance for m in evidence_plan(Profile(task="search", languages=["de"]), types)}
    assert de["MTEB(deu, v1) Retrieval"] > de["MTEB(Multilingual, v2) Retrieval"]


def _card(bench: dict) -> Card:
    return Card.model_validate(card_dict("acme/m", benchmarks=bench))


def test_comparable_values_strict_gap_partial_none():
    strict = _card({"MTEB(eng, v2)": {"mean": 61.8, "partial_mean": 61.8, "covered": 41, "total": 41,
                                      "task_types": {"Retrieval": {"mean": 55.0, "partial_mean": 55.0, "covered": 10,
                                                                   "total": 10}}}})
    ev = evidence_for(strict, Metric("MTEB(eng, v2)", "Retrieval"))
    assert (ev.value, ev.basis, ev.text()) == (55.0, "strict", "55.00 on MTEB(eng, v2) Retrieval, 10/10 tasks")
    gap = _card({"MTEB(Multilingual, v2)": {"partial_mean": 64.35, "covered": 130, "total": 131,
                                            "missing_tasks": ["FloresBitextMining"],
                                            "complete_except_snapshot_gaps": True}})
    ev = evidence_for(gap, Metric("MTEB(Multilingual, v2)", MAIN))
    assert ev.value == 64.35 and ev.basis == "except_snapshot_gaps" and "FloresBitextMining" in ev.text()
    partial = _card({"MTEB(eng, v2)": {"partial_mean": 70.0, "covered": 27, "total": 41,
                                       "task_types": {"Retrieval": {"partial_mean": 60.0, "covered": 6, "total": 10}}}})
    main, ret = evidence_for(partial, Metric("MTEB(eng, v2)")), evidence_for(partial, Metric("MTEB(eng, v2)", "Retrieval"))
    assert main.value is None and main.basis == "partial" and "27/41" in main.text() and "not comparable" in main.text()
    assert ret.value is None and ret.partial == 60.0
    assert evidence_for(partial, Metric("MTEB(Law, v1)")).basis == "none"


def test_real_cards_reproduce_the_snapshot(catalog_kb):
    qwen = catalog_kb.get("Qwen/Qwen3-Embedding-0.6B")
    ev = evidence_for(qwen, Metric("MTEB(eng, v2)", "Retrieval"))
    assert ev.text() == "61.83 on MTEB(eng, v2) Retrieval, 10/10 tasks"
    mm = evidence_for(qwen, Metric("MTEB(Multilingual, v2)"))
    assert (mm.value, mm.covered, mm.total, mm.basis) == (64.35, 130, 131, "except_snapshot_gaps")
    m3 = evidence_for(catalog_kb.get("BAAI/bge-m3"), Metric("MTEB(eng, v2)"))
    assert m3.value is None and m3.covered < m3.total  # partial: never compared with complete means
    types = catalog_task_types(catalog_kb.catalog)
    assert "Retrieval" in types["MTEB(eng, v2)"] and "Retrieval" not in types.get("MTEB(pol, v1)", set())


def test_long_documents_add_longembed_as_last_evidence():
    plan = labels(task="rag", languages=["en"], avg_doc_tokens=6_000)
    assert plan[0] == "MTEB(eng, v2) Retrieval" and plan[-1] == "LongEmbed"
    assert "LongEmbed" not in labels(task="rag", languages=["en"], avg_doc_tokens=500)
