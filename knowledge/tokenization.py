"""Tokens per word by language (``knowledge/tokenization.yaml``): how much more a length given in words costs.

    table = tokenization_table()
    table.get("sw").factor           # -> 1.91: Swahili takes 2.48 tokens a word with cl100k_base, 1.91 x the 1.3 assumed
    table.costliest(["zu", "en"])    # -> the Zulu row: the listed language whose words take the most tokens

The figures are Petrov et al. 2023's token counts on FLORES-200 for OpenAI's cl100k_base tokenizer (the file's
header cites them). A language without a row has no published figure: callers keep the English rate and say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from knowledge.datafile import read_yaml
from knowledge.errors import KnowledgeError
from knowledge.languages import language_name

TOKENIZATION_FILE = Path(__file__).resolve().parent / "tokenization.yaml"


class TokenizationError(KnowledgeError):
    """The tokenization table is malformed; the message names the file and the row."""


@dataclass(frozen=True)
class LanguageRate:
    """One language's measured tokenisation, relative to English and per word."""

    code: str                        # ISO 639-1
    flores: str                      # the FLORES-200 text it was measured on ("swh_Latn")
    premium: float                   # tokens of the text / tokens of the same text in English
    tokens_per_word: float | None    # tokens / whitespace words of the same text (None: written without spaces)
    english_rate: float              # the tokens per word words are converted at before this factor

    @property
    def factor(self) -> float:
        """Tokens of a length converted at the English rate are x this: per-word when measured, else the premium."""
        return round(self.tokens_per_word / self.english_rate, 2) if self.tokens_per_word else self.premium

    @property
    def name(self) -> str:
        return language_name(self.code)


@dataclass(frozen=True)
class TokenizationTable:
    """The measured languages, with where the figures come from."""

    rates: dict[str, LanguageRate]
    source: str
    data: str
    as_of: str
    tokenizer: str
    tokenizer_of: str
    english_rate: float

    def get(self, code: str) -> LanguageRate | None:
        return self.rates.get(code)

    def costliest(self, codes: Iterable[str]) -> LanguageRate | None:
        """The listed language whose words take the most tokens (None when none of them has a published figure)."""
        known = [r for c in codes if (r := self.rates.get(c)) is not None]
        return max(known, key=lambda r: r.factor, default=None)

    def unmeasured(self, codes: Iterable[str]) -> list[str]:
        """The listed languages without a published figure (they keep the English rate)."""
        return [c for c in codes if c not in self.rates]


def _number(value: Any, where: str, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise TokenizationError(f"{where}: expected a positive number, got {value!r}")
    return float(value)


def load_tokenization(path: Path = TOKENIZATION_FILE) -> TokenizationTable:
    """Read and validate the table; a malformed row raises :class:`TokenizationError` naming it."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("languages"), dict):
        raise TokenizationError(f"{path.name}: expected a mapping with a 'languages' mapping")
    for key in ("source", "data", "as_of", "tokenizer", "tokenizer_of"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise TokenizationError(f"{path.name}: '{key}' must be a non-empty string")
    rate = _number(raw.get("words_converted_at"), f"{path.name}: words_converted_at") or 1.0
    rates: dict[str, LanguageRate] = {}
    for code, row in raw["languages"].items():
        where = f"{path.name}: languages.{code}"
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha() and code.islower()):
            raise TokenizationError(f"{where}: the key must be an ISO 639-1 code")
        if not isinstance(row, dict) or not isinstance(row.get("flores"), str):
            raise TokenizationError(f"{where}: expected {{flores, premium, tokens_per_word}}")
        rates[code] = LanguageRate(code, row["flores"], _number(row.get("premium"), f"{where}.premium") or 1.0,
                                   _number(row.get("tokens_per_word"), f"{where}.tokens_per_word", optional=True),
                                   rate)
    return TokenizationTable(rates, raw["source"], raw["data"], raw["as_of"], raw["tokenizer"], raw["tokenizer_of"],
                             rate)


@cache
def tokenization_table() -> TokenizationTable:
    """The shipped table, read once."""
    return load_tokenization()
