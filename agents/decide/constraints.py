"""Hard constraints: what a profile rules out, as a Chroma-expressible :class:`CardFilter` plus the
per-card checks the filter cannot express. A card with any :class:`Violation` is never recommended.

Rules (docs/advisor.md, "Hard constraints"):

- privacy ``local_only`` -> open weights only.
- ``commercial_use: true`` -> a licence that forbids commercial use is excluded; an open-weights model
  whose licence the knowledge base cannot classify (custom terms, none stated) is excluded too, because
  we cannot verify it. API models are sold for commercial use; their terms are flagged as a caveat.
- every requested language must be listed by the card.
- modality: text -> text; code -> text (code is text; code evidence is preferred in ranking);
  image -> image; audio -> audio; multimodal -> text + image.
- memory (local models only): weights (fp32 on CPU or unknown hardware, fp16 on GPU) x
  :data:`MEMORY_OVERHEAD` must fit ``memory_gb``; a local model of unpublished size cannot be verified.
- CPU speed (local models, ``hardware: cpu``): excluded when the estimated per-query latency or the
  needed query throughput exceeds the user's figure by more than :data:`CLEARLY_TOO_SLOW` (the estimate
  scales a measured MiniLM figure by parameter count, so only a clear miss is treated as hard).
- budget (API models with a published price): excluded when the monthly query cost exceeds it.
- cross-encoders/rerankers and MTEB reference baselines are not deployable embedding models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.decide.footprint import (
    MEMORY_OVERHEAD,
    QUERY_TOKENS,
    SECONDS_PER_MONTH,
    cpu_query_latency_ms,
    cpu_tokens_per_s,
    weights_gb,
)
from agents.profile import Profile
from knowledge.filters import CardFilter
from knowledge.languages import language_name
from knowledge.schema import Card

CLEARLY_TOO_SLOW = 2.0     # CPU speed estimates are rough (about x2): only a miss beyond that is hard
_BASELINE = re.compile(r"^(baseline/|mteb/baseline-)")

# data_type -> modalities a card must list (every one)
MODALITY_RULE: dict[str, tuple[str, ...]] = {
    "text": ("text",), "code": ("text",), "image": ("image",), "audio": ("audio",),
    "multimodal": ("text", "image"),
}


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint: a stable ``code`` (for counting) and a sentence for the user."""

    code: str
    message: str


@dataclass(frozen=True)
class Constraints:
    """The hard constraints of one profile."""

    profile: Profile
    card_filter: CardFilter
    rules: tuple[str, ...] = field(default=())

    def check(self, card: Card) -> list[Violation]:
        """Every hard constraint ``card`` breaks (empty = feasible)."""
        return violations(card, self.profile)

    def feasible(self, card: Card) -> bool:
        return not self.check(card)


def is_embedding_model(card: Card) -> bool:
    """False for cross-encoders/rerankers and MTEB reference baselines (nothing to deploy as an index)."""
    return card.model_type != "cross-encoder" and not _BASELINE.match(card.id)


def hard_constraints(profile: Profile) -> Constraints:
    """The filter Chroma applies at retrieval, and the rules in words (for the "steps" view)."""
    rules: list[str] = []
    mods: tuple[str, ...] = MODALITY_RULE.get(profile.data_type or "", ())
    if mods:
        rules.append(f"data type {profile.data_type} -> card lists {' + '.join(mods)}")
    open_weights = True if profile.privacy == "local_only" else None
    if open_weights:
        rules.append("local_only -> open weights only")
    if profile.commercial_use:
        rules.append("commercial use -> no non-commercial licence; open-weights licences we cannot classify excluded")
    langs = tuple(profile.languages or ())
    if langs:
        rules.append("languages -> card lists " + ", ".join(language_name(c) for c in langs))
    if profile.memory_gb is not None:
        rules.append(f"memory -> local weights x{MEMORY_OVERHEAD} at {_precision(profile)} must fit {profile.memory_gb:g} GB")
    if profile.hardware == "cpu" and (profile.latency_ms or profile.queries_per_second):
        rules.append(f"CPU speed -> excluded when the estimate misses your latency/throughput by more than x{CLEARLY_TOO_SLOW:g}")
    if profile.budget_usd_month is not None:
        rules.append(f"budget -> priced APIs whose monthly query cost exceeds ${profile.budget_usd_month:g} excluded")
    flt = CardFilter(modalities=mods, open_weights=open_weights, commercial_use=bool(profile.commercial_use),
                     languages=langs)
    return Constraints(profile, flt, tuple(rules))


def _precision(profile: Profile) -> str:
    return "fp16" if profile.hardware == "gpu" else "fp32"


def violations(card: Card, profile: Profile) -> list[Violation]:
    """Every hard constraint of ``profile`` that ``card`` breaks, with a reason that cites the fact."""
    out: list[Violation] = []
    if not is_embedding_model(card):
        what = "an MTEB reference baseline" if _BASELINE.match(card.id) else \
            "a cross-encoder/reranker (scores text pairs; cannot build a vector index)"
        out.append(Violation("not_embedding_model", f"{what}, not an embedding model to deploy"))
    out += _modality(card, profile)
    if profile.privacy == "local_only" and not card.open_weights:
        out.append(Violation("privacy", "cloud API only; your data must stay on your own machines (privacy: Local only)"))
    out += _licence(card, profile)
    missing = [c for c in profile.languages or () if c not in card.languages]
    if missing:
        out.append(Violation("language:" + ",".join(missing), f"does not list {_names(missing)} ({_listed(card)})"))
    if card.open_weights:
        out += _memory(card, profile) + _cpu_speed(card, profile)
    else:
        out += _budget(card, profile)
    return out


def _names(codes: list[str]) -> str:
    return ", ".join(language_name(c) for c in codes)


def _listed(card: Card) -> str:
    if not card.languages:
        return "it declares no languages"
    if len(card.languages) <= 3:
        return "it lists only " + _names(card.languages)
    return f"it lists {len(card.languages)} other languages"


def _modality(card: Card, profile: Profile) -> list[Violation]:
    need = MODALITY_RULE.get(profile.data_type or "", ())
    missing = [m for m in need if m not in card.modalities]
    if not missing:
        return []
    return [Violation("modality", f"handles {' + '.join(card.modalities)}, not {' + '.join(missing)} "
                                  f"(you have {profile.data_type} data)")]


def _licence(card: Card, profile: Profile) -> list[Violation]:
    if not profile.commercial_use:
        return []
    if card.commercial_use is False:
        return [Violation("commercial_use", f"licence {card.license} forbids commercial use")]
    if card.open_weights and card.commercial_use is None:
        lic = card.license or "not stated"
        return [Violation("licence_unverified",
                          f"licence {lic}: commercial use not verified in the knowledge base (custom or missing terms)")]
    return []


def _memory(card: Card, profile: Profile) -> list[Violation]:
    if profile.memory_gb is None:
        return []
    precision = _precision(profile)
    weights = weights_gb(card, precision)
    if weights is None:
        return [Violation("size_unknown", f"size not published; cannot verify it fits in {profile.memory_gb:g} GB")]
    need = weights * MEMORY_OVERHEAD
    if need > profile.memory_gb:
        return [Violation("memory", f"needs ~{need:.1f} GB at {precision} ({weights:.1f} GB weights x{MEMORY_OVERHEAD}); "
                                    f"you have {profile.memory_gb:g} GB")]
    return []


def _cpu_speed(card: Card, profile: Profile) -> list[Violation]:
    if profile.hardware != "cpu":
        return []
    out: list[Violation] = []
    latency = cpu_query_latency_ms(card)
    if latency is not None and profile.latency_ms and latency > CLEARLY_TOO_SLOW * profile.latency_ms:
        out.append(Violation("cpu_latency", f"~{latency:,.0f} ms per query on CPU (estimated); "
                                            f"your budget is {profile.latency_ms:g} ms"))
    capacity = cpu_tokens_per_s(card)
    if capacity is not None and profile.queries_per_second:
        needed = profile.queries_per_second * QUERY_TOKENS
        if needed > CLEARLY_TOO_SLOW * capacity:
            out.append(Violation("cpu_throughput", f"~{capacity / QUERY_TOKENS:,.1f} queries/s on the reference CPU "
                                                   f"(estimated); you need {profile.queries_per_second:g}"))
    return out


def _budget(card: Card, profile: Profile) -> list[Violation]:
    price = card.pricing.usd_per_1m_tokens if card.pricing else None
    if profile.budget_usd_month is None or price is None or not profile.queries_per_second:
        return []
    monthly = profile.queries_per_second * SECONDS_PER_MONTH * QUERY_TOKENS / 1e6 * price
    if monthly > profile.budget_usd_month:
        return [Violation("budget", f"~${monthly:,.0f}/month for your queries at ${price:g} per 1M tokens; "
                                    f"budget ${profile.budget_usd_month:g}")]
    return []
