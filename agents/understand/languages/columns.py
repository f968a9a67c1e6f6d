"""Languages listed in a language column of a pasted table: a CSV, semicolon or pipe sample whose header names a column
"lang", "language" or "locale" ("sku,title,...,lang" over rows ending in "de", "en", "fr") says which languages the
rows are in, though the message names none.

    column_languages(prepare("sku,title,lang\\nA-1,Akku-Bohrer,de\\nB-2,toothbrush,en"))
    # [("de", (s, e)), ("en", (s, e))]

A value counts only when it is an ISO 639-1 code or a locale ("de", "en_US", "fr-CA") in that column of a row with as
many fields as the header; a free-text column that happens to hold "de" or "it" says nothing.
"""

from __future__ import annotations

import csv
import re

from agents.understand.prep import Prepared
from knowledge.languages import ISO639_1

_HEADERS = frozenset({"lang", "language", "locale", "lng", "language_code", "lang_code", "languagecode", "langcode",
                      "sprache", "langue", "idioma", "lingua", "taal", "język", "jezyk", "kieli", "språk", "sprog"})
_DELIMITERS = (",", ";", "|")   # (a tab reaches the reader as a space)
_CODE = re.compile(r"([a-z]{2})(?:[-_][a-z]{2})?")
MIN_FIELDS = 2


def column_languages(prep: Prepared) -> list[tuple[str, tuple[int, int]]]:
    """(language, span) for each distinct code in the language column of a pasted table (see the module docstring)."""
    low = prep.low
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", low)]
    for i, (_, head) in enumerate(lines):
        for delimiter in _DELIMITERS:
            header = [f.strip().strip("\"'") for f in next(csv.reader([head], delimiter=delimiter))]
            column = next((j for j, f in enumerate(header) if f in _HEADERS), None)
            if len(header) > MIN_FIELDS and column is not None:
                return _codes(lines[i + 1:], delimiter, len(header), column)
    return []


def _codes(rows: list[tuple[int, str]], delimiter: str, width: int, column: int) -> list[tuple[str, tuple[int, int]]]:
    out: dict[str, tuple[int, int]] = {}
    for start, line in rows:
        fields = next(csv.reader([line], delimiter=delimiter))
        if len(fields) != width:
            continue
        value = fields[column].strip().strip("\"'")
        m = _CODE.fullmatch(value)
        if m and m.group(1) in ISO639_1 and m.group(1) not in out:
            at = line.rfind(value) if column == width - 1 else line.find(value)
            out[m.group(1)] = (start + max(at, 0), start + max(at, 0) + len(value))
    return list(out.items())
