"""The hand-written cards in knowledge/cards/curated: valid, sourced, not duplicating the MTEB import, findable."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from knowledge.cards import CARDS_DIR, card_files, load_card, validate_dir
from knowledge.filters import CardFilter
from knowledge.schema import Card

CURATED_DIR = CARDS_DIR / "curated"
MTEB_DIR = CARDS_DIR / "mteb"
FIXTURE_MODELS = Path(__file__).resolve().parents[1] / "fixtures" / "mteb_slice" / "models.jsonl"
SHARED_MODELS = Path("/work/shared/data/models.jsonl")  # the full snapshot; absent on CI machines

MUST_HAVE = (
    "ncbi/MedCPT-Query-Encoder",
    "ncbi/MedCPT-Article-Encoder",
    "FremyCompany/BioLORD-2023",
    "FremyCompany/BioLORD-2023-M",
    "pritamdeka/S-PubMedBert-MS-MARCO",
    "jinaai/jina-embeddings-v2-base-code",
)


@pytest.fixture(scope="module")
def curated() -> dict[str, Card]:
    cards, problems = validate_dir(CURATED_DIR)
    assert problems == [], "\n".join(str(p) for p in problems)
    return cards


def _imported_ids(models_jsonl: Path) -> set[str]:
    """Registry models the MTEB importer covers: every model with results, and every API-only model."""
    ids = set()
    for line in models_jsonl.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["benchmarks_with_any_results"] or not row["open_weights"]:
            ids.add(row["name"].lower())
    return ids


def test_every_curated_file_is_a_valid_card_with_its_own_id():
    files = card_files(CURATED_DIR)
    assert len(files) >= 15
    for path in files:
        card = load_card(path)
        # File name mirrors the id so a reviewer can find a card from a model name.
        assert path.stem == card.id.replace("/", "__"), path


def test_each_card_cites_at_least_one_dated_web_source(curated):
    for card in curated.values():
        web = [s for s in card.sources if s.url and s.as_of]
        assert web, f"{card.id} has no source with a url and an as-of date"
        assert all(s.url.startswith("https://") for s in web), card.id


def test_must_have_models_are_present(curated):
    missing = [m for m in MUST_HAVE if m not in curated]
    assert not missing


def test_medcpt_pair_is_medical_and_documented_as_asymmetric(curated):
    query, article = curated["ncbi/MedCPT-Query-Encoder"], curated["ncbi/MedCPT-Article-Encoder"]
    for card, other in ((query, article), (article, query)):
        assert "medical" in card.domains
        assert card.open_weights and card.embed_dim == 768
        # The advisor must tell users to encode the other side with the sibling encoder.
        assert card.instructions and other.id in (card.instructions.notes or "")
    assert query.embed_dim == article.embed_dim


def test_no_curated_id_duplicates_an_imported_card(curated):
    imported_cards, _ = validate_dir(MTEB_DIR)
    imported = {i.lower() for i in imported_cards}
    clashes = sorted(i for i in curated if i.lower() in imported)
    assert not clashes, f"curated cards duplicate imported ones: {clashes}"


def test_no_curated_id_is_a_registry_model_with_results_in_the_fixture_slice(curated):
    clashes = sorted(i for i in curated if i.lower() in _imported_ids(FIXTURE_MODELS))
    assert not clashes


@pytest.mark.skipif(not SHARED_MODELS.exists(), reason="full MTEB snapshot not available on this machine")
def test_no_curated_id_is_a_registry_model_with_results_or_an_api_model(curated):
    clashes = sorted(i for i in curated if i.lower() in _imported_ids(SHARED_MODELS))
    assert not clashes


def test_derived_memory_matches_the_parameter_count(curated):
    checked = 0
    for card in curated.values():
        if card.n_parameters and card.memory_gb:
            checked += 1
            if card.memory_gb.fp32:
                assert math.isclose(card.memory_gb.fp32, card.n_parameters * 4 / 1e9, rel_tol=0.01), card.id
            if card.memory_gb.fp16:
                assert math.isclose(card.memory_gb.fp16, card.n_parameters * 2 / 1e9, rel_tol=0.01), card.id
    assert checked >= 5


def test_commercial_use_agrees_with_the_licence(curated):
    for card in curated.values():
        if card.licence_family == "non-commercial":
            assert card.commercial_use is False, card.id
        if card.licence_family == "permissive":
            assert card.commercial_use is True, card.id
    # The BioLORD licence depends on the user's UMLS / SNOMED CT terms: unknown, not guessed.
    assert curated["FremyCompany/BioLORD-2023"].commercial_use is None


def test_api_cards_have_no_weights_and_dated_prices(curated):
    apis = [c for c in curated.values() if not c.open_weights]
    assert len(apis) >= 3
    for card in apis:
        assert card.hf_id is None and card.memory_gb is None, card.id
        if card.pricing:
            assert card.pricing.url.startswith("https://") and card.pricing.usd_per_1m_tokens is not None


def test_domain_gaps_are_covered(curated):
    by_domain: dict[str, set[str]] = {}
    for card in curated.values():
        for d in card.domains:
            by_domain.setdefault(d, set()).add(card.id)
    assert len(by_domain.get("medical", ())) >= 6
    assert len(by_domain.get("code", ())) >= 4
    for domain in ("scientific", "finance", "e-commerce"):
        assert by_domain.get(domain), domain
    assert any("image" in c.modalities for c in curated.values())


def test_medical_english_open_weights_search_finds_medcpt(real_kb):
    flt = CardFilter(open_weights=True, languages=("en",), domains=("medical",))
    result = real_kb.search("encoder for PubMed articles and biomedical search queries", flt, k=10)
    ids = [card.id for card, _ in result.hits]
    assert "ncbi/MedCPT-Query-Encoder" in ids and "ncbi/MedCPT-Article-Encoder" in ids, ids
    assert all(card.open_weights and "medical" in card.domains for card, _ in result.hits)
