"""A budget in a word several countries share ("pesos", "shillings", "dirhams", "riyals") whose message names no
country is placed by what the user said before: "we're a Medellín company" in the first message makes "500.000 pesos
al mes" in the third Colombian pesos, converted at their dated rate and said so. With no country said anywhere, the
amount stays unconverted and is asked for in USD (``Extraction.unconverted``). A word with a default country ("Rs" is
INR unless a message names Pakistan, Sri Lanka, Nepal or Mauritius) is converted at the default in its own message and
converted again when an earlier message names another of its countries ("a BPO in Port Louis" -> MUR).

    ex = place_budget(extract(text), earlier="we're a Medellín company ...")

``earlier_currency`` finds the currency the user wrote amounts in before ("budget 5k INR"), so that a later amount
without one ("not 5k, 50k", a bare "50000" answering the budget question) is read in it (``extract(currency=...)``).
"""

from __future__ import annotations

import re

from agents.understand.extract import Extraction
from agents.understand.numbers import money
from agents.understand.numbers.context import next_words, prev_words
from agents.understand.numbers.quantities import find_numbers, fmt
from agents.understand.prep import prepare

_LOOK_BACK = 6   # the user's messages read back for a currency, newest first

_CONVERTED = re.compile(r"I converted [^()]*\([^()]*\)")   # "I converted Rs2,500 to about $26.12 (1 INR = ...)"


def place_budget(ex: Extraction, earlier: str) -> Extraction:
    """``ex`` with an unplaced budget converted when ``earlier`` (the user's earlier messages) names its country, and a
    budget taken at a shared word's default ("Rs" as INR) converted again when ``earlier`` names another country of it
    ("we are a BPO in Port Louis" -> MUR)."""
    if not earlier:
        return ex
    if "budget_usd_month" in ex.updates:
        return _replace_default(ex, earlier.lower())
    for m in list(ex.unconverted):
        code = money.placed(m.detail, earlier.lower())
        converted = money.in_dollars(m.value, code) if code else None
        if converted is None:
            continue
        usd, said = converted
        word = money.UNNAMED[m.detail]
        ex.unconverted.remove(m)
        ex.notes = [n for n in ex.notes if n != m.note] + [
            f"I took the {word} as {code} (the country you named earlier). {said}."]
        ex.updates["budget_usd_month"] = usd
        ex.evidence["budget_usd_month"] = f"{fmt(m.value)} {word} ({code}, named earlier)"
        break
    return ex


def earlier_currency(said: list[str]) -> str | None:
    """The currency of the newest amount of money in ``said`` (the user's earlier messages, oldest first) whose currency
    is named and has a dated rate ("budget 5k INR", "₹5,000", "500 EUR"; "$300" is USD), or None when no amount names
    one (an amount asked again in USD, "500 QAR" or "2,000 shillings", leaves the answer to it in USD)."""
    for text in [t for t in said if any(c.isdigit() for c in t)][::-1][:_LOOK_BACK]:
        prep = prepare(text)
        codes = [money.currency(prep, n, next_words(prep, n), prev_words(prep, n)) for n in find_numbers(prep)]
        code = next((c for c in reversed(codes) if c == "USD" or c and money.in_currency(1.0, c) is not None), None)
        if code is not None:
            return code
    return None


def _replace_default(ex: Extraction, earlier: str) -> Extraction:
    chosen = [m for m in ex.defaulted if m.value == ex.updates["budget_usd_month"]]
    code = money.placed(chosen[-1].detail, earlier) if chosen else None
    converted = money.in_dollars(chosen[-1].amount, code) if code else None
    if converted is None:
        return ex
    usd, said = converted
    said = f"I took the currency as {code} (the country you named earlier): {said[0].lower()}{said[1:]}"
    ex.notes = [_CONVERTED.sub(lambda _: said, n) for n in ex.notes]
    ex.updates["budget_usd_month"] = usd
    ex.evidence["budget_usd_month"] += f" ({code}, named earlier)"
    return ex
