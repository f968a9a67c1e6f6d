"""Intents before slots (issue 14): my own cases (intent_cases.yaml, written before the classifier) played
through ``Advisor.turn`` on the real knowledge base. A question never edits the needs; a needs message
changes what it states; an answer names what it was asked about."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from agents.advisor import Advisor
from agents.converse.state import ChatState
from agents.understand.intent import INTENTS, groups

CASES = yaml.safe_load((Path(__file__).parent / "intent_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


def test_every_case_is_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert {c["intent"] for c in CASES} == set(INTENTS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_intent_case(advisor, case):
    state = ChatState()
    for said in case.get("context") or []:
        state = advisor.turn(state, said).state
    before = state.profile.model_dump()
    r = advisor.turn(state, case["message"])
    after = r.state.profile.model_dump()
    assert r.intent == case["intent"], r.steps
    if case["intent"] == "needs":
        for name, value in (case.get("changes") or {}).items():
            got = after[name]
            assert (sorted(got) if isinstance(got, list) else got) == (sorted(value) if isinstance(value, list) else value), name
    else:
        assert after == before, "a question must never edit the needs"
    for text in case.get("answer") or []:
        assert text.lower() in r.reply.lower(), r.reply


@pytest.mark.parametrize("name", sorted(groups()))
def test_cue_group_examples(name):
    group = groups()[name]
    for text in group.says:
        assert group.pattern.search(text), f"{name} should match {text!r}"
    for text in group.not_:
        assert not group.pattern.search(text), f"{name} should not match {text!r}"
