"""Concept articles: schema errors that name file and field, the committed articles, incremental sync,
retrieval with the packaged MiniLM, and the keyword fallback when the index cannot be used."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.articles import (
    ARTICLES_DIR,
    ArticleError,
    UnknownArticleError,
    body_numbers,
    load_article,
    load_library,
    validate_articles,
)
from knowledge.base import KBConfig, KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
SOURCE = {"url": "https://sbert.net/examples/training/matryoshka/", "as_of": "2026-11-30"}


def article(article_id: str, body: str, **fields: Any) -> dict[str, Any]:
    return {"id": article_id, "title": article_id.replace("-", " ").title(), "topic": "testing", "body": body,
            "questions": [f"what is {article_id}?", f"explain {article_id} please", f"how does {article_id} work"],
            "sources": [dict(SOURCE)], **fields}


def words(topic: str, n: int = 70) -> str:
    filler = ("vectors keep meaning close so search compares geometry instead of strings and every choice "
              "has a cost in storage speed and quality ").split()
    return " ".join([topic] + [filler[i % len(filler)] for i in range(n - 1)])


def write(directory: Path, data: dict[str, Any], name: str | None = None) -> Path:
    path = directory / (name or f"{data['id']}.yaml")
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture()
def articles_dir(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    write(d, article("nested-vectors", "Matryoshka truncation: " + words("shorter vectors dimensions"),
                     related=["keyword-fusion"]))
    write(d, article("keyword-fusion", "Hybrid BM25 reciprocal rank fusion: " + words("keywords exact identifiers")))
    write(d, article("vector-privacy", "Embedding inversion recovers text: " + words("privacy attack personal data")))
    return d


def problems_for(directory: Path, data: dict[str, Any], name: str | None = None) -> list[str]:
    path = write(directory, data, name)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    return [str(p) for p in err.value.problems]


def test_schema_errors_name_the_file_and_the_field(tmp_path):
    extra = problems_for(tmp_path, {**article("a-b", words("x")), "colour": "red"})
    assert any("a-b.yaml" in p and "colour" in p and "Extra inputs" in p for p in extra)
    short = problems_for(tmp_path, article("too-short", "Only a few words here."))
    assert any("too-short.yaml: body:" in p and "60-200" in p for p in short)
    unsourced = problems_for(tmp_path, article("bare-number", words("it stores 4 bytes per dimension")))
    assert any("bare-number.yaml" in p and "'4'" in p and "without a source" in p for p in unsourced)
    no_sources = problems_for(tmp_path, {**article("no-src", words("x")), "sources": []})
    assert any("no-src.yaml: sources:" in p for p in no_sources)
    misnamed = problems_for(tmp_path, article("real-id", words("x")), name="other-name.yaml")
    assert misnamed == [f"{tmp_path / 'other-name.yaml'}: id: the file must be named real-id.yaml after its id"]
    (tmp_path / "broken.yaml").write_text("id: broken\nbody: [unclosed\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"broken\.yaml: line \d+: malformed YAML"):
        load_article(tmp_path / "broken.yaml")


def test_a_figure_is_accepted_only_with_the_source_that_states_it(tmp_path):
    body = words("binary quantisation is 32x smaller")
    read = {**SOURCE, "figures": ["32x"], "checked": True, "note": "the page says binary is 32x smaller"}
    assert load_article(write(tmp_path, article("sourced-figure", body, sources=[read]))).body.startswith("binary")
    assert body_numbers("int8 and e5 and nDCG@10 are names; 256 and 8,192 and 92% are figures.") == \
        ["256", "8,192", "92%"]
    assert body_numbers("kept 96.46%) of it (and 4x).") == ["96.46%", "4x"]  # brackets and full stops together


def test_only_a_read_source_can_back_a_figure(tmp_path):
    body = words("binary quantisation is 32x smaller")
    unread = {**SOURCE, "figures": ["32x"], "note": "not readable here"}
    problems = problems_for(tmp_path, article("unread-figure", body, sources=[unread]))
    assert any("unread-figure.yaml" in p and "need a checked source" in p for p in problems)
    silent = problems_for(tmp_path, article("silent-check", words("x"), sources=[{**SOURCE, "checked": True}]))
    assert any("silent-check.yaml" in p and "needs a note" in p for p in silent)
    cited = {**SOURCE, "checked": False, "note": "not readable here; cited from its known address"}
    assert load_article(write(tmp_path, article("cited-only", words("x"), sources=[cited]))).sources[0].checked is False


def test_every_committed_source_records_whether_it_was_read():
    """The facts policy: each source says explicitly whether it was read (and what it confirmed, or why not),
    and a number in a body only ever rests on a source that was read."""
    articles, problems = validate_articles(ARTICLES_DIR)
    assert problems == []
    for path in sorted(ARTICLES_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for src in raw["sources"]:
            assert isinstance(src.get("checked"), bool), f"{path.name}: {src['url']} has no explicit checked state"
            assert src.get("note", "").strip(), f"{path.name}: {src['url']} has no note"
    for art in articles.values():
        assert any(s.checked for s in art.sources), f"{art.id} rests on no source that was read"
        backed = {f for s in art.sources if s.checked for f in s.figures}
        assert set(body_numbers(art.body)) <= backed, art.id
        assert not [f for s in art.sources if not s.checked for f in s.figures], art.id


def test_links_to_missing_articles_are_reported(articles_dir):
    write(articles_dir, article("dangling", words("x"), related=["does-not-exist"]))
    _, problems = validate_articles(articles_dir)
    assert [(Path(p.file).name, p.field) for p in problems] == [("dangling.yaml", "related")]
    with pytest.raises(ArticleError, match="does-not-exist"):
        load_library(articles_dir, strict=True)
    assert "dangling" in load_library(articles_dir).articles  # lenient: still served, problem reported


def test_committed_articles_are_valid_and_cover_the_concepts():
    articles, problems = validate_articles(ARTICLES_DIR)
    assert problems == []
    assert len(articles) >= 32
    for needed in ("matryoshka-embeddings", "embedding-quantization", "query-prefixes-and-instructions",
                   "chunking-long-documents", "fine-tuning-sentence-transformers", "rerankers-cross-encoders",
                   "hybrid-search-bm25", "zero-shot-and-benchmark-training", "mteb-leaderboard"):
        assert needed in articles
    assert all(a.sources and all(s.url.startswith("https://") for s in a.sources) for a in articles.values())


def test_sync_is_idempotent_and_incremental(articles_dir, tmp_path):
    cards = tmp_path / "no-cards"
    cards.mkdir()
    cfg = KBConfig(cards_dir=cards, articles_dir=articles_dir, data_dir=tmp_path / "data")
    kb = KnowledgeBase.open(cfg)
    first = kb.last_article_sync
    assert first is not None and first.added == kb.article_index.count() > 3 and kb.articles_in_sync
    again = KnowledgeBase.open(cfg)
    assert again.last_article_sync is None and again.articles_in_sync  # unchanged: nothing re-embedded
    assert again.sync_articles().unchanged == first.added
    changed = article("keyword-fusion", "Hybrid BM25 reciprocal rank fusion: " + words("keywords product codes"))
    write(articles_dir, changed)
    (articles_dir / "vector-privacy.yaml").unlink()
    after = KnowledgeBase.open(cfg)
    report = after.last_article_sync
    assert report.added == 0 and report.updated >= 1 and report.removed >= 1
    assert "vector-privacy" not in [h.article.id for h in after.articles("embedding inversion privacy", k=3)]


@pytest.fixture(scope="module")
def articles_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The committed articles embedded with the packaged MiniLM in a real Chroma store (no cards)."""
    root = tmp_path_factory.mktemp("articles-kb")
    (root / "cards").mkdir()
    kb = KnowledgeBase.open(KBConfig(cards_dir=root / "cards", data_dir=root / "data"), sync=True, strict=True)
    assert kb.articles_in_sync, kb.article_error
    return kb


@pytest.mark.parametrize(("question", "expected"), [
    ("we have 2M vectors, would Matryoshka truncation save storage?", "matryoshka-embeddings"),
    ("binary quantization with rescoring", "embedding-quantization"),
    ("should I rerank the top results with a cross-encoder?", "rerankers-cross-encoders"),
    ("do I need the query: prefix for e5 models?", "query-prefixes-and-instructions"),
])
def test_clear_questions_find_their_article(articles_kb, question, expected):
    hits = articles_kb.articles(question, k=3)
    assert hits[0].article.id == expected
    assert hits[0].mode.startswith("hybrid") and 0 < hits[0].score <= 1


def test_article_lookup_by_id_suggests_close_ids(articles_kb):
    assert articles_kb.article("Matryoshka-Embeddings").title.startswith("Matryoshka")
    with pytest.raises(UnknownArticleError, match="matryoshka-embeddings"):
        articles_kb.article("matryoshka")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_keyword_fallback_when_the_index_is_unreachable(articles_dir, tmp_path):
    cards = tmp_path / "no-cards"
    cards.mkdir()
    cfg = KBConfig(cards_dir=cards, articles_dir=articles_dir, chroma_host="127.0.0.1", chroma_port=_free_port())
    kb = KnowledgeBase.open(cfg)  # nothing listens there
    assert kb.article_index is None
    hits = kb.articles("how does reciprocal rank fusion merge BM25 keywords?", k=2)
    assert hits[0].article.id == "keyword-fusion"
    assert hits[0].mode.startswith("keyword (index unavailable:") and "chroma server" in hits[0].mode
    assert kb.articles("   ") == [] and kb.articles("zzzz qqqq") == []


def test_kb_validate_reports_articles_too():
    proc = subprocess.run([sys.executable, "-m", "app.cli", "kb", "validate"], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "cards valid" in proc.stdout
    assert "articles valid, every figure sourced" in proc.stdout
