"""Property: for random users, no pick (top 3 and start-small) breaks a documented rule, as re-checked by an
independent function (tests/agents/decide/independent.py) on the real catalog."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agents.profile import Profile
from tests.agents.decide.independent import violations

profiles = st.builds(
    Profile,
    data_type=st.sampled_from(["text", "code", "image", "multimodal", "audio", None]),
    task=st.sampled_from(["search", "rag", "classification", "clustering", None]),
    domain=st.sampled_from(["general", "medical", "legal", "code", None]),
    languages=st.one_of(st.none(), st.lists(st.sampled_from(["en", "de", "fr", "it", "pl", "ja", "zh"]),
                                            min_size=1, max_size=2, unique=True)),
    privacy=st.sampled_from(["local_only", "cloud_ok", None]),
    commercial_use=st.sampled_from([True, None]),
    documents=st.sampled_from([None, 5_000, 400_000, 5_000_000]),
    avg_doc_tokens=st.sampled_from([None, 40, 500]),
    queries_per_second=st.sampled_from([None, 1, 50]),
    latency_ms=st.sampled_from([None, 20, 300]),
    hardware=st.sampled_from([None, "cpu", "gpu"]),
    memory_gb=st.sampled_from([None, 2, 8, 32]),
    device=st.sampled_from([None, None, "t4", "rtx4090", "a100", "raspberry-pi-4", "apple-m2", "laptop"]),
    cpu_cores=st.sampled_from([None, 2, 16]),
    gpu_count=st.sampled_from([None, None, 4]),
    index_window_hours=st.sampled_from([None, 4, 72]),
    ingest_per_day=st.sampled_from([None, None, 10_000, 5_000_000]),
    budget_usd_month=st.sampled_from([None, 0, 20, 500]),
    priority=st.sampled_from([None, "quality", "cost"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=profiles)
def test_no_pick_is_infeasible_for_a_random_user(keyword_advisor, profile):
    rec = keyword_advisor.recommend(profile)
    used = rec.profile.model_dump()        # with the named device mapped, as the advisor ranked it
    picks = [p.model for p in rec.recommendations] + ([rec.start_small.model] if rec.start_small else [])
    for model in picks:
        broken = violations(keyword_advisor.kb.get(model), used)
        assert not broken, f"{model} breaks {broken} for {profile.known()}"
    families = [p.family for p in rec.recommendations]
    assert len(families) == len(set(families))
