"""Expert evaluation suite: play the frozen conversations through the advisor, judge every top 3.

``python -m eval expert [--json FILE]`` (or ``python -m eval.expert.bench [--case ID] [--json FILE]``)
reports, over every ``conversations*.yaml`` in this folder:

- ``advisor.expert_cases`` / ``advisor.expert_pass_rate``: cases, and the share passing every check;
- ``advisor.infeasible_picks``: top-3 picks the judge finds infeasible for the user (must become 0);
- ``advisor.single_family_top3``: cases whose top 3 holds fewer families than the catalogue offers
  (up to 3) (must become 0);
- ``advisor.reference_in_top3``: share of cases whose top 3 holds the reference model's family (the best
  established feasible model on the broadest relevant benchmark, computed here from the cards);
- ``advisor.expert_check_failures``: failures per check; per-case details under ``details``.

Only the Advisor facade and its chat state are imported from agents/; everything else is eval/expert.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from eval.expert import judge as judge_rules
from eval.expert.judge import CHECKS, Need, judge

HERE = Path(__file__).resolve().parent
REQUIRED_TRUTH = ("data", "languages", "documents", "api_invited", "local_only", "commercial", "device",
                  "memory_gb", "budget_usd_month", "window_hours", "latency_ms", "cheapest")


def case_files() -> list[Path]:
    """The frozen round-1 set first, then later rounds in name order."""
    return sorted(HERE.glob("conversations*.yaml"), key=lambda p: (p.name != "conversations.yaml", p.name))


def load_cases(path: Path) -> list[dict[str, Any]]:
    """Cases of one file, each checked for the fields the judge needs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of cases")
    for case in data:
        cid = case.get("id") if isinstance(case, dict) else None
        if not cid or not case.get("turns") or not isinstance(case.get("truth"), dict):
            raise ValueError(f"{path}: every case needs id, turns and truth ({cid or case!r})")
        missing = [k for k in REQUIRED_TRUTH if k not in case["truth"]]
        if missing:
            raise ValueError(f"{path}: case {cid} truth lacks {missing}")
        Need.from_truth(cid, case["truth"])   # validates data type and device name
    return data


# When the advisor is still asking after the user's last turn, the user answers once more like someone who
# does not know: the advisor must then assume (and say so) and recommend.
NUDGE = "no idea about the rest, just give me your best recommendation"


def play(advisor: Any, turns: list[str]) -> tuple[dict[str, Any] | None, bool]:
    """The final recommendation (JSON dict) after the user's turns, or None; and whether a nudge was sent."""
    from agents.converse.state import ChatState

    state = ChatState()
    for message in turns:
        state = advisor.turn(state, message).state
    if state.recommendation is not None:
        return state.recommendation, False
    return advisor.turn(state, NUDGE).state.recommendation, True


def judge_all(advisor: Any, catalog: Any, cases: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    results = []
    for case in cases:
        rec, nudged = play(advisor, case["turns"])
        res = judge(Need.from_truth(case["id"], case["truth"]), rec, catalog)
        res["set"] = source
        res["nudged"] = nudged
        res["who"] = case.get("who")
        res["excluded"] = [e.get("model") for e in (rec or {}).get("excluded") or []]
        results.append(res)
    return results


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The suite's flat metrics from per-case results."""
    n = len(results)
    refs = [r["reference_in_top3"] for r in results if r["reference_in_top3"] is not None]
    by_set: dict[str, list[bool]] = {}
    for r in results:
        by_set.setdefault(r["set"], []).append(r["passed"])
    return {
        "advisor.expert_cases": n,
        "advisor.expert_pass_rate": round(sum(r["passed"] for r in results) / n, 4) if n else None,
        "advisor.infeasible_picks": sum(len(r["infeasible"]) for r in results),
        "advisor.single_family_top3": sum(not r["checks"]["three_families"] for r in results),
        "advisor.reference_in_top3": round(sum(refs) / len(refs), 4) if refs else None,
        "advisor.reference_cases": len(refs),
        "advisor.expert_check_failures": {c: sum(not r["checks"][c] for r in results) for c in CHECKS},
        "advisor.expert_missing_fact_exclusions": sum(len(r["invalid_exclusions"]) for r in results),
        "advisor.expert_no_recommendation": sum(not r["picks"] for r in results),
        "advisor.expert_nudged": sum(bool(r.get("nudged")) for r in results),
        "advisor.expert_assumed_need_exclusions": sum(len(r.get("assumed_need_exclusions", [])) for r in results),
        "advisor.expert_pass_rate_by_set": {k: round(sum(v) / len(v), 4) for k, v in by_set.items()},
        **per_round(results),
    }


def round_suffix(file_name: str) -> str | None:
    """``_round3`` for ``conversations_round3.yaml``; None for the frozen round-1 file."""
    m = re.fullmatch(r"conversations_(round\d+)\.yaml", file_name)
    return f"_{m.group(1)}" if m else None


def per_round(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The headline figures of each later round on its own (``advisor.expert_pass_rate_round3`` ...): a new
    round's first-try figure must be readable without the older, already-fixed cases mixed in."""
    out: dict[str, Any] = {}
    sets = sorted({r["set"] for r in results})
    for name in sets:
        suffix = round_suffix(name)
        if suffix is None:
            continue
        part = [r for r in results if r["set"] == name]
        refs = [r["reference_in_top3"] for r in part if r["reference_in_top3"] is not None]
        out.update({
            f"advisor.expert_cases{suffix}": len(part),
            f"advisor.expert_pass_rate{suffix}": round(sum(r["passed"] for r in part) / len(part), 4),
            f"advisor.infeasible_picks{suffix}": sum(len(r["infeasible"]) for r in part),
            f"advisor.single_family_top3{suffix}": sum(not r["checks"]["three_families"] for r in part),
            f"advisor.reference_in_top3{suffix}": round(sum(refs) / len(refs), 4) if refs else None,
        })
    return out


def run(quick: bool = False, kb: Any = None, only: list[str] | None = None) -> dict[str, Any]:
    """Play and judge every case (``quick`` changes nothing: the set is small and deterministic)."""
    from agents.advisor import Advisor
    from app.settings import load_settings
    from knowledge.base import KnowledgeBase

    kb = kb or KnowledgeBase.open(load_settings().kb_config(), sync=True)
    advisor = Advisor(kb)
    results: list[dict[str, Any]] = []
    for path in case_files():
        cases = [c for c in load_cases(path) if not only or c["id"] in only]
        results += judge_all(advisor, kb.catalog, cases, path.name)
    return {**summarise(results), "details": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Expert evaluation of the advisor (issue 11).")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--case", action="append", help="only this case id (repeatable)")
    parser.add_argument("--judge-speed", choices=judge_rules.SPEED_RULES, default=judge_rules.speed_rule,
                        help="speed by compute parameters (default) or by total parameters (the judge before session 11)")
    args = parser.parse_args(argv)
    judge_rules.speed_rule = args.judge_speed
    result = run(only=args.case)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "details"}, indent=2))
    for r in result["details"]:
        mark = "PASS" if r["passed"] else "FAIL"
        print(f"{mark} {r['id']}: {', '.join(r['picks']) or '-'}", file=sys.stderr)
        for name, detail in r["failures"].items():
            print(f"     {name}: {detail}", file=sys.stderr)
        if r["reference"]:
            ref = r["reference"]
            print(f"     reference: {ref['model']} ({ref['benchmark']} {ref['score']}) "
                  f"{'in' if r['reference_in_top3'] else 'NOT in'} top 3", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
