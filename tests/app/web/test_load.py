"""The load test of eval/bench_app.py against the real server: 20 concurrent users, isolated sessions."""

from __future__ import annotations

from eval.bench_app import USERS, load_test


def test_twenty_concurrent_users_get_answers_and_only_their_own_state(app_server):
    result = load_test(app_server.url, USERS, seconds=8.0)
    assert result["errors"] == 0 and result["leaks"] == 0, result["error_examples"]
    assert result["users_with_a_finished_conversation"] == USERS
    assert result["latency_ms"]["n"] >= USERS * 4
