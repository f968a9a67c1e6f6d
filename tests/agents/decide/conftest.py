"""The real catalog (validated cards, no vector index) and an Advisor on it with keyword retrieval.

Decision tests need the real cards but not Chroma: the ranking reads the whole catalog, and semantic
retrieval only adds candidates. Building the index takes minutes on a loaded machine; these fixtures don't.
"""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from knowledge.base import KBConfig, KnowledgeBase
from knowledge.cards import load_catalog


@pytest.fixture(scope="session")
def catalog_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    data = tmp_path_factory.mktemp("catalog-only")
    config = KBConfig(data_dir=data)
    return KnowledgeBase(load_catalog(config.cards_dir, data, strict=True), None, config,
                         index_error="tests: catalog only, keyword retrieval")


@pytest.fixture(scope="session")
def cards(catalog_kb: KnowledgeBase) -> list:
    return list(catalog_kb.catalog)


@pytest.fixture(scope="session")
def keyword_advisor(catalog_kb: KnowledgeBase) -> Advisor:
    return Advisor(catalog_kb)
