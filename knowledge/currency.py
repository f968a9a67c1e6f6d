"""Dated exchange rates to USD (``knowledge/currency.yaml``), for budgets stated in another currency.

    rate = usd_rate("GBP")      # -> Rate(code="GBP", usd_per_unit=1.3656, as_of="2026-08-21", source=...)
    rate.to_usd(400)            # -> 546.24

The table is validated on load: a rate needs a positive number, and the file a source URL and an as-of date. A row
the file's source does not publish (the ECB quotes no Pakistani rupee) carries its own ``source`` with a name, URL
and as-of date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from knowledge.datafile import read_yaml
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
        data = read_yaml(path) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CurrencyError(f"{path}: cannot read the exchange rates ({exc})") from None
    source = _source(data.get("source") if isinstance(data, dict) else None, f"{path}: needs")
    out: dict[str, Rate] = {}
    for code, row in (data.get("rates") or {}).items():
        value = row.get("usd_per_unit") if isinstance(row, dict) else None
        if not isinstance(value, (int, float)) or value <= 0:
            raise CurrencyError(f"{path}: rate {code!r} needs a positive usd_per_unit")
        name, as_of = _source(row["source"], f"{path}: rate {code!r} needs") if "source" in row else source
        out[str(code)] = Rate(str(code), float(value), str(row.get("symbol") or code), as_of, name)
    return out


def _source(source: object, problem: str) -> tuple[str, str]:
    """(name, as-of date) of a source entry with a name, an http(s) URL and an as-of date."""
    if not isinstance(source, dict) or not str(source.get("url", "")).startswith("http") or not source.get("as_of") \
            or not source.get("name"):
        raise CurrencyError(f"{problem} a source with a name, a url and an as_of date")
    as_of = source["as_of"]
    return str(source["name"]), as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of)


@cache
def usd_rate(code: str) -> Rate | None:
    """The committed rate for ``code`` (e.g. "EUR"), or None when the table has none."""
    return load_rates().get(code.upper())
