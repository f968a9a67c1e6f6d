"""Counts said per container: "14 shared drives with about 20k files on each" is 280,000 documents, and so is "about
20k files in each of our 14 drives". Only containers that hold documents (drives, folders, sites, mailboxes, shops ...)
and an explicit "each" count; "3 servers with 48 cores each" is a matter of cores (``operations``).

    per_container(prepare("14 shared drives with about 20k files on each"), start_of_20k, end_of_20k)   # 14
"""

from __future__ import annotations

import re

from agents.understand.prep import Prepared

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "a hundred": 100}
_N = r"(\d{1,4}|" + "|".join(_WORDS) + r")"
_HOLDERS = (r"(?:shared )?drives|folders|directories|sites|sharepoint sites|repos|repositories|mailboxes|inboxes|workspaces|"
            r"channels|wikis|libraries|shops|stores|branches|departments|buckets|shards|projects|tenants|offices|"
            r"databases|tables|clients|customers|accounts|teams|regions|countries|schools|hospitals|clinics|brands|"
            r"websites|portals|forums|boards|spaces|courts|agencies")
# "14 shared drives with about ", "40 client folders, each holding ~"
_BEFORE = re.compile(rf"\b{_N}\s+(?:[\w-]+\s+){{0,2}}?(?:{_HOLDERS})\s*(?:,\s*)?(?:with|of|holding|containing|having|"
                     r"each (?:with|holding|containing|having)|that (?:hold|have|contain))\s+(?:about |around |roughly |"
                     r"approximately |~\s*|some |up to |maybe |perhaps )?$")
_EACH_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:(?:on|in|per|for|at|inside) each(?: one| of them)?|each|apiece)\b")
# "... 20k files in each of our 14 drives"
_EACH_OF = re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?(?:on|in|per|for|at|inside|across) each of (?:the |our |their )?{_N}\s+"
                      rf"(?:[\w-]+\s+){{0,2}}?(?:{_HOLDERS})\b")


def _count(word: str) -> int | None:
    n = int(word) if word.isdigit() else _WORDS.get(word)
    return n if n is not None and 2 <= n <= 10_000 else None


def per_container(prep: Prepared, start: int, end: int) -> int | None:
    """How many containers a count at ``start``-``end`` is said per ("each"), or None."""
    low = prep.low
    m = _EACH_OF.match(low, end)
    if m:
        return _count(m.group(1))
    before = _BEFORE.search(low[max(0, start - 80):start])
    if before and (_EACH_AFTER.match(low, end) or " each " in before.group(0)):   # "..., each holding ~500 PDFs"
        return _count(before.group(1))
    return None
