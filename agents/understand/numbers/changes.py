"""A figure changed by a factor instead of restated: "finance just doubled it" (a budget of $100 becomes $200), "the
corpus has doubled", "our budget got cut in half". Words and factors are data (``changes.yaml``, examples run as
tests). The field must be named by a word of the message ("finance", "budget", "corpus") and already have a value; a
bare "we doubled it" names nothing and changes nothing. A question ("is double the budget enough?") changes nothing.

    changed_by_factor(prepare("finance just doubled it"), {"budget_usd_month": 100.0})
    # [("budget_usd_month", 200.0, "finance just doubled it", "... $100 x 2 ...")]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from agents.fields import BY_NAME
from agents.understand.numbers.quantities import find_numbers, fmt
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

DATA_FILE = Path(__file__).resolve().parent / "changes.yaml"
_DATA = read_vocabulary(DATA_FILE)
EXAMPLES: dict[str, list] = _DATA["examples"]
_FACTORS = [(float(f), re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)")) for f, words in _DATA["factors"].items()]
_FIELDS = {f: re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)") for f, words in _DATA["fields"].items()}
# Change words that speak of money when no field is named ("cut that in half" after a budget).
_MONEY_CHANGE = re.compile(rf"(?<!\w)(?:{'|'.join(_DATA['money_changes'])})")


def changed_by_factor(prep: Prepared, values: dict[str, Any],
                      stated: dict[str, Any] | None = None) -> list[tuple[str, float, str, str]]:
    """(field, new value, evidence, note) for a change by a factor of a field the message names (at most one).
    ``stated``: the figures this message itself gives; a change said after one applies to it ("the corpus was 50k last
    year and it has doubled since" = 100k), while a figure after the change is the new value already."""
    low = prep.low
    for factor, words in _FACTORS:
        m = words.search(low)
        if m is None or prep.in_question(m.start()):
            continue
        named = [f for f, rx in _FIELDS.items() if rx.search(low)]
        if not named and _MONEY_CHANGE.match(low, m.start()):
            named = ["budget_usd_month"]
        field = named[0] if len(named) == 1 else None
        if field and stated and field in stated:
            nums = [n for n in find_numbers(prep) if n.value > 0]
            if not any(n.end <= m.start() for n in nums) or any(n.start >= m.end() for n in nums):
                return []   # "it doubled to 100k" says the new figure itself
            values = {**values, field: stated[field]}
        if field is None or not values.get(field):
            return []
        old = float(values[field])
        new = round(old * factor, 2)
        new = int(new) if field == "documents" else new
        return [(field, new, prep.snippet(*m.span()),
                 f"I took your {BY_NAME[field].noun} as {fmt(old)} x {fmt(factor)} = {fmt(new)}.")]
    return []


# A figure moved by an amount: "the budget went up by 50 bucks" (a $100 budget becomes $150), "cut it by 30".
_BY = re.compile(r"\b(?:(?:went|goes|go|gone|has gone|is|was|got|been|moved) (up|down)|(increased|raised|bumped|upped|grew|"
                 r"rose|decreased|reduced|lowered|cut|trimmed|dropped)(?: it| that)?) by\s*(?:another |an extra |about |~)?$")
_DOWN = frozenset({"down", "decreased", "reduced", "lowered", "cut", "trimmed", "dropped"})
# An amount of money "more" than before, said after it: "50 € de plus par mois", "another $40 more", "30 Euro mehr".
_MORE_AFTER = re.compile(r"\s*(?:[€$£]|euros?|dollars?|bucks|usd|eur)?\s*(?:de plus|more|extra|mehr|más|a mais|in più|meer)\b")


def changed_by_amount(prep: Prepared, values: dict[str, Any], stated: dict[str, Any]) -> list[tuple[str, float, str, str]]:
    """(field, new value, evidence, note) when the message names a field that already has a value and states a figure
    for it right after "went up by" / "cut by": the earlier value plus or minus that figure."""
    named = [f for f, rx in _FIELDS.items() if rx.search(prep.low) and f in stated and values.get(f)]
    if not named and "budget_usd_month" in stated and values.get("budget_usd_month"):
        named = ["budget_usd_month"]   # an amount of money names its field ("50 € de plus par mois")
    if len(named) != 1 or not isinstance(stated[named[0]], int | float):
        return []
    field, amount, old = named[0], float(stated[named[0]]), float(values[named[0]])
    for num in find_numbers(prep):
        m = _BY.search(prep.low, max(0, num.start - 40), num.start - 1 if prep.low[num.start - 1:num.start] == "$"
                       else num.start)
        more = _MORE_AFTER.match(prep.low, num.end) if field == "budget_usd_month" else None
        if m is None and more is not None:
            m = more
        if m is None or prep.in_question(m.start()):
            continue
        sign = -1 if m is not more and (m.group(1) or m.group(2)) in _DOWN else 1
        new = max(0.0, round(old + sign * amount, 2))
        new = int(new) if field == "documents" else new
        said = prep.snippet(min(m.start(), num.start), max(m.end(), num.end))
        return [(field, new, said, f"I took your {BY_NAME[field].noun} as {fmt(old)} "
                 f"{'-' if sign < 0 else '+'} {fmt(amount)} = {fmt(new)}.")]
    return []
