""""Which is cheaper, OpenAI or Cohere?": each provider's cheapest current model that reads the user's languages,
the cheaper one named first, and the one-off cost at the length the recommendation assumes (it said the corpus
cost "needs the number of documents" although the count was known and the top pick's cost was computed)."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.state import ChatState

NEEDS = ("small Shopify shop, about 8k products with English titles and descriptions, similar-product suggestions "
         "and site search, no GPU, an API is fine, $20 a month at most")


@pytest.fixture(scope="module")
def asked(real_kb):
    advisor = Advisor(real_kb)
    first = advisor.turn(ChatState(), NEEDS)
    return first, advisor.turn(first.state, "which is cheaper, openai or cohere?")


def test_each_providers_cheapest_current_model_is_compared(asked, real_kb):
    first, r = asked
    assert r.intent == "cost_question", r.steps
    assert r.state.profile == first.state.profile
    models = r.answer["models"]
    assert len(models) == 2 and models[0].startswith("openai/") and models[1].lower().startswith("cohere/")
    for m in models:
        card = real_kb.get(m)
        others = [c for c in real_kb.catalog if c.id.split("/")[0] == m.split("/")[0] and c.pricing
                  and c.pricing.usd_per_1m_tokens is not None and (c.lifecycle is None or c.lifecycle.status == "active")
                  and (not c.languages or "en" in c.languages)]
        assert card.pricing.usd_per_1m_tokens == min(c.pricing.usd_per_1m_tokens for c in others), m
    cheaper = min(models, key=lambda m: real_kb.get(m).pricing.usd_per_1m_tokens)
    assert r.answer["text"].startswith(f"Cheapest per token: **{cheaper}**")


def test_the_one_off_cost_uses_the_assumed_length_when_only_the_count_is_known(asked, real_kb):
    _, r = asked
    for m in r.answer["models"]:
        price = real_kb.get(m).pricing.usd_per_1m_tokens
        line = next(f for f in r.answer["facts"] if f.startswith(f"{m}: API cost"))
        assert f"~${8000 * 300 * price / 1e6:,.2f} at an assumed 300 tokens per document" in line, line
        assert "needs the number of documents" not in line
