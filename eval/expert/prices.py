"""API prices the judge knows besides the cards' own ``pricing`` (US$ per 1M input tokens)."""

from __future__ import annotations

from typing import Any

# As of 2026-11-30. Card prices win; these fill cards that publish none. Unknown prices stay unknown
# (the budget check then does not apply to that pick).
PRICES: dict[str, tuple[float, str]] = {
    "voyageai/voyage-2": (0.10, "https://www.getmaxim.ai/bifrost/model-library/provider/voyage"),
    "voyageai/voyage-3": (0.06, "https://www.getmaxim.ai/bifrost/model-library/provider/voyage"),
    "voyageai/voyage-3-large": (0.18, "https://vercel.com/ai-gateway/models/voyage-3-large.md"),
    "voyageai/voyage-3-lite": (0.02, "https://www.getmaxim.ai/bifrost/model-library/provider/voyage"),
    "voyageai/voyage-3.5": (0.06, "https://vercel.com/ai-gateway/models/voyage/voyage-3.5.md"),
    "voyageai/voyage-4-lite": (0.02, "https://vercel.com/ai-gateway/models/voyage-4-lite.md"),
}


def usd_per_1m(card: Any) -> float | None:
    """Price per 1M input tokens: the card's own, else the table above (variants use their base model)."""
    if card.pricing is not None and card.pricing.usd_per_1m_tokens is not None:
        return card.pricing.usd_per_1m_tokens
    for key in (card.id, card.variant_of):
        if key in PRICES:
            return PRICES[key][0]
    return None
