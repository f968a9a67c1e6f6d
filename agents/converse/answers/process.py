"""Questions about using the advisor itself (the trial, reports, uploads, the form, the API): a short fixed help
text per topic, from ``help.yaml``."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from agents.converse.answers.base import Answer, AnswerContext
from knowledge.datafile import read_yaml

HELP_FILE = Path(__file__).resolve().parent / "help.yaml"


@cache
def topics(path: Path = HELP_FILE) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(topic, pattern, text) in file order; the last topic matches anything."""
    raw = read_yaml(path)
    return tuple((t["topic"], re.compile("|".join(f"(?:{w})" for w in t["when"])), " ".join(t["text"].split()))
                 for t in raw)


def process_answer(ctx: AnswerContext) -> Answer:
    """The help text of the first topic the question matches."""
    low = ctx.low
    for topic, rx, text in topics():
        if rx.search(low):
            return Answer("process_question", text, [text], [{"title": f"help: {topic}", "url": None, "as_of": None}])
    raise AssertionError("help.yaml must end with a topic that matches anything")  # pragma: no cover
