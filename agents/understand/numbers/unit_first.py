"""A unit written before its number: "maneno 200" (200 words), "RAM ya GB 32", "cores 12", "ndani ya saa 24".

Swahili and the other languages that put the noun before the numeral write every measure this way, and lists in any
language often do ("vCPUs: 16", "RAM: GB 32"). The readers of lengths, memory, cores and windows ask here when no unit
follows the number. A unit right before the number belongs to it only when no other number comes right before that unit
("300 words 200 of them ..." gives "words" to 300).

    unit_before(prepare("kila kimoja maneno 200 hivi"), num, {"maneno"})   # ("maneno", 12)
"""

from __future__ import annotations

import re
from collections.abc import Collection

from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared

_BETWEEN = frozenset({":", "=", "-", "~"})   # "cores: 12", "RAM = 32"
_PER = frozenset({"per", "pro", "par"})
# "about" between a unit and its number in the languages that name the unit first: Zulu "unamagama angaba ngu-50"
# (has words, about 50), Swahili "maneno takriban 200"
# Kinyarwanda "amagambo nka 30"; Russian and Belarusian put "на" (about) between them: "слов на 400", "слоў на 400"
# Setswana and Sesotho "mafoko a ka nna 100" (words that may be about 100)
_HEDGES = frozenset({"angaba", "engaba", "ngu", "cishe", "ecishe", "takriban", "karibu", "kama", "nka", "на", "a", "ka", "nna",
                     "bang"})
# Setswana and Sesotho put "that are" between the noun and its number: "diura di le 3" (hours that are 3)
_AGREEMENT = frozenset({"di", "a", "e", "ba", "tse"})


def unit_before(prep: Prepared, num: Number, units: Collection[str] | re.Pattern[str]) -> tuple[str, int] | None:
    """The unit in ``units`` (words, or a pattern a whole word must match) written right before ``num`` (a colon or an
    equals sign may sit between) and where it starts, or None."""
    toks = prep.tokens
    i = num.first_token - 1
    while i >= 0 and (toks[i].text in _BETWEEN or toks[i].text in _HEDGES):
        i -= 1
    if i > 0 and toks[i].text == "le" and toks[i - 1].text in _AGREEMENT:
        i -= 2
    if i < 0 or not (units.fullmatch(toks[i].text) if isinstance(units, re.Pattern) else toks[i].text in units):
        return None
    if i > 0 and toks[i - 1].text[0].isdigit():   # "32 GB 16 of them": the unit is the earlier number's
        return None
    if i > 0 and toks[i - 1].text in _PER:   # "Thread(s) per core: 1" (a pasted lscpu): a rate, not a count of cores
        return None
    after = [t.text for t in toks[num.last_token + 1:num.last_token + 4]]
    if toks[i].text == "từ" and ("đến" in after or "giờ" in after):   # Vietnamese "từ 0 giờ đến 4 giờ": "from", not "words"
        return None
    return toks[i].text, toks[i].start
