"""The fact audit (knowledge/audit/facts.yaml) and the completeness figures `kb stats` shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from knowledge.cards import load_catalog
from knowledge.completeness import completeness
from knowledge.fact_audit import FACTS_FILE, AuditError, Fact, audit, load_facts, load_popular
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

# Hosts that only repackage or aggregate other pages: an audited fact must not rest on them.
SECONDARY_HOSTS = {"zilliz.com", "dataloop.ai", "hf.898520.xyz", "hf.qhduan.com", "vercel.com", "hivebook.wiki",
                   "gr.tbb.rip", "promptlayer.com", "deepinfra.com", "replicate.com", "www.runlocalai.co"}


@pytest.fixture(scope="module")
def cards():
    return load_catalog(strict=True).cards


def test_every_audited_fact_agrees_with_its_card(cards) -> None:
    facts = load_facts()
    result = audit(cards, facts)
    assert result.facts >= 150
    assert [str(m) for m in result.mismatches] == []


def test_the_audit_covers_the_most_used_models_from_primary_sources_only() -> None:
    facts = load_facts()
    popular = load_popular()
    assert len(popular) == 60 == len(set(popular))
    assert {f.model for f in facts} <= set(popular)
    assert not [f.url for f in facts if urlparse(f.url).netloc.lower() in SECONDARY_HOSTS]
    # No fact is dated after the audit itself (the as_of at the top of facts.yaml).
    audited_on = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["as_of"]
    assert all(f.as_of <= audited_on for f in facts)


def test_every_most_used_model_has_a_card(cards) -> None:
    assert [m for m in load_popular() if m not in cards] == []


def _card(**facts) -> Card:
    return Card.model_validate(card_dict("acme/model", **facts))


def test_a_card_that_contradicts_a_fact_is_reported_with_the_source() -> None:
    card = _card(max_tokens=514, languages=["en", "de"], matryoshka_dims=[768, 256])
    facts = [Fact("acme/model", "max_tokens", 512, "https://acme.example/docs", dt.date(2026, 1, 1)),
             Fact("acme/model", "languages_include", ["de"], "https://acme.example/docs", dt.date(2026, 1, 1)),
             Fact("acme/model", "matryoshka_dims_include", [512], "https://acme.example/docs", dt.date(2026, 1, 1)),
             Fact("acme/other", "embed_dim", 3, "https://acme.example/docs", dt.date(2026, 1, 1))]
    result = audit({"acme/model": card}, facts)
    assert (result.facts, result.models) == (4, 2)
    described = [str(m) for m in result.mismatches]
    assert len(described) == 3  # the language fact holds; context, Matryoshka size and the missing card do not
    assert any("max_tokens is 514 on the card, 512 per https://acme.example/docs" in d for d in described)
    assert any("<no card>" in d for d in described)


def test_a_malformed_audit_row_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("facts:\n- {model: a/b, field: colour, value: 1, url: https://x.org, as_of: 2026-01-01}\n",
                    encoding="utf-8")
    with pytest.raises(AuditError, match="a/b"):
        load_facts(path)


def test_completeness_counts_licence_over_open_models_and_price_over_apis() -> None:
    open_card = Card.model_validate(card_dict("acme/open", license="mit", languages=["en"], embed_dim=384))
    api_card = Card.model_validate(card_dict("acme/api", open_weights=False, embed_dim=1024))
    stats = completeness([open_card, api_card])
    assert (stats["licence"].filled, stats["licence"].applicable) == (1, 1)
    assert (stats["price"].filled, stats["price"].applicable, stats["price"].missing) == (0, 1, ("acme/api",))
    assert (stats["languages"].filled, stats["languages"].applicable) == (1, 2)
    assert stats["dims"].share == 1.0 and stats["context"].share == 0.0


def test_the_most_used_models_have_the_facts_the_filters_read(cards) -> None:
    stats = completeness(cards[m] for m in load_popular())
    assert stats["commercial_use"].share == 1.0
    assert stats["context"].share == 1.0 and stats["dims"].share == 1.0
    assert stats["languages"].share >= 0.8
