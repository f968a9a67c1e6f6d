"""The held-out understanding scorers, on tiny hand-made sets and a fake advisor whose answers we control."""

from __future__ import annotations

import sys
import types
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from agents.converse.state import ChatState
from eval.understanding import bench
from eval.understanding.scoring import NOT_IMPLEMENTED, matches, score_extraction, score_intents
from eval.understanding.sets import INTENTS, SetError, load_extraction, load_intents, parse_items


class FakeAdvisor:
    """Applies a fixed profile update per message; reports ``intent`` only when given intents."""

    def __init__(self, updates: dict[str, dict[str, Any]], intents: dict[str, str] | None = None,
                 crash_on: str | None = None) -> None:
        self.updates, self.intents, self.crash_on = updates, intents, crash_on
        self.seen: list[str] = []

    def turn(self, state: ChatState, message: str) -> Any:
        self.seen.append(message)
        if message == self.crash_on:
            raise RuntimeError("boom")
        new = replace(state, profile=state.profile.merged(self.updates.get(message, {})))
        if self.intents is None:
            return SimpleNamespace(state=new)
        return SimpleNamespace(state=new, intent=self.intents.get(message))


EXTRACTION = parse_items([
    {"id": "pdfs", "message": "we have, give or take, 40,000 of them — PDFs, English",
     "expect": {"documents": 40000, "languages": ["en"]}},
    {"id": "t4", "message": "one T4", "expect": {"hardware": "gpu", "memory_gb": 16}},
    {"id": "alert", "message": "alert(4)", "unset": ["documents"]},
], "tiny.yaml", with_intent=False)


def test_slot_accuracy_counts_labelled_fields_and_unset_ones():
    fake = FakeAdvisor({"we have, give or take, 40,000 of them — PDFs, English": {"documents": 40000, "languages": ["en"]},
                        "one T4": {"hardware": "gpu"},
                        "alert(4)": {"documents": 4}})
    out = score_extraction(EXTRACTION, fake, ChatState)
    assert (out["correct"], out["total"], out["accuracy"]) == (3, 5, 0.6)
    assert out["per_field"]["documents"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert out["per_field"]["memory_gb"]["correct"] == 0
    assert [(m["id"], m["field"], m["kind"], m["got"]) for m in out["misses"]] == [
        ("t4", "memory_gb", "set", None), ("alert", "documents", "unset", 4)]
    assert [r["correct"] for r in out["per_item"]] == [2, 1, 0]


def test_fields_nobody_labelled_are_not_scored():
    fake = FakeAdvisor({"one T4": {"hardware": "gpu", "memory_gb": 16, "privacy": "cloud_ok"}})
    out = score_extraction(EXTRACTION[1:2], fake, ChatState)
    assert (out["correct"], out["total"]) == (2, 2)


def test_context_turns_are_played_first_on_a_fresh_state():
    items = parse_items([{"id": "also", "context": ["English manuals"], "message": "also Spanish",
                          "expect": {"languages": ["en", "es"]}}], "tiny.yaml", with_intent=False)
    fake = FakeAdvisor({"English manuals": {"languages": ["en"]}, "also Spanish": {"languages": ["en", "es"]}})
    assert score_extraction(items * 2, fake, ChatState)["accuracy"] == 1.0
    assert fake.seen == ["English manuals", "also Spanish"] * 2
    wrong = FakeAdvisor({"English manuals": {"languages": ["en"]}, "also Spanish": {"languages": ["es"]}})
    assert score_extraction(items, wrong, ChatState)["misses"][0]["got"] == ["es"]


def test_matching_conventions():
    assert matches(19.68, 20) and matches(40000, 40000.0) and not matches(40000, 44000)
    assert matches(["en", "it"], ["it", "en"]) and not matches(["en", "it"], ["en"])
    assert matches({"one_of": ["search", "similarity"]}, "similarity") and not matches({"one_of": ["search"]}, "rag")
    assert matches(False, False) and not matches(False, None) and not matches(True, 1)
    assert not matches("gpu", None)


def test_a_crashing_turn_is_a_miss_not_a_crash():
    fake = FakeAdvisor({}, crash_on="one T4")
    out = score_extraction(EXTRACTION[1:2], fake, ChatState)
    assert out["accuracy"] == 0.0 and out["errors"] == [{"id": "t4", "error": "RuntimeError: boom"}]


INTENT_ITEMS = parse_items([
    {"id": "q", "context": ["search 30k English manuals"], "message": "would bge-m3 handle our 2 million Polish docs?",
     "intent": "model_question"},
    {"id": "c", "context": ["search 30k English manuals"], "message": "bge-m3 vs e5 for us?", "intent": "comparison"},
    {"id": "n", "context": ["search 30k English manuals"], "message": "can we make that 5 million docs instead?",
     "intent": "needs", "expect": {"documents": 5000000}},
    {"id": "o", "message": "hi", "intent": "other"},
], "tiny.yaml", with_intent=True)
UPDATES = {"search 30k English manuals": {"documents": 30000, "languages": ["en"]},
           "would bge-m3 handle our 2 million Polish docs?": {"documents": 2000000, "languages": ["pl"]},
           "can we make that 5 million docs instead?": {"documents": 5000000}}


def test_intent_accuracy_is_null_until_the_advisor_reports_intents_but_question_edits_count():
    out = score_intents(INTENT_ITEMS, FakeAdvisor(UPDATES), ChatState)
    assert out["accuracy"] is None and out["note"] == NOT_IMPLEMENTED
    assert out["questions"] == 2 and out["profile_changed_by_question"] == 1
    assert out["changed_by_question"][0]["id"] == "q"
    assert out["changed_by_question"][0]["changes"] == {"documents": [30000, 2000000], "languages": [["en"], ["pl"]]}
    assert (out["needs_change_correct"], out["needs_change_total"]) == (1, 1)


def test_intent_accuracy_compares_the_reported_intent_with_the_label():
    said = {"would bge-m3 handle our 2 million Polish docs?": "model_question", "bge-m3 vs e5 for us?": "model_question",
            "can we make that 5 million docs instead?": "needs", "hi": "other"}
    out = score_intents(INTENT_ITEMS, FakeAdvisor({"search 30k English manuals": {"documents": 30000}}, said), ChatState)
    assert out["accuracy"] == 0.75 and out["profile_changed_by_question"] == 0
    assert out["intent_misses"] == [{"id": "c", "message": "bge-m3 vs e5 for us?", "expected": "comparison",
                                     "got": "model_question"}]
    assert out["per_intent"]["comparison"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert out["needs_change_accuracy"] == 0.0  # the fake ignored the correction


@pytest.mark.parametrize(("raw", "fragment"), [
    ([{"id": "a", "message": "x", "expect": {"document": 3}}], "unknown profile field 'document'"),
    ([{"id": "a", "message": "x", "expect": {"hardware": "gpuu"}}], "hardware: 'gpuu' is not a valid profile value"),
    ([{"id": "a", "message": "x", "expect": {"languages": ["english"]}}], "languages"),
    ([{"id": "a", "message": "x", "expect": {"task": None}}], "list the field under 'unset'"),
    ([{"id": "a", "message": "x", "unset": ["task"]}, {"id": "a", "message": "y", "unset": ["task"]}], "duplicate id"),
    ([{"id": "a", "message": "x"}], "nothing labelled"),
    ([{"id": "a", "message": "x", "expect": {"task": "rag"}, "unset": ["task"]}], "both expected and unset"),
])
def test_a_bad_label_names_the_item_and_the_problem(raw, fragment):
    with pytest.raises(SetError) as err:
        parse_items(raw, "tiny.yaml", with_intent=False)
    assert "tiny.yaml" in str(err.value) and fragment in str(err.value)


def test_an_unknown_intent_is_refused():
    with pytest.raises(SetError, match="intent 'question'"):
        parse_items([{"id": "a", "message": "x", "intent": "question"}], "tiny.yaml", with_intent=True)


def test_the_committed_sets_are_valid_and_large_enough():
    extraction, intents = load_extraction(), load_intents()
    assert len(extraction) >= 70 and len(intents) >= 90
    counts = {i: sum(1 for x in intents if x.intent == i) for i in INTENTS}
    assert all(n >= 10 for i, n in counts.items() if i != "other") and counts["other"] >= 5


def test_the_later_rounds_are_valid_and_round_4_covers_every_intent():
    for path in (bench.ROUND2_SET, bench.ROUND3_INTENTS, bench.ROUND4_INTENTS):
        load_intents(path)
    load_extraction(bench.ROUND3_EXTRACTION)
    extraction, intents = load_extraction(bench.ROUND4_EXTRACTION), load_intents(bench.ROUND4_INTENTS)
    assert len(extraction) >= 50 and len(intents) >= 40
    assert {i.intent for i in intents} == set(INTENTS)


@pytest.mark.parametrize(("extraction_path", "intents_path", "messages", "fields", "questions"), [
    (bench.ROUND5_EXTRACTION, bench.ROUND5_INTENTS, 60, 130, 40),
    (bench.ROUND6_EXTRACTION, bench.ROUND6_INTENTS, 70, 200, 60),
    (bench.ROUND7_EXTRACTION, bench.ROUND7_INTENTS, 100, 230, 80),
    (bench.ROUND8_EXTRACTION, bench.ROUND8_INTENTS, 120, 250, 90),
    (bench.ROUND9_EXTRACTION, bench.ROUND9_INTENTS, 180, 300, 110),
    (bench.ROUND10_EXTRACTION, bench.ROUND10_INTENTS, 200, 350, 120),
    (bench.ROUND11_EXTRACTION, bench.ROUND11_INTENTS, 240, 400, 130),
    (bench.ROUND12_EXTRACTION, bench.ROUND12_INTENTS, 200, 300, 140),
    (bench.ROUND13_EXTRACTION, bench.ROUND13_INTENTS, 200, 300, 140),
    (bench.ROUND14_EXTRACTION, bench.ROUND14_INTENTS, 200, 300, 140),
])
def test_rounds_5_to_14_are_large_enough_and_cover_every_intent(extraction_path, intents_path, messages, fields,
                                                                 questions):
    extraction, intents = load_extraction(extraction_path), load_intents(intents_path)
    assert len(extraction) >= messages and sum(len(i.expect) + len(i.unset) for i in extraction) >= fields
    assert len(intents) >= questions and {i.intent for i in intents} == set(INTENTS)


def test_rounds_4_to_14_are_reported_but_not_required():
    import eval.__main__ as runner

    out = bench.measure(FakeAdvisor({}, intents={}), ChatState)
    for name in ("round4", "round5", "round6", "round7", "round8", "round9", "round10", "round11", "round12", "round13",
                 "round14"):
        for key in (f"advisor.slot_accuracy_{name}", f"advisor.intent_accuracy_{name}",
                    f"advisor.profile_changed_by_question_{name}"):
            assert out[key] is not None and key not in runner.REQUIRED_KEYS
    assert out["advisor.slot_round4_messages"] == len(load_extraction(bench.ROUND4_EXTRACTION))
    assert out["advisor.slot_round5_messages"] == len(load_extraction(bench.ROUND5_EXTRACTION))
    assert out["advisor.slot_round6_messages"] == len(load_extraction(bench.ROUND6_EXTRACTION))
    assert out["advisor.slot_round7_messages"] == len(load_extraction(bench.ROUND7_EXTRACTION))
    assert out["advisor.slot_round8_messages"] == len(load_extraction(bench.ROUND8_EXTRACTION))
    assert out["advisor.slot_round9_messages"] == len(load_extraction(bench.ROUND9_EXTRACTION))
    assert out["advisor.slot_round10_messages"] == len(load_extraction(bench.ROUND10_EXTRACTION))
    assert out["advisor.slot_round11_messages"] == len(load_extraction(bench.ROUND11_EXTRACTION))
    assert out["advisor.slot_round12_messages"] == len(load_extraction(bench.ROUND12_EXTRACTION))
    assert out["advisor.slot_round13_messages"] == len(load_extraction(bench.ROUND13_EXTRACTION))
    assert out["advisor.slot_round14_messages"] == len(load_extraction(bench.ROUND14_EXTRACTION))


def test_measure_reports_the_pending_intent_metric_with_its_reason():
    out = bench.measure(FakeAdvisor({}), ChatState)
    assert out["advisor.intent_accuracy"] is None
    assert out["pending"] == {"advisor.intent_accuracy": NOT_IMPLEMENTED}
    assert out["advisor.profile_changed_by_question"] == 0  # a fake that never edits cannot change the profile
    assert 0 < out["advisor.slot_accuracy_heldout"] < 1      # the unset labels hold, the rest are missed


def _fake_suite(monkeypatch, metrics: dict[str, Any]) -> None:
    module = types.ModuleType("fake_understanding_suite")
    module.run = lambda quick: dict(metrics)
    monkeypatch.setitem(sys.modules, "fake_understanding_suite", module)
    import eval.__main__ as runner

    monkeypatch.setattr(runner, "SUITES", (("understanding", "fake_understanding_suite"),))


def test_a_null_intent_metric_fails_the_run_now_that_turns_report_intents(monkeypatch, capsys):
    import eval.__main__ as runner

    _fake_suite(monkeypatch, {"advisor.slot_accuracy_heldout": 0.9, "advisor.intent_accuracy": None,
                              "advisor.profile_changed_by_question": 2,
                              "pending": {"advisor.intent_accuracy": NOT_IMPLEMENTED}})
    assert runner.main(["understanding"]) == 1
    assert "MISSING: advisor.intent_accuracy" in capsys.readouterr().out


def test_a_null_metric_that_may_not_be_pending_is_missing(monkeypatch, capsys):
    import eval.__main__ as runner

    _fake_suite(monkeypatch, {"advisor.slot_accuracy_heldout": None, "advisor.intent_accuracy": None,
                              "advisor.profile_changed_by_question": 0,
                              "pending": {"advisor.slot_accuracy_heldout": "not measured"}})
    assert runner.main(["understanding"]) == 1
    out = capsys.readouterr().out
    assert "MISSING: advisor.slot_accuracy_heldout, advisor.intent_accuracy" in out
