"""Robustness suite: fuzzing, fault injection, resource limits under attack and the network guard, with stable
metric names.

``run(quick)`` returns ``robustness.cases`` (generated and injected cases executed), ``robustness.crashes``
(unexpected exceptions, hangs, dead processes), ``robustness.violations`` (promises broken without a
crash), ``robustness.resource_limits`` (attacks on the loaders and the running server whose limit held,
see :mod:`eval.limits`), ``robustness.external_connections`` (attempts to reach a host outside the loopback
during a full session and a served session) and ``details`` with every failure and the input that caused it.

``python -m eval.robustness [--json FILE] [--quick]``. Quick: small example counts, the faults that need
no torch, the guarded session and server. Full: ten times the examples and the heavy faults (rebuild,
uncached model, CLI trial). Everything runs on copies in a scratch directory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def fault_scenarios(quick: bool) -> list[Callable[[Any], list[Any]]]:
    """The fault scenarios to run: all of them, or (quick) those that need no torch."""
    from eval import faults_app as app
    from eval import faults_store as store

    light = [store.store_missing, store.store_corrupt, store.store_locked, store.store_read_only, app.card_broken,
             app.model_missing, app.trial_model_fails, app.disk_full]
    heavy = [store.store_missing_rebuilt, app.model_not_downloaded, app.trial_model_fails_cli]
    return light if quick else light + heavy


def base_data_dir(workdir: Path) -> tuple[Path, Any]:
    """A built, in-sync data directory to copy from (the configured one, synced as the app would) and its KB."""
    from app.settings import load_settings
    from knowledge.base import KBConfig, KnowledgeBase

    config = load_settings().kb_config()
    if config.chroma_host or config.data_dir is None:  # a Chroma server: build a local copy instead
        config = KBConfig(cards_dir=config.cards_dir, data_dir=workdir / "base-data", embed_model=config.embed_model)
    kb = KnowledgeBase.open(config, sync=True)
    if not kb.in_sync:
        raise RuntimeError(f"the knowledge base could not be built: {kb.index_error}")
    return config.data_dir, kb


def run_fuzzing(quick: bool, advisor: Any) -> list[dict[str, Any]]:
    from eval.fuzzing import Context, areas, run_area

    ctx = Context(advisor)
    try:
        return [run_area(a, a.quick if quick else a.full).to_dict() for a in areas(ctx)]
    finally:
        shutil.rmtree(ctx.scratch, ignore_errors=True)


def run_faults(quick: bool, workdir: Path, donor: Path) -> list[dict[str, Any]]:
    from eval.fault_lab import Lab

    lab = Lab(workdir / "faults", donor)
    out: list[dict[str, Any]] = []
    for scenario in fault_scenarios(quick):
        start = time.perf_counter()
        for outcome in scenario(lab):
            out.append({**outcome.to_dict(), "seconds": round(time.perf_counter() - start, 1)})
            start = time.perf_counter()
    return out


def run_resource_limits(workdir: Path, donor: Path, advisor: Any) -> list[dict[str, Any]]:
    from eval.limits import run_limits

    out: list[dict[str, Any]] = []
    start = time.perf_counter()
    for outcome in run_limits(workdir / "limits", donor, advisor):
        out.append({**outcome.to_dict(), "seconds": round(time.perf_counter() - start, 1)})
        start = time.perf_counter()
    return out


def run(quick: bool = True) -> dict[str, Any]:
    """The whole suite; flat ``robustness.*`` metrics plus ``details``."""
    from agents.advisor import Advisor
    from app.settings import apply_process_defaults, load_settings
    from eval.netguard_session import run_guard

    apply_process_defaults(load_settings())
    workdir = Path(tempfile.mkdtemp(prefix="robustness-"))
    seconds: dict[str, float] = {}
    try:
        start = time.perf_counter()
        base, kb = base_data_dir(workdir)
        seconds["setup"] = round(time.perf_counter() - start, 1)
        stages: dict[str, Any] = {}
        errors: dict[str, str] = {}
        (workdir / "guard").mkdir()
        for name, fn in (("fuzzing", lambda: run_fuzzing(quick, Advisor(kb))),
                         ("faults", lambda: run_faults(quick, workdir, base)),
                         ("resource_limits", lambda: run_resource_limits(workdir, base, Advisor(kb))),
                         ("network_guard", lambda: run_guard(workdir / "guard", base, quick))):
            start = time.perf_counter()
            try:
                stages[name] = fn()
            except Exception as exc:  # noqa: BLE001 - a stage that breaks is a finding; the others still report
                errors[name] = f"{type(exc).__name__}: {exc}"[:1000]
            seconds[name] = round(time.perf_counter() - start, 1)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return summarise(stages, seconds, quick, errors)


def summarise(stages: dict[str, Any], seconds: dict[str, float], quick: bool,
              errors: dict[str, str] | None = None) -> dict[str, Any]:
    """Flat figures and details from the stage results; a stage that raised counts as a crash."""
    errors = errors or {}
    fuzz, faults = stages.get("fuzzing", []), stages.get("faults", [])
    limits = stages.get("resource_limits", [])
    guard = stages.get("network_guard", {"external_connections": None, "canaries_missed": [], "runs": []})
    failures = [{"stage": name, "kind": "crash", "error": err} for name, err in errors.items()]
    failures += [{"area": a["area"], **a["failure"]} for a in fuzz if a["failure"]]
    failures += [{"fault": f["fault"], "via": f["via"], "kind": "crash" if f["crashed"] else "violation",
                  "error": f["crashed"] or "; ".join(f["failed_checks"]), "message": f["message"]}
                 for f in faults if not f["ok"]]
    failures += [{"attack": a["fault"], "via": a["via"], "kind": "crash" if a["crashed"] else "violation",
                  "error": a["crashed"] or "limit did not hold: " + "; ".join(a["failed_checks"]),
                  "message": a["message"]} for a in limits if not a["ok"]]
    for missed in guard["canaries_missed"]:
        failures.append({"guard": missed, "kind": "violation", "error": "a guard layer did not see its canary"})
    fault_cases = sum(1 for f in faults if not f["skipped"])
    cases = sum(a["cases"] for a in fuzz) + fault_cases + len(limits) + len(guard["runs"])
    return {
        "robustness.cases": cases,
        "robustness.crashes": sum(1 for f in failures if f["kind"] == "crash"),
        "robustness.violations": sum(1 for f in failures if f["kind"] == "violation"),
        "robustness.resource_limits": sum(1 for a in limits if a["ok"]) if "resource_limits" in stages else None,
        "robustness.resource_limit_checks": len(limits),
        # the 9 MB .txt of "x\n\n" (before the fix: 17-80 s and 1.2 GB); load time and peak memory growth
        "robustness.upload_9mb_s": _expanding(limits, "seconds"),
        "robustness.upload_9mb_growth_mb": _expanding(limits, "growth_mb"),
        "robustness.external_connections": guard["external_connections"],
        "robustness.fuzz_cases": sum(a["cases"] for a in fuzz),
        "robustness.fault_cases": fault_cases,
        "details": {"quick": quick, "seconds": seconds, "failures": failures, "fuzzing": fuzz, "faults": faults,
                    "resource_limits": limits, "network_guard": guard, "stage_errors": errors},
    }


def _expanding(limits: list[dict[str, Any]], key: str) -> float | None:
    found = [a["details"].get(key) for a in limits if a["fault"].endswith("expanding.txt that expands in memory")]
    return found[0] if found else None


def format_report(result: dict[str, Any]) -> str:
    d = result["details"]
    lines = [f"{k:<36} {v}" for k, v in result.items() if k != "details"]
    lines.append("")
    for a in d["fuzzing"]:
        status = "ok" if not a["failure"] else f"{a['failure']['kind'].upper()}: {a['failure']['error'][:90]}"
        lines.append(f"fuzz  {a['area']:<28} {a['cases']:>5} cases {a['seconds']:>6.1f} s  {status}")
    for f in d["faults"]:
        status = "skipped: " + f["skipped"] if f["skipped"] else "ok" if f["ok"] else (
            f"CRASH: {f['crashed']}" if f["crashed"] else "FAILED: " + "; ".join(f["failed_checks"]))
        lines.append(f"fault {f['fault'][:52]:<52} {f['via']:<13} {status[:120]}")
    for a in d.get("resource_limits", []):
        status = "held" if a["ok"] else (f"CRASH: {a['crashed']}" if a["crashed"] else
                                         "FAILED: " + "; ".join(a["failed_checks"]))
        figures = ", ".join(f"{k} {v}" for k, v in a["details"].items() if k in ("seconds", "growth_mb"))
        lines.append(f"limit {a['fault'][:52]:<52} {a['via']:<24} {status[:100]}" + (f"  ({figures})" if figures else ""))
    for r in d["network_guard"]["runs"]:
        lines.append(f"guard {r['run'][:52]:<52} {r['attempts']:>3} attempts, {r['external']} external, "
                     f"canaries seen: {r['canaries_seen']}")
    if d["network_guard"].get("strace_note"):
        lines.append("guard " + d["network_guard"]["strace_note"])
    lines.append("seconds: " + ", ".join(f"{k} {v}" for k, v in d["seconds"].items()))
    if d["failures"]:
        lines += ["", "failures (input that caused each):"]
        lines += [f"- {json.dumps(f, ensure_ascii=False, default=str)[:600]}" for f in d["failures"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.robustness", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--quick", action="store_true", help="small example counts, no torch-loading faults")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # inputs may hold lone surrogates
    start = time.perf_counter()
    result = run(quick=args.quick)
    result["details"]["total_seconds"] = round(time.perf_counter() - start, 1)
    print(format_report(result))
    print(f"total: {result['details']['total_seconds']} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n")
    return 1 if result["robustness.crashes"] or result["robustness.violations"] or result["robustness.external_connections"] \
        else 0


if __name__ == "__main__":
    sys.exit(main())
