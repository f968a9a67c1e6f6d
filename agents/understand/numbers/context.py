"""What the readers of numbers share: the record of one reading (:class:`Measure`) and the words around a number in a
prepared message, as ``measures``, ``speed`` and ``grouping`` see them."""

from __future__ import annotations

from dataclasses import dataclass

from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared


@dataclass
class Measure:
    """One number read as a field's value (or as something the user should restate: "data_size_gb", "too_large")."""

    field: str
    value: float
    start: int
    end: int
    detail: str = ""       # e.g. the counted noun, the currency, "vram"
    note: str | None = None
    added: bool = False    # a count said as more of the same ("plus 12k from SharePoint"): summed with the others
    removed: bool = False  # documents taken off the count ("100k of them are duplicates we'll drop")
    amount: float | None = None   # a budget converted at a default country's rate: the amount in its currency ("Rs 2,500")


_SCALE_ABBREVIATIONS = frozenset({"tys", "mln", "mld", "tsd", "mio", "mrd"})
_ENDS = (",", ";", ".", "!", "?", "(", ")")


def next_words(prep: Prepared, num: Number, limit: int = 4) -> list[str]:
    """Up to ``limit`` words after the number, up to punctuation or another number ("120 tys. umów": the dot ends
    "tys.")."""
    toks = prep.tokens
    out: list[str] = []
    abbreviated = prep.low[num.end - 3:num.end] in _SCALE_ABBREVIATIONS
    for i, t in enumerate(toks[num.last_token + 1:num.last_token + 1 + limit + 2]):
        if i == 0 and t.text == "." and abbreviated:
            continue
        if t.text in _ENDS or t.text[0].isdigit():
            break
        out.append(t.text)
        if len(out) >= limit:
            break
    return out


def prev_words(prep: Prepared, num: Number, limit: int = 3) -> list[str]:
    """Up to ``limit`` tokens right before the number."""
    return [t.text for t in prep.tokens[max(0, num.first_token - limit):num.first_token]]
