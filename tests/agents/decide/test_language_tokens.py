"""A length given in words costs more tokens in some languages: the budget is also checked at the tokens the
costliest listed language takes (knowledge/tokenization.yaml; docs/advisor.md, "Document length")."""

from __future__ import annotations

from agents.decide.setup import resolve_setup
from agents.profile import Profile
from knowledge.hardware import hardware_table
from knowledge.tokenization import tokenization_table
from tests.agents.decide.test_feasibility import api, feas

TABLE = tokenization_table()
DOCS, TOKENS, PRICE = 1_200_000, 84, 0.15
CAUTIOUS = int(hardware_table().assumption("doc_tokens_cautious")["value"])


def _at(tokens: float) -> float:
    return 2 * DOCS * tokens * PRICE / 1e6   # the initial index + one re-index


def _between(code: str) -> float:
    """A budget that holds the index at the English rate but not at the language's measured rate."""
    return (_at(TOKENS) + _at(TOKENS * TABLE.get(code).factor)) / 2


def _api(languages: list[str], budget: float):
    return feas(api(PRICE), documents=DOCS, avg_doc_tokens=TOKENS, languages=languages, budget_usd_month=budget,
                privacy="cloud_ok")


def test_a_swahili_length_is_also_checked_at_its_measured_tokens_per_word():
    """Swahili is written in Latin script but takes ~1.9x the tokens a word of the English rate: an API that fits only
    at the English rate is kept, marked with the tokens it would need, and the caveat names the figure and source."""
    swahili = _api(["sw", "en"], _between("sw"))
    factor = TABLE.get("sw").factor
    assert 1.5 < factor < 2.5
    assert swahili.ok and swahili.length_sensitive and f"{round(TOKENS * factor):,} tokens" in swahili.length_sensitive
    assert any("Swahili text takes ~1.9x the tokens per word of English" in c and "Petrov et al. 2023" in c
               for c in swahili.caveats)
    english = _api(["en"], _between("sw"))
    assert english.ok and english.length_sensitive is None        # English words take about the 1.3 assumed
    roomy = _api(["sw"], _between("sw") * 4)
    assert roomy.ok and roomy.length_sensitive is None


def test_mixed_languages_are_checked_at_the_costliest_one():
    zulu = resolve_setup(Profile(documents=DOCS, avg_doc_tokens=TOKENS, languages=["en", "zu", "sw"],
                                 budget_usd_month=50))
    assert zulu.doc_tokens_cautious == round(TOKENS * TABLE.get("zu").factor)
    assert TABLE.get("zu").factor > TABLE.get("sw").factor
    assert "Zulu text takes" in zulu.cautious_why and any("also checked at" in a for a in zulu.assumed)


def test_an_unspaced_script_uses_the_premium_and_an_unmeasured_language_says_so():
    thai = resolve_setup(Profile(documents=DOCS, avg_doc_tokens=TOKENS, languages=["th"], budget_usd_month=50))
    assert thai.doc_tokens_cautious == round(TOKENS * TABLE.get("th").premium)
    assert "Thai text takes ~4.4x the tokens of English" in thai.cautious_why
    cornish = resolve_setup(Profile(documents=DOCS, avg_doc_tokens=TOKENS, languages=["kw"], budget_usd_month=50))
    assert cornish.doc_tokens_cautious is None
    assert any("no published tokens-per-word figure for Cornish" in a for a in cornish.assumed)


def test_only_a_stated_length_with_a_budget_is_rechecked():
    """An assumed length keeps its own cautious length (800 tokens); no budget or no corpus: nothing to re-check."""
    assumed = resolve_setup(Profile(documents=DOCS, languages=["sw"], budget_usd_month=50))
    assert assumed.doc_tokens_cautious == CAUTIOUS and not assumed.cautious_why
    free = resolve_setup(Profile(documents=DOCS, avg_doc_tokens=TOKENS, languages=["sw"]))
    assert free.doc_tokens_cautious is None


def test_the_advisor_says_why_it_set_aside_an_api_for_a_costly_language(keyword_advisor):
    needs = dict(data_type="text", task="search", languages=["sw", "en"], privacy="cloud_ok", commercial_use=True,
                 documents=1_200_000, avg_doc_tokens=84, budget_usd_month=45)
    rec = keyword_advisor.recommend(Profile(**needs))
    notes = [n for n in rec.notes if "English rate of tokens per word" in n]
    top = [p.model for p in rec.recommendations]
    assert notes and all(n.split()[0] not in top for n in notes)   # gemini-embedding-001 at $0.15/1M tokens
    assert all("Swahili text takes" in n for n in notes)
    assert not any(p.feasibility.get("length_sensitive") for p in rec.recommendations if p.kind == "api")
    assert any(p.kind == "api" for p in rec.recommendations)       # a cheaper API that fits both takes the slot


def test_over_budget_at_the_language_rate_ranks_after_every_model_that_fits(keyword_advisor):
    """Hindi words take ~3.9x the tokens of the English rate: the strongest-evidence models that fit only at the English
    rate rank after models that fit at both, even of a weaker evidence tier, and the notes name the ones set aside."""
    needs = dict(data_type="text", task="search", languages=["hi", "en"], privacy="cloud_ok", commercial_use=True,
                 documents=1_200_000, avg_doc_tokens=84, budget_usd_month=35)
    rec = keyword_advisor.recommend(Profile(**needs))
    top = [p.model for p in rec.recommendations]
    set_aside = [n.split()[0] for n in rec.notes if "English rate of tokens per word" in n]
    assert set_aside and not set(set_aside) & set(top)
    assert not rec.recommendations[0].feasibility.get("length_sensitive")   # the first pick fits at both rates
    assert any(p.kind == "api" for p in rec.recommendations)   # the API slot stays (every priced API is over here)
