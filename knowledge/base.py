"""The knowledge base: the validated card catalog and concept articles plus their Chroma index, behind
one small facade.

``KnowledgeBase.open`` loads the cards (from the validated snapshot when nothing changed) and the
articles, opens the index and re-syncs it when the cards or articles changed. If the index cannot be
used (server down, corrupt or locked store), the catalog and the articles still answer: search degrades
to keyword matching and says so.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.article_index import ArticleIndex
from knowledge.articles import ARTICLES_DIR, Article, Library, load_library
from knowledge.cards import CARDS_DIR, CardProblem, Catalog, load_catalog
from knowledge.completeness import completeness
from knowledge.documents import card_document
from knowledge.embedding import DEFAULT_MODEL, LocalEmbeddings
from knowledge.filters import CardFilter
from knowledge.index import CardIndex, Hit, IndexUnavailableError, StoreConfig, SyncReport, open_client
from knowledge.keywords import BM25, reciprocal_rank_fusion, tokens
from knowledge.schema import Card

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KBConfig:
    """Where the cards and the index live, and which model embeds them."""

    cards_dir: Path = CARDS_DIR
    articles_dir: Path = ARTICLES_DIR
    data_dir: Path | None = None          # snapshot + embedded Chroma store; None = in memory
    embed_model: str = DEFAULT_MODEL
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_token: str | None = None
    collection: str | None = None

    def store(self) -> StoreConfig:
        path = self.data_dir / "chroma" if self.data_dir and not self.chroma_host else None
        return StoreConfig(path=path, host=self.chroma_host, port=self.chroma_port, ssl=self.chroma_ssl,
                           token=self.chroma_token)


@dataclass
class SearchResult:
    """Cards found for a query, with how they were found (for the "intermediate steps" view)."""

    hits: list[tuple[Card, float]]
    where: dict[str, Any] | None
    mode: str                      # "semantic" or "keyword (index unavailable: ...)"
    considered: int                # cards meeting the filter


_FUSION_DEPTH = 10  # articles taken from each ranking before fusing


@dataclass(frozen=True)
class ArticleHit:
    """A concept article found for a question: ``score`` is the cosine similarity of its best-matching
    part (hybrid mode), or the share of the question's words it contains ("keyword ..." mode)."""

    article: Article
    score: float
    mode: str                      # "hybrid (semantic + keyword)" or "keyword (index unavailable: ...)"


@dataclass
class KnowledgeBase:
    """Catalog + articles + index. Build with :meth:`open`; tests may pass an in-memory config."""

    catalog: Catalog
    index: CardIndex | None
    config: KBConfig
    index_error: str | None = None
    last_sync: SyncReport | None = None
    problems: list[CardProblem] = field(default_factory=list)
    library: Library = field(default_factory=lambda: Library({}, ""))
    article_index: ArticleIndex | None = None
    article_error: str | None = None
    last_article_sync: SyncReport | None = None
    _bm25: tuple[str, BM25] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, config: KBConfig = KBConfig(), sync: bool = True, strict: bool = False) -> KnowledgeBase:
        """Open the knowledge base; ``sync`` re-embeds changed cards and articles (loads sentence-transformers
        if needed). ``strict`` raises on any invalid card or article instead of skipping it."""
        catalog = load_catalog(config.cards_dir, config.data_dir, strict=strict)
        kb = cls(catalog, None, config, problems=list(catalog.problems),
                 library=load_library(config.articles_dir, strict=strict))
        try:
            embeddings = LocalEmbeddings(config.embed_model)
            client = open_client(config.store())
            kb.index = CardIndex(client, embeddings, config.collection, path=config.store().path)
            if sync and kb.index.fingerprint != catalog.fingerprint:
                kb.last_sync = kb.index.sync(catalog)
        except IndexUnavailableError as exc:
            log.warning("index unavailable, keyword search only: %s", exc)
            kb.index, kb.index_error = None, str(exc)
        except Exception as exc:  # a model or store failure must not take the catalog down
            log.warning("index failed, keyword search only", exc_info=True)
            kb.index, kb.index_error = None, f"{type(exc).__name__}: {exc}"
        else:
            kb._open_articles(client, embeddings, sync)
        return kb

    def _open_articles(self, client: Any, embeddings: LocalEmbeddings, sync: bool) -> None:
        """Open (and with ``sync`` update) the article collection; a failure here never affects the cards."""
        try:
            self.article_index = ArticleIndex(client, embeddings, path=self.config.store().path)
            if sync and self.article_index.fingerprint != self.library.fingerprint:
                self.last_article_sync = self.article_index.sync(self.library)
        except IndexUnavailableError as exc:
            self.article_index, self.article_error = None, str(exc)
        except Exception as exc:  # same contract as the cards: degrade to keyword search, say why
            self.article_index, self.article_error = None, f"{type(exc).__name__}: {exc}"

    @property
    def in_sync(self) -> bool:
        return self.index is not None and self.index.fingerprint == self.catalog.fingerprint

    @property
    def articles_in_sync(self) -> bool:
        return self.article_index is not None and self.article_index.fingerprint == self.library.fingerprint

    def get(self, model_id: str) -> Card:
        return self.catalog.get(model_id)

    def search(self, query: str, flt: CardFilter | None = None, k: int = 20) -> SearchResult:
        """Semantic search under hard filters; falls back to keyword overlap if the index is unusable."""
        flt = flt or CardFilter()
        considered = sum(1 for c in self.catalog if flt.matches(c))
        if self.index is not None and self.in_sync:
            try:
                hits = self.index.search(query, flt, k)
                return SearchResult(search_hits(hits, self.catalog), flt.to_where(), "semantic", considered)
            except IndexUnavailableError as exc:
                self.index_error = str(exc)
        reason = self.index_error or "index not in sync with the cards"
        return SearchResult(self._keyword_search(query, flt, k), flt.to_where(),
                            f"keyword (index unavailable: {reason})", considered)

    def _keyword_search(self, query: str, flt: CardFilter, k: int) -> list[tuple[Card, float]]:
        words = set(re.findall(r"\w+", query.lower()))
        scored: list[tuple[Card, float]] = []
        for card in self.catalog:
            if not flt.matches(card):
                continue
            doc = set(re.findall(r"\w+", card_document(card).lower()))
            scored.append((card, len(words & doc) / (len(words) or 1)))
        scored.sort(key=lambda x: (-x[1], x[0].id))
        return scored[:k]

    def article(self, article_id: str) -> Article:
        """The article ``article_id``; :class:`~knowledge.articles.UnknownArticleError` (with suggestions) if absent."""
        return self.library.get(article_id)

    def articles(self, question: str, k: int = 3) -> list[ArticleHit]:
        """The ``k`` concept articles that best answer ``question``, best first.

        Hybrid: the semantic ranking of the article collection and a keyword (BM25) ranking, merged by
        reciprocal rank fusion; ``score`` stays the semantic similarity (0 for an article only the
        keywords found), so a caller can tell a weak match. When the index is unusable the keyword
        ranking answers alone and ``mode`` says so. Deciding that no article fits is the caller's call
        (``knowledge.article_index.RELEVANT_SCORE`` is the measured guide for the packaged model).
        """
        if not question.strip() or k <= 0 or not len(self.library):
            return []
        if self.article_index is not None and self.articles_in_sync:
            try:
                semantic = dict(self.article_index.search(question, max(k, _FUSION_DEPTH)))
                keyword = [i for i, _ in self._keyword_ranking(question)[:_FUSION_DEPTH]]
                fused = reciprocal_rank_fusion([list(semantic), keyword])
                return [ArticleHit(self.library.articles[i], semantic.get(i, 0.0), "hybrid (semantic + keyword)")
                        for i, _ in fused[:k] if i in self.library.articles]
            except IndexUnavailableError as exc:
                self.article_error = str(exc)
        reason = self.article_error or self.index_error or "article index not in sync with the articles"
        words = set(tokens(question))
        return [ArticleHit(self.library.articles[i], round(len(words & self._article_words(i)) / (len(words) or 1), 6),
                           f"keyword (index unavailable: {reason})")
                for i, _ in self._keyword_ranking(question)[:k]]

    def _keyword_ranking(self, question: str) -> list[tuple[str, float]]:
        """Articles by BM25 over title, questions and body (only those sharing a word with the question)."""
        if self._bm25 is None or self._bm25[0] != self.library.fingerprint:
            texts = {a.id: " ".join([a.title, *a.questions, a.body]) for a in self.library}
            self._bm25 = (self.library.fingerprint, BM25(texts))
        scores = self._bm25[1].scores(question)
        return sorted(((i, s) for i, s in scores.items() if s > 0), key=lambda kv: (-kv[1], kv[0]))

    def _article_words(self, article_id: str) -> set[str]:
        return set(self._bm25[1].terms[article_id]) if self._bm25 else set()

    def sync(self, force: bool = False) -> SyncReport:
        """Bring the index up to date with the catalog (all cards with ``force``)."""
        if self.index is None:
            raise IndexUnavailableError(self.index_error or "no index")
        self.last_sync = self.index.sync(self.catalog, force=force)
        return self.last_sync

    def sync_articles(self, force: bool = False) -> SyncReport:
        """Bring the article collection up to date with the articles (all of them with ``force``)."""
        if self.article_index is None:
            raise IndexUnavailableError(self.article_error or self.index_error or "no index")
        self.last_article_sync = self.article_index.sync(self.library, force=force)
        return self.last_article_sync

    def stats(self, popular: list[str] | None = None) -> dict[str, Any]:
        """Counts by modality, access, licence family and domain, index status, and (given the ids of the
        most-used models) the completeness of the deciding facts for them."""
        cards = list(self.catalog)
        chosen = [self.catalog.cards[i] for i in popular or [] if i in self.catalog.cards]
        count = lambda values: dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))  # noqa: E731
        return {
            "cards": len(cards),
            "fingerprint": self.catalog.fingerprint,
            "with_benchmarks": sum(1 for c in cards if c.benchmarks),
            "with_sources": sum(1 for c in cards if c.sources),
            "by_modality": count(m for c in cards for m in c.modalities),
            "by_access": count("open weights" if c.open_weights else "API" for c in cards),
            "by_licence_family": count(c.licence_family for c in cards),
            "by_domain": count(d for c in cards for d in c.domains),
            "multilingual": sum(1 for c in cards if c.multilingual),
            "without_benchmarks": sum(1 for c in cards if not c.benchmarks),
            "completeness": {"models": len(chosen), "missing_ids": sorted(set(popular or []) - set(self.catalog.cards)),
                             "fields": {k: v.as_dict() for k, v in completeness(chosen).items()}},
            "index": {
                "store": self.config.store().describe(),
                "collection": self.index.name if self.index else None,
                "documents": self.index.count() if self.index else 0,
                "embed_model": self.index.embeddings.name if self.index else self.config.embed_model,
                "in_sync": self.in_sync,
                "error": self.index_error,
            },
            "invalid_cards": [str(p) for p in self.problems],
            "articles": {
                "count": len(self.library),
                "by_topic": count(a.topic for a in self.library),
                "collection": self.article_index.name if self.article_index else None,
                "documents": self.article_index.count() if self.article_index else 0,
                "in_sync": self.articles_in_sync,
                "error": self.article_error,
                "invalid": [str(p) for p in self.library.problems],
            },
        }


def search_hits(hits: list[Hit], catalog: Catalog) -> list[tuple[Card, float]]:
    """Resolve raw index hits to cards, dropping ids no longer in the catalog."""
    return [(catalog.cards[h.card_id], h.similarity) for h in hits if h.card_id in catalog.cards]
