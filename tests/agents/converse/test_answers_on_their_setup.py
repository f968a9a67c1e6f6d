"""Answers computed on the user's own machine: a named card sold in one memory size is not asked for its memory
again, and "how long would indexing take?" is answered on their GPUs with the assumed document length said (it
was "encode time needs ... their average length" while the recommendation already used an assumed length)."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.policy import next_questions
from agents.converse.state import ChatState
from agents.profile import Profile

NEEDS = ("semantic code search over our monorepo (about 40k Python and TypeScript files), must stay on-prem, "
         "we have a box with two RTX A6000s")


def test_memory_is_not_asked_for_a_card_with_one_size():
    two_a6000 = Profile(data_type="code", hardware="gpu", device="rtxa6000", gpu_count=2)
    assert "memory_gb" not in [q.field for q in next_questions(two_a6000, max_questions=20)]
    some_gpu = Profile(data_type="code", hardware="gpu")
    assert "memory_gb" in [q.field for q in next_questions(some_gpu, max_questions=20)]


@pytest.fixture(scope="module")
def played(real_kb):
    advisor = Advisor(real_kb)
    first = advisor.turn(ChatState(), NEEDS)
    return advisor, first


def test_indexing_time_is_computed_on_their_gpus(played):
    advisor, first = played
    assert all(q["field"] != "memory_gb" for q in first.questions)
    r = advisor.turn(first.state, "and how long would indexing take?")
    assert r.intent == "cost_question", r.steps
    mine = [f for f in r.answer["facts"] if "on your 2x NVIDIA RTX A6000" in f]
    assert mine and all("indexes your 40,000 documents in ~" in f and "assumed 300 tokens" in f for f in mine), mine
    assert not any("encode time needs" in f for f in r.answer["facts"])
    assert r.state.profile == first.state.profile


def test_model_question_shows_their_setup_not_the_reference_cpu(played):
    advisor, first = played
    top = first.state.recommendation["recommendations"][0]["model"]
    r = advisor.turn(first.state, "what's the license of the top one?")
    assert r.answer["models"][:1] == [top]
    assert any("on your 2x NVIDIA RTX A6000" in f for f in r.answer["facts"]), r.answer["facts"]
    assert not any("per query on CPU" in f for f in r.answer["facts"])


def test_a_latency_just_over_the_target_is_said(real_kb):
    """bge-m3 on 8 CPU cores against a 200 ms target: the answer gives the latency on their machine and says it is
    above the target (within the estimate's margin), not only 'meets every hard constraint'."""
    advisor = Advisor(real_kb)
    state = advisor.turn(ChatState(), "internal chatbot over insurance policies in German, nothing may leave the house, "
                                      "a server with 64 GB RAM and 8 cores, no GPU, answers under 200 ms").state
    r = advisor.turn(state, "why not bge-m3?")
    line = next(f for f in r.answer["facts"] if "on your CPU machine (8 cores, 64 GB RAM)" in f)
    ms = float(line.split("~")[1].split(" ms")[0].replace(",", ""))
    assert ("your target is 200 ms" in line) == (ms > 200), line   # 215 ms as estimated on 2026-12-03


def test_an_excluded_model_is_not_ranked_among_the_feasible(real_kb):
    """A model the needs exclude (a non-commercial licence for a commercial use) is said to 'would rank', never
    '#2 of 1 feasible models'."""
    advisor = Advisor(real_kb)
    state = advisor.turn(ChatState(), "commercial product: search over 500k English support articles, on our own "
                                      "servers, one L4 GPU").state
    r = advisor.turn(state, "why not jina-embeddings-v3?")
    line = next((f for f in r.answer["facts"] if "comparable score" in f), "")
    excluded = any("excluded for your needs" in f for f in r.answer["facts"])
    assert excluded == ("would rank" in line), r.answer["facts"]
