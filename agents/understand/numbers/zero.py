"""The digit zero named as a thing, not a quantity: "add a zero to that doc count", "one more zero", "an extra zero"
(a count multiplied by ten in ``changes``, never a count of nothing).

    named_zero(prepare("add a zero to that doc count").tokens, 1)   # 2: "a zero" is two tokens to skip
"""

from __future__ import annotations

from agents.understand.prep import Token

_BEFORE_ZERO = ("more", "extra", "another", "additional")


def named_zero(toks: list[Token], i: int) -> int:
    """How many tokens from ``i`` name the digit zero as a thing ("a zero", "one more zero", "an extra zero"), or 0."""
    words = [t.text for t in toks[i:i + 4]]
    if words[0] not in ("a", "an", "one", "zero", *_BEFORE_ZERO):
        return 0
    if words[0] == "zero":
        return 1 if i > 0 and toks[i - 1].text in _BEFORE_ZERO else 0
    j = 1 + (len(words) > 2 and words[1] in _BEFORE_ZERO)
    named = len(words) > j and words[j] == "zero" and not (len(words) > j + 1 and words[j + 1] in ("budget", "cost"))
    return j + 1 if named else 0
