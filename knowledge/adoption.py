"""How established a model is: a documented rule over the card's sourced adoption signals.

The advisor uses :func:`summarise` to prefer established models over obscure ones of similar quality.
The rule counts points, each backed by a sourced fact on the card or in ``knowledge/providers.yaml``:

=====================================================  ======
signal                                                  points
=====================================================  ======
provider is a frontier lab, big-tech or established lab  2
provider is a research group                             1
downloads last month >= 1,000,000 (dated source)         2
downloads last month >= 50,000 (dated source)            1
a documented integration (sentence-transformers, ...)    1
public training code                                     1
public training data                                     1
results on >= 10 benchmarks in the MTEB snapshot         1
=====================================================  ======

``established``: at least 3 points *and* a strong signal of real use (a provider of the first group, or
>= 50,000 downloads a month); ``emerging``: at least 1 point; ``unknown``: no signal at all. Age is not
a signal of its own, but time on the leaderboard caps it: an open model released less than :data:`NEW_DAYS` days
before the as-of date (today) is at most ``emerging`` unless it also has >= 50,000 downloads a month, since a few
weeks of public use are no track record (issue 11's "time on the leaderboard"). Hosted APIs of a frontier lab or
big-tech provider keep their provider's track record. Lifecycle is not a signal either (a retired model can be well
known); the advisor reads ``card.lifecycle`` for that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from knowledge.cards import KnowledgeError
from knowledge.datafile import read_yaml
from knowledge.schema import Card

PROVIDERS_FILE = Path(__file__).resolve().parent / "providers.yaml"
ProviderKind = Literal["frontier-lab", "big-tech", "established-lab", "research-group", "individual"]
Level = Literal["established", "emerging", "unknown"]
_STRONG_KINDS = frozenset({"frontier-lab", "big-tech", "established-lab"})
_KIND_POINTS = {"frontier-lab": 2, "big-tech": 2, "established-lab": 2, "research-group": 1, "individual": 0}
_KIND_WORDS = {"frontier-lab": "a frontier AI lab", "big-tech": "a large technology company",
               "established-lab": "an established embedding/open-source lab", "research-group": "a research group",
               "individual": "an individual"}
MANY_DOWNLOADS = 1_000_000
SOME_DOWNLOADS = 50_000
MANY_BENCHMARKS = 10
ESTABLISHED_POINTS = 3
NEW_DAYS = 182              # about six months of public use


@dataclass(frozen=True)
class Provider:
    """One row of ``knowledge/providers.yaml``."""

    name: str
    kind: ProviderKind
    url: str
    basis: str


@dataclass(frozen=True)
class AdoptionSummary:
    """The verdict with the signals behind it (``reasons`` in plain words, ``points`` for ordering)."""

    level: Level
    points: int
    reasons: list[str] = field(default_factory=list)


class ProvidersError(KnowledgeError):
    """The providers table is malformed; the message names the row."""


def load_providers(path: Path = PROVIDERS_FILE) -> dict[str, Provider]:
    """Parse the providers table (provider name as on cards -> :class:`Provider`)."""
    data = read_yaml(path) or {}
    rows = data.get("providers") if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        raise ProvidersError(f"{path}: expected a mapping with a 'providers' table")
    out: dict[str, Provider] = {}
    for name, row in rows.items():
        if not isinstance(row, dict) or row.get("kind") not in _KIND_POINTS or not str(row.get("url", "")).startswith("http"):
            raise ProvidersError(f"{path}: provider {name!r} needs kind (one of {sorted(_KIND_POINTS)}), url and basis")
        out[str(name)] = Provider(str(name), row["kind"], row["url"], str(row.get("basis", "")))
    return out


@cache
def default_providers() -> dict[str, Provider]:
    """The committed providers table, read once."""
    return load_providers()


def summarise(card: Card, providers: dict[str, Provider] | None = None,
              today: dt.date | None = None) -> AdoptionSummary:
    """``established | emerging | unknown`` for ``card``, with the reasons (see the module docstring)."""
    table = default_providers() if providers is None else providers
    points, reasons, strong, used = 0, [], False, False
    provider = table.get(card.provider or "")
    if provider is not None:
        points += _KIND_POINTS[provider.kind]
        strong = provider.kind in _STRONG_KINDS
        reasons.append(f"published by {provider.name}, {_KIND_WORDS[provider.kind]}")
    adoption = card.adoption
    if adoption is not None:
        downloads = adoption.downloads_last_month
        if downloads is not None and downloads >= SOME_DOWNLOADS:
            points += 2 if downloads >= MANY_DOWNLOADS else 1
            strong = used = True
            reasons.append(f"{downloads:,} downloads in the month to {_date(adoption.as_of)}")
        if adoption.integrations:
            points += 1
            reasons.append("supported by " + ", ".join(adoption.integrations))
        if adoption.public_training_code:
            points += 1
            reasons.append("public training code")
        if adoption.public_training_data:
            points += 1
            reasons.append("public training data")
        if (adoption.benchmarks_evaluated or 0) >= MANY_BENCHMARKS:
            points += 1
            reasons.append(f"results on {adoption.benchmarks_evaluated} MTEB benchmarks")
    released = card.release_date
    age = ((today or dt.date.today()) - released).days if released else None
    api_of_big_provider = not card.open_weights and provider is not None and provider.kind in ("frontier-lab", "big-tech")
    if age is not None and age < NEW_DAYS and not used and not api_of_big_provider and points >= ESTABLISHED_POINTS:
        strong = False
        reasons.append(f"released {released.isoformat()}, under six months of public use")
    if points >= ESTABLISHED_POINTS and strong:
        level: Level = "established"
    elif points > 0:
        level = "emerging"
    else:
        level = "unknown"
        reasons.append("no adoption evidence in the knowledge base")
    return AdoptionSummary(level, points, reasons)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "an unknown date"
