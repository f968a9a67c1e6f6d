"""A first message in English with the data type but no languages gets a preliminary top 3 (English assumed and
said) while the languages are still asked: English writers often hold data in other languages, so English is never
taken as the answer the way another writing language is."""

from __future__ import annotations

from agents.advisor import Advisor
from agents.converse.state import ChatState

FIRST = ("we sell second-hand furniture online. ~250k product photos, want users to upload a photo and find similar "
         "items. also text search like \"green velvet sofa\". we're on AWS, happy to use bedrock or any API, budget "
         "maybe $300/month. ~20 searches/sec at peak")


def test_english_first_message_gets_a_preview_and_the_languages_question(real_kb):
    r = Advisor(real_kb).turn(ChatState(), FIRST)
    assert r.recommendation is not None and r.recommendation.preliminary
    assert len(r.recommendation.recommendations) == 3
    assert "languages" in [q["field"] for q in r.questions]
    assert r.state.profile.languages is None          # assumed for the preview only, never stored
    assert "Preliminary top 3" in r.reply
