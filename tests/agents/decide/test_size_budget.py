"""A memory limit under SIZE_BUDGET_GB is the model's size (an app bundle, a download): what ships (int8 weights and
the tokenizer/runtime files) must fit it; above it the working-memory factor applies (docs/advisor.md, "Memory")."""

from __future__ import annotations

from agents.decide.footprint import MEMORY_OVERHEAD
from agents.decide.setup import SIZE_BUDGET_GB, SIZE_BUDGET_OVERHEAD, resolve_setup
from agents.profile import Profile
from tests.agents.decide.test_feasibility import feas, model

APK = 100 / 1024   # "under 100 MB", as extraction reads it (GB)


def test_a_100_mb_limit_is_a_size_budget_and_a_2_gb_one_is_memory():
    budget = resolve_setup(Profile(memory_gb=APK))
    assert budget.size_budget and budget.overhead == SIZE_BUDGET_OVERHEAD
    assert "100 MB" in budget.label and any("model's size" in a for a in budget.assumed)
    ram = resolve_setup(Profile(memory_gb=2))
    assert not ram.size_budget and ram.overhead == MEMORY_OVERHEAD
    assert not resolve_setup(Profile(memory_gb=SIZE_BUDGET_GB / 2, hardware="gpu")).size_budget   # VRAM is memory


def test_what_ships_must_fit_the_budget_at_int8():
    fits = model(80_000_000)                     # 80 MB int8 x 1.2 = 96 MB
    f = feas(fits, memory_gb=APK)
    assert f.ok and f.run.precision == "int8"
    assert any("int8" in c and "MB" in c for c in f.caveats)
    over = model(97_000_000)                     # 97 MB int8 x 1.2 = 116 MB
    v = feas(over, memory_gb=APK).violations
    assert [x.code for x in v] == ["memory"]
    assert "100 MB" in v[0].message and not v[0].assumed          # the user's stated limit is a fact
    # the same 80M model under the working-memory rule would not have fit: x1.5 = 120 MB
    assert 80_000_000 * MEMORY_OVERHEAD / 1e9 > APK


def test_the_android_app_gets_a_model_that_lists_its_languages(keyword_advisor):
    rec = keyword_advisor.recommend(Profile(data_type="text", task="search", languages=["en", "es"], privacy="local_only",
                                            commercial_use=True, documents=5000, memory_gb=APK))
    assert rec.recommendations
    top = keyword_advisor.kb.get(rec.recommendations[0].model)
    assert top.languages and "es" in top.languages or top.multilingual
    assert top.n_parameters and top.n_parameters * SIZE_BUDGET_OVERHEAD / 1e9 <= APK
