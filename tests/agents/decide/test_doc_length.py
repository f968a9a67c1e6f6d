"""Document length not given: the budget is also checked at the cautious length, and the top 3 prefers picks that
fit it (docs/advisor.md, "Document length")."""

from __future__ import annotations

from agents.decide.setup import resolve_setup
from agents.profile import Profile
from knowledge.hardware import hardware_table
from tests.agents.decide.test_feasibility import api, feas

ASSUMED = int(hardware_table().assumption("doc_tokens")["value"])
CAUTIOUS = int(hardware_table().assumption("doc_tokens_cautious")["value"])


def _budget_between(price: float, docs: int) -> float:
    """A budget that holds the index + one re-index at the assumed length but not at the cautious one."""
    at = lambda tokens: 2 * docs * tokens * price / 1e6   # noqa: E731
    return (at(ASSUMED) + at(CAUTIOUS)) / 2


def test_the_cautious_length_is_longer_and_only_used_when_the_length_is_assumed():
    assert CAUTIOUS > ASSUMED
    assumed = resolve_setup(Profile(documents=1000))
    assert (assumed.doc_tokens, assumed.doc_tokens_cautious) == (ASSUMED, CAUTIOUS)
    assert any(str(CAUTIOUS) in a for a in assumed.assumed)          # the answer states it
    stated = resolve_setup(Profile(documents=1000, avg_doc_tokens=120))
    assert (stated.doc_tokens, stated.doc_tokens_cautious) == (120, None)


def test_an_api_that_fits_the_budget_only_at_the_assumed_length_is_kept_but_marked():
    card, docs = api(0.15), 800_000
    budget = _budget_between(0.15, docs)
    f = feas(card, documents=docs, budget_usd_month=budget, privacy="cloud_ok")
    assert f.ok                                                       # unknown is not no
    assert f.length_sensitive and f"{CAUTIOUS:,} tokens" in f.length_sensitive and "budget" in f.length_sensitive
    assert any("average" in c for c in f.caveats)
    assert f.to_dict()["length_sensitive"] == f.length_sensitive


def test_a_stated_length_or_a_roomy_budget_is_not_length_sensitive():
    card, docs = api(0.15), 800_000
    budget = _budget_between(0.15, docs)
    assert feas(card, documents=docs, avg_doc_tokens=ASSUMED, budget_usd_month=budget).length_sensitive is None
    assert feas(card, documents=docs, budget_usd_month=budget * 10).length_sensitive is None
    assert feas(card, documents=docs).length_sensitive is None       # no budget: nothing to fail
    assert not feas(card, documents=docs, avg_doc_tokens=CAUTIOUS, budget_usd_month=budget).ok


def test_the_top_3_prefers_apis_that_fit_long_documents_and_says_which_one_it_set_aside(keyword_advisor):
    needs = dict(data_type="text", task="search", languages=["vi"], privacy="cloud_ok", commercial_use=True,
                 documents=800_000, budget_usd_month=100)
    rec = keyword_advisor.recommend(Profile(**needs))
    top = [p.model for p in rec.recommendations]
    assert not any(p.feasibility.get("length_sensitive") for p in rec.recommendations)   # cheaper APIs fit both
    assert any(p.kind == "api" for p in rec.recommendations)
    set_aside = [n for n in rec.notes if "average length" in n]
    assert set_aside and all(n.split()[0] not in top for n in set_aside)
    # the user's own (short) length is a fact: the model set aside is judged on it and may come back
    short = keyword_advisor.recommend(Profile(**needs, avg_doc_tokens=100))
    assert not [n for n in short.notes if "average length" in n]
    assert set_aside[0].split()[0] in [p.model for p in short.recommendations]


def test_under_a_budget_an_unpriced_api_never_leads(keyword_advisor):
    """A hosted model whose price is unknown is kept, but a model whose cost is known to fit the budget goes first."""
    needs = dict(data_type="text", task="deduplication", languages=["en"], privacy="cloud_ok", commercial_use=True,
                 documents=2_000_000, avg_doc_tokens=39, budget_usd_month=20)
    rec = keyword_advisor.recommend(Profile(**needs))
    first = rec.recommendations[0]
    assert not (first.kind == "api" and first.feasibility["cost"]["first_month_usd"] is None)
