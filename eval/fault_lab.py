"""The fault lab: a small knowledge base to break, a conversation to keep, and the outcome record.

The lab's knowledge base holds 41 real cards (the curated ones, the first MTEB ones and BAAI/bge-m3) and
the concept articles in a real Chroma store built by the product's own ``CardIndex.sync`` and
``ArticleIndex.sync``; vectors are copied from a donor store
built with the packaged model (so no torch is needed), or computed with the NumPy query encoder.

Every fault scenario (:mod:`eval.faults_store`, :mod:`eval.faults_app`) returns :class:`Outcome`
records: the message the user sees, named checks (a clear message, the conversation state kept, the
previous index or catalog still answering, a clean CLI exit) and details.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from eval import faults
from eval.netguard_session import RECOMMEND_PROFILE, SESSION_MESSAGES
from knowledge.cards import CARDS_DIR
from knowledge.filters import CardFilter

QUERY = ("medical retrieval for English clinical notes", CardFilter(open_weights=True))
FOLLOW_UP = "We also need French."
LOCK_TIMEOUT_S = 15.0  # opening the store in a fresh process takes ~3 s here
MISSING_MODEL = "/nonexistent/embedding-model"
BROKEN_CARD = "mteb/BAAI__bge-m3.yaml"


def small_card_files(cards_dir: Path = CARDS_DIR) -> list[Path]:
    """The lab's cards: every curated card, the first 18 MTEB cards and :data:`BROKEN_CARD`."""
    from knowledge.cards import card_files

    files = card_files(cards_dir)
    curated = [f for f in files if f.parent.name == "curated"]
    mteb = [f for f in files if f.parent.name == "mteb"]
    return sorted({*curated, *mteb[:18], cards_dir / BROKEN_CARD})


def build_small_kb(root: Path, donor_data: Path | None = None, cards_dir: Path = CARDS_DIR) -> tuple[Path, Path]:
    """(cards dir, data dir) of a fresh lab knowledge base; see the module docstring."""
    from knowledge.article_index import ArticleIndex
    from knowledge.articles import load_library
    from knowledge.cards import load_catalog
    from knowledge.embedding import LocalEmbeddings
    from knowledge.index import CardIndex, StoreConfig, collection_name, open_client

    cards, data = root / "lab-cards", root / "lab-data"
    shutil.rmtree(cards, ignore_errors=True)
    shutil.rmtree(data, ignore_errors=True)
    for f in small_card_files(cards_dir):
        target = cards / f.relative_to(cards_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, target)
    known: dict[str, list[float]] = {}
    if donor_data is not None and (donor_data / "chroma").exists():
        donor = open_client(StoreConfig(path=donor_data / "chroma"))
        for prefix in ("cards", "articles"):  # the donor may predate the article collection
            try:
                got = donor.get_collection(collection_name(LocalEmbeddings().name, prefix)).get(
                    include=["documents", "embeddings"])
            except Exception:  # noqa: BLE001 - a missing collection: those vectors get computed instead
                continue
            known |= {doc: list(map(float, vec)) for doc, vec in zip(got["documents"], got["embeddings"], strict=True)}

    class Reused(LocalEmbeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [known[t] if t in known else self.fast.encode([t])[0].tolist() for t in texts]

    catalog = load_catalog(cards, data)
    client = open_client(StoreConfig(path=data / "chroma"))
    CardIndex(client, Reused()).sync(catalog)
    ArticleIndex(client, Reused()).sync(load_library())
    return cards, data


@dataclass
class Outcome:
    """One injected fault, seen through one entry point."""

    fault: str
    via: str                       # in-process | child process | cli
    message: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None
    crashed: str | None = None     # an unexpected exception, a hang or a dead process

    @property
    def ok(self) -> bool:
        return self.skipped is not None or (self.crashed is None and all(self.checks.values()))

    def failed_checks(self) -> list[str]:
        return [k for k, v in self.checks.items() if not v]

    def to_dict(self) -> dict[str, Any]:
        return {"fault": self.fault, "via": self.via, "ok": self.ok, "message": self.message[:400],
                "failed_checks": self.failed_checks(), "skipped": self.skipped, "crashed": self.crashed,
                "details": self.details}


class Lab:
    """Scratch space for faults: the lab knowledge base (copied per fault), a healthy advisor, a chat state."""

    def __init__(self, root: Path, donor_data: Path | None = None):
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.cards_dir, self.base_data = build_small_kb(root, donor_data)

    def env(self, data_dir: Path, **extra: str) -> dict[str, str]:
        """Environment for a CLI run on a copy of the lab knowledge base."""
        return {"EA_DATA_DIR": str(data_dir), "EA_CARDS_DIR": str(self.cards_dir), **extra}

    def cards_copy(self, name: str) -> Path:
        target = self.root / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.cards_dir, target)
        return target

    def data_copy(self, name: str) -> Path:
        target = self.root / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.base_data, target)
        return target

    def config(self, data_dir: Path, **kw: Any) -> Any:
        from knowledge.base import KBConfig

        return KBConfig(cards_dir=kw.pop("cards_dir", self.cards_dir), data_dir=data_dir, **kw)

    @cached_property
    def healthy(self) -> Any:
        from knowledge.base import KnowledgeBase

        kb = KnowledgeBase.open(self.config(self.data_copy("healthy")), sync=False)
        if not kb.in_sync:
            raise RuntimeError(f"the base knowledge base is not usable: {kb.index_error or 'index out of date'}")
        return kb

    @cached_property
    def baseline_hits(self) -> list[str]:
        return [c.id for c, _ in self.healthy.search(QUERY[0], QUERY[1], 5).hits]

    @cached_property
    def state(self) -> Any:
        """A conversation that reached a recommendation on the healthy knowledge base."""
        from agents.advisor import Advisor, ChatState

        advisor, state = Advisor(self.healthy), ChatState()
        for message in SESSION_MESSAGES:
            state = advisor.turn(state, message).state
        assert state.recommendation is not None
        return state

    @cached_property
    def profile_file(self) -> Path:
        path = self.root / "profile.yaml"
        path.write_text(json.dumps(RECOMMEND_PROFILE))  # JSON is valid YAML
        return path


# -- shared checks ------------------------------------------------------------------------------------------
def continue_chat(kb: Any, lab: Lab) -> tuple[dict[str, bool], dict[str, Any]]:
    """The conversation from the healthy knowledge base goes on against ``kb``: nothing lost."""
    from agents.advisor import Advisor

    before = lab.state
    result = Advisor(kb).turn(before, FOLLOW_UP)
    after = result.state
    kept = {f: v for f, v in before.profile.known().items() if f != "languages"}
    return ({"conversation continues with its profile": all(getattr(after.profile, f) == v for f, v in kept.items())
             and set(before.profile.languages or []) <= set(after.profile.languages or [])
             and "fr" in (after.profile.languages or []),
             "conversation history kept": after.history[:len(before.history)] == before.history
             and len(after.history) == len(before.history) + 2 and after.turns == before.turns + 1,
             "still recommends": bool(result.recommendation and result.recommendation.recommendations)},
            {"picks": [p.model for p in result.recommendation.recommendations] if result.recommendation else []})


def cli_checks(run: faults.Run, expect_rc: int) -> dict[str, bool]:
    return {f"CLI exits {expect_rc}": run.returncode == expect_rc, "CLI prints no traceback": not run.traceback,
            "CLI finished (no hang)": not run.timed_out}


def guard(fault: str, via: str, body: Callable[[Outcome], None]) -> Outcome:
    out = Outcome(fault, via)
    try:
        body(out)
    except Exception as exc:  # noqa: BLE001 - an unexpected exception is the finding
        out.crashed = f"{type(exc).__name__}: {exc}"[:500]
    return out
