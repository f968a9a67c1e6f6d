"""Model families: sizes of one model line are one family (Qwen3-Embedding-0.6B/4B/8B, bge-small/base/large).

The family of a card is its ``variant_of`` base (or its own id), lower-cased, with the tokens that only
name a size removed: parameter counts (``0.6B``, ``335m``), size words (small, base, large, xl, lite,
light, mini, tiny, nano, xs ... and the one-letter s/m/l of Snowflake's Arctic), layer counts
(``L6``, ``L12``), precision or packaging (``INT8``, ``fp16``, ``ONNX``, ``GGUF``), and a vision encoder's
configuration (SigLIP's ``so400m``, ``patch14``, the input resolution after a patch size, a CLIP
``ViT-B-16`` size and patch, OpenCLIP's training tags ``s13B``/``b90K``). Version tokens (``v2``, ``v1.5``,
``3.5``), languages, training data and the organisation stay: a new version, or another organisation's
fine-tune, is another family. "e5" is a name, not OpenCLIP's epoch count ``e32`` (read as one only in a vision
encoder's name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.schema import Card

SIZE_WORDS = frozenset({"xxs", "xs", "xsmall", "s", "small", "m", "base", "medium", "l", "large", "xl", "xxl", "lite",
                        "light", "mini", "tiny", "nano", "huge", "giant"})
_PARAMS = re.compile(r"^\d+(?:\.\d+)?[bmk]$")          # 0.6b, 335m, 7b
_LAYERS = re.compile(r"^l\d{1,2}$")                      # MiniLM-L6 / -L12
_SPLIT = re.compile(r"[-_\s]+")
_PACKAGING = frozenset({"int8", "int4", "fp16", "bf16", "fp32", "onnx", "gguf", "awq", "gptq", "q4", "q8", "quantized"})
_VISION = re.compile(r"^(?:so\d+m|patch\d+|s\d+[bmk]|b\d+k)$")   # so400m, patch14, s13b, b90k
_EPOCHS = re.compile(r"^e\d+$")   # OpenCLIP's epochs (e32) - in a vision model's name only: "e5" is a text family
_RESOLUTIONS = frozenset({"224", "256", "336", "378", "384", "448", "512"})
_VIT_SIZES = frozenset({"t", "s", "b", "m", "l", "h", "g", "bigg", "e"})


def _size_token(t: str, prev: str, patched: bool) -> bool:
    """True when ``t`` only names a size, precision or encoder configuration (see the module docstring); ``patched``:
    the name is a vision encoder's (a patch size or ViT in it)."""
    if _PARAMS.match(t) or _LAYERS.match(t) or t in SIZE_WORDS or t in _PACKAGING or _VISION.match(t):
        return True
    if patched and (t in _RESOLUTIONS or _EPOCHS.match(t)):
        return True
    # ViT-B-16 / ViT-L-14: the size letter after "vit", then the patch size after that letter
    return (prev == "vit" and t in _VIT_SIZES) or (prev in _VIT_SIZES and t.isdigit() and len(t) <= 2)


@lru_cache(maxsize=4096)
def family_of_id(model_id: str) -> str:
    """The family key of a model id (see the module docstring)."""
    base = re.sub(r"\s*\(.*\)$", "", model_id.strip().lower())   # "(embed_dim=512)" variants
    org, _, name = base.rpartition("/")
    tokens = [t for t in _SPLIT.split(name) if t]
    patched = any(t.startswith("patch") or t == "vit" for t in tokens)
    kept = [t for i, t in enumerate(tokens) if not _size_token(t, tokens[i - 1] if i else "", patched)]
    key = "-".join(kept or tokens)
    return f"{org}/{key}" if org else key


def family(card: Card) -> str:
    """The family of ``card`` (its ``variant_of`` base when it has one)."""
    return family_of_id(card.variant_of or card.id)


_VERSION = re.compile(r"^v?\d+(?:\.\d+)*$")   # 3, 3.5, v2, v1.5, 001


@lru_cache(maxsize=4096)
def line_of(family_key: str) -> str:
    """A family's product line: its key without version tokens ("voyageai/voyage-3" and "voyageai/voyage-3.5" are
    one line) or an instruction-tuned marker ("multilingual-e5-large-instruct" and "multilingual-e5-base" are one
    line: two families, since the training differs, but one slot). The top 3 shows one family per line while other
    lines are left, so a slot is not spent on an older version or a sibling of a pick."""
    org, _, name = family_key.rpartition("/")
    tokens = [t for t in name.split("-") if t]
    kept = [t for t in tokens if not _VERSION.match(t) and t != "instruct"] or tokens
    return f"{org}/{'-'.join(kept)}" if org else "-".join(kept)
