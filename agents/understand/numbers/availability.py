"""Indexing windows said as the time the user HAS, with no word of indexing in the sentence (round 16): hours a machine is
theirs ("we only have the two A100s for 6 hours", "12 hours reserved"), hours left before a deadline ("it's 2am so
realistically 7 hours", "it's 10pm and it must be ready by 8am", "the hearing is in 7 hours"), "only N hours" at night
or on a machine in other languages ("gecesi tek 2 saat bar": only 2 hours at night), a long run accepted ("fine to
take the whole weekend") and a result needed "by tomorrow morning" (one night, 12 h, as "overnight" in windows.py).

    available_window("we only have the two a100s for 6 hours", UNITS)   # (6.0, start, end)
    available_window("it's 2am so realistically 7 hours", UNITS)       # (7.0, start, end)

``machine_in_use`` tells operations.py that a clock range is when a machine may be used ("we can use the RTX 4090 at
night, 8pm to 6am"). Each reading needs its own words around the number: a machine with a verb of having it, a word of
time left, a word of "only" with a night or a machine, a deadline word; "8 hours of audio", "the meeting lasts 2 hours"
or "down for 6 hours" say none of them. Words of other languages are data (``availability.yaml``, examples run by
tests/agents/understand/test_availability.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from agents.understand.numbers.windows import hour_of, sentence
from agents.understand.vocabfile import read_vocabulary

DATA_FILE = Path(__file__).resolve().parent / "availability.yaml"
_DATA = read_vocabulary(DATA_FILE)
EXAMPLES: dict[str, list] = _DATA["examples"]


def _any(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3}
_N = rf"(?P<n>\d{{1,3}}(?:[.,]\d)?|{_any(list(_WORDS))})"
_HOURS = {"hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0, "h": 1.0, "day": 24.0, "days": 24.0}
_UNIT = r"\s*-?\s*(?P<unit>hours?|hrs?|h|days?)\b"
# a machine, named or counted ("the two A100s", "our box", "the RTX 4090", "2x 3090", "GPU-lar")
_MACHINE = re.compile(r"\b(?:gpus?|gpu-\w+|servers?|machines?|box(?:es)?|nodes?|clusters?|workstations?|laptops?|desktops?|"
                      r"macs?|macbooks?|vms?|instances?|rigs?|[ahlt]\d{1,3}s?|h200s?|(?:rtx|gtx|quadro) ?\w+|"
                      r"[2-5]0[5-9]0(?: ti)?s?|\d+ ?x ?\w+)\b|" + _any(_DATA["machines"]))
# ... that the user has, gets or reserved for a time: "we only have the two A100s for 6 hours", "rented 8 H100s for 12h"
_HAVE = re.compile(r"\b(?:have|has|had|got|get|gets|rent\w*|reserv\w*|book\w*|leas\w*|allocat\w*|borrow\w*|"
                   r"can use|may use|are allowed|is ours|are ours|is free|are free|is available|are available)\b")
_FOR_N = re.compile(rf"\bfor (?:only |just |about |roughly |around |~)?{_N}{_UNIT}(?!\s*(?:of|ago|later|long)\b)")
# "12 hours reserved", "10 hours of GPU time", "8h booked for us"
_N_RESERVED = re.compile(rf"(?<![\w.,]){_N}{_UNIT}\s+(?:(?:are |is )?(?:reserved|booked|allocated|available|free)\b|"
                         r"of (?:gpu|machine|compute|cluster|server|box) ?time\b)")
# hours left: "it's 2am so realistically 7 hours", "that leaves us 9 hours", "I have about 7 hours", "only 5 hours left"
_LEFT = re.compile(rf"\b(?:(?:so|leaving|giving|(?:i|we)(?:'ve| have)?(?: (?:got|only|just))*|"
                   rf"(?:that|which) (?:gives|leaves) (?:us|me)|(?:gives|leaves) (?:us|me)|realistically)"
                   rf"\s+(?:(?:realistically|roughly|about|around|maybe|basically|effectively|only|just|like|~)\s*)*"
                   rf"|\bonly |\bjust ){_N}{_UNIT}"
                   r"(?=\s*(?:[.,;!?)]|$|\n|left\b|to (?:work with|go|spare|get it done|do it|run it)\b|tonight\b|"
                   r"(?:until|till|before) (?:the |my |our )?(?:\w+ )?(?:hearing|meeting|deadline|shift|morning|demo|launch)))")
# hours until a deadline: "the hearing is in 7 hours", "the shift starts in 5 hours"
_EVENT = r"(?:hearing|meeting|deadline|shift|demo|launch|go-live|release|audit|trial|presentation|review|board meeting)"
_UNTIL_EVENT = re.compile(rf"\b{_EVENT}\s+(?:\w+ )?(?:is|starts?|begins?|opens?|happens|kicks off)\s+in\s+"
                          rf"(?:about |roughly |around |~)?{_N}{_UNIT}")
# done within N hours, with no indexing word: "must be done in 6 hours", "has to finish within 10h"
_MUST_FINISH = re.compile(rf"\b(?:must|has to|have to|needs? to|should|got to|gotta|will have to)\s+(?:all\s+)?(?:be\s+)?"
                          r"(?:done|finished|finish|complete|completed|ready|over|wrapped up)\s+"
                          rf"(?:in|within|inside|under|in under|in less than)\s+(?:about |~|the next )?{_N}{_UNIT}")
_STREAM = re.compile(r"\b(?:new|each|every|incoming|as (?:it|they) (?:comes?|arrives?)|after (?:it|they) arrive\w*|"
                     r"of (?:arrival|upload|creation))\b")
# "only N hours" in other languages, with a night word or a machine in the sentence: "gecesi tek 2 saat bar"
_ONLY = re.compile(rf"(?<!\w)(?:{_any(_DATA['only'])})\s+(?:\S+\s+)?(\d{{1,3}}(?:[.,]\d)?)\s*([^\s\d.,;:!?]+)|"
                   # ... or "only" after the hours (Setswana "3 fela", Swahili "saa 3 tu")
                   rf"(?<![\w.,])(\d{{1,3}}(?:[.,]\d)?)\s*([^\s\d.,;:!?]+)\s+(?:{_any(_DATA['only_after'])})(?!\w)|"
                   # ... the unit first ("saa 4 tu": hours 4 only)
                   rf"(?<!\w)([^\W\d_]+)\s+(\d{{1,3}}(?:[.,]\d)?)\s+(?:{_any(_DATA['only_after'])})(?!\w)")
_NIGHT = re.compile(rf"(?<!\w)(?:{_any(_DATA['night'])})")
# a long run accepted: "fine to take the whole weekend", "it's ok if it takes a day", "can take the full weekend"
_ACCEPT = re.compile(r"\b(?:(?:fine|ok|okay|happy|alright|acceptable|no problem)\s+(?:to|if it|if that|for it to|if the job)|"
                     r"(?:it|this|that|the job) (?:can|could|may))\s+(?:take|takes|run|runs|last|lasts|use|uses)\s+"
                     r"(?:for\s+)?(?:up to\s+)?(?:the|a|an|one)\s+(?:whole |entire |full |long )?"
                     r"(?P<span>weekend|night|day|week)\b")
_SPAN_HOURS = {"weekend": 48.0, "night": 12.0, "day": 24.0, "week": 168.0}
# a deadline with the time it is now: "it's 10pm, it has to be ready by 8am", "now 1am, needed before 7am"
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)"
_NOW = re.compile(rf"\b(?:it'?s|it is|now(?: it'?s)?|currently)\s+(?:already\s+|about\s+|almost\s+)?{_CLOCK}")
_BY = re.compile(rf"\b(?:by|before|until|till|at)\s+(?:tomorrow\s+|tmrw\s+)?(?:morning\s+)?(?:at\s+)?{_CLOCK}")
_DEADLINE_WORD = re.compile(rf"\b(?:ready|done|finished|searchable|indexed|need\w*|due|deadline|{_EVENT}|prep)\b")
# a result needed by tomorrow morning, no clock: one night (12 h)
_BY_MORNING = re.compile(r"\b(?:ready|done|finished|searchable|indexed|up and running|need (?:it|this|them|that|results?)"
                         r"(?: \w+){0,3}?)\s+(?:by|before)\s+(?:tomorrow(?: morning)?|(?:the )?morning|first thing tomorrow)\b")
_NIGHT_HOURS = 12.0


def _number(said: str) -> float:
    return float(_WORDS[said]) if said in _WORDS else float(said.replace(",", "."))


def _found(m: re.Match[str]) -> tuple[float, int, int] | None:
    hours = _number(m.group("n")) * _HOURS[m.group("unit")]
    return (round(hours, 4), m.start(), m.end()) if 0 < hours <= 24 * 60 else None


def machine_in_use(low: str, start: int, end: int) -> bool:
    """Whether the sentence ``low[start:end]`` names a machine and that the user has it or may use it (a clock range
    in it is then the job's window: "we can use the RTX 4090 at night, 8pm to 6am")."""
    return bool(_MACHINE.search(low, start, end) and _HAVE.search(low, start, end))


def available_window(low: str, units: Mapping[str, float]) -> tuple[float, int, int] | None:
    """(hours, start, end) of the time the user has for the job (see the module docstring), or None. ``units`` maps
    the hour and day words of other languages to hours ("saat" -> 1)."""
    for m in _FOR_N.finditer(low):   # a machine the user has for a time
        s, _ = sentence(low, m.start())
        if machine_in_use(low, s, m.start()) and (found := _found(m)):
            return found
    for rx in (_N_RESERVED, _LEFT, _UNTIL_EVENT):
        for m in rx.finditer(low):
            s, e = sentence(low, m.start())
            if rx is _N_RESERVED and not _MACHINE.search(low, s, e) and "job" not in low[s:e]:
                continue
            if (found := _found(m)) is not None:
                return found
    for m in _MUST_FINISH.finditer(low):
        if not _STREAM.search(low, *sentence(low, m.start())) and (found := _found(m)):
            return found
    for m in _ONLY.finditer(low):
        number, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4)) if m.group(3) else (
            m.group(6), m.group(5))
        unit = units.get(word)
        s, e = sentence(low, m.start())
        if unit and (_NIGHT.search(low, s, e) or _MACHINE.search(low, s, e)):
            return round(_number(number) * unit, 4), m.start(), m.end()
    if (m := _ACCEPT.search(low)) is not None:
        return _SPAN_HOURS[m.group("span")], m.start(), m.end()
    return _deadline(low)


def _deadline(low: str) -> tuple[float, int, int] | None:
    """Hours from the time it is now to a deadline said with a clock ("it's 10pm; ready by 8am" = 10 h), or one night
    for a result needed by tomorrow morning."""
    now = _NOW.search(low)
    by = next((m for m in _BY.finditer(low) if now is None or m.start() != now.start()), None)
    if now is not None and by is not None and _DEADLINE_WORD.search(low):
        start, end = hour_of(*now.groups()), hour_of(*by.groups())
        if start is not None and end is not None and (hours := (end - start) % 24):
            return round(hours, 4), min(now.start(), by.start()), max(now.end(), by.end())
    if (m := _BY_MORNING.search(low)) is not None:
        return _NIGHT_HOURS, m.start(), m.end()
    return None
