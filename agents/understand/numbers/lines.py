"""A file's line count whose first line is a header: "wc -l" output or "61,001 lines" when the message shows the header
(a pasted comma- or tab-separated line of column names) or says it ("including the header", "the first line is the
header"). Every line but the header is one document: 10,001 lines are 10,000 documents, said in the note.

    header_rows(prepare("id,title,body\\n...\\n$ wc -l faq.csv\\n12001 faq.csv"), num)   # (12000, note)

A bare number, a count of rows or records, or a count said to leave the header out ("excluding the header") is not
changed; several files listed by "wc -l" with a total lose one header each.
"""

from __future__ import annotations

import re

from agents.understand.numbers.quantities import Number, fmt
from agents.understand.prep import Prepared

# The header said in words (en, de, fr, es, pt, it, nl, pl, ru/uk).
_HEADER_WORD = re.compile(r"\bheaders?\b|\bheader (?:row|line)\b|\bcolumn names\b|\bkopfzeile\b|\ben-?tête\b|"
                          r"\bencabezado\b|\bcabecera\b|\bcabeçalho\b|\bintestazione\b|\bkopregel\b|\bnagłówek\w*|"
                          r"\bзаголов\w*|\bшапк\w*")
# The header left out already: "excluding the header", "without the header", "plus a header", "not counting the header".
_HEADER_LEFT_OUT = re.compile(r"\b(?:excluding|excluded|without|w/o|minus|plus|besides|not counting|not including|"
                              r"ohne|sans|sin|sem|senza|zonder|bez|без)\s+(?:the |a |an |its |their |der |die |la |le |el |"
                              r"o |a |il |de )?(?:\w+ )?(?:headers?|kopfzeile|en-?tête|encabezado|cabecera|cabeçalho|"
                              r"intestazione|kopregel|nagłówk\w*|заголовк\w*)\b|\bheaders? (?:excluded|not counted)\b")
# A pasted header: a line of three or more column names separated by commas, semicolons or tabs ("id,title,body").
_PASTED_HEADER = re.compile(r"^\s*[a-z_][\w .-]{0,30}(?:[,;\t]\s*[a-z_][\w .-]{0,30}){2,}\s*$", re.M)
# "wc -l" output: the count, then the file ("12001 faq.csv"); with several files, a "total" line.
_WC_ROW = re.compile(r"^\s*(\d[\d,]*)\s+(\S+)\s*$", re.M)
_WC = re.compile(r"\bwc\s+-l\b")
_LINES_AFTER = re.compile(r"\s*(?:lines?|zeilen|lignes|líneas|lineas|linhas|righe|regels|linii|wierszy|строк\w*|рядк\w*)\b")


def header_rows(prep: Prepared, num: Number) -> tuple[float, str] | None:
    """(documents, note) when ``num`` counts the lines of a file with a header (see the module docstring), else None."""
    low = prep.low
    if num.unit or num.scaled or num.approx or num.value < 2 or num.value != int(num.value):
        return None
    wc_row = _WC.search(low) is not None and _row_at(low, num) is not None
    lines = _LINES_AFTER.match(low, num.end) is not None or wc_row or bool(_WC.search(low, max(0, num.start - 40), num.start))
    if not lines or _HEADER_LEFT_OUT.search(low):
        return None
    if not (_HEADER_WORD.search(low) or _PASTED_HEADER.search(prep.text.lower())):
        return None
    files = _files(low) if wc_row and _row_at(low, num) == "total" else 1
    value = num.value - files
    said = prep.snippet(num.start, num.end)
    each = f" ({files} files, one header each)" if files > 1 else ""
    return value, (f"I took {said} lines minus the header line{each}: {fmt(value)} documents, one per line. Tell me if a "
                   "record spans several lines.")


def _row_at(low: str, num: Number) -> str | None:
    """The file named after ``num`` on its "wc -l" output line, or None when the number is not such a row."""
    for m in _WC_ROW.finditer(low):
        if m.start(1) <= num.start < m.end(1):
            return m.group(2)
    return None


def _files(low: str) -> int:
    """The files "wc -l" listed before its total line."""
    return max(1, sum(1 for m in _WC_ROW.finditer(low) if m.group(2) != "total"))
