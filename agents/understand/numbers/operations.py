"""How the index is run: CPU cores ("16 cores", "an 8-core VM"), the indexing window ("the full index has to be
rebuilt within 6 hours") and how often everything is embedded again ("we re-embed the whole corpus every week").

    find_operations(prepare("CPU box with 32 cores, a full re-index twice a month"))
    # [Setting("cpu_cores", 32, ...), Setting("reindex_per_month", 2.0, ...)]

Each reading needs its own words next to the number: a core count needs "core(s)"/"vCPU(s)", a window needs an
indexing word in the same sentence and a limit word ("within", "in", "at most"), a frequency needs a re-index word
in the same sentence. A month has 52/12 weeks, as the budget's "per week" does (``measures._PERIOD_TO_MONTH``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from agents.understand.numbers.quantities import find_numbers
from agents.understand.prep import Prepared

# The words of other languages (data, with examples run as tests).
DATA_FILE = Path(__file__).resolve().parent / "operations.yaml"
_DATA = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
EXAMPLES: dict[str, list] = _DATA["examples"]


def _any(words: list[str]) -> str:
    return "|".join(words)


_CORES = re.compile(r"\s*(?:-\s*)?(?:physical |logical |cpu |virtual |x86 )?(?:cores?|vcpus?|v-cpus?|cpu cores)\b|\s*コア|"
                    rf"\s*(?:{_any(_DATA['cores'])})(?![^\W\d_])")
_WINDOW_UNITS = {"hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0, "day": 24.0, "days": 24.0, "night": 12.0,
                 "nights": 12.0, "week": 168.0, "weeks": 168.0, "minutes": 1 / 60, "mins": 1 / 60, "min": 1 / 60,
                 **{str(w): float(h) for w, h in _DATA["window_units"].items()}}
_UNIT_AFTER = re.compile(r"\s*(?:-\s*)?(hours?|hrs?|h|days?|nights?|weeks?|minutes|mins?|"
                         rf"{_any(sorted(map(str, _DATA['window_units']), key=len, reverse=True))})(?![^\W\d_])|"
                         r"\s*(時間)(?=以内|まで|で)")
_INDEXING = re.compile(r"\b(?:re-?)?(?:index(?:ing|ed|es)?|embed(?:ding|ded)?|encod(?:e|ing|ed)|ingest(?:ion|ing)?|backfill|"
                       r"rebuil(?:d|t)|vectori[sz](?:e|ing|ation)|batch(?: job| run)?|pipeline)\b"
                       r"|インデックス|埋め込み|ベクトル化|" + _any(_DATA["indexing"]))
_LIMIT_BEFORE = re.compile(r"\b(?:within|in|under|inside|at most|max(?:imum)?|no more than|less than|by|up to|"
                           r"(?:can|may|could|is allowed to) take|"
                           r"give (?:it|the \w+(?: \w+)?)|(?:has|have|needs?) to (?:finish|be done|complete) (?:in|within)|"
                           # the limit as an aside after the verb: "has to finish overnight, 8 hours", "must be done: 6 h"
                           r"(?:finish|be done|complete)(?: \w+)?\s*[,:(]\s*(?:so |i\.e\. |that is |max |at most )?|"
                           rf"(?<!\w)(?:{_any(_DATA['limit_before'])}))"
                           r"\s*(?:about |roughly |~)?$")
_LIMIT_AFTER = re.compile(r"^\s*(?:at (?:most|the most|max)|max(?:imum)?|tops|or less)\b|^\s*(?:以内|まで)|"
                          rf"^\s*(?:{_any(_DATA['limit_after'])})")
# A job between two clock times: "runs nightly between 1am and 5am", "from 22:00 to 06:00", "1am-5am".
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?"
_CLOCK_RANGE = re.compile(rf"\b(?:between|from)?\s*{_CLOCK}\s*(?:and|to|until|till|-|–)\s*{_CLOCK}(?![\w:])")
_FREQUENT_BEFORE = re.compile(r"\b(?:every|each|per|a|an|once a|twice a|times a)\s*$")
_REINDEX = re.compile(r"再インデックス|"
                      r"\b(?:re-?(?:index|embed|encode|vectori[sz]e)\w*|(?:full|complete) (?:re-?)?(?:index|embedding|rebuild|"
                      r"refresh)\w*|rebuil(?:d|t) (?:the |our )?(?:whole |full |entire )?(?:index|corpus)|embed (?:\w+ ){0,3}"
                      r"(?:again|from scratch)|(?:whole|entire|full) corpus)\b|" + _any(_DATA["reindex"]))
_OTHER_PERIOD = {phrase: period for period, phrases in _DATA["frequency"].items() for phrase in phrases}
_EVERY = {"day": 30.0, "night": 30.0, "week": 52 / 12, "fortnight": 26 / 12, "month": 1.0, "quarter": 1 / 3, "year": 1 / 12}
_FREQUENCY = re.compile(r"(?P<ja>毎日|毎晩|毎週|毎月)|"
                        r"\b(?:(?P<n>once|twice|\d+(?:\.\d+)? times|two times|three times|four times) (?:a|per|every|each) "
                        r"(?P<per>day|night|week|fortnight|month|quarter|year)|(?:every|each|once a|once per|per) "
                        r"(?P<every>day|night|week|fortnight|month|quarter|year)|(?P<adj>daily|nightly|weekly|fortnightly|"
                        r"monthly|quarterly|yearly|annually))\b|"
                        rf"(?<!\w)(?P<other>{_any(sorted(_OTHER_PERIOD, key=len, reverse=True))})(?!\w)")
_ADJ = {"毎日": "day", "毎晩": "night", "毎週": "week", "毎月": "month",
        "daily": "day", "nightly": "night", "weekly": "week", "fortnightly": "fortnight", "monthly": "month",
        "quarterly": "quarter", "yearly": "year", "annually": "year"}
_TIMES = {"once": 1.0, "twice": 2.0, "two times": 2.0, "three times": 3.0, "four times": 4.0}
_SENTENCE = re.compile(r"[^.!?;\n]+")


@dataclass(frozen=True)
class Setting:
    field: str
    value: float
    start: int
    end: int


def _sentence(low: str, pos: int) -> tuple[int, int]:
    for m in _SENTENCE.finditer(low):
        if m.start() <= pos < m.end():
            return m.span()
    return 0, len(low)


def find_operations(prep: Prepared) -> list[Setting]:
    """The core count, indexing window and re-index frequency the message states (first of each)."""
    low = prep.low
    out: dict[str, Setting] = {}
    for num in find_numbers(prep):
        if num.too_large or num.value <= 0:
            continue
        after = low[num.end:num.end + 24]
        if "cpu_cores" not in out and num.value == int(num.value) and num.value <= 1024 \
                and ((num.unit in ("core", "cores") and not after.startswith("s")) or (not num.unit and _CORES.match(after))):
            m = _CORES.match(after)
            out["cpu_cores"] = Setting("cpu_cores", int(num.value), num.start, num.end + (m.end() if m else 0))
            continue
        unit = num.unit if num.unit in _WINDOW_UNITS else None
        m = None if unit else _UNIT_AFTER.match(after)
        unit = unit or (("hours" if m.group(2) else m.group(1)) if m else None)
        if unit is None or "index_window_hours" in out:
            continue
        s, e = _sentence(low, num.start)
        before = low[max(s, num.start - 40):num.start]
        end = num.end + (m.end() if m else 0)
        if _FREQUENT_BEFORE.search(before) or not _INDEXING.search(low, s, e):
            continue
        if _LIMIT_BEFORE.search(before) or _LIMIT_AFTER.match(low[end:end + 16]):
            out["index_window_hours"] = Setting("index_window_hours", round(num.value * _WINDOW_UNITS[unit], 4), num.start, end)
    if "index_window_hours" not in out:
        window = _clock_window(low)
        if window is not None:
            out["index_window_hours"] = window
    for m in _FREQUENCY.finditer(low):
        s, e = _sentence(low, m.start())
        if not _REINDEX.search(low, s, e):
            continue
        per = m.group("per") or m.group("every") or (_period(m.group("other")) if m.group("other") else
                                                     _ADJ[m.group("adj") or m.group("ja")])
        n = m.group("n")
        times = _TIMES.get(n, 1.0) if n is None or n in _TIMES else float(n.split()[0])
        out["reindex_per_month"] = Setting("reindex_per_month", round(times * _EVERY[per], 4), m.start(), m.end())
        break
    return list(out.values())


def _period(said: str) -> str:
    """The period a phrase of another language names ("jede Woche" -> "week")."""
    return next(p for phrase, p in _OTHER_PERIOD.items() if re.fullmatch(phrase, said))


def _hour(h: str, minutes: str | None, half: str | None) -> float | None:
    """Hours since midnight of "5am", "17:30", "22h"; None for an impossible time."""
    value = int(h)
    if half and half[0] in "ap":
        value = value % 12 + (12 if half[0] == "p" else 0)
    if value > 24 or (minutes and int(minutes) >= 60):
        return None
    return value + int(minutes or 0) / 60


def _clock_window(low: str) -> Setting | None:
    """A job that runs between two clock times in a sentence about (re-)indexing: the window is the time between
    them ("nightly between 1am and 5am" = 4 h, "from 22:00 to 06:00" = 8 h). Both ends must read as times (am/pm,
    hh:mm or "h"), so "2-3 languages" or "between 10 and 20 docs" are no window."""
    for m in _CLOCK_RANGE.finditer(low):
        h1, m1, a1, h2, m2, a2 = m.groups()
        a1 = a1 or (a2 if a2 and a2 != "h" else None)   # "1-5am": both ends in the morning
        if not ((a1 or m1) and (a2 or m2)):
            continue
        start, end = _hour(h1, m1, a1), _hour(h2, m2, a2)
        s, e = _sentence(low, m.start())
        if start is None or end is None or not _INDEXING.search(low, s, e):
            continue
        hours = (end - start) % 24 or 24.0
        return Setting("index_window_hours", round(hours, 4), m.start(), m.end())
    return None
