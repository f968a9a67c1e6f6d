"""Two of the advisor's picks named by rank ("why is #2 above #3?", "how come option 1 ranks above option 2?") are
compared side by side: the answer is about exactly those picks, in the order named, and the needs stay as they were.
Played through ``Advisor.turn`` on the real knowledge base."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.state import ChatState

NEEDS = "search over 50k English support tickets, cloud ok, commercial use, short texts, no GPU needed, general domain"


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


@pytest.fixture(scope="module")
def state(advisor):
    return advisor.turn(ChatState(), NEEDS).state


@pytest.mark.parametrize("question, ranks", [
    ("why is #2 above #3? they look the same to me", (1, 2)),
    ("how come option 1 ranks above option 2?", (0, 1)),
    ("why is the second one ranked over the first one?", (1, 0)),
])
def test_two_picks_named_by_rank_are_compared(advisor, state, question, ranks):
    picks = [p["model"] for p in state.recommendation["recommendations"]]
    r = advisor.turn(state, question)
    assert r.intent == "comparison", r.steps
    assert r.answer["models"][:2] == [picks[i] for i in ranks], r.answer["models"]
    assert r.state.profile == state.profile


def test_one_pick_by_rank_is_still_one_model(advisor, state):
    picks = [p["model"] for p in state.recommendation["recommendations"]]
    r = advisor.turn(state, "is #2 open source?")
    assert r.intent == "model_question" and r.answer["models"][:1] == [picks[1]], (r.intent, r.answer)
