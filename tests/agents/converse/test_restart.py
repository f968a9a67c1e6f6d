"""Starting over (issue 14): a wish or a question asks first and changes nothing; yes resets, no keeps, any other
message cancels and is read as usual; the bare command resets at once; the pending confirmation survives JSON."""

from __future__ import annotations

import json

import pytest

from agents.advisor import Advisor
from agents.converse.restart import CANCELLED, NO, YES
from agents.converse.state import ChatState, SessionError
from agents.understand.moves import confirmation, start_over

NEEDS = "English news search, 5 million articles, nothing may leave our servers"


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


@pytest.fixture(scope="module")
def started(advisor) -> ChatState:
    return advisor.turn(ChatState(), NEEDS).state


@pytest.mark.parametrize("text, kind", [
    ("reset", "command"), ("Reset everything.", "command"), ("start over", "command"), ("Start over please", "command"),
    ("let's start over", "command"), ("forget everything I said", "command"), ("please clear everything!", "command"),
    ("Start over: 20k German contracts, on-prem", "command"),
    ("I want to start from scratch", "ask"), ("can we start over?", "ask"), ("start over?", "ask"),
    ("maybe we should start again", "ask"), ("how do I start a fresh profile?", "ask"), ("could you reset my answers", "ask"),
    ("forget everything I said about the budget", "ask"),
    ("reset the budget", None), ("how to reset the router", None), ("we have 5 million articles", None),
])
def test_command_or_wish(text, kind):
    assert start_over(text.lower()) == kind


@pytest.mark.parametrize("text, said", [
    ("yes", True), ("Yes, start over", True), ("ok, do it", True), ("no", False), ("No, keep my answers", False),
    ("keep them", False), ("yes, and add German", None), ("no Spanish", None), ("about 2 million", None),
])
def test_bare_yes_or_no(text, said):
    assert confirmation(text.lower()) is said


@pytest.mark.parametrize("wish", ["I want to start from scratch", "can we start over?", "start over?"])
def test_a_wish_asks_what_would_be_forgotten_and_changes_nothing(advisor, started, wish):
    r = advisor.turn(started, wish)
    assert r.state.profile == started.profile and r.state.recommendation == started.recommendation
    assert r.state.confirm == "start_over" and r.intent == "process_question"
    assert r.questions == [{"field": "start_over", "text": "Start over and forget these answers?", "choices": [YES, NO]}]
    assert "5,000,000" in r.reply and "English" in r.reply and "Yes, start over" in r.reply


def test_yes_starts_over(advisor, started):
    asking = advisor.turn(started, "I want to start from scratch").state
    for said in ("yes", YES):
        r = advisor.turn(asking, said)
        assert r.state.profile.known() == {} and r.state.recommendation is None and r.state.confirm is None
        assert r.reply.startswith("Started over: I forgot") and "5,000,000" in r.reply
        assert r.questions and r.questions[0]["field"] == "data_type"


def test_no_keeps_the_answers(advisor, started):
    asking = advisor.turn(started, "can we start over?").state
    for said in ("no", NO):
        r = advisor.turn(asking, said)
        assert r.state.profile == started.profile and r.state.confirm is None
        assert r.state.recommendation == started.recommendation
        assert r.reply.startswith("Kept your answers") and "5,000,000" in r.reply


def test_another_message_cancels_and_is_read_as_usual(advisor, started):
    asking = advisor.turn(started, "I want to start from scratch").state
    r = advisor.turn(asking, "actually it's about 2 million articles")
    assert r.state.confirm is None and r.state.profile.documents == 2_000_000
    assert r.state.profile.languages == ["en"] and CANCELLED in r.reply
    # the next "yes" is no longer a confirmation: the needs stay
    assert advisor.turn(r.state, "yes").state.profile.languages == ["en"]


@pytest.mark.parametrize("command", ["reset everything", "start over", "Forget everything."])
def test_a_command_starts_over_at_once(advisor, started, command):
    r = advisor.turn(started, command)
    assert r.state.profile.known() == {} and r.state.recommendation is None and r.state.confirm is None
    assert r.state.asked == tuple(q["field"] for q in r.questions)


def test_a_command_with_new_needs_keeps_only_the_new_ones(advisor, started):
    r = advisor.turn(started, "Start over: 20k German legal contracts")
    assert r.state.profile.languages == ["de"] and r.state.profile.documents == 20_000
    assert r.state.profile.privacy is None


def test_with_nothing_to_forget_the_message_is_read_as_usual(advisor):
    r = advisor.turn(ChatState(), "I want to start from scratch: 20k German legal contracts")
    assert r.state.confirm is None and r.state.profile.documents == 20_000


def test_pending_confirmation_round_trips(advisor, started):
    asking = advisor.turn(started, "can we start over?").state
    again = ChatState.from_dict(json.loads(json.dumps(asking.to_dict())))
    assert again == asking and again.confirm == "start_over"
    assert advisor.turn(again, "yes").state.profile.known() == {}
    with pytest.raises(SessionError, match="'confirm'"):
        ChatState.from_dict({"confirm": "delete_everything"})
