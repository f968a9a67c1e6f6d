"""Concept answers tailored with the user's numbers: the Matryoshka saving is shown at a size people use (the
smallest of at least 256 dims on the card), not at a 32-dim cut nobody would deploy. Real knowledge base."""

from __future__ import annotations

import re

from agents.advisor import Advisor
from agents.converse.state import ChatState


def test_matryoshka_saving_is_shown_at_a_usable_size(real_kb):
    advisor = Advisor(real_kb)
    state = advisor.turn(ChatState(), "300k recipe texts in English, German and Turkish, search, one L4 GPU, cloud is fine, "
                                      "commercial app").state
    r = advisor.turn(state, "what does Matryoshka buy us here?")
    assert r.intent == "concept_question", r.steps
    line = next(f for f in r.answer["facts"] if "index drops from" in f)
    model = re.search(r"with (\S+) at (\d+) dims", line)
    assert model, line
    card = real_kb.catalog.get(model.group(1))
    usable = [d for d in card.matryoshka_dims if 256 <= d < card.embed_dim]
    assert int(model.group(2)) == (min(usable) if usable else min(card.matryoshka_dims)), line
    assert "300,000-vector index" in line
    assert r.state.profile == state.profile
