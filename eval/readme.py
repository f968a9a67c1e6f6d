"""``python -m eval.readme [out.json]``: regenerate README's configuration table and "Quality and
performance" section (figures table + SVG charts in docs/figures/) from a ``python -m eval all`` run."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
FIGURES = REPO / "docs" / "figures"

# metric -> (label, target text, check) ; check(value) -> bool | None
TARGETS: dict[str, tuple[str, str, Any]] = {
    "kb.cards": ("model cards", "≥ 600", lambda v: v >= 600),
    "kb.build_s": ("index build, fresh `kb build` process (s)", "≤ 60", lambda v: v <= 60),
    "kb.query_p50_ms": ("filtered query p50 (ms, warm)", "", None),
    "kb.query_p95_ms": ("filtered query p95 (ms, warm)", "≤ 50", lambda v: v <= 50),
    "kb.audited_facts": ("facts audited against primary sources", "≥ 150", lambda v: v >= 150),
    "kb.audit_mismatches": ("cards contradicting an audited fact", "0", lambda v: v == 0),
    "kb.articles": ("concept articles (sourced)", "≥ 32", lambda v: v >= 32),
    "kb.article_hit_at_1": ("concept question → its article ranked first (held-out sets)", "", None),
    "kb.article_hit_at_3": ("concept question → its article in the top 3 (held-out sets)", "", None),
    "advisor.scenarios": ("evaluation scenarios", "≥ 30", lambda v: v >= 30),
    "advisor.violations": ("hard-constraint violations", "0", lambda v: v == 0),
    "advisor.hit_at_3": ("old circular check: top-3 pick within 2 points of the best feasible by the advisor's own rules",
                         "", None),
    "advisor.expert_cases": ("expert evaluation conversations (eval/expert)", "≥ 40", lambda v: v >= 40),
    "advisor.expert_pass_rate": ("expert cases passing every check", "", None),
    "advisor.infeasible_picks": ("top-3 picks infeasible for the user (expert judge)", "0", lambda v: v == 0),
    "advisor.single_family_top3": ("expert cases whose top 3 lacks three families", "0", lambda v: v == 0),
    "advisor.reference_in_top3": ("reference model's family in the top 3 (independent of the advisor)", "", None),
    "advisor.slot_accuracy": ("extraction slot accuracy", "", None),
    "advisor.slot_accuracy_heldout": ("extraction slot accuracy, held-out messages", "≥ 0.95", lambda v: v >= 0.95),
    "advisor.intent_accuracy": ("intent accuracy, held-out messages", "≥ 0.95", lambda v: v >= 0.95),
    "advisor.profile_changed_by_question": ("questions that changed the needs profile", "0", lambda v: v == 0),
    "advisor.turn_p50_ms": ("warm chat turn p50 (ms)", "", None),
    "advisor.turn_p95_ms": ("warm chat turn p95 (ms)", "≤ 100", lambda v: v <= 100),
    "advisor.cli_cold_s": ("cold `recommend` CLI, median (s)", "≤ 3", lambda v: v <= 3),
    "trial.docs_per_s": ("trial encode throughput (docs/s)", "", None),
    "trial.raw_docs_per_s": ("plain sentence-transformers encode (docs/s)", "", None),
    "trial.overhead_ratio": ("trial / plain encode time", "≤ 1.10", lambda v: v <= 1.10),
    "trial.sample500_s": ("500 docs + 100 queries, MiniLM + BM25 (s)", "≤ 30", lambda v: v <= 30),
    "finetune.pairs_per_s": ("fine-tune training throughput, MiniLM, CPU (pairs/s)", "≥ 3.4 (1,000 pairs ≤ 5 min)",
                             lambda v: v >= 1000 / 300),
    "finetune.ndcg_gain": ("fine-tune held-out nDCG@10 gain (docstrings, 1 epoch)", "", None),
    "finetune.ci95": ("its 95% bootstrap interval", "", None),
    "finetune.peak_rss_mb": ("fine-tune command peak memory (MB)", "≤ 3000", lambda v: v <= 3000),
    "app.startup_s": ("web app start-up to ready (s)", "≤ 20", lambda v: v <= 20),
    "app.concurrent_sessions": ("concurrent chat sessions", "20", lambda v: v >= 20),
    "app.errors": ("errors / leaks under load", "0", lambda v: v == 0),
    "app.p95_ms": ("HTTP p95 under load (ms)", "", None),
    "app.axe_violations": ("serious/critical axe-core violations, scripted browser session", "0", lambda v: v == 0),
    "app.browser_console_errors": ("failed page calls + console errors, scripted browser session", "0",
                                   lambda v: v == 0),
    "robustness.cases": ("robustness cases run", "", None),
    "robustness.crashes": ("crashes", "0", lambda v: v == 0),
    "robustness.violations": ("safety properties broken by fuzzed input (a question relaxing a hard need, ...)", "0",
                              lambda v: v == 0),
    "robustness.resource_limits": ("resource limits that held under attack (issue 13)", "", None),
    "robustness.upload_9mb_s": ("9 MB sample of 3 million paragraphs: load time (s)", "", None),
    "robustness.upload_9mb_growth_mb": ("… and its peak memory growth (MB)", "", None),
    "robustness.external_connections": ("connections outside loopback", "0", lambda v: v == 0),
}


def _replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- {name}:start/end --> markers")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def env_table() -> str:
    from app.settings import variables

    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for var in variables():
        rows.append(f"| `{var.name}` | {f'`{var.default}`' if var.default else '—'} | {var.doc} |")
    return "\n".join(rows) + "\n"


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def figures_block(result: dict[str, Any]) -> str:
    metrics = result.get("metrics", {})
    m = result.get("machine", {})
    lines = [
        f"Measured {result.get('started', '?')} on {m.get('cpu_count', '?')} CPU cores, {m.get('memory_gb', '?')} GB RAM, "
        f"no GPU, Python {m.get('python', '?')} ({'quick' if result.get('quick') else 'full'} run, "
        f"{result.get('total_seconds', '?')} s in all). Timings are medians over repeated runs.",
        "",
        "| metric | name | value | target |",
        "|---|---|---|---|",
    ]
    for key, (label, target, check) in TARGETS.items():
        value = metrics.get(key)
        ok = "" if value is None or check is None else (" ✅" if check(value) else " ❌")
        shown = "pending" if value is None and key in result.get("pending", {}) else _fmt(value)
        lines.append(f"| {label} | `{key}` | {shown} | {target}{ok} |")
    if result.get("errors"):
        lines += ["", "Suites that failed in this run: " + ", ".join(f"{k} ({v})" for k, v in result["errors"].items())]
    charts = write_charts(result)
    if charts:
        lines += [""] + [f"![{alt}](docs/figures/{name})" for name, alt in charts]
    return "\n".join(lines) + "\n"


def _scenario_kind(scenario: dict[str, Any]) -> str:
    metric = ((scenario.get("expect") or {}).get("metric") or {}).get("benchmark", "")
    if not metric:
        return "questions / edge cases"
    if any(k in metric for k in ("Medical", "Law", "fin", "Code", "Chem", "Health", "CoIR")):
        return "domain"
    if any(k in metric for k in ("MIEB", "MAEB", "MVEB", "ViDoRe")):
        return "image / audio"
    if "eng" in metric:
        return "English general"
    return "other languages"


def write_charts(result: dict[str, Any]) -> list[tuple[str, str]]:
    """Latency chart and hit@3 by scenario type, as SVG files (no plotting library needed)."""
    from app.report.charts import Bar, bar_svg

    metrics = result.get("metrics", {})
    FIGURES.mkdir(parents=True, exist_ok=True)
    out: list[tuple[str, str]] = []
    lat = [(label, metrics.get(key)) for label, key in (
        ("KB query p50", "kb.query_p50_ms"), ("KB query p95", "kb.query_p95_ms"),
        ("chat turn p50", "advisor.turn_p50_ms"), ("chat turn p95", "advisor.turn_p95_ms"),
        ("HTTP under load p95", "app.p95_ms"))]
    bars = [Bar(label, float(v)) for label, v in lat if isinstance(v, int | float)]
    if bars:
        (FIGURES / "latency.svg").write_text(bar_svg(bars, "milliseconds", "Latency on this machine"), encoding="utf-8")
        out.append(("latency.svg", "latency chart"))
    details = result.get("details", {}).get("advisor")
    if isinstance(details, list):
        scenarios = {s["id"]: s for s in yaml.safe_load((REPO / "eval" / "scenarios.yaml").read_text()) or []}
        hits: dict[str, list[bool]] = defaultdict(list)
        for row in details:
            if row.get("hit_at_3") is not None and row["id"] in scenarios:
                hits[_scenario_kind(scenarios[row["id"]])].append(bool(row["hit_at_3"]))
        qbars = [Bar(f"{kind} ({len(v)})", sum(v) / len(v)) for kind, v in sorted(hits.items())]
        if qbars:
            (FIGURES / "quality_by_scenario.svg").write_text(
                bar_svg(qbars, "share of scenarios with a top-3 pick within 2 points of the best feasible model",
                        "Recommendation quality by scenario type"), encoding="utf-8")
            out.append(("quality_by_scenario.svg", "quality by scenario type"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("result", type=Path, nargs="?", help="JSON written by `python -m eval all --json FILE`")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    text = _replace_block(text, "env-table", env_table())
    if args.result:
        text = _replace_block(text, "figures", figures_block(json.loads(args.result.read_text())))
    README.write_text(text, encoding="utf-8")
    print("README.md updated" + (f" with {args.result}" if args.result else " (configuration table only)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
