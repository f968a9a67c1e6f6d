"""Combined quality: robust z-scores per metric, zero-shot discount, reliability n/(n+k), shrinkage, coverage."""

from __future__ import annotations

import math

import pytest

from agents.decide.evidence import Metric
from agents.decide.families import family
from agents.decide.quality import PRIOR_WEIGHT, RELIABILITY_K, population_stats, quality, reliability
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

RET = Metric("MTEB(eng, v2)", "Retrieval", relevance=2.0)
SMALL = Metric("RTEB(fin, beta)", relevance=1.0)


def card(model_id: str, ret: float | None = None, zero_shot: int | None = None, fin: float | None = None,
         covered: int = 10) -> Card:
    bench = {}
    if ret is not None:
        bench["MTEB(eng, v2)"] = {"mean": None, "partial_mean": ret, "covered": 30, "total": 41, "zero_shot_pct": zero_shot,
                                  "task_types": {"Retrieval": {"mean": ret if covered == 10 else None, "partial_mean": ret,
                                                               "covered": covered, "total": 10}}}
    if fin is not None:
        bench["RTEB(fin, beta)"] = {"mean": fin, "partial_mean": fin, "covered": 3, "total": 3, "zero_shot_pct": 100}
    return Card.model_validate(card_dict(model_id, benchmarks=bench))


def population(values: list[float], **extra) -> list[Card]:
    return [card(f"pop/m{i}", v, 100, **extra) for i, v in enumerate(values)]


def test_reliability_grows_with_the_number_of_tasks():
    assert reliability(3) == pytest.approx(3 / 13) and reliability(41) == pytest.approx(41 / 51)
    assert reliability(RELIABILITY_K) == 0.5 and reliability(0) == 0.0


def test_scores_are_robust_z_scores_against_the_feasible_population():
    pop = population([40, 42, 44, 46, 48, 50, 52])
    st = population_stats(RET, pop, family)
    assert st.median == 46 and st.n == 7 and st.best == 52
    q = quality(card("x/top", 52, 100), [RET], {RET: st})
    z = 3 * math.tanh((52 - 46) / st.scale / 3)
    w = 2.0 * reliability(10)
    assert q.parts[0].z == pytest.approx(z) and q.score == pytest.approx(w * z / (w + PRIOR_WEIGHT))


def test_too_small_a_population_is_not_used():
    assert population_stats(RET, population([40, 50, 60]), family) is None


def test_a_lead_is_discounted_to_the_zero_shot_share_and_a_deficit_is_not():
    pop = population([40, 42, 44, 46, 48, 50, 52])
    stats = {RET: population_stats(RET, pop, family)}
    honest = quality(card("x/zs100", 52, 100), [RET], stats)
    trained = quality(card("x/zs50", 52, 50), [RET], stats)
    assert trained.parts[0].z_used == pytest.approx(honest.parts[0].z_used * 0.5)
    assert trained.discounted and "counts 50%" in trained.discounted[0]
    behind = quality(card("x/low", 40, 30), [RET], stats)
    assert behind.parts[0].z_used == behind.parts[0].z < 0
    unknown = quality(card("x/unk", 52, None), [RET], stats)
    assert unknown.parts[0].z_used == honest.parts[0].z_used and unknown.undeclared == ["MTEB(eng, v2)"]


def test_a_three_task_benchmark_cannot_outvote_a_ten_task_one():
    pop = [card(f"pop/m{i}", 40 + i, 100, fin=40 + i) for i in range(7)]
    stats = {m: population_stats(m, pop, family) for m in (RET, SMALL)}
    fin_star = quality(card("x/fin", 40, 100, fin=60), [RET, SMALL], stats)       # best on 3 tasks, worst on 10
    ret_star = quality(card("x/ret", 60, 100, fin=40), [RET, SMALL], stats)       # the reverse
    assert ret_star.score > 0 > fin_star.score


def test_partial_results_never_enter_and_no_evidence_means_no_score():
    pop = population([40, 42, 44, 46, 48, 50, 52])
    stats = {RET: population_stats(RET, pop, family)}
    partial = quality(card("x/partial", 70, 100, covered=6), [RET], stats)
    assert partial.score is None and partial.parts == [] and not partial.comparable


def test_a_model_without_the_domain_benchmark_counts_as_its_median_there():
    fin = Metric("RTEB(fin, beta)", relevance=1.5, median_if_missing=True)
    pop = [card(f"pop/m{i}", 40 + i, 100, fin=40 + i) for i in range(7)]
    stats = {m: population_stats(m, pop, family) for m in (RET, fin)}
    general_only = quality(card("x/general", 52, 100), [fin, RET], stats)          # strong, but never tested on finance
    shown = quality(card("x/finance", 50, 100, fin=47), [fin, RET], stats)           # a bit weaker, good on finance
    assert shown.score > general_only.score > 0
    w_fin = 1.5 * reliability(3)
    w_ret = 2.0 * reliability(10)
    z = general_only.parts[0].z_used
    assert general_only.score == pytest.approx(w_ret * z / (w_ret + w_fin + PRIOR_WEIGHT))
    plain = quality(card("x/general", 52, 100), [SMALL, RET], {SMALL: stats[fin], RET: stats[RET]})   # not a domain metric
    assert plain.score == pytest.approx(w_ret * z / (w_ret + PRIOR_WEIGHT))
