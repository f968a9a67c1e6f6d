"""The Chroma index with the packaged model: embedded and client/server mode, idempotent syncs, filters."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.base import KBConfig, KnowledgeBase
from knowledge.embedding import LocalEmbeddings, load_sentence_transformer
from knowledge.filters import CardFilter
from tests.knowledge.helpers import card_dict, write_card

CARDS = [
    card_dict("acme/med-embed", domains=["medical"], languages=["en"], license="apache-2.0", n_parameters=33_000_000,
              summary="Retrieval model fine-tuned on clinical notes, drug labels and biomedical abstracts."),
    card_dict("acme/legal-embed", domains=["legal"], languages=["en", "de"], license="mit", n_parameters=110_000_000,
              summary="Embeddings for contracts, statutes and case law."),
    card_dict("acme/code-embed", domains=["code"], modalities=["text", "code"], license="apache-2.0",
              n_parameters=137_000_000, summary="Code search model for Python, Java and Go repositories."),
    card_dict("cloudco/med-api", open_weights=False, domains=["medical"], languages=["en"],
              summary="Cloud API for clinical and biomedical text embeddings."),
    card_dict("acme/nc-embed", license="cc-by-nc-4.0", commercial_use=False, languages=["en", "es"],
              n_parameters=560_000_000, summary="General multilingual embedding model for research use."),
    card_dict("acme/clip", modalities=["text", "image"], license="mit", n_parameters=150_000_000,
              summary="Image and text embeddings for photo search."),
]


@pytest.fixture()
def cards_dir(tmp_path: Path) -> Path:
    d = tmp_path / "cards"
    d.mkdir()
    for card in CARDS:
        write_card(d, card)
    return d


def test_fast_query_path_matches_sentence_transformers():
    emb = LocalEmbeddings()
    assert emb.fast is not None, "the packaged MiniLM must use the NumPy query path"
    texts = ["open-weights medical retrieval model", "Ünïcödé — 日本語のテキスト", "x" * 3000]
    fast = [emb.embed_query(t) for t in texts]
    ref = load_sentence_transformer().encode(texts, normalize_embeddings=True)
    for a, b in zip(fast, ref, strict=True):
        assert sum(x * y for x, y in zip(a, b, strict=True)) > 0.9999


def test_build_is_idempotent_and_incremental(cards_dir, tmp_path):
    cfg = KBConfig(cards_dir=cards_dir, data_dir=tmp_path / "data")
    kb = KnowledgeBase.open(cfg)
    assert kb.last_sync.added == len(CARDS) and kb.index.count() == len(CARDS)
    again = KnowledgeBase.open(cfg)
    assert again.last_sync is None and again.in_sync  # nothing changed: no re-embedding
    assert again.sync().unchanged == len(CARDS)
    # change one card, delete another: only those are touched
    write_card(cards_dir, card_dict("acme/legal-embed", domains=["legal"], languages=["en", "de", "fr"], license="mit"))
    (cards_dir / "acme__clip.yaml").unlink()
    changed = KnowledgeBase.open(cfg)
    assert (changed.last_sync.updated, changed.last_sync.removed, changed.last_sync.added) == (1, 1, 0)
    assert changed.index.count() == len(CARDS) - 1
    assert "acme/clip" not in [c.id for c, _ in changed.search("photo search images").hits]


def test_filtered_semantic_search(cards_dir, tmp_path):
    kb = KnowledgeBase.open(KBConfig(cards_dir=cards_dir, data_dir=tmp_path / "data"))
    res = kb.search("medical English retrieval for clinical notes", CardFilter(open_weights=True, languages=("en",)))
    ids = [c.id for c, _ in res.hits]
    assert res.mode == "semantic"
    assert ids[0] == "acme/med-embed"
    assert "cloudco/med-api" not in ids  # API model never returned under open_weights
    commercial = kb.search("multilingual model", CardFilter(commercial_use=True))
    assert "acme/nc-embed" not in [c.id for c, _ in commercial.hits]
    images = kb.search("photo search", CardFilter(modalities=("image",)))
    assert [c.id for c, _ in images.hits] == ["acme/clip"]


def test_where_clause_and_predicate_agree(cards_dir, tmp_path):
    kb = KnowledgeBase.open(KBConfig(cards_dir=cards_dir, data_dir=tmp_path / "data"))
    filters = [CardFilter(), CardFilter(open_weights=True), CardFilter(open_weights=False),
               CardFilter(commercial_use=True, languages=("en",)), CardFilter(languages=("en", "de")),
               CardFilter(modalities=("code",)), CardFilter(domains=("medical", "legal")),
               CardFilter(max_parameters=120_000_000), CardFilter(ids=("acme/clip", "acme/med-embed"))]
    for flt in filters:
        via_index = {c.id for c, _ in kb.search("embedding model", flt, k=100).hits}
        via_predicate = {c.id for c in kb.catalog if flt.matches(c)}
        assert via_index == via_predicate, flt


def test_invalid_card_leaves_previous_index_usable(cards_dir, tmp_path):
    cfg = KBConfig(cards_dir=cards_dir, data_dir=tmp_path / "data")
    KnowledgeBase.open(cfg)
    (cards_dir / "acme__med-embed.yaml").write_text("id: acme/med-embed\nmodalities: text\n")
    kb = KnowledgeBase.open(cfg)
    assert kb.problems and "acme__med-embed.yaml" in kb.problems[0].file
    assert kb.in_sync and kb.index.count() == len(CARDS)
    assert kb.search("clinical notes", CardFilter(domains=("medical",)), k=1).hits[0][0].id == "acme/med-embed"


def test_unusable_store_degrades_to_keyword_search(cards_dir, tmp_path):
    cfg = KBConfig(cards_dir=cards_dir, data_dir=None, chroma_host="127.0.0.1", chroma_port=_free_port())
    kb = KnowledgeBase.open(cfg)  # no server listening there
    assert kb.index is None and "cannot open" in kb.index_error
    res = kb.search("clinical medical notes", CardFilter(open_weights=True))
    assert res.mode.startswith("keyword") and res.hits[0][0].id == "acme/med-embed"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"})
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_server_mode_behaves_like_embedded(cards_dir, tmp_path, chroma_server):
    cfg = KBConfig(cards_dir=cards_dir, data_dir=tmp_path / "snap", chroma_host="localhost", chroma_port=chroma_server)
    kb = KnowledgeBase.open(cfg)
    assert kb.index is not None, kb.index_error
    assert kb.last_sync.added == len(CARDS)
    res = kb.search("medical English retrieval for clinical notes", CardFilter(open_weights=True, languages=("en",)))
    assert res.hits[0][0].id == "acme/med-embed"
    assert "cloudco/med-api" not in [c.id for c, _ in res.hits]
    assert KnowledgeBase.open(cfg).last_sync is None  # a second client sees the synced collection


def test_real_cards_medical_query_finds_medical_models_never_apis(real_kb):
    """The issue's example on the committed cards: no domain filter, the semantics must find them."""
    flt = CardFilter(open_weights=True, languages=("en",))
    res = real_kb.search("medical English retrieval model for clinical notes and biomedical literature", flt, k=10)
    assert res.mode == "semantic" and len(res.hits) == 10
    assert all(card.open_weights for card, _ in res.hits)  # never an API model
    medical = [card.id for card, _ in res.hits[:5] if "medical" in card.domains]
    assert len(medical) >= 4, [c.id for c, _ in res.hits]


def test_real_cards_stats_cover_every_card(real_kb):
    stats = real_kb.stats()
    assert stats["cards"] >= 600 and stats["with_sources"] == stats["cards"]
    assert stats["index"]["in_sync"] and stats["index"]["documents"] == stats["cards"]
    assert {"text", "image", "audio", "code"} <= set(stats["by_modality"])
    assert {"open weights", "API"} == set(stats["by_access"])
    assert {"permissive", "non-commercial", "proprietary"} <= set(stats["by_licence_family"])
    assert "medical" in stats["by_domain"] and "legal" in stats["by_domain"]
