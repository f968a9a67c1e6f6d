"""Small builders for card files used by knowledge tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REGISTRY = {"dataset": "embeddings-benchmark/mteb", "commit": "a905523d0111f999360b312bd4a601a0a97a0e1c",
            "as_of": "2026-08-22"}


def card_dict(model_id: str, **facts: Any) -> dict[str, Any]:
    """A minimal valid card; every fact given is covered by one registry source."""
    card: dict[str, Any] = {"id": model_id, "open_weights": True, "modalities": ["text"], **facts}
    fields = [k for k in card if k not in {"id", "variant_of", "reference", "hf_id", "revision"}]
    card["sources"] = [{"fields": fields, **REGISTRY}]
    return card


def write_card(directory: Path, card: dict[str, Any], name: str | None = None) -> Path:
    path = directory / (name or card["id"].replace("/", "__") + ".yaml")
    path.write_text(yaml.safe_dump(card, sort_keys=False), encoding="utf-8")
    return path
