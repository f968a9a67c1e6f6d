"""The adoption summary the advisor uses to prefer established models (knowledge/adoption.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.adoption import PROVIDERS_FILE, Provider, ProvidersError, load_providers, summarise
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict

TABLE = {
    "BigLab": Provider("BigLab", "big-tech", "https://biglab.example", "a large company"),
    "Uni": Provider("Uni", "research-group", "https://uni.example", "a university group"),
}


def _card(provider: str, **adoption) -> Card:
    facts = {"provider": provider}
    if adoption:
        facts["adoption"] = adoption
    return Card.model_validate(card_dict(f"{provider}/model", **facts))


def test_a_big_provider_with_library_support_and_benchmarks_is_established() -> None:
    summary = summarise(_card("BigLab", integrations=["sentence-transformers"], benchmarks_evaluated=30), TABLE)
    assert summary.level == "established"
    assert any("BigLab" in r for r in summary.reasons) and any("sentence-transformers" in r for r in summary.reasons)


def test_open_science_alone_does_not_make_an_unknown_author_established() -> None:
    card = _card("someone", integrations=["sentence-transformers"], public_training_code="https://github.com/x/y",
                 public_training_data="https://huggingface.co/datasets/x/y", benchmarks_evaluated=12)
    summary = summarise(card, TABLE)
    assert summary.points >= 3 and summary.level == "emerging"  # no provider or usage evidence


def test_dated_downloads_are_evidence_of_real_use() -> None:
    card = _card("someone", downloads_last_month=2_500_000, as_of=dt.date(2026, 11, 1),
                 integrations=["sentence-transformers"])
    summary = summarise(card, TABLE)
    assert summary.level == "established"
    assert any("2,500,000 downloads" in r and "2026-11-01" in r for r in summary.reasons)


def test_no_signal_at_all_is_unknown_and_says_so() -> None:
    summary = summarise(_card("someone"), TABLE)
    assert (summary.level, summary.points) == ("unknown", 0)
    assert summary.reasons == ["no adoption evidence in the knowledge base"]


def test_a_research_group_with_a_few_signals_is_emerging() -> None:
    assert summarise(_card("Uni", benchmarks_evaluated=3), TABLE).level == "emerging"


def test_downloads_need_the_date_they_were_read() -> None:
    with pytest.raises(ValueError, match="as_of"):
        _card("someone", downloads_last_month=10)


def test_the_committed_providers_table_is_valid_and_covers_the_big_api_providers() -> None:
    table = load_providers(PROVIDERS_FILE)
    assert {"OpenAI", "Google", "Cohere", "Voyage AI", "Mistral AI", "BAAI"} <= set(table)
    assert all(p.url.startswith("https://") and p.basis for p in table.values())


def test_a_malformed_providers_table_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("providers:\n  Acme: {kind: giant, url: https://acme.example}\n", encoding="utf-8")
    with pytest.raises(ProvidersError, match="Acme"):
        load_providers(path)


def _released(provider: str, released: dt.date, open_weights: bool = True, **adoption) -> Card:
    facts = {"provider": provider, "release_date": released, "open_weights": open_weights,
             "adoption": {"integrations": ["sentence-transformers"], "benchmarks_evaluated": 30, **adoption}}
    return Card.model_validate(card_dict(f"{provider}/new-model", **facts))


def test_a_few_weeks_on_the_leaderboard_are_no_track_record() -> None:
    today = dt.date(2026, 12, 2)
    fresh = summarise(_released("BigLab", dt.date(2026, 10, 1)), TABLE, today=today)
    assert fresh.level == "emerging" and any("under six months" in r for r in fresh.reasons)
    assert summarise(_released("BigLab", dt.date(2026, 3, 1)), TABLE, today=today).level == "established"


def test_real_use_or_a_big_providers_api_outweighs_a_recent_release() -> None:
    today = dt.date(2026, 12, 2)
    used = _released("BigLab", dt.date(2026, 10, 1), downloads_last_month=400_000, as_of=dt.date(2026, 11, 1))
    assert summarise(used, TABLE, today=today).level == "established"
    assert summarise(_released("BigLab", dt.date(2026, 10, 1), open_weights=False), TABLE, today=today).level == "established"
