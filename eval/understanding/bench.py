"""``python -m eval understanding [--json FILE]``: held-out extraction and intent figures.

``run(quick) -> dict`` (the suite interface of ``python -m eval``) with

- ``advisor.slot_accuracy_heldout``: labelled fields right after the messages of extraction_heldout.yaml;
- ``advisor.intent_accuracy``: messages of intents.yaml whose ``TurnResult.intent`` equals the label, or
  ``None`` (reported as pending, with the reason) while turn results carry no intent;
- ``advisor.profile_changed_by_question``: question messages after which the profile changed (must be 0);
- ``advisor.needs_change_accuracy``: labelled fields right after the ``needs`` messages of intents.yaml.
- ``advisor.*_round2``: the same intent figures on ``intents_round2.yaml`` (new messages written after the first
  try, labelled before their own first run).

``quick`` changes nothing: quality figures are never sampled.
"""

from __future__ import annotations

from typing import Any

from eval.understanding.scoring import score_extraction, score_intents
from eval.understanding.sets import HERE, load_extraction, load_intents

ROUND2_SET = HERE / "intents_round2.yaml"   # written after the first try on intents.yaml, before its own run


def measure(advisor: Any, new_state: Any) -> dict[str, Any]:
    """Score both sets with a given advisor and state factory (a fake one in the tests)."""
    extraction = score_extraction(load_extraction(), advisor, new_state)
    intents = score_intents(load_intents(), advisor, new_state)
    out: dict[str, Any] = {
        "advisor.slot_accuracy_heldout": extraction["accuracy"],
        "advisor.slot_heldout_fields": extraction["total"],
        "advisor.slot_heldout_messages": extraction["items"],
        "advisor.intent_accuracy": intents["accuracy"],
        "advisor.intent_messages": intents["items"],
        "advisor.profile_changed_by_question": intents["profile_changed_by_question"],
        "advisor.question_messages": intents["questions"],
        "advisor.needs_change_accuracy": intents["needs_change_accuracy"],
        "advisor.understanding_crashes": len(extraction["errors"]) + len(intents["errors"]),
        "details": {"extraction": extraction, "intents": intents},
    }
    if ROUND2_SET.exists():
        round2 = score_intents(load_intents(ROUND2_SET), advisor, new_state)
        out.update({"advisor.intent_accuracy_round2": round2["accuracy"],
                    "advisor.intent_messages_round2": round2["items"],
                    "advisor.profile_changed_by_question_round2": round2["profile_changed_by_question"],
                    "advisor.needs_change_accuracy_round2": round2["needs_change_accuracy"]})
        out["advisor.understanding_crashes"] += len(round2["errors"])
        out["details"]["intents_round2"] = round2
    if intents["accuracy"] is None:
        out["pending"] = {"advisor.intent_accuracy": intents["note"]}
    return out


def run(quick: bool = False, kb: Any = None) -> dict[str, Any]:
    """Open the knowledge base as the advisor benchmark does and score both sets."""
    from agents.advisor import Advisor
    from agents.converse.state import ChatState
    from app.settings import load_settings
    from knowledge.base import KnowledgeBase

    kb = kb or KnowledgeBase.open(load_settings().kb_config(), sync=True)
    return measure(Advisor(kb), ChatState)
