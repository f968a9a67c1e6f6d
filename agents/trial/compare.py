"""Comparisons between systems: the best one, paired tests, example queries, and a plain-words summary."""

from __future__ import annotations

import numpy as np

from agents.trial.metrics import PRIMARY
from agents.trial.report import BASELINE_ID, SystemResult, primary
from agents.trial.stats import MIN_QUERIES, overlap, paired_test

N_EXAMPLES = 2


def _first_rank(ranking: np.ndarray, relevant: set[int]) -> int | None:
    return next((r + 1 for r, d in enumerate(ranking[:10]) if int(d) in relevant), None)


def _examples(a: SystemResult, b: SystemResult, queries: list[str], relevant: list[set[int]],
              doc_ids: list[str]) -> list[dict]:
    diffs = a.per_query[PRIMARY] - b.per_query[PRIMARY]
    out = []
    for outcome, order in (("wins", np.argsort(-diffs, kind="stable")), ("loses", np.argsort(diffs, kind="stable"))):
        for i in order[:N_EXAMPLES]:
            if (diffs[i] > 0) if outcome == "wins" else (diffs[i] < 0):
                out.append({"outcome": outcome, "versus": b.model, "query": queries[i],
                            "relevant": [doc_ids[d] for d in sorted(relevant[i])],
                            "rank": _first_rank(a.rankings[i], relevant[i]),
                            "versus_rank": _first_rank(b.rankings[i], relevant[i]),
                            "top_doc": doc_ids[int(a.rankings[i][0])],
                            "versus_top_doc": doc_ids[int(b.rankings[i][0])]})
    return out


def compare(systems: list[SystemResult], queries: list[str], relevant: list[set[int]], doc_ids: list[str],
            idx: np.ndarray, seed: int = 0) -> tuple[str | None, list[str]]:
    """Fill paired tests and examples on each system; return the best model and summary sentences."""
    if not systems:
        return None, []
    ranked = sorted(systems, key=primary, reverse=True)
    best = ranked[0]
    baseline = next((s for s in systems if s.model == BASELINE_ID), None)
    for s in systems:
        other = ranked[1] if s is best and len(ranked) > 1 else best
        if other is not s:
            s.paired_test = paired_test(s.per_query[PRIMARY], other.per_query[PRIMARY], other.model, PRIMARY, idx,
                                        seed).to_dict()
            s.examples = _examples(s, other, queries, relevant, doc_ids)
        if baseline is not None and s is not baseline:
            s.vs_baseline = paired_test(s.per_query[PRIMARY], baseline.per_query[PRIMARY], BASELINE_ID, PRIMARY,
                                        idx, seed).to_dict()
    n = len(queries)
    lo, hi = best.ci95[PRIMARY]
    summary = [f"Best on nDCG@10: {best.model} ({best.metrics[PRIMARY]:.3f}, 95% CI {lo:.3f}–{hi:.3f})."]
    if len(ranked) > 1 and best.paired_test:
        t = best.paired_test
        summary.append(f"Its lead over {t['versus']} is {t['mean_diff']:+.3f} (95% CI {t['ci95'][0]:+.3f} to "
                       f"{t['ci95'][1]:+.3f}, p={t['p_value']:.3g}): {_plain(t['verdict'])}.")
    for s in systems:
        if s is baseline or baseline is None or s.vs_baseline is None:
            continue
        t = s.vs_baseline
        apart = not overlap(s.ci95[PRIMARY], baseline.ci95[PRIMARY])
        word = "beats" if t["mean_diff"] > 0 and t["verdict"] == "significantly better" else (
            "is worse than" if t["verdict"] == "significantly worse" else "does not clearly differ from")
        summary.append(
            f"{s.model} {word} the BM25 keyword baseline: nDCG@10 {s.metrics[PRIMARY]:.3f} "
            f"[{s.ci95[PRIMARY][0]:.3f}, {s.ci95[PRIMARY][1]:.3f}] vs {baseline.metrics[PRIMARY]:.3f} "
            f"[{baseline.ci95[PRIMARY][0]:.3f}, {baseline.ci95[PRIMARY][1]:.3f}]; difference {t['mean_diff']:+.3f} "
            f"(95% CI {t['ci95'][0]:+.3f} to {t['ci95'][1]:+.3f}, p={t['p_value']:.3g}, {_plain(t['verdict'])}); "
            f"the intervals {'do not overlap' if apart else 'overlap'}.")
    if n < MIN_QUERIES:
        summary.append(f"Only {n} queries: sample too small (<{MIN_QUERIES} queries) to tell most models apart; "
                       "add queries for firmer conclusions.")
    return best.model, summary


def _plain(verdict: str) -> str:
    return {"significantly better": "significant", "significantly worse": "significant"}.get(verdict, verdict)
