"""The Chroma vector index of the cards (and, in its own collection, the concept articles): embedded
(persistent directory) or client/server mode.

Documents are written through LangChain's Chroma vector store (document id = card id, so syncing is
an idempotent upsert); queries go straight to the same Chroma collection, which avoids importing the
LangChain wrapper on the latency-sensitive path. Each document carries a content hash, so a sync only
re-embeds the documents that changed and deletes the ones that disappeared (``sync_collection``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.cards import Catalog, KnowledgeError
from knowledge.documents import card_document
from knowledge.embedding import LocalEmbeddings
from knowledge.filters import CardFilter, card_metadata

_BATCH = 128


class IndexUnavailableError(KnowledgeError):
    """The Chroma store cannot be opened or queried (missing server, corrupt or locked files)."""


@dataclass(frozen=True)
class StoreConfig:
    """Where the index lives: a Chroma server when ``host`` is set, else a local directory (or memory)."""

    path: Path | None = None
    host: str | None = None
    port: int = 8000
    ssl: bool = False
    token: str | None = None

    def describe(self) -> str:
        if self.host:
            return f"chroma server {'https' if self.ssl else 'http'}://{self.host}:{self.port}"
        return f"chroma directory {self.path}" if self.path else "in-memory chroma"


@dataclass(frozen=True)
class SyncReport:
    """What a sync changed."""

    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    fingerprint: str

    def counts(self) -> str:
        """"added A, updated U, removed R, unchanged N", as the CLI prints it."""
        return f"added {self.added}, updated {self.updated}, removed {self.removed}, unchanged {self.unchanged}"


@dataclass(frozen=True)
class Hit:
    """A search result: a card id and its cosine similarity to the query."""

    card_id: str
    similarity: float


LOCK_PROBE_S = 1.0


def check_not_locked(path: Path | None, timeout: float = LOCK_PROBE_S) -> None:
    """Raise :class:`IndexUnavailableError` when another process holds the store's SQLite file locked.

    Chroma's own (native) connection waits for such a lock without a time limit, which would hang a
    chat turn; a plain SQLite read with a short timeout tells us first.
    """
    if path is None:
        return
    db = path / "chroma.sqlite3"
    if not db.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise IndexUnavailableError(
                f"the chroma store {db} is locked by another process (a running `kb build`, or another app "
                f"instance using the same EA_DATA_DIR); try again when it finishes") from None
        raise IndexUnavailableError(f"the chroma store {db} is unreadable: {exc}; delete {path} and run "
                                    f"`python -m app.cli kb build` to rebuild it") from None
    except sqlite3.DatabaseError as exc:
        raise IndexUnavailableError(f"the chroma store {db} is corrupt ({exc}); delete {path} and run "
                                    f"`python -m app.cli kb build` to rebuild it") from None


def open_client(cfg: StoreConfig) -> Any:
    """A Chroma client for ``cfg`` with telemetry off; raises :class:`IndexUnavailableError`."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    try:
        if cfg.host:
            headers = {"Authorization": f"Bearer {cfg.token}"} if cfg.token else None
            client = chromadb.HttpClient(host=cfg.host, port=cfg.port, ssl=cfg.ssl, headers=headers, settings=settings)
            client.heartbeat()
            return client
        if cfg.path:
            cfg.path.mkdir(parents=True, exist_ok=True)
            check_not_locked(cfg.path)
            return chromadb.PersistentClient(path=str(cfg.path), settings=settings)
        return chromadb.EphemeralClient(settings=settings)
    except IndexUnavailableError:
        raise
    except Exception as exc:  # chromadb raises many types (connection, sqlite, rust bindings)
        hint = (f"; if the files are damaged, delete {cfg.path} and run `python -m app.cli kb build`"
                if cfg.path else "")
        raise IndexUnavailableError(f"cannot open the {cfg.describe()}: {type(exc).__name__}: {exc}{hint}") from exc


def collection_name(embed_model: str, prefix: str = "cards") -> str:
    """A valid Chroma collection name per embedding model (vectors of different models never mix)."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", embed_model.split("/")[-1]).strip("-._") or "model"
    digest = hashlib.sha1(embed_model.encode()).hexdigest()[:8]
    return f"{prefix}-{slug[:40]}-{digest}"


def _content_hash(text: str, meta: dict[str, Any]) -> str:
    return hashlib.sha1((text + json.dumps(meta, sort_keys=True)).encode()).hexdigest()[:16]


def sync_collection(collection: Any, store: Callable[[], Any], docs: dict[str, tuple[str, dict[str, Any]]],
                    fingerprint: str, meta: dict[str, Any], force: bool = False) -> SyncReport:
    """Make ``collection`` hold exactly ``docs`` (id -> text, metadata), re-embedding only changed ones.

    Each document's metadata gets a content hash; a document whose hash is unchanged is skipped, ids no
    longer in ``docs`` are deleted, and the collection metadata records ``fingerprint`` plus ``meta``.
    ``store`` makes the LangChain vector store that embeds and writes (only called when needed).
    """
    start = time.perf_counter()
    existing = collection.get(include=["metadatas"])
    old = {i: (m or {}).get("content_hash") for i, m in zip(existing["ids"], existing["metadatas"], strict=True)}
    texts, metas, ids = [], [], []
    for doc_id, (text, doc_meta) in docs.items():
        doc_meta = {**doc_meta, "content_hash": _content_hash(text, doc_meta)}
        if not force and old.get(doc_id) == doc_meta["content_hash"]:
            continue
        texts.append(text)
        metas.append(doc_meta)
        ids.append(doc_id)
    stale = [i for i in old if i not in docs]
    if ids:
        writer = store()
        for lo in range(0, len(ids), _BATCH):
            writer.add_texts(texts[lo:lo + _BATCH], metadatas=metas[lo:lo + _BATCH], ids=ids[lo:lo + _BATCH])
    if stale:
        collection.delete(ids=stale)
    collection.modify(metadata={"fingerprint": fingerprint, **meta,
                                "synced_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    added = sum(1 for i in ids if i not in old)
    return SyncReport(added, len(ids) - added, len(stale), len(docs) - len(ids), time.perf_counter() - start, fingerprint)


class ChromaCollection:
    """One collection of one Chroma store, for one embedding model (vectors of different models never mix)."""

    prefix = "docs"

    def __init__(self, client: Any, embeddings: LocalEmbeddings, name: str | None = None, path: Path | None = None):
        self.client = client
        self.path = path  # the embedded store's directory (None in server or memory mode)
        self.embeddings = embeddings
        self.name = name or collection_name(embeddings.name, self.prefix)
        try:
            self.collection = client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        except Exception as exc:
            raise IndexUnavailableError(f"cannot open collection {self.name!r}: {type(exc).__name__}: {exc}") from exc

    @property
    def metadata(self) -> dict[str, Any]:
        return dict(self.collection.metadata or {})

    @property
    def fingerprint(self) -> str | None:
        """The fingerprint of the document set the collection was last synced to (None = never)."""
        return self.metadata.get("fingerprint")

    def count(self) -> int:
        return int(self.collection.count())

    def _langchain_store(self) -> Any:
        from langchain_chroma import Chroma

        return Chroma(client=self.client, collection_name=self.name, embedding_function=self.embeddings)

    def _query(self, query: str, k: int, where: dict[str, Any] | None = None,
               include: tuple[str, ...] = ("distances",)) -> dict[str, Any] | None:
        """The raw Chroma answer for the ``k`` nearest documents (None when empty); errors become
        :class:`IndexUnavailableError`."""
        check_not_locked(self.path)
        n = self.count()
        if n == 0 or k <= 0:
            return None
        vec = self.embeddings.embed_query(query)
        try:
            return self.collection.query(query_embeddings=[vec], n_results=min(k, n), where=where,
                                         include=list(include))
        except Exception as exc:
            raise IndexUnavailableError(f"search failed in collection {self.name!r}: {type(exc).__name__}: {exc}") from exc


class CardIndex(ChromaCollection):
    """The card collection."""

    prefix = "cards"

    def sync(self, catalog: Catalog, force: bool = False) -> SyncReport:
        """Make the collection hold exactly ``catalog``'s cards; only changed cards are re-embedded."""
        docs = {card.id: (card_document(card), card_metadata(card)) for card in catalog}
        return sync_collection(self.collection, self._langchain_store, docs, catalog.fingerprint,
                               {"embed_model": self.embeddings.name, "cards": len(catalog)}, force)

    def search(self, query: str, flt: CardFilter | None = None, k: int = 20) -> list[Hit]:
        """Cards most similar to ``query`` among those meeting ``flt``, best first."""
        res = self._query(query, k, flt.to_where() if flt else None)
        if res is None:
            return []
        return [Hit(i, round(1.0 - float(d), 6)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]
