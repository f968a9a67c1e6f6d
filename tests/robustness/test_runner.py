"""The runner's bookkeeping: how fuzzing, fault and guard results become the robustness.* figures."""

from __future__ import annotations

from eval.robustness import fault_scenarios, format_report, summarise


def _stages(canary_missed: bool = False) -> dict:
    fuzz = [{"area": "extract.any_input", "cases": 300, "seconds": 1.0, "failure": None},
            {"area": "extract.huge_numbers", "cases": 12, "seconds": 0.1,
             "failure": {"kind": "crash", "error": "OverflowError: int too large", "input": [{}, [], "1e309"]}},
            {"area": "recommend.infinite_values", "cases": 3, "seconds": 0.1,
             "failure": {"kind": "violation", "error": "Violation: not strict JSON", "input": {"memory_gb": "inf"}}}]
    faults = [{"fault": "store missing", "via": "cli", "ok": True, "message": "note: ...", "failed_checks": [],
               "skipped": None, "crashed": None, "details": {}},
              {"fault": "store read-only", "via": "in-process", "ok": True, "message": "", "failed_checks": [],
               "skipped": "cannot mount here", "crashed": None, "details": {}},
              {"fault": "store locked", "via": "child process", "ok": False, "message": "no answer after 15 s",
               "failed_checks": ["answers within 15 s"], "skipped": None, "crashed": "hang: no answer after 15 s",
               "details": {}}]
    limits = [{"fault": "9 MB expanding.txt that expands in memory", "via": "loader (sample)", "ok": True,
               "message": "read the first 20,000", "failed_checks": [], "skipped": None, "crashed": None,
               "details": {"seconds": 1.2, "growth_mb": 25.0}},
              {"fault": "Host: rebind.example", "via": "server", "ok": False, "message": "200 {...}",
               "failed_checks": ["400"], "skipped": None, "crashed": None, "details": {}}]
    guard = {"external_connections": 1, "strace": True, "strace_note": None, "page_external_refs": [],
             "canaries_missed": ["server: strace"] if canary_missed else [],
             "runs": [{"run": "session", "attempts": 3, "external": 1, "canaries_seen": {"audit": True}}]}
    return {"fuzzing": fuzz, "faults": faults, "resource_limits": limits, "network_guard": guard}


def test_figures_count_cases_crashes_violations_and_connections():
    result = summarise(_stages(), {"fuzzing": 1.0}, quick=True)
    assert result["robustness.cases"] == 315 + 2 + 2 + 1   # fuzz cases + faults run (not skipped) + attacks + guard runs
    assert result["robustness.crashes"] == 2              # the OverflowError and the hang
    assert result["robustness.violations"] == 2           # the infinite value, and the host limit that did not hold
    assert result["robustness.resource_limits"] == 1 and result["robustness.resource_limit_checks"] == 2
    assert result["robustness.upload_9mb_s"] == 1.2 and result["robustness.upload_9mb_growth_mb"] == 25.0
    assert result["robustness.external_connections"] == 1
    failures = result["details"]["failures"]
    assert failures[0]["input"] == [{}, [], "1e309"] and failures[2]["error"] == "hang: no answer after 15 s"


def test_a_blind_guard_layer_is_a_violation():
    assert summarise(_stages(canary_missed=True), {}, quick=True)["robustness.violations"] == 3


def test_report_lists_each_failure_with_its_input():
    text = format_report(summarise(_stages(), {"fuzzing": 1.0}, quick=False))
    assert "robustness.crashes                   2" in text
    assert "fault store read-only" in text and "skipped: cannot mount here" in text
    assert '"input": [{}, [], "1e309"]' in text
    assert "limit Host: rebind.example" in text and "FAILED: 400" in text and "(seconds 1.2, growth_mb 25.0)" in text


def test_quick_leaves_out_only_the_torch_loading_faults():
    quick, full = fault_scenarios(True), fault_scenarios(False)
    assert set(quick) < set(full)
    assert sorted(f.__name__ for f in set(full) - set(quick)) == [
        "model_not_downloaded", "store_missing_rebuilt", "trial_model_fails_cli"]


def test_a_stage_that_breaks_is_a_crash_and_the_others_still_count():
    stages = _stages()
    del stages["network_guard"], stages["resource_limits"]
    result = summarise(stages, {}, quick=True, errors={"network_guard": "RuntimeError: server exited with 1"})
    assert result["robustness.resource_limits"] is None
    assert result["robustness.crashes"] == 3 and result["robustness.external_connections"] is None
    assert result["details"]["failures"][0] == {"stage": "network_guard", "kind": "crash",
                                                "error": "RuntimeError: server exited with 1"}
    assert result["robustness.fuzz_cases"] == 315
