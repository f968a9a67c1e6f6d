"""Misspelt English number words read as meant: "thousnd", "thousend", "hundered", "billon" -> the scale word (and the
edit test :func:`one_edit` that misspelt language names use: ``agents.understand.languages.names``).

A token one edit away (a letter dropped, added, swapped with its neighbour, or - in words of 8 letters or more - replaced)
from a scale word is read as that word; real words that sit one edit away ("bullion", "mullion") are not touched.
Only the token's text changes, so offsets into the message stay the same.
"""

from __future__ import annotations

from functools import lru_cache

SCALE_WORDS = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions"})
_REAL_WORDS = frozenset({"bullion", "mullion", "pillion", "billing", "trillion", "trillions", "millionth", "thousandth",
                         "hundredth", "billionth", "millennium", "millions", "billions"})


def one_edit(a: str, b: str, substitute_from: int = 8) -> bool:
    """``a`` and ``b`` differ by one deletion, insertion, adjacent swap, or (``substitute_from`` letters or more) one
    substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return len(diff) == 1 and len(a) >= substitute_from
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=4096)
def as_number_word(token: str) -> str:
    """``token``, or the scale word it misspells."""
    if len(token) < 6 or token in SCALE_WORDS or token in _REAL_WORDS or not token.isalpha():
        return token
    return next((w for w in sorted(SCALE_WORDS) if one_edit(token, w)), token)
