"""Speed: a latency target ("under 50 ms", "half a second", "unter einer Viertelsekunde") and a rate per second ("100
QPS", "80 Anfragen pro Sekunde", "~5,000 messages/second, peaks ~20k/s").

A rate of queries is the query rate. A rate of other things (messages, alerts, clips) is a stream: its daily volume is
``ingest_per_day`` (``streams``); when it is said per second or per minute and the message says the items are embedded
as they arrive ("in real time", "as it comes in", "every user message"), each one is encoded like a query at that
throughput, so that rate (the peak, when one is given) is also the query rate. A count per unit of time is never the
corpus size (:func:`per_time`). Words of other languages are data (``timing.yaml``, read by ``timing``).
"""

from __future__ import annotations

import re

from agents.understand.numbers.context import Measure
from agents.understand.numbers.quantities import Number, fmt
from agents.understand.numbers.timing import STREAM, TIMING, glued_unit, rate_said_before
from agents.understand.prep import Prepared

QUERY_NOUNS = frozenset({"queries", "query", "requests", "request", "searches", "search", "lookups", "calls", "hits", "req",
                         "reqs", "questions", "users"})
# Calls that are recordings, not requests ("we transcribe our customers' sales calls ... ~200k calls a month"): items.
_PHONE_CALLS = re.compile(r"\b(?:transcri\w+|recorded|recordings?|(?:sales|phone|support|voice|customer|service|"
                          r"recorded|inbound|outbound) calls?|call cent(?:er|re)s?)\b")


def phone_calls(prep: Prepared) -> bool:
    """The message speaks of calls as recordings or conversations (then "200k calls a month" are items, not queries)."""
    return bool(_PHONE_CALLS.search(prep.low))


_RATE = {"second": 1, "sec": 1, "s": 1, "minute": 1 / 60, "min": 1 / 60, "hour": 1 / 3600, "hr": 1 / 3600, "h": 1 / 3600,
         "day": 1 / 86400, "month": 1 / (30 * 86400)}
_GLUED_RATE = {"qps": 1.0, "rps": 1.0, "qpm": 1 / 60, "rpm": 1 / 60, "qph": 1 / 3600}
_LATENCY_CONTEXT = re.compile(r"\b(?:latency|latencies|respond|responds|response|responses|reply|answer|returns?|under|within|"
                              r"below|less than|at most|max(?:imum)?|p\d\d|faster|takes?|wait|budget|fine|ok|okay|acceptable|"
                              r"enough|sla|timeout|round[- ]trip)\b|<")
_FRACTIONS = {"half": 500.0, "quarter": 250.0, "third": 333.3, "fifth": 200.0, "tenth": 100.0, "hundredth": 10.0}
_FRACTION_SECOND = re.compile(r"\b(?:(?:under|within|below|less than|in|up to|at most|no more than|wait|waiting) (?:up to )?"
                              r"(?:a |one )?(half|quarter|third|fifth|tenth|hundredth) (?:of )?a second\b|"
                              r"(?:a |one )?(half|quarter|third|tenth) (?:of )?a second"
                              r"(?= per (?:search|query|request|lookup)| is (?:fine|ok|okay|acceptable|enough)| max| at most|"
                              r" or (?:less|faster)))")
_SUB_SECOND = re.compile(r"\bsub[- ]?second\b|\b(?:under|within|below|less than|in) (?:a|one) second\b|"
                         # a limit moved to a whole second: "could we loosen the latency to a full second?"
                         r"\b(?:latency|response time|target|sla)\b[^.;!?]{0,24}?\b(?:to|at) (?:a|one) (?:full |whole )?second\b")
# Several parts of a second spelled out ("two tenths of a second", "three quarters of a second"), read in a clause about
# the response time.
_PARTS_OF_SECOND = re.compile(r"\b(two|three|four|five|six|seven|eight|nine) (thirds|quarters|fifths|tenths|hundredths) "
                              r"(?:of )?a second\b")
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# Answers to "is there a latency target?" may drop the preposition: "half a second", "a second".
_FRACTION_SECOND_ANSWER = re.compile(r"\b(?:(?:under|within|below|less than|in) )?(?:a |one )?(half|quarter|third|fifth|tenth|"
                                     r"hundredth) "
                                     r"(?:of )?a second\b")
_SUB_SECOND_ANSWER = re.compile(r"\bsub[- ]?second\b|\b(?:(?:under|within|below|less than|in) )?(?:a|one) second\b")
# The peak said as the busiest unit of time before the count ("the busiest minute of the day sees about 900 queries").
_PEAK_UNIT = re.compile(r"\b(?:busiest|peak|heaviest|worst|single busiest)\s+(second|minute|hour)\b[^.;!?\d]{0,40}$")
# A count per unit of time: up to two words (what is counted), a "per" word, a unit ("messages/second", "a day").
_PER_WORDS = frozenset({"/", "per", "a", "an", "each", "every"})
_TIME_UNITS = {**_RATE, "secs": 1, "seconds": 1, "minutes": 1 / 60, "mins": 1 / 60, "hours": 1 / 3600, "hrs": 1 / 3600,
               "days": 1 / 86400}


def second_phrases(prep: Prepared, answering: bool) -> list[Measure]:
    """Latencies said without digits: "sub-second", "under half a second", "unter einer Viertelsekunde"."""
    out = [Measure("latency_ms", 1000.0, m.start(), m.end())
           for m in (_SUB_SECOND_ANSWER if answering else _SUB_SECOND).finditer(prep.low)]
    out += [Measure("latency_ms", _FRACTIONS[next(g for g in m.groups() if g)], m.start(), m.end())
            for m in (_FRACTION_SECOND_ANSWER if answering else _FRACTION_SECOND).finditer(prep.low)]
    for m in _PARTS_OF_SECOND.finditer(prep.low):   # "two tenths of a second is the upper limit for a response"
        if answering or _LATENCY_CONTEXT.search(prep.clause(m.start())):
            out.append(Measure("latency_ms", round(_SMALL[m.group(1)] * _FRACTIONS[m.group(2)[:-1]], 1), m.start(), m.end()))
    for m in TIMING["fractions"].finditer(prep.low):
        if answering or TIMING["context"].search(prep.clause(m.start())) or _LATENCY_CONTEXT.search(prep.clause(m.start())):
            out.append(Measure("latency_ms", TIMING["fraction_ms"][m.group(1)], m.start(), m.end()))
    return out


# A bare limit after a latency said in milliseconds: "the old search takes 900 ms per query; we need it under 200".
_LIMIT_BEFORE = re.compile(r"\b(?:under|below|within|less than|at most|no more than|max(?:imum)?)\s*$")
_MS_SAID = re.compile(r"\d\s*(?:ms|msec|milliseconds?)\b")


def latency(prep: Prepared, num: Number, nxt: list[str], prev: list[str], answering: bool = False) -> Measure | None:
    unit = (num.unit or (nxt[0] if nxt else "")).split("'")[0]   # Turkish "200 ms'nin altında"
    unit = (not num.unit and glued_unit(prep, num.end)) or unit   # "50毫秒", "100ミリ秒"
    if prev and prev[-1] in ("per", "/", "every"):
        return None
    if unit in ("ms", "msec", "millisecond", "milliseconds") or unit in TIMING["ms"]:
        return Measure("latency_ms", num.value, num.start, num.end)
    clause = prep.clause(num.start)
    if (unit in ("s", "sec", "secs", "second", "seconds") or unit in TIMING["s"]) and (
            answering or _LATENCY_CONTEXT.search(clause) or TIMING["context"].search(clause)):
        return Measure("latency_ms", num.value * 1000, num.start, num.end)
    if not num.unit and (not nxt or not nxt[0][:1].isalnum()) and 1 <= num.value <= 10_000 \
            and _LIMIT_BEFORE.search(prep.low, max(0, num.start - 20), num.start) and _MS_SAID.search(prep.low):
        return Measure("latency_ms", num.value, num.start, num.end)   # "... 900 ms per query; we need it under 200"
    return None


def per_time(prep: Prepared, num: Number) -> tuple[float, str, str] | None:
    """(per-second factor, what is counted, the unit) when a count per unit of time follows the number ("5,000 messages/second",
    "~20k/s", "5 million a day", "3 million messages per day"), else None."""
    toks = prep.tokens[num.last_token + 1:num.last_token + 6]
    words = [t.text for t in toks]
    for skip in range(3):
        if len(words) < skip + 2 or any(not w.isalpha() for w in words[:skip]):
            break
        said, unit = words[skip], words[skip + 1]
        if said in _PER_WORDS and unit in _TIME_UNITS and not (said in ("a", "an") and skip == 0 and not num.scaled
                                                               and num.value < 1000):
            return _TIME_UNITS[unit], " ".join(words[:skip]), unit
    return None


def qps(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> Measure | None:
    if num.unit and num.unit not in _GLUED_RATE:
        return None
    if any(w in _GLUED_RATE for w in prev[-2:]) and not nxt[:1] == ["ms"]:   # "QPS ~ 20", "qps: 50"
        rate = next(_GLUED_RATE[w] for w in reversed(prev[-2:]) if w in _GLUED_RATE)
        return Measure("queries_per_second", round(num.value * rate, 4), num.start, num.end)
    if num.unit in _GLUED_RATE:
        return Measure("queries_per_second", round(num.value * _GLUED_RATE[num.unit], 4), num.start, num.end)
    if nxt and nxt[0] in _GLUED_RATE:
        return Measure("queries_per_second", round(num.value * _GLUED_RATE[nxt[0]], 4), num.start, num.end)
    if (factor := rate_said_before(prep, num.start, num.end)) is not None:   # "每秒大约100次查询", "초당 50건 정도 요청"
        return Measure("queries_per_second", round(num.value * factor, 4), num.start, num.end)
    after = [t.text for t in prep.tokens[num.last_token + 1:num.last_token + 2]]
    if prev and prev[-1] in TIMING["per"] and after and (after[0] in QUERY_NOUNS or after[0] in TIMING["queries"]):
        per = TIMING["per"][prev[-1]]   # "Saniyede 15 sorgu": the time first, as Turkish says it
        return Measure("queries_per_second", round(num.value / per, 4), num.start, num.end)
    texts = [t.text for t in prep.tokens[num.last_token + 1:num.last_token + 8]]
    for i, w in enumerate(texts[:3]):
        if w[0].isdigit() or w in (",", ";", "."):
            break
        if w == "calls" and phone_calls(prep):   # sales calls transcribed and embedded: items, not queries
            break
        if w in QUERY_NOUNS or w in TIMING["queries"]:
            for p in texts[i + 1:i + 5]:
                base = p[:-1] if p.endswith("s") and p[:-1] in _RATE else p
                if base in _RATE:   # "3k users who each run maybe 10 searches a day": the users' queries together
                    users, note = _users_each(prep, num)
                    return Measure("queries_per_second", round(num.value * users * _RATE[base], 4), num.start, num.end,
                                   note=note)
                if p in TIMING["per"]:   # "80 Anfragen pro Sekunde", "40 zapytań na sekundę", "10 kueri per detik"
                    return Measure("queries_per_second", round(num.value / TIMING["per"][p], 4), num.start, num.end)
            peak = _PEAK_UNIT.search(prep.low, prep.clause_bounds(num.start)[0], num.start)
            if peak:   # "the busiest minute of the day sees about 900 queries"
                return Measure("queries_per_second", round(num.value * _RATE[peak.group(1)], 4), num.start, num.end)
            return None
    return _stream(prep, num)


_USERS_EACH = re.compile(r"\b(\d[\d,.]*\s*k?)\s+(?:\w+\s+)?(?:users|people|employees|staff|agents|analysts|lawyers|doctors|"
                         r"engineers|customers|members|students|clinicians|reps)\b[^.;!?]{0,30}?\beach\b[^.;!?]{0,25}$")


def _users_each(prep: Prepared, num: Number) -> tuple[float, str | None]:
    """The number of users when the count is per user ("3k users who each run 10 searches a day"), else 1."""
    m = _USERS_EACH.search(prep.low, max(0, num.start - 80), num.start)
    if m is None:
        return 1.0, None
    said = m.group(1).replace(",", "").strip()
    users = float(said[:-1]) * 1000 if said.endswith("k") else float(said) if said.replace(".", "").isdigit() else 1.0
    return users, f"I multiplied the queries per user by the users ({fmt(users)}) to get the query load."


def _stream(prep: Prepared, num: Number) -> Measure | None:
    """Items per second or per minute embedded as they arrive (see the module docstring), as queries per second."""
    rate = per_time(prep, num)
    if rate is None or rate[0] < 1 / 60 or not STREAM.search(prep.low):   # a daily volume is ingest_per_day only
        return None
    factor, what, unit = rate
    value = round(num.value * factor, 4)
    note = (f"Each of the {what or 'items'} is embedded as it arrives, so I also took {fmt(round(value, 2))} per second as "
            "the query rate the model must keep up with.")
    return Measure("queries_per_second", value, num.start, num.end, "stream", note)
