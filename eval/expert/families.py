"""Model families and established providers, as the expert judge sees them (independent of agents/).

A *family* is the organisation plus the model name with size, version, precision and checkpoint suffixes
removed: F2LLM-v2-14B, -8B and -4B are one family; text-embedding-3-small and -large are one family;
bge-m3 and bge-small-en-v1.5 are two.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eval.expert.devices import AS_OF, NEWCOMER_DAYS

# Tokens that name a size, a version or a checkpoint variant, not a different model.
_SIZE_WORDS = {
    "tiny", "mini", "small", "xsmall", "xxsmall", "base", "medium", "large", "xlarge", "xl", "xxl", "huge",
    "giant", "nano", "micro", "mid", "lite", "light", "larger", "plus", "s", "m", "l", "xs", "xxs", "b", "h", "g",
    "bigg", "bige", "instruct", "it", "preview", "exp", "beta", "latest", "bf16", "fp16", "fp32", "int8",
    "onnx", "gguf", "turbo",
}
_SIZE = re.compile(
    r"^(\d+(\.\d+)?[kmbt]"         # 14b, 0.6b, 300m, 79k
    r"|v\d+(\.\d+)*[a-z]?"         # v2, v1.5, v0.1
    r"|\d+(\.\d+)*"                # 3, 3.5, 002, 2511
    r"|l\d{1,2}"                   # l6, l12 (layer counts)
    r"|d\d{3,}|\d+d"               # dimension markers: d4000, 1792d
    r"|patch\d+|\d+px"             # ViT patch size / resolution
    r"|s\d+b|b\d+k|\d+h"           # training-schedule / data-size suffixes (s34b, b79k, 960h)
    r"|so\d+m"                     # siglip so400m
    r")$")
# Glued name+digits that *are* model names and must survive the size filter above.
_KEEP = {"e5", "m3", "t5", "gte", "bge", "qwen2", "qwen3", "gemma2", "gemma3", "wav2vec2", "f2llm", "c2llm",
         "mpnet", "vggish", "clip", "clap", "labse"}
_ORG_ALIASES = {"cohere": "cohere", "bedrock": "bedrock", "facebookai": "facebook", "ibm-granite": "ibm",
                "alibaba-nlp": "alibaba", "thenlper": "alibaba"}


def family(model_id: str) -> str:
    """``org/stem`` with size/version suffixes dropped, e.g. ``codefuse-ai/f2llm`` for F2LLM-v2-14B."""
    base = re.sub(r"\s*\(.*\)\s*$", "", model_id.strip()).lower()
    org, _, name = base.partition("/")
    if not name:
        org, name = "", org
    if org == "bedrock" and name.startswith("cohere-"):
        org, name = "cohere", name[len("cohere-"):]
    org = _ORG_ALIASES.get(org, org)
    org_word = org.split("-")[0]
    tokens = [t for t in re.split(r"[-_/.\s]+", name) if t]
    kept = [t for t in tokens if t in _KEEP or not (t in _SIZE_WORDS or _SIZE.match(t))]
    if len(kept) > 1 and kept[0] in {org, org_word}:
        kept = kept[1:]   # "Cohere-embed-v4.0" -> "embed", "snowflake-arctic-embed-m" -> "arctic-embed"
    stem = "-".join(kept) or "-".join(tokens[:1])
    return f"{org}/{stem}" if org else stem


# Providers with a public track record in embeddings: a hosted embedding API with public documentation
# and pricing, or an open embedding family with a paper and/or first-class sentence-transformers / library
# support that practitioners have used for at least a year. The basis is written next to each one; the
# link is the provider's own page. (As of 2026-11-30.)
ESTABLISHED: dict[str, str] = {
    "openai": "embeddings API since 2022 (text-embedding-3, ada-002); CLIP, Whisper - https://platform.openai.com/docs/guides/embeddings",
    "cohere": "embed API (v3, v4) with public pricing - https://docs.cohere.com/docs/embeddings",
    "google": "Gemini / Vertex embedding APIs; EmbeddingGemma, SigLIP, YAMNet, VGGish - https://ai.google.dev/gemini-api/docs/embeddings",
    "voyageai": "embedding API (voyage-2/3/3.5/4), recommended by Anthropic, part of MongoDB - https://docs.voyageai.com/docs/embeddings",
    "mistralai": "mistral-embed and codestral-embed APIs - https://docs.mistral.ai/capabilities/embeddings/",
    "amazon": "Titan embeddings on Bedrock - https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html",
    "bedrock": "Bedrock-hosted Titan/Cohere embeddings - https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html",
    "baai": "BGE family (bge-*-en-v1.5, bge-m3), sentence-transformers support - https://huggingface.co/BAAI",
    "intfloat": "E5 / multilingual-E5 (Microsoft Research) - https://huggingface.co/intfloat",
    "sentence-transformers": "the reference library's own models (all-MiniLM, all-mpnet, LaBSE) - https://www.sbert.net/docs/sentence_transformer/pretrained_models.html",
    "nomic-ai": "nomic-embed-text v1/v1.5/v2, open data and training code - https://huggingface.co/nomic-ai",
    "alibaba": "GTE family (Alibaba DAMO / Tongyi: thenlper/gte-*, Alibaba-NLP/gte-*) - https://huggingface.co/Alibaba-NLP",
    "qwen": "Qwen3-Embedding family - https://huggingface.co/Qwen",
    "jinaai": "jina-embeddings v2/v3/v4, jina-clip - https://huggingface.co/jinaai",
    "snowflake": "arctic-embed family (v1, v1.5, v2.0) - https://huggingface.co/Snowflake",
    "mixedbread-ai": "mxbai-embed family - https://huggingface.co/mixedbread-ai",
    "nvidia": "NV-Embed, NeMo Retriever / Nemotron embedding models - https://huggingface.co/nvidia",
    "microsoft": "E5 authors; CLAP, WavLM - https://huggingface.co/microsoft",
    "ibm": "granite-embedding family, Apache-2.0 with documented training data - https://huggingface.co/ibm-granite",
    "salesforce": "SFR-Embedding, BLIP, CodeT5+ - https://huggingface.co/Salesforce",
    "laion": "OpenCLIP and CLAP checkpoints trained on public LAION data - https://huggingface.co/laion",
    "facebook": "DINOv2, wav2vec 2.0, HuBERT, SONAR (Meta AI) - https://huggingface.co/facebook",
    "allenai": "SPECTER scientific-paper embeddings - https://huggingface.co/allenai",
    "ncbi": "MedCPT (NIH/NCBI biomedical retriever) - https://huggingface.co/ncbi",
    "vidore": "ColPali / ColQwen visual-document retrievers and the ViDoRe benchmark - https://huggingface.co/vidore",
    "colbert-ir": "ColBERTv2 (Stanford) - https://huggingface.co/colbert-ir",
    "speechbrain": "SpeechBrain open-source speech toolkit - https://huggingface.co/speechbrain",
}


def provider(model_id: str) -> str:
    """The provider key of a model id, after the same aliases as :func:`family`."""
    return family(model_id).split("/")[0]


def established(model_id: str, release_date: dt.date | None = None) -> bool:
    """True when the model comes from a provider with a public track record (``ESTABLISHED``) and, when
    its release date is known, has been public for at least ``NEWCOMER_DAYS`` (time on the leaderboard)."""
    if provider(model_id) not in ESTABLISHED:
        return False
    if release_date is None:
        return True
    return (dt.date.fromisoformat(AS_OF) - release_date).days >= NEWCOMER_DAYS


def card_established(card: Any) -> bool:
    """:func:`established` for a card (its id and release date)."""
    return established(card.id, card.release_date)
