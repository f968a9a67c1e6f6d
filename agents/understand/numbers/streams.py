"""New items that arrive all the time and are embedded as they come: "~5 million alerts a day", "3 million messages
per day", "about 5,000 messages/second", "a few hundred new judgments a week".

    find_stream(prepare("our SOC gets ~5 million alerts a day and we embed every alert as it comes in"))
    # (5000000.0, start, end, None): operations.find_operations makes it the ingest_per_day setting

A rate of items is a stream, never the size of the corpus (:func:`stream_rate` tells the document reader to leave the
number alone). Queries, searches, requests and users per period are a query load, not new items; money, hours and
other units per period are not counted. The rate is converted to items per day (a week has 7 days, a month 30).
"""

from __future__ import annotations

import re

from agents.understand.numbers import money
from agents.understand.numbers.clips import clip_seconds
from agents.understand.numbers.counted import NOT_COUNTED
from agents.understand.numbers.foreign_streams import foreign_rate
from agents.understand.numbers.grouping import regroup
from agents.understand.numbers.nouns import is_doc_noun
from agents.understand.numbers.quantities import Number, find_numbers
from agents.understand.numbers.speed import phone_calls
from agents.understand.prep import Prepared

PER_DAY = {"second": 86_400.0, "sec": 86_400.0, "s": 86_400.0, "minute": 1_440.0, "min": 1_440.0, "hour": 24.0,
           "hr": 24.0, "h": 24.0, "day": 1.0, "night": 1.0, "week": 1 / 7, "month": 1 / 30, "quarter": 1 / 90}
_ADVERB = {"daily": "day", "nightly": "night", "hourly": "hour", "weekly": "week", "monthly": "month",
           "quarterly": "quarter"}
# What streams in besides document nouns: events and signals that are embedded as they arrive.
STREAM_NOUNS = frozenset({"alerts", "alert", "messages", "message", "msgs", "events", "event", "logs", "log", "lines",
                          "clips", "clip", "recordings", "readings", "snippets", "posts", "comments", "tweets", "chats",
                          "frames", "images", "photos", "pictures", "uploads", "listings", "items", "records", "entries",
                          "signals", "notifications", "transactions", "orders", "mails", "emails", "sms", "texts", "ones",
                          "chunks", "passages", "vectors", "embeddings", "segments", "files", "commits", "stories",
                          "story", "articles", "issues", "releases", "episodes", "headlines", "leads", "bids"})
# The corpus growing by a number ("it grows by ~2k a day", "adds about 500 a week"): the count is the new items.
_GROWS_BY = re.compile(r"\b(?:grows?|growing|grew|increases?|increasing|goes up|going up|expands?|expanding) by"
                       r"\s*(?:about |around |roughly |~\s*)?$|"
                       r"\b(?:adds?|adding|gains?|gaining) (?:about |around |roughly |~\s*)?$")
# Not new items: a query load, people, money, time.
_NOT_ITEMS = frozenset({"queries", "query", "searches", "search", "requests", "request", "lookups", "calls", "hits",
                        "users", "visitors", "sessions", "questions", "people", "customers", "players", "dollars", "usd",
                        "eur", "euros", "hours", "hrs", "minutes", "mins", "seconds", "times", "tokens", "words", "gb",
                        "mb", "tb", "qps", "rps", "dau", "mau"})
_PERIOD = r"(?:second|sec|s|minute|min|hour|hr|h|day|night|week|month|quarter)"
_PERIOD_WORD = r"(?:second|minute|hour|day|night|week|month|quarter)"
# Verbs of arriving between the items and their period: "5k new tickets come in every day", "get added each week".
_ARRIVE = (r"(?:\s+(?:come|comes|coming|pour|pours|flow|flows|roll|rolls) in|\s+(?:get|gets|are|is) (?:added|created|filed|"
           r"uploaded|ingested|published|opened)|\s+(?:arrive|arrives|land|lands|show up|shows up))?")
_AFTER = re.compile(r"\s*(?:(?:new|fresh|incoming|more|extra|additional|short|tiny|small|raw)\s+)?"
                    rf"(?P<noun>[^\W\d_][\w'-]*)?(?:\s+[^\W\d_][\w'-]*){{0,2}}?{_ARRIVE}"
                    rf"(?:\s+(?:a|an|per|each|every)\s+(?P<per>{_PERIOD_WORD})s?\b|\s*/\s*(?P<slash>{_PERIOD})\b|"
                    r"\s+(?P<adv>daily|nightly|hourly|weekly|monthly|quarterly)\b)")


def stream_rate(prep: Prepared, num: Number) -> float | None:
    """New items per day when ``num`` counts items per period ("5 million alerts a day"), else None."""
    if num.too_large or num.value < 2 or num.unit:
        return None
    toks = prep.tokens
    nxt = [t.text for t in toks[num.last_token + 1:num.last_token + 3]]
    if money.currency(prep, num, nxt, [t.text for t in toks[max(0, num.first_token - 2):num.first_token]]):
        return None   # "$50/month" is a budget
    m = _AFTER.match(prep.low, num.end)
    if not m:
        return _period_first(prep, num) or foreign_rate(prep, num)
    if not m or prep.low[num.end:num.end + 1] == "-":
        return None
    noun = (m.group("noun") or "").lower()
    words = re.findall(r"[^\W\d_][\w'-]*", prep.low[num.end:m.end()])
    items = _NOT_ITEMS - {"calls"} if phone_calls(prep) else _NOT_ITEMS   # "200k sales calls a month" are recordings
    if noun in items or any(w in items for w in words):
        return None
    if not noun and m.group("adv"):   # "400k daily active users": "daily" describes what follows
        return None
    if not noun and _GROWS_BY.search(prep.low, max(0, num.start - 30), num.start):
        return num.value * PER_DAY[m.group("per") or m.group("slash") or _ADVERB[m.group("adv")]]
    if not noun:   # "drowning in alerts - ~5 million a day": the noun came before the number
        before = re.findall(r"[^\W\d_][\w'-]*", prep.low[max(0, num.start - 40):num.start])
        noun = next((w for w in reversed(before) if w in STREAM_NOUNS or is_doc_noun(w)), "")
    grows = _GROWS_BY.search(prep.low, max(0, num.start - 30), num.start)   # "the feed adds ~45k headlines per week"
    counted = [noun, *words]
    if not grows and not any(w in STREAM_NOUNS or is_doc_noun(w) or w in _NOT_ITEMS - items for w in counted):
        return None   # "15M code chunks a month"
    per = m.group("per") or m.group("slash") or _ADVERB[m.group("adv")]
    return num.value * PER_DAY[per]


# "every day roughly two thousand fresh listings appear": the period first, then the count of new or arriving items.
_PERIOD_BEFORE = re.compile(rf"\b(?:every|each|per|a|an)\s+(?P<per>{_PERIOD_WORD})\b[^.;!?\d]{{0,40}}$")
_NEW_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:new|fresh|incoming|additional)\b|"
                        r"\s*(?:[\w-]+\s+){0,3}?(?:arrive|arrives|appear|appears|come in|comes in|get added|are added|"
                        r"show up|shows up|pour in|land)\b")


def _period_first(prep: Prepared, num: Number) -> float | None:
    """New items per day said with the period before the count ("each week about 300 new contracts come in")."""
    period = _PERIOD_BEFORE.search(prep.low, max(prep.clause_bounds(num.start)[0], num.start - 40), num.start)
    new = _NEW_AFTER.match(prep.low, num.end) if period else None
    after = re.findall(r"[^\W\d_]+", prep.low[num.end:num.end + 40])[:4]   # "500 new users sign up" is no stream
    if period is None or new is None or any(w in _NOT_ITEMS or w in NOT_COUNTED for w in after):
        return None
    return num.value * PER_DAY[period.group("per")]


def find_stream(prep: Prepared) -> tuple[float, int, int, str | None] | None:
    """The first rate of new items in the message: (items per day, start, end, note), or None."""
    for num in regroup(prep, find_numbers(prep)):
        rate = stream_rate(prep, num)
        if rate is not None:
            m = _AFTER.match(prep.low, num.end)
            end = m.end() if m else num.end
            note = None if rate == num.value else f"I read that as about {rate:,.0f} new items a day."
            return round(rate, 2), num.start, end, note
    return recorded(prep)


# Recording sources ("40 stations 24/7", "~600 pumps, each records a clip every 5 minutes"): the stream is the sources
# times the clips each makes a day.
_SOURCES = re.compile(r"(?<![\w.])~?(\d[\d,]*)\s+(?:radio |tv |security |ip |acoustic |audio )?(stations|channels|cameras|"
                      r"microphones|mics|sensors|pumps|machines|devices|feeds|streams|turbines|meters)\b")
_NONSTOP = re.compile(r"\b(?:24/7|24x7|around the clock|round the clock|non-?stop|continuously)\b")
_EVERY = re.compile(r"\bevery\s+(\d+(?:\.\d+)?)?\s*(second|sec|minute|min|hour)s?\b")
_MAKES = re.compile(r"\b(?:records?|recording|captures?|takes?|sends?|produces?|generates?|uploads?|emits?|logs?|snaps?)\b")
_SECONDS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600}


def recorded(prep: Prepared) -> tuple[float, int, int, str | None] | None:
    """Clips a day from recording sources: N sources recording non-stop cut into windows of the stated length, or
    each making one clip every T; None when the message says neither."""
    src = _SOURCES.search(prep.low)
    if src is None:
        return None
    sources = float(src.group(1).replace(",", ""))
    every = _EVERY.search(prep.low, src.end(), src.end() + 160)
    if every is not None and _MAKES.search(prep.low, src.end(), every.start()):
        gap = float(every.group(1) or 1) * _SECONDS[every.group(2)]
        rate = sources * 86_400 / gap
        how = f"{sources:,.0f} {src.group(2)} x one clip every {every.group(0)[6:]}"
        return round(rate, 2), src.start(), every.end(), f"I read that as {how} = about {rate:,.0f} new clips a day."
    clip = clip_seconds(prep)
    if clip is None or not _NONSTOP.search(prep.low):
        return None
    seconds = clip[0]
    rate = sources * 86_400 / seconds
    return round(rate, 2), src.start(), src.end(), (f"I read that as {sources:,.0f} {src.group(2)} recorded non-stop in "
                                                     f"{seconds:g}-second windows = about {rate:,.0f} new clips a day.")
