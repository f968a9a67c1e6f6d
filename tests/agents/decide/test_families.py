"""The family normaliser: sizes of one model line are one family; versions and organisations are not."""

from __future__ import annotations

import pytest

from agents.decide.families import family, family_of_id, line_of
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict


@pytest.mark.parametrize("ids", [
    ("Qwen/Qwen3-Embedding-0.6B", "Qwen/Qwen3-Embedding-4B", "Qwen/Qwen3-Embedding-8B"),
    ("BAAI/bge-small-en-v1.5", "BAAI/bge-base-en-v1.5", "BAAI/bge-large-en-v1.5"),
    ("intfloat/e5-small-v2", "intfloat/e5-base-v2", "intfloat/e5-large-v2"),
    ("intfloat/e5-small", "intfloat/e5-base", "intfloat/e5-large"),   # "e5" is a name, not OpenCLIP's epochs (e32)
    ("intfloat/multilingual-e5-small", "intfloat/multilingual-e5-base", "intfloat/multilingual-e5-large"),
    ("openai/text-embedding-3-small", "openai/text-embedding-3-large", "openai/text-embedding-3-small (embed_dim=512)"),
    ("sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L12-v2"),
    ("codefuse-ai/F2LLM-v2-4B", "codefuse-ai/F2LLM-v2-8B", "codefuse-ai/F2LLM-v2-14B"),
    ("Snowflake/snowflake-arctic-embed-xs", "Snowflake/snowflake-arctic-embed-s", "Snowflake/snowflake-arctic-embed-l"),
    ("voyageai/voyage-3", "voyageai/voyage-3-lite", "voyageai/voyage-3-large"),
    ("google/siglip-so400m-patch14-384", "google/siglip-large-patch16-384", "google/siglip-base-patch16-224"),
    ("laion/CLIP-ViT-B-16-DataComp.XL-s13B-b90K", "laion/CLIP-ViT-B-32-DataComp.XL-s13B-b90K",
     "laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K"),
    ("Octen/Octen-Embedding-0.6B", "Octen/Octen-Embedding-4B-INT8"),
])
def test_sizes_of_one_line_are_one_family(ids):
    assert len({family_of_id(i) for i in ids}) == 1, {i: family_of_id(i) for i in ids}


@pytest.mark.parametrize("a, b", [
    ("voyageai/voyage-3", "voyageai/voyage-3.5"),                  # a new version
    ("intfloat/e5-large-v2", "intfloat/multilingual-e5-large"),    # another line
    ("intfloat/multilingual-e5-large", "intfloat/multilingual-e5-large-instruct"),
    ("BAAI/bge-base-en-v1.5", "someone/bge-base-en-v1.5"),        # another organisation's copy or fine-tune
    ("Qwen/Qwen3-Embedding-8B", "Alibaba-NLP/gte-Qwen2-7B-instruct"),
    ("laion/CLIP-ViT-B-32-laion2B-s34B-b79K", "laion/CLIP-ViT-B-32-DataComp.XL-s13B-b90K"),   # other training data
    ("google/siglip-so400m-patch14-384", "google/siglip2-so400m-patch14-384"),                 # a new version
])
def test_versions_lines_and_organisations_stay_apart(a, b):
    assert family_of_id(a) != family_of_id(b)


def test_a_variant_belongs_to_its_base_family():
    v = Card.model_validate(card_dict("acme/model-small (embed_dim=256)", variant_of="acme/model-large"))
    assert family(v) == family_of_id("acme/model-large") == "acme/model"


@pytest.mark.parametrize("a, b", [
    ("voyageai/voyage-3", "voyageai/voyage-3.5"), ("voyageai/voyage-3-lite", "voyageai/voyage-4-large"),
    ("codefuse-ai/F2LLM-v2-4B", "codefuse-ai/F2LLM-0.6B"), ("google/gemini-embedding-001", "google/gemini-embedding-001"),
])
def test_versions_of_one_model_are_one_line(a, b):
    assert line_of(family_of_id(a)) == line_of(family_of_id(b))


@pytest.mark.parametrize("a, b", [
    ("voyageai/voyage-3", "voyageai/voyage-multilingual-2"), ("BAAI/bge-m3", "BAAI/bge-large-en-v1.5"),
    ("intfloat/multilingual-e5-large", "intfloat/e5-large-v2"),
    ("openai/text-embedding-3-small", "openai/text-embedding-ada-002"),
])
def test_other_models_are_other_lines(a, b):
    assert line_of(family_of_id(a)) != line_of(family_of_id(b))


def test_an_instruction_tuned_sibling_is_another_family_of_the_same_line():
    from agents.decide.families import line_of

    a, b = family_of_id("intfloat/multilingual-e5-large-instruct"), family_of_id("intfloat/multilingual-e5-base")
    assert a != b and line_of(a) == line_of(b)
    assert line_of(family_of_id("Alibaba-NLP/gte-Qwen2-7B-instruct")) != line_of(family_of_id("Qwen/Qwen3-Embedding-8B"))
