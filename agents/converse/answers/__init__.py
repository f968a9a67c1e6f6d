"""Answers to the user's questions, built only from the knowledge base and arithmetic on the user's numbers.

``answer(kind, ctx)`` dispatches on the question's intent: ``model_question`` and ``comparison``
(:mod:`.models`: the card and the evidence for this user's needs), ``cost_question`` (:mod:`.costs`:
footprint arithmetic of ``agents/decide/footprint.py``), ``concept_question`` (:mod:`.concepts`: the sourced
articles of ``knowledge/articles``, tailored with the user's numbers), ``process_question`` (:mod:`.process`:
a short fixed help text). Every answer lists the facts it states (``facts``) and where they come from
(``sources``), so an optional language model may re-phrase it but never add to it. What the knowledge base
does not hold is said, never guessed.
"""

from __future__ import annotations

from agents.converse.answers.base import Answer, AnswerContext
from agents.converse.answers.concepts import concept_answer
from agents.converse.answers.costs import cost_answer
from agents.converse.answers.models import comparison_answer, model_answer
from agents.converse.answers.process import process_answer


def answer(kind: str, ctx: AnswerContext) -> Answer:
    """The answer to a question of intent ``kind`` (a QUESTION_INTENTS label)."""
    if kind == "process_question":
        return process_answer(ctx)
    if kind == "concept_question":
        return concept_answer(ctx)
    if kind == "cost_question":
        return cost_answer(ctx)
    if kind == "comparison":
        return comparison_answer(ctx)
    return model_answer(ctx)


__all__ = ["Answer", "AnswerContext", "answer"]
