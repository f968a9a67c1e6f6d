"""Numbers written in digits: "1.5M", "2,000,000", "12,50,000" (lakhs), "1.000.000", "1'200'000", "12 000" (grouped
with spaces), "2,5" (a decimal comma), "10^6", "25tausend" (a scale word glued to the digits), and digits that are part of
a name ("A100", "T4") or the rand's sign ("R3 000"). ``quantities.find_numbers`` reads numbers in words around them.
"""

from __future__ import annotations

import math
import re

from agents.understand.prep import Prepared, Token

_SUFFIX = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "mila": 1e3, "tys": 1e3,
           "tsd": 1e3, "mio": 1e6, "mln": 1e6, "mrd": 1e9, "mld": 1e9,   # "30tsd", "2mio": German and Polish shorthand
           "tausend": 1e3, "duizend": 1e3, "duisend": 1e3}   # "25tausend": the thousand word glued to the digits
# Thousands grouped with commas, the Indian way too (lakhs and crores: "12,50,000" is 1,250,000), then a fraction.
_NUMERIC = re.compile(r"(\d{1,2}(?:,\d\d)+,\d{3}|\d+(?:,\d{3})+|\d+)(?:\.(\d+))?(?:e(\d+)|\^(\d+))?([a-z%]*)")
_APOSTROPHE_GROUPS = re.compile(r"\d{1,3}(?:'\d{3})+")   # "1'200'000" (Swiss)
_DOT_GROUPS = re.compile(r"(\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000)([a-z%]*)")   # "1.000.000"; "200.000" (never 200.0)
_CURRENCY_WORDS = frozenset({"usd", "us", "eur", "gbp", "chf", "cad", "aud", "inr", "rs", "jpy", "rm", "rp", "thb", "myr"})
_EURO_DECIMAL = re.compile(r"(\d+),(\d{1,2})([a-z%]*)")
# "2.500,00" / "1.234,56": dot thousands with a comma decimal (German, Spanish, Italian... prices): unambiguous
_DOT_THOUSANDS_COMMA_DECIMAL = re.compile(r"(\d{1,3}(?:\.\d{3})+),(\d{1,2})([a-z%]*)")


def _power(base: float, exponent: str) -> float:
    """``base ** exponent`` for a digit-string exponent of any length; inf where a float cannot hold it."""
    if base in (0.0, 1.0):
        return base if exponent.strip("0") else 1.0
    if len(exponent) > 6:   # int() of a huge digit string is slow (and refused past 4,300 digits)
        return math.inf if base > 1 else 0.0
    try:
        return base ** int(exponent)
    except OverflowError:
        return math.inf


def parse_numeric(tok: str) -> tuple[float, str, bool] | None:
    if "'" in tok and (m := _APOSTROPHE_GROUPS.match(tok)):
        tok = m.group().replace("'", "") + tok[m.end():]
    m = _DOT_THOUSANDS_COMMA_DECIMAL.fullmatch(tok)
    if m:
        return float(f"{m.group(1).replace('.', '')}.{m.group(2)}"), m.group(3), False
    m = _DOT_GROUPS.fullmatch(tok)   # "1.000.000" (European thousands separators)
    if m:
        tok = m.group(1).replace(".", "") + m.group(2)
    m = _EURO_DECIMAL.fullmatch(tok)
    if m:
        return float(f"{m.group(1)}.{m.group(2)}"), m.group(3), False
    m = _NUMERIC.fullmatch(tok)
    if not m:
        return None
    whole, frac, exp, power, suffix = m.groups()
    value = float(whole.replace(",", "") + ("." + frac if frac else ""))   # 400 digits give inf, not an error
    if exp and value:
        value = value * _power(10.0, exp) if math.isfinite(value) else value
    if power:
        value = _power(value, power)
    scaled = False
    if suffix in _SUFFIX:
        value *= _SUFFIX[suffix]
        suffix, scaled = "", True
    return value, suffix, scaled


_GROUP = re.compile(r"\d{3}")


def space_grouped(prep: Prepared, toks: list[Token], i: int) -> tuple[float, int] | None:
    """"12 000", "500 000", "1 200 000": thousands written with spaces (common in Europe), as one number.

    The first group has 1-3 digits and each following group exactly 3 digits, one space apart; a single group
    other than "000" joins only after a first group of 10 or more ("12 500 docs", but "top 3 100 times" stays two).
    Returns (value, index of the next token) or None.
    """
    first = toks[i].text
    if not (first.isdigit() and len(first) <= 3):
        return None
    j, groups = i + 1, []
    while j < len(toks) and _GROUP.fullmatch(toks[j].text) and prep.low[toks[j - 1].end:toks[j].start] == " ":
        groups.append(toks[j].text)
        j += 1
    if not groups or (len(groups) == 1 and groups[0] != "000" and int(first) < 10):
        return None
    nxt = prep.low[toks[j - 1].end:toks[j - 1].end + 2]
    if nxt[:1].isalnum() or (nxt[:1] in (".", ",") and nxt[1:].isdigit()):   # "12 000.5" or "12 000k": not a clean grouping
        return None   # ("200 000, j'avais oublié un zéro": a comma that ends the clause is fine)
    return float(first + "".join(groups)), j


def glued_to_letters(toks: list[Token], i: int) -> bool:
    """Digits written right after letters are part of a name, not a quantity: "A100", "M2", "T4", "v1.5", "Qwen3"."""
    prev = toks[i - 1] if i else None
    if prev is not None and prev.text == "r" and _rand(toks, i):
        return False
    return (prev is not None and prev.end == toks[i].start and prev.text.isalpha() and prev.text[-1] < "\u0250"
            and prev.text not in _CURRENCY_WORDS)   # a Han, kana or Hangul word before digits is no name ("約3万件")


def _rand(toks: list[Token], i: int) -> bool:
    """"R3 000", "R450": an amount in rand (a hundred or more, or thousands grouped with a space), not "R1" or "R2"."""
    digits = toks[i].text.replace(",", "")
    grouped = i + 1 < len(toks) and toks[i + 1].start == toks[i].end + 1 and _GROUP.fullmatch(toks[i + 1].text)
    return digits.isdigit() and (int(digits) >= 100 or bool(grouped))
