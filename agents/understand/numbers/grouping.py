"""Thousands written with a dot or a space where the digits alone are ambiguous: "8.500 manuali", "R$ 1.500",
"2 400 € par an", "1 500 kronor".

``quantities`` reads "8.500" as eight and a half and "2 400" as two numbers (English writes "3.5 GB" and "top 3 100
times"). Here they are read as one number of thousands when the message is written in a language that groups
thousands that way, or when what the number measures cannot take a fraction or a second number: an amount of money
(a currency sign or word next to it: no budget has tenths of a cent), a count of documents or of new items per period.

    regroup(prep, find_numbers(prep))   # "sono circa 8.500 manuali" -> [8500]; "On a 2 400 € par an" -> [2400]
"""

from __future__ import annotations

import re
from dataclasses import replace

from agents.understand.languages.written import written_language
from agents.understand.numbers import money
from agents.understand.numbers.context import next_words, prev_words
from agents.understand.numbers.foreign_streams import says_new_per_period
from agents.understand.numbers.nouns import is_doc_noun
from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared

# Languages that write "1.500" for fifteen hundred, and those that write "1 500".
DOT_LANGUAGES = frozenset({"de", "nl", "it", "es", "pt", "ca", "gl", "da", "id", "ms", "tr", "el", "ro", "vi", "hr", "sl",
                           "sr"})
SPACE_LANGUAGES = frozenset({"fr", "sv", "nb", "no", "nn", "fi", "ru", "uk", "pl", "cs", "sk", "hu", "et", "lv", "lt",
                             "bg"})
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_GROUP = re.compile(r"\d{3}")


def _measures_whole_things(prep: Prepared, num: Number) -> bool:
    """Money (a currency around the number) or a count of documents right after it."""
    nxt, prev = next_words(prep, num), prev_words(prep, num)
    return (money.currency(prep, num, nxt, prev) is not None or bool(nxt) and is_doc_noun(nxt[0])
            or says_new_per_period(prep, num) is not None)   # "1.200 novos chamados por dia": new items come whole


def _space_pair(prep: Prepared, first: Number, second: Number) -> Number | None:
    """"2 400": a one-digit number, one space, then exactly three digits (nothing glued to either): one number; also
    "200 000", up to three digits before a group of three zeros."""
    if first.unit or first.scaled or second.unit or second.scaled or first.low is not None or second.low is not None:
        return None
    a, b = prep.low[first.start:first.end], prep.low[second.start:second.end]
    if not (a.isdigit() and (len(a) == 1 or b == "000") and _GROUP.fullmatch(b) and prep.low[first.end:second.start] == " "):
        return None
    return Number(float(a + b), first.start, second.end, first.first_token, second.last_token)


def regroup(prep: Prepared, nums: list[Number]) -> list[Number]:
    """``nums`` with ambiguous dot- and space-grouped thousands read as one number where the message says so. The
    writing language is read only when such a number is there (most messages have none)."""
    found: list[str | None] = []

    def language() -> str | None:
        if not found:
            found.append(written_language(prep.text))
        return found[0]

    out: list[Number] = []
    i = 0
    while i < len(nums):
        num = nums[i]
        said = prep.low[num.start:num.end]
        if (not num.unit and not num.scaled and _DOT_THOUSANDS.fullmatch(said)
                and (language() in DOT_LANGUAGES or _measures_whole_things(prep, num))):
            num = replace(num, value=float(said.replace(".", "")))
        elif i + 1 < len(nums) and (pair := _space_pair(prep, num, nums[i + 1])) is not None and (
                language() in SPACE_LANGUAGES or _measures_whole_things(prep, pair) or pair.value % 1000 == 0):
            num = pair
            i += 1
        out.append(num)
        i += 1
    return out
