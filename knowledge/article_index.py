"""The concept articles in the Chroma store, next to the cards (a collection of their own).

Each article is stored as several short documents: its title; its title with its body; its title with
each passage of a few sentences of the body; and its title with each question it answers. A user's
question is compared with all of them and an article scores its best match, so a question phrased like
a listed one finds its article, and a detail deep in a body is not diluted by the rest of it (nor cut
off by the model's input limit). Syncing is incremental by content hash, like the cards.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.articles import Article, Library
from knowledge.index import ChromaCollection, SyncReport, sync_collection

_SEP = "#"

# Cosine similarity (packaged all-MiniLM-L6-v2) below which the best article probably does not answer the
# question, so the caller should say it does not know. Fixed before the first evaluation run; how well
# it separates covered from uncovered questions is measured by ``python -m eval articles``.
RELEVANT_SCORE = 0.40


_PASSAGE_WORDS = 45  # a passage: whole sentences, about this many words


def passages(body: str, words: int = _PASSAGE_WORDS) -> list[str]:
    """The body cut into runs of whole sentences of about ``words`` words each."""
    out: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.;:!?])\s+", body):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def article_documents(article: Article) -> dict[str, tuple[str, dict[str, Any]]]:
    """The documents that represent ``article`` in the index: id -> (text, metadata)."""
    meta = {"article": article.id, "topic": article.topic}
    docs = {f"{article.id}{_SEP}title": (article.title, {**meta, "part": "title"}),
            f"{article.id}{_SEP}text": (article.text(), {**meta, "part": "text"})}
    for i, passage in enumerate(passages(article.body)):
        docs[f"{article.id}{_SEP}p{i}"] = (f"{article.title}: {passage}", {**meta, "part": "passage"})
    for i, question in enumerate(article.questions):
        docs[f"{article.id}{_SEP}q{i}"] = (f"{article.title}: {question}", {**meta, "part": "question"})
    return docs


class ArticleIndex(ChromaCollection):
    """The article collection."""

    prefix = "articles"

    def sync(self, library: Library, force: bool = False) -> SyncReport:
        """Make the collection hold exactly ``library``'s articles; only changed documents are re-embedded."""
        docs = {doc_id: doc for article in library for doc_id, doc in article_documents(article).items()}
        return sync_collection(self.collection, self._langchain_store, docs, library.fingerprint,
                               {"embed_model": self.embeddings.name, "articles": len(library)}, force)

    def search(self, question: str, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` articles closest to ``question`` (id, cosine similarity of its best document), best first."""
        if k <= 0:
            return []
        # The k best articles are the first k distinct ones in the document ranking; a dozen documents
        # per wanted article is ample (an article has at most a dozen documents).
        res = self._query(question, 12 * k, include=("distances", "metadatas"))
        if res is None:
            return []
        best: dict[str, float] = {}
        for meta, dist in zip(res["metadatas"][0], res["distances"][0], strict=True):
            article_id = (meta or {}).get("article")
            if article_id:
                best[article_id] = max(best.get(article_id, -1.0), round(1.0 - float(dist), 6))
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
