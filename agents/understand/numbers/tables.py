"""A count given as a pasted Markdown table: the rows of a column headed by a document word add up to the corpus.

    | source  | docs |
    |---------|------|
    | wiki    | 40k  |
    | tickets | 160k |        -> 200,000 documents (a row named "total" is taken as it is)

The header must name what is counted ("docs", "documents", "files", "pages", "records", "count", "#"), so a table of
prices or of latencies adds nothing.
"""

from __future__ import annotations

import re

from agents.understand.numbers.context import Measure
from agents.understand.numbers.quantities import find_numbers, fmt
from agents.understand.prep import Prepared, prepare

_ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[\s|:-]+$")
_COUNT_HEADER = re.compile(r"(?:#|docs?|documents?|files?|pages?|records?|rows?|items?|count|entries|articles|tickets|"
                           r"emails?|messages?|pdfs?|size|volume|anzahl|dokumente|documentos|fichiers|aantal)\b")
_TOTAL_ROW = re.compile(r"(?:total|sum|all|gesamt|summe|totale?|totaal|razem)\b")


def table_total(prep: Prepared) -> Measure | None:
    """The documents a Markdown table in the message counts (see the module docstring), or None."""
    if "|" not in prep.low:
        return None
    rows = [(m, [c.strip().lower() for c in m.group(1).split("|")]) for m in _ROW.finditer(prep.low)]
    rows = [(m, cells) for m, cells in rows if not _RULE.match(m.group(1))]
    if len(rows) < 3:
        return None
    header = rows[0][1]
    col = next((i for i, c in enumerate(header) if _COUNT_HEADER.fullmatch(c)), None)
    if col is None:
        return None
    values, total = [], None
    for _, cells in rows[1:]:
        nums = find_numbers(prepare(cells[col])) if col < len(cells) else []
        if len(nums) != 1 or nums[0].too_large:
            continue
        if any(_TOTAL_ROW.fullmatch(c) for c in cells[:col]):
            total = nums[0].value
        else:
            values.append(nums[0].value)
    if total is None and len(values) < 2:
        return None
    value = total if total is not None else sum(values)
    start, end = rows[0][0].start(), rows[-1][0].end()
    note = None if total is not None else (f"I added up the rows of your table ({' + '.join(fmt(v) for v in values)} = "
                                           f"{fmt(value)} documents).")
    return Measure("documents", value, start, end, "documents", note)
