"""Indexing windows said without a count of hours: a span of weekdays ("Friday 8pm to Monday 8am" = 60 h,
"from Saturday morning until Sunday night" = 38 h), "over the weekend" (48 h), "within a day" (24 h), a machine
reserved for a time ("a p4d.24xlarge (8x A100) for two weeks" = 336 h), a job run "overnight" (one night, 12 h)
and weeks named in other languages
("możemy dać nawet tydzień" = 168 h, :func:`named_span`).

    word_window("the full rebuild can run over the weekend, friday 8pm to monday 8am", indexing)   # 60.0 h, the span
    word_window("a complete re-index should be done within a day", indexing)                       # 24.0 h

Each needs a sentence about a (re-)indexing job (``indexing``, the pattern ``operations`` reads jobs with). A weekday
span is preferred to "over the weekend" in the same sentence, since it says where the weekend starts and ends. A day
named without a clock time is taken at 18:00 when the job starts and 08:00 when it must end (an evening-to-morning
batch): an assumption the evidence shows.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?;\n]+")
# A dot that ends an abbreviation ends no sentence: "på én nat, dvs. inden for 8 timer", "z.B. 6 Stunden", "ca. 8 h".
_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:dvs|d\.h|z\.\s?b|bzw|ca|approx|etc|i\.e|e\.g|vs|usw|ggf|evt|bl\.a|f\.eks|t\.ex|"
                           r"p\.ex|mio|mrd|tys|mln|"
                           # weekdays cut short: "Fr. abend bis Mo. früh", "Fri. 8pm to Mon. 8am"
                           r"mo|di|mi|fr|sa|(?<=bis )(?:do|so)|mon|tue|wed|thu|fri|sat|sun)$")
_INITIAL = re.compile(r"\.[a-z]\.")


def sentence(low: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence (up to '.', '!', '?', ';' or a line end, a dot after an abbreviation excepted)
    holding ``pos``."""
    start = None
    for m in _SENTENCE.finditer(low):
        if start is None:
            start = m.start()
        after = low[m.end():m.end() + 3]
        if after[:1] == "." and (_ABBREVIATION.search(low, 0, m.end()) or _INITIAL.match(after)):
            continue   # the sentence goes on after "dvs." or the "d." of "d.h."
        if start <= pos < m.end():
            return start, m.end()
        start = None
    return 0, len(low)


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# a weekday in full, or abbreviated when a clock time follows ("fri 8pm"; "sat" alone is a verb)
_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mon|tue|wed|thu|fri|sat|sun)\.?(?=\s*\d))"
_PARTS = {"morning": 8.0, "noon": 12.0, "midday": 12.0, "afternoon": 14.0, "evening": 18.0, "night": 22.0,
          "midnight": 24.0, "eod": 18.0}
_TIME = r"(?:\s*(?:at\s+|@\s*)?(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?|(morning|noon|midday|afternoon|" \
        r"evening|night|midnight|eod)))?"
_SPAN = re.compile(rf"\b(?:from\s+|between\s+)?{_DAY}{_TIME}\s*(?:to|until|till|through|thru|-|and)\s+(?:the\s+)?"
                   rf"(?:following\s+|next\s+)?{_DAY}{_TIME}")
_WEEKEND = re.compile(r"\b(?:over|during|across|throughout|on|at|in)\s+(?:the\s+|a\s+|one\s+)?(?:whole\s+|entire\s+)?"
                      r"week-?end\b|\b(?:all|the whole|an entire)\s+week-?end\b")
# "within a day"; "a day's alerts embedded within that day", "each day's clips processed within the day"
_WITHIN = re.compile(r"\b(?:within|inside|under|in under|in less than|by the end of|in at most|at most)\s+"
                     r"(?:a|an|one|a single|the|that|the same)\s+(day|night|week|hour|working day|business day)\b|"
                     r"\b(?:done|finished|complete[ds]?|built|rebuilt|ready|finish(?:es)?|run|runs)\s+in\s+"
                     r"(?:a|an|one|a single)\s+(day|night|week|hour)\b|"
                     # "the first indexing can run for a week", "the backfill may take a whole weekend" (weekend above)
                     r"\b(?:can|could|may|might|is allowed to|is fine to)\s+(?:run|take|last)\s+(?:for\s+)?(?:up to\s+)?"
                     r"(?:a|an|one|a single|a whole|an entire|a full)\s+(day|night|week)\b")
# A batch job that runs "overnight" with no count of hours: one night (12 h, as "within a night"), the verb of running
# being what makes it the job's window ("it'll run on my laptop overnight", "we can leave it crunching overnight").
_OVERNIGHT = re.compile(r"\b(?:run|runs|running|ran|process\w*|crunch\w*|churn\w*|chew\w*|leave it|let it|done|finish\w*|"
                        r"complete[ds]?|embed\w*|index\w*|vectori[sz]\w*|build|builds|rebuild\w*|backfill\w*)\b"
                        r"[^.;!?\d]{0,50}?\bover ?night\b")
# ... on a computer, or "it" (the job): "our flights run overnight" is no job
_RUNS_ON = re.compile(r"\b(?:it|them|laptop|desktop|workstation|pc|mac|macbook|server|box|machine|gpu|vm|cpu|node|job|batch)\b")
# A machine the user has (reserved, rented, budgeted) for a time: the job must be done within it ("we got budget for a
# p4d.24xlarge (8x A100 40GB) for two weeks", "one node with 4x H100 reserved for a week for this job").
_RESERVED = re.compile(r"\b(?:budget for|rent\w*|book\w*|reserv\w*|leas\w*|access to|allocat\w*|got|have)\b"
                       r"(?:[^.;!?]|\.(?=\w)){0,60}?\bfor (?:just |only )?"
                       r"(?P<n>a|an|one|two|three|four|a single|a whole|an entire|a full) (?P<unit>days?|weeks?|fortnight)\b")
_MACHINE = re.compile(r"gpus?|[ahlt]\d{1,3}s?\b|h100|a100|instances?|nodes?|clusters?|machines?|servers?|boxe?s?|"
                      r"workstations?|\d+ ?x\b|p\d\w*\.\w+|vms?\b")
_N_WORDS = {"a": 1, "an": 1, "one": 1, "a single": 1, "a whole": 1, "an entire": 1, "a full": 1, "two": 2, "three": 3, "four": 4}
_UNIT_HOURS = {"day": 24.0, "night": 12.0, "week": 168.0, "hour": 1.0, "working day": 8.0, "business day": 8.0,
               "fortnight": 336.0}
WEEKEND_HOURS = 48.0


def hour_of(h: str, minutes: str | None, half: str | None) -> float | None:
    """Hours since midnight of "5am", "17:30", "22h"; None for an impossible time."""
    value = int(h)
    if half and half[0] in "ap":
        value = value % 12 + (12 if half[0] == "p" else 0)
    if value > 24 or (minutes and int(minutes) >= 60):
        return None
    return value + int(minutes or 0) / 60


def _clock(hour: str | None, minutes: str | None, half: str | None, part: str | None, default: float) -> float | None:
    """A weekday's time: a clock time, a part of the day ("evening"), or ``default`` when none is said."""
    return _PARTS[part] if part else default if hour is None else hour_of(hour, minutes, half)


def _day(word: str) -> int:
    return next(i for i, d in enumerate(_DAYS) if d.startswith(word[:3]))


def day_span(low: str, indexing: re.Pattern[str]) -> tuple[float, int, int] | None:
    """(hours, start, end) of a span of weekdays in a sentence about indexing ("friday 8pm to monday 8am" = 60 h)."""
    for m in _SPAN.finditer(low):
        d1, h1, m1, a1, p1, d2, h2, m2, a2, p2 = m.groups()
        s, e = sentence(low, m.start())
        if not indexing.search(low, s, e):
            continue
        start, end = _clock(h1, m1, a1, p1, 18.0), _clock(h2, m2, a2, p2, 8.0)
        if start is None or end is None:
            continue
        hours = ((_day(d2) - _day(d1)) % 7) * 24 + end - start
        if hours <= 0:
            hours += 168
        return round(hours, 4), m.start(), m.end()
    return None


def word_window(low: str, indexing: re.Pattern[str]) -> tuple[float, int, int] | None:
    """(hours, start, end) of a window said in words (see the module docstring), or None."""
    span = day_span(low, indexing)
    if span is not None:
        return span
    for rx in (_WEEKEND, _WITHIN):
        for m in rx.finditer(low):
            s, e = sentence(low, m.start())
            if not indexing.search(low, s, e):
                continue
            if rx is _WEEKEND:
                return WEEKEND_HOURS, m.start(), m.end()
            unit = m.group(1) or m.group(2) or m.group(3)
            return _UNIT_HOURS[unit], m.start(), m.end()
    for m in _OVERNIGHT.finditer(low):
        s, e = sentence(low, m.start())
        if indexing.search(low, s, e) or _RUNS_ON.search(low, s, e):
            return _UNIT_HOURS["night"], m.start(), m.end()
    for m in _RESERVED.finditer(low):
        if _MACHINE.search(low, sentence(low, m.start())[0], m.start("n")):
            return _N_WORDS[m.group("n")] * _UNIT_HOURS[m.group("unit").rstrip("s")], m.start("n"), m.end()
    return None


def named_span(low: str, spans: re.Pattern[str], hours: dict[str, float],
               context: re.Pattern[str]) -> tuple[float, int, int] | None:
    """(hours, start, end) of a span named in words (``spans``, e.g. "tydzień", "dos semanas"; ``hours`` maps each
    matched phrase to its length) in a sentence that ``context`` finds about (the first) indexing, or None."""
    for m in spans.finditer(low):
        s, e = sentence(low, m.start())
        if context.search(low, s, e):
            return hours[m.group()], m.start(), m.end()
    return None
