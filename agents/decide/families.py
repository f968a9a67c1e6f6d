"""Model families: sizes of one model line are one family (Qwen3-Embedding-0.6B/4B/8B, bge-small/base/large).

The family of a card is its ``variant_of`` base (or its own id), lower-cased, with the tokens that only
name a size removed: parameter counts (``0.6B``, ``335m``), size words (small, base, large, xl, lite,
light, mini, tiny, nano, xs ... and the one-letter s/m/l of Snowflake's Arctic), and layer counts
(``L6``, ``L12``). Version tokens (``v2``, ``v1.5``, ``3.5``), languages and the organisation stay: a
new version, or another organisation's fine-tune, is another family.
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


@lru_cache(maxsize=4096)
def family_of_id(model_id: str) -> str:
    """The family key of a model id (see the module docstring)."""
    base = re.sub(r"\s*\(.*\)$", "", model_id.strip().lower())   # "(embed_dim=512)" variants
    org, _, name = base.rpartition("/")
    tokens = [t for t in _SPLIT.split(name) if t]
    kept = [t for t in tokens if not (_PARAMS.match(t) or _LAYERS.match(t) or t in SIZE_WORDS)]
    key = "-".join(kept or tokens)
    return f"{org}/{key}" if org else key


def family(card: Card) -> str:
    """The family of ``card`` (its ``variant_of`` base when it has one)."""
    return family_of_id(card.variant_of or card.id)
