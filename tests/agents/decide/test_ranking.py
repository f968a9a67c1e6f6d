"""Ranking: comparable evidence first, partial results after, ties by id, variants folded, trade-offs."""

from __future__ import annotations

import random

from agents.decide.constraints import hard_constraints
from agents.decide.evidence import MAIN, Metric, catalog_task_types, evidence_plan
from agents.decide.ranking import GOOD_ENOUGH_POINTS, MIN_COMPARABLE, build_query, choose_metric, rank
from agents.profile import Profile
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

ENG = "MTEB(eng, v2)"
RET = Metric(ENG, "Retrieval")


def result(retrieval: float | None, covered: int = 10, partial: float | None = None) -> dict:
    value = retrieval if covered == 10 else None
    return {ENG: {"mean": None, "partial_mean": partial or retrieval, "covered": 30, "total": 41,
                  "task_types": {"Retrieval": {"mean": value, "partial_mean": partial or retrieval,
                                               "covered": covered, "total": 10}}}}


def card(model_id: str, score: float | None = None, covered: int = 10, partial: float | None = None,
         params: int = 100_000_000, **facts) -> Card:
    facts.setdefault("languages", ["en"])
    facts.setdefault("license", "apache-2.0")
    facts.setdefault("commercial_use", True)
    bench = result(score, covered, partial) if score is not None or partial is not None else {}
    return Card.model_validate(card_dict(model_id, n_parameters=params, benchmarks=bench, **facts))


def filler(n: int, base: float = 40.0, step: float = 1.0) -> list[Card]:
    """``n`` comparable models spread like a leaderboard (1 point apart), so robust z-scores stay informative."""
    return [card(f"fill/m{i:02d}", base + i * step) for i in range(n)]


def ranked(cards: list[Card], profile: Profile, hits: dict[str, float] | None = None):
    return rank(cards, hard_constraints(profile), evidence_plan(profile, catalog_task_types(cards)), hits)


PROFILE = Profile(data_type="text", task="search", languages=["en"])


def test_comparable_scores_first_partial_after_ties_by_id():
    cards = filler(MIN_COMPARABLE) + [
        card("b/tied", 60.0), card("a/tied", 60.0), card("c/best", 62.5),
        card("d/partial-high", None, covered=6, partial=75.0),   # higher partial mean, but only 6/10 tasks
        card("e/no-result", None)]
    r = ranked(cards, PROFILE, hits={"d/partial-high": 0.9, "e/no-result": 0.8})
    ids = [c.card.id for c in r.ordered]
    assert r.metric == RET
    assert ids[:3] == ["c/best", "a/tied", "b/tied"]
    assert ids.index("d/partial-high") > ids.index("fill/m00")   # never ranked by its partial mean
    assert [c.tier for c in r.ordered if c.card.id in ("d/partial-high", "e/no-result")] == [1, 2]
    assert r.comparable == MIN_COMPARABLE + 3


def test_ranking_is_deterministic_whatever_the_card_order():
    cards = filler(MIN_COMPARABLE) + [card("x/a", 55.0), card("x/b", 55.0), card("x/c", None, covered=5, partial=60)]
    first = [c.card.id for c in ranked(cards, PROFILE, {"x/c": 0.5}).ordered]
    for seed in range(5):
        random.Random(seed).shuffle(cards)
        assert [c.card.id for c in ranked(cards, PROFILE, {"x/c": 0.5}).ordered] == first


def test_variants_are_folded_into_one_family_entry():
    cards = filler(MIN_COMPARABLE) + [card("v/base", 70.0), card("v/base (embed_dim=256)", 69.0, variant_of="v/base")]
    ids = [c.card.id for c in ranked(cards, PROFILE).ordered]
    assert "v/base" in ids and "v/base (embed_dim=256)" not in ids
    # when the base model is infeasible, the feasible variant stands in for the family
    cards[-2] = card("v/base", 70.0, license="cc-by-nc-4.0", commercial_use=False)
    ids = [c.card.id for c in ranked(cards, PROFILE.merged({"commercial_use": True})).ordered]
    assert "v/base (embed_dim=256)" in ids and "v/base" not in ids


def test_domain_specialist_without_scores_is_surfaced_honestly():
    cards = filler(MIN_COMPARABLE) + [card("med/specialist", None, domains=["medical"])]
    r = ranked(cards, Profile(data_type="text", task="search", domain="medical", languages=["en"]))
    assert [c.card.id for c in r.specialists] == ["med/specialist"]
    assert r.specialists[0].tier == 2 and "specialist" in r.specialists[0].found_by


def test_metric_falls_back_when_too_few_feasible_models_are_comparable():
    plan = [Metric("MTEB(Law, v1)"), RET]
    law = [Card.model_validate(card_dict(f"law/{i}", benchmarks={
        **result(50.0 + i), "MTEB(Law, v1)": {"mean": 60.0 + i, "partial_mean": 60.0 + i, "covered": 8, "total": 8}}))
        for i in range(2)]
    metric, n = choose_metric(plan, law + filler(MIN_COMPARABLE))
    assert metric == RET and n == MIN_COMPARABLE + 2
    metric, n = choose_metric([Metric("MTEB(Law, v1)"), Metric("CoIR")], law)
    assert metric == Metric("MTEB(Law, v1)") and n == 2   # nothing reaches the bar: the metric with the most


def test_tradeoffs_best_quality_smallest_good_enough_best_value():
    cards = filler(MIN_COMPARABLE) + [card("t/big", 70.0, params=7_000_000_000),
                                      card("t/mid", 70.0 - GOOD_ENOUGH_POINTS + 0.5, params=500_000_000),
                                      card("t/small", 66.0, params=30_000_000),
                                      card("t/tiny-weak", 50.0, params=5_000_000)]
    kinds = {t.kind: t.candidate.card.id for t in ranked(cards, PROFILE).tradeoffs}
    assert kinds == {"best_quality": "t/big", "smallest_good_enough": "t/mid", "best_value": "t/small"}


def test_strongest_excluded_models_come_with_their_reasons():
    cards = filler(MIN_COMPARABLE) + [card("nc/strong", 80.0, license="cc-by-nc-4.0", commercial_use=False),
                                      card("api/strong", 79.0, open_weights=False)]
    r = ranked(cards, PROFILE.merged({"commercial_use": True, "privacy": "local_only"}))
    why = {x.card.id: [v.message for v in x.violations] for x in r.excluded}
    assert why["nc/strong"] == ["licence cc-by-nc-4.0 forbids commercial use"]
    assert why["api/strong"][0].startswith("cloud API only")
    assert r.blocking == {}          # only computed when nothing fits


def test_when_nothing_fits_the_constraints_that_rule_out_most_models_are_counted():
    cards = [card("nc/only", 80.0, license="cc-by-nc-4.0", commercial_use=False),
             card("api/only", 79.0, open_weights=False)]
    r = ranked(cards, PROFILE.merged({"commercial_use": True, "privacy": "local_only"}))
    assert not r.ordered
    assert r.blocking == {"commercial_use": 1, "privacy": 1}


def test_query_reads_like_the_card_documents():
    q = build_query(Profile(data_type="text", task="rag", domain="medical", languages=["en", "es"], privacy="local_only"))
    assert q == ("text embedding model, open weights, runs locally. Domain: medical, clinical, biomedical, health. "
                 "Languages: English, Spanish. For retrieval for RAG.")


def test_real_ranking_uses_the_relevant_benchmark(catalog_kb):
    cards = list(catalog_kb.catalog)
    for profile, label in [
        (Profile(data_type="text", task="search", languages=["en"]), "MTEB(eng, v2) Retrieval"),
        (Profile(data_type="text", task="rag", domain="legal", languages=["en"]), "MTEB(Law, v1) Retrieval"),
        (Profile(data_type="code", task="search"), "MTEB(Code, v1) Retrieval"),
        (Profile(data_type="text", task="classification", languages=["ja"]), "JMTEB(v2) Classification"),
        (Profile(data_type="image", task="search"), "MIEB(eng) Any2AnyRetrieval"),
    ]:
        r = ranked(cards, profile)
        assert r.metric.label == label, profile
        assert r.comparable >= MIN_COMPARABLE
        utilities = [c.utility for c in r.ordered if c.tier == 0]   # best utility first, then models without evidence
        assert utilities == sorted(utilities, reverse=True) and utilities
        assert all(c.tier > 0 for c in r.ordered[len(utilities):])


def test_multilingual_partial_means_are_compared_only_on_the_same_task_set(catalog_kb):
    r = ranked(list(catalog_kb.catalog), Profile(data_type="text", languages=["en", "ja"]))
    assert r.metric == Metric("MTEB(Multilingual, v2)", MAIN)
    headline = [c for c in r.pool if c.evidence.comparable]
    assert headline and all(c.evidence.basis == "except_snapshot_gaps" and c.evidence.covered == 130 for c in headline)
    assert all(c.evidence.covered < 130 for c in r.pool if not c.evidence.comparable)
    # a model without a comparable headline score is ranked on its other comparable evidence, never on a partial mean
    for c in r.pool:
        assert all(p.evidence.comparable for p in c.quality.parts)
