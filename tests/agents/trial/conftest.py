"""Fixtures for trial tests: a tiny bag-of-words sentence-transformers model saved to disk and a fresh cache."""

from __future__ import annotations

import numpy as np
import pytest

from agents.trial import EmbeddingCache

WORDS = ("apple banana cherry grape lemon mango melon orange peach pear plum kiwi car bus train bike boat plane "
         "road rail sea sky red green blue fast slow fruit vehicle sweet sour").split()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real sentence-transformers model (WordLevel tokenizer + StaticEmbedding) saved to a folder.

    Each word maps to a fixed random vector and a text to the mean of its words, so texts that share
    words are similar: predictable enough to assert rankings.
    """
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.normalizers import Lowercase
    from tokenizers.pre_tokenizers import Whitespace

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import StaticEmbedding

    vocab = {"[UNK]": 0, **{w: i + 1 for i, w in enumerate(WORDS)}}
    tok = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = Lowercase()
    tok.pre_tokenizer = Whitespace()
    weights = np.random.default_rng(7).normal(size=(len(vocab), 16)).astype(np.float32)
    weights[0] = 0.0
    st = SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=weights)], device="cpu")
    path = tmp_path_factory.mktemp("tiny-model")
    st.save(str(path))
    return str(path)


@pytest.fixture()
def cache() -> EmbeddingCache:
    return EmbeddingCache()
