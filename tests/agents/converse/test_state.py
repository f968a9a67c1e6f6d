"""Chat state: JSON round trip, validation of restored states, bounded history, trial summaries."""

from __future__ import annotations

import json

import pytest

from agents.converse.replies import acknowledge
from agents.converse.state import MAX_HISTORY, MAX_STORED_CHARS, ChatState, SessionError, compact_trial
from agents.profile import Profile


def test_round_trip_through_json():
    state = ChatState(Profile(data_type="text", languages=["en", "es"], privacy="local_only", memory_gb=16),
                      asked=("data_type", "languages"), pending=("privacy",),
                      history=({"role": "user", "text": "hi"}, {"role": "assistant", "text": "hello"}),
                      recommendation={"profile": {}, "recommendations": []}, trial={"best": "x", "candidates": []},
                      turns=2)
    again = ChatState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state


@pytest.mark.parametrize("data, words", [
    ([], "must be a mapping"),
    ({"profile": {"privacy": "maybe"}}, "privacy"),
    ({"asked": ["colour"]}, "'asked' must list profile fields"),
    ({"history": [{"role": "robot", "text": "x"}]}, "'history'"),
    ({"turns": -1}, "'turns'"),
    ({"surprise": 1}, "unknown chat state key"),
    ({"recommendation": "text"}, "'recommendation' must be a mapping"),
])
def test_malformed_state_is_rejected_with_the_reason(data, words):
    with pytest.raises(SessionError, match="(?i)" + words.replace("(", r"\(").replace(")", r"\)")):
        ChatState.from_dict(data)


def test_history_is_bounded_and_long_messages_are_cut():
    state = ChatState()
    for i in range(MAX_HISTORY + 10):
        state = state.with_message("user", f"m{i}")
    assert len(state.history) == MAX_HISTORY and state.history[-1]["text"] == f"m{MAX_HISTORY + 9}"
    long = ChatState().with_message("user", "x" * (MAX_STORED_CHARS * 3))
    assert len(long.history[0]["text"]) < MAX_STORED_CHARS + 10


def test_compact_trial_keeps_what_the_advisor_cites():
    trial = {"best": "a/b", "label_free": True, "sample": {"documents": 10, "queries": 5, "source": "demo", "x": 1},
             "corpus_size": 1000, "summary": ["a/b wins"],
             "candidates": [{"model": "a/b", "metrics": {"ndcg@10": 0.5}, "ci95": {}, "examples": [1, 2, 3]}]}
    out = compact_trial(trial)
    assert out["sample"] == {"documents": 10, "queries": 5, "source": "demo"}
    assert "examples" not in out["candidates"][0] and out["best"] == "a/b"
    with pytest.raises(SessionError):
        compact_trial({"no": "candidates"})


def test_acknowledge_says_what_changed():
    text = acknowledge({"languages": (None, ["en", "es"]), "privacy": ("local_only", "cloud_ok"),
                        "budget_usd_month": (50.0, None), "documents": (None, 2_000_000)})
    assert text == ("Noted — languages: English, Spanish; documents: 2,000,000. Updated privacy Local only → Cloud APIs OK. "
                    "Cleared budget (USD/month).")


def test_question_back_keeps_pending_questions_open(real_kb):
    """'what about bge-m3?' answers nothing: the questions still open are asked again, not defaulted."""
    from agents.advisor import Advisor
    from agents.converse.state import ChatState

    advisor = Advisor(real_kb)
    first = advisor.turn(ChatState(), "Hi, I need an embedding model")
    pending = set(first.state.pending)
    assert pending, "the advisor should ask something first"
    second = advisor.turn(first.state, "what about bge-m3?")
    assert second.state.profile == first.state.profile
    assert pending & {q["field"] for q in second.questions}, "an unanswered question must be asked again"


def test_set_profile_replaces_the_profile_and_reruns(real_kb):
    from agents.advisor import Advisor
    from agents.converse.state import ChatState

    advisor = Advisor(real_kb)
    state = advisor.turn(ChatState(), "English text search, a cloud API is fine").state
    edited = state.profile.merged({"privacy": "local_only", "data_type": "text", "languages": ["en"]})
    result = advisor.set_profile(state, edited, via="in the form")
    assert result.state.profile == edited and result.reply.startswith("**Profile edited in the form.**")
    assert result.recommendation is not None
    assert all(real_kb.get(p.model).open_weights for p in result.recommendation.recommendations)
    assert advisor.set_profile(result.state, edited).state is result.state  # no change, no new message
