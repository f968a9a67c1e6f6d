"""`python -m eval`: the expert suite's figures are required, and only when that suite runs."""

from __future__ import annotations

from eval.__main__ import EXPERT_KEYS, REQUIRED_KEYS, SUITES, suite_of


def test_expert_figures_are_required_and_belong_to_the_expert_suite() -> None:
    assert "expert" in dict(SUITES)
    for key in ("advisor.expert_pass_rate", "advisor.infeasible_picks", "advisor.single_family_top3",
                "advisor.reference_in_top3", "advisor.expert_cases"):
        assert key in REQUIRED_KEYS and key in EXPERT_KEYS and suite_of(key) == "expert"
    assert suite_of("advisor.violations") == "advisor"


def test_circular_hit_at_3_is_no_longer_required() -> None:
    assert "advisor.hit_at_3" not in REQUIRED_KEYS
