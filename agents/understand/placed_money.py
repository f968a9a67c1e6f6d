"""A budget in a word several countries share ("pesos", "shillings", "dirhams", "riyals") whose message names no
country is placed by what the user said before: "we're a Medellín company" in the first message makes "500.000 pesos
al mes" in the third Colombian pesos, converted at their dated rate and said so. With no country said anywhere, the
amount stays unconverted and is asked for in USD (``Extraction.unconverted``).

    ex = place_budget(extract(text), earlier="we're a Medellín company ...")
"""

from __future__ import annotations

from agents.understand.extract import Extraction
from agents.understand.numbers import money
from agents.understand.numbers.quantities import fmt


def place_budget(ex: Extraction, earlier: str) -> Extraction:
    """``ex`` with an unplaced budget converted when ``earlier`` (the user's earlier messages) names its country."""
    if "budget_usd_month" in ex.updates or not earlier:
        return ex
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
