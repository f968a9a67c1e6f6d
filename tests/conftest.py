"""Shared test set-up: offline, private process defaults and the real knowledge base built once."""

from __future__ import annotations

from app.settings import apply_process_defaults

apply_process_defaults()  # the product's offline, private defaults, before any test imports a model or gradio

import pytest  # noqa: E402

from knowledge.base import KBConfig, KnowledgeBase  # noqa: E402


@pytest.fixture(scope="session")
def kb_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """A data directory shared by the whole session (the real index is built once)."""
    return tmp_path_factory.mktemp("kb-data")


@pytest.fixture(scope="session")
def real_kb(kb_data_dir) -> KnowledgeBase:
    """The committed cards in a real persistent Chroma store, embedded with the packaged model."""
    kb = KnowledgeBase.open(KBConfig(data_dir=kb_data_dir), sync=True, strict=True)
    assert kb.index is not None, kb.index_error
    return kb
