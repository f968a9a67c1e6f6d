"""``python -m eval understanding [--json FILE]``: held-out extraction and intent figures.

``run(quick) -> dict`` (the suite interface of ``python -m eval``) with

- ``advisor.slot_accuracy_heldout``: labelled fields right after the messages of extraction_heldout.yaml;
- ``advisor.intent_accuracy``: messages of intents.yaml whose ``TurnResult.intent`` equals the label, or
  ``None`` (reported as pending, with the reason) while turn results carry no intent;
- ``advisor.profile_changed_by_question``: question messages after which the profile changed (must be 0);
- ``advisor.needs_change_accuracy``: labelled fields right after the ``needs`` messages of intents.yaml.
- ``advisor.*_round2``: the same intent figures on ``intents_round2.yaml`` (new messages written after the first
  try, labelled before their own first run).
- ``advisor.*_round3``: the intent figures on ``intents_round3.yaml`` and the field accuracy on
  ``extraction_round3.yaml`` (``advisor.slot_accuracy_round3``), both written before their first run.
- ``advisor.*_round4``: the same on ``intents_round4.yaml`` and ``extraction_round4.yaml`` (many languages, hardware
  by product or instance name, budgets in other currencies, traps), written before their first run.
- ``advisor.*_round5``: the same on ``intents_round5.yaml`` and ``extraction_round5.yaml`` (written like round 4, with
  about half the messages in 23 other languages, several GPUs, devices, more currencies), before their first run.
- ``advisor.*_round6``: the same on ``intents_round6.yaml`` and ``extraction_round6.yaml`` (written like round 5 by
  another helper, with about 40 % of the messages in 27 other languages, more currencies and traps), before their first run.
- ``advisor.*_round7``: the same on ``intents_round7.yaml`` and ``extraction_round7.yaml`` (written like round 6 by
  another helper, about 40 % of the messages in 29 other languages, pasted and rambling messages), before their first run.
- ``advisor.*_round8``: the same on ``intents_round8.yaml`` and ``extraction_round8.yaml`` (written like round 7 by
  another helper, about 40 % of the messages in 33 other languages, new items per day), before their first run.
- ``advisor.*_round9``: the same on ``intents_round9.yaml`` and ``extraction_round9.yaml`` (written like round 8 by
  another helper, about half the messages in 61 other languages and code-switched mixes), before their first run.
- ``advisor.*_round10``: the same on ``intents_round10.yaml`` and ``extraction_round10.yaml`` (written like round 9 by
  an examiner that never read the advisor's code, more than half the messages in 41 other languages and 3 mixes),
  before their first run.
- ``advisor.*_round11``: the same on ``intents_round11.yaml`` and ``extraction_round11.yaml`` (written like round 10 by
  another examiner that never read the advisor's code, more than half the messages in 73 other languages and 8 mixes),
  before their first run.
- ``advisor.*_round12``: the same on ``intents_round12.yaml`` and ``extraction_round12.yaml`` (written blind like round
  11 by another examiner, more than half the messages in 107 other languages and 13 mixes, pasted tool output,
  22 new currencies), before their first run.
- ``advisor.*_round13``: the same on ``intents_round13.yaml`` and ``extraction_round13.yaml`` (written blind like round
  12 by another examiner, more than half the messages in 68 other languages and 12 mixes, corrections in many
  languages, 26 currencies not in round 12's list), before their first run.
- ``advisor.*_round14``: the same on ``intents_round14.yaml`` and ``extraction_round14.yaml`` (written blind like round
  13 by another examiner, about 70 % of the messages in 120 other languages and 12 mixes, pasted tool output,
  multi-fact messages, corrections in many languages), before their first run.

The later rounds are informational: none of their keys is required by ``python -m eval``.

``quick`` changes nothing: quality figures are never sampled.
"""

from __future__ import annotations

from typing import Any

from eval.understanding.scoring import score_extraction, score_intents
from eval.understanding.sets import HERE, load_extraction, load_intents

ROUND2_SET = HERE / "intents_round2.yaml"   # written after the first try on intents.yaml, before its own run
ROUND3_INTENTS = HERE / "intents_round3.yaml"          # written after round 2's fixes, before their own run
ROUND3_EXTRACTION = HERE / "extraction_round3.yaml"
ROUND4_INTENTS = HERE / "intents_round4.yaml"          # written by a helper that had not read the understanding code
ROUND4_EXTRACTION = HERE / "extraction_round4.yaml"
ROUND5_INTENTS = HERE / "intents_round5.yaml"          # written like round 4, by another helper, before its first run
ROUND5_EXTRACTION = HERE / "extraction_round5.yaml"
ROUND6_INTENTS = HERE / "intents_round6.yaml"          # written like round 5, by another helper, before its first run
ROUND6_EXTRACTION = HERE / "extraction_round6.yaml"
ROUND7_INTENTS = HERE / "intents_round7.yaml"          # written like round 6, by another helper, before its first run
ROUND7_EXTRACTION = HERE / "extraction_round7.yaml"
ROUND8_INTENTS = HERE / "intents_round8.yaml"          # written like round 7, by another helper, before its first run
ROUND8_EXTRACTION = HERE / "extraction_round8.yaml"
ROUND9_INTENTS = HERE / "intents_round9.yaml"          # written like round 8, by another helper, before its first run
ROUND9_EXTRACTION = HERE / "extraction_round9.yaml"
ROUND10_INTENTS = HERE / "intents_round10.yaml"        # written like round 9, by an examiner, before its first run
ROUND10_EXTRACTION = HERE / "extraction_round10.yaml"
ROUND11_INTENTS = HERE / "intents_round11.yaml"        # written like round 10, by an examiner, before its first run
ROUND11_EXTRACTION = HERE / "extraction_round11.yaml"
ROUND12_INTENTS = HERE / "intents_round12.yaml"        # written blind like round 11, by an examiner, before its first run
ROUND12_EXTRACTION = HERE / "extraction_round12.yaml"
ROUND13_INTENTS = HERE / "intents_round13.yaml"        # written blind like round 12, by an examiner, before its first run
ROUND13_EXTRACTION = HERE / "extraction_round13.yaml"
ROUND14_INTENTS = HERE / "intents_round14.yaml"        # written blind like round 13, by an examiner, before its first run
ROUND14_EXTRACTION = HERE / "extraction_round14.yaml"


def _intent_round(out: dict[str, Any], name: str, path: Any, advisor: Any, new_state: Any) -> None:
    """Score one later intent set into ``advisor.*_<name>`` keys and ``details.intents_<name>``."""
    scored = score_intents(load_intents(path), advisor, new_state)
    out.update({f"advisor.intent_accuracy_{name}": scored["accuracy"],
                f"advisor.intent_messages_{name}": scored["items"],
                f"advisor.profile_changed_by_question_{name}": scored["profile_changed_by_question"],
                f"advisor.needs_change_accuracy_{name}": scored["needs_change_accuracy"]})
    out["advisor.understanding_crashes"] += len(scored["errors"])
    out["details"][f"intents_{name}"] = scored


def _extraction_round(out: dict[str, Any], name: str, path: Any, advisor: Any, new_state: Any) -> None:
    """Score one later extraction set into ``advisor.slot_*_<name>`` keys and ``details.extraction_<name>``."""
    scored = score_extraction(load_extraction(path), advisor, new_state)
    out.update({f"advisor.slot_accuracy_{name}": scored["accuracy"],
                f"advisor.slot_{name}_fields": scored["total"],
                f"advisor.slot_{name}_messages": scored["items"]})
    out["advisor.understanding_crashes"] += len(scored["errors"])
    out["details"][f"extraction_{name}"] = scored


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
        _intent_round(out, "round2", ROUND2_SET, advisor, new_state)
    for name, intents_path, extraction_path in (("round3", ROUND3_INTENTS, ROUND3_EXTRACTION),
                                                ("round4", ROUND4_INTENTS, ROUND4_EXTRACTION),
                                                ("round5", ROUND5_INTENTS, ROUND5_EXTRACTION),
                                                ("round6", ROUND6_INTENTS, ROUND6_EXTRACTION),
                                                ("round7", ROUND7_INTENTS, ROUND7_EXTRACTION),
                                                ("round8", ROUND8_INTENTS, ROUND8_EXTRACTION),
                                                ("round9", ROUND9_INTENTS, ROUND9_EXTRACTION),
                                                ("round10", ROUND10_INTENTS, ROUND10_EXTRACTION),
                                                ("round11", ROUND11_INTENTS, ROUND11_EXTRACTION),
                                                ("round12", ROUND12_INTENTS, ROUND12_EXTRACTION),
                                                ("round13", ROUND13_INTENTS, ROUND13_EXTRACTION),
                                                ("round14", ROUND14_INTENTS, ROUND14_EXTRACTION)):
        if intents_path.exists():
            _intent_round(out, name, intents_path, advisor, new_state)
        if extraction_path.exists():
            _extraction_round(out, name, extraction_path, advisor, new_state)
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
