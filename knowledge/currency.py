"""Dated exchange rates to USD (``knowledge/currency.yaml``), for budgets stated in another currency.

    rate = usd_rate("GBP")      # -> Rate(code="GBP", usd_per_unit=1.3656, as_of="2026-08-21", source=...)
    rate.to_usd(400)            # -> 546.24

The table is validated on load: a rate needs a positive number, and the file a source URL and an as-of date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.errors import KnowledgeError

CURRENCY_FILE = Path(__file__).resolve().parent / "currency.yaml"


class CurrencyError(KnowledgeError):
    """The exchange-rate table is malformed; the message names the file and the row."""


@dataclass(frozen=True)
class Rate:
    """USD per one unit of ``code`` on ``as_of``, from ``source``."""

    code: str
    usd_per_unit: float
    symbol: str
    as_of: str
    source: str

    def to_usd(self, amount: float) -> float:
        return round(amount * self.usd_per_unit, 2)


def load_rates(path: Path = CURRENCY_FILE) -> dict[str, Rate]:
    """Parse and validate the table at ``path``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CurrencyError(f"{path}: cannot read the exchange rates ({exc})") from None
    source = data.get("source") if isinstance(data, dict) else None
    if not isinstance(source, dict) or not str(source.get("url", "")).startswith("http") or not source.get("as_of"):
        raise CurrencyError(f"{path}: needs a source with a url and an as_of date")
    as_of = source["as_of"].isoformat() if isinstance(source["as_of"], dt.date) else str(source["as_of"])
    out: dict[str, Rate] = {}
    for code, row in (data.get("rates") or {}).items():
        value = row.get("usd_per_unit") if isinstance(row, dict) else None
        if not isinstance(value, (int, float)) or value <= 0:
            raise CurrencyError(f"{path}: rate {code!r} needs a positive usd_per_unit")
        out[str(code)] = Rate(str(code), float(value), str(row.get("symbol") or code), as_of, str(source["name"]))
    return out


@cache
def usd_rate(code: str) -> Rate | None:
    """The committed rate for ``code`` (e.g. "EUR"), or None when the table has none."""
    return load_rates().get(code.upper())
