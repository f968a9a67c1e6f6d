"""Words of speed in other languages, read from ``timing.yaml`` (data, examples run as tests): latency units, the words
that make seconds a latency, query nouns and per-what-time words, and for Chinese, Japanese and Korean (where each Han
character is a token) a unit glued to the number ("50毫秒") and a rate said before it ("每秒大约100次查询")."""

from __future__ import annotations

import re
from pathlib import Path

from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

_RAW = read_vocabulary(Path(__file__).resolve().parent / "timing.yaml")
_FRACTION_MS = {str(k): float(v) for k, v in _RAW["fraction_seconds"].items()}
TIMING = {"ms": frozenset(_RAW["milliseconds"]), "s": frozenset(_RAW["seconds"]),
          "context": re.compile(_RAW["latency_context"]), "queries": frozenset(_RAW["query_nouns"]),
          "per": {str(k): float(v) for k, v in _RAW["per_time"].items()}, "examples": _RAW["examples"],
          "fraction_ms": _FRACTION_MS,
          "fractions": re.compile(rf"(?<!\w)(?:(?:einer?|une|un|una|um|uma|ein) )?"
                                  rf"({'|'.join(sorted(map(re.escape, _FRACTION_MS), key=len, reverse=True))})(?!\w)")}
STREAM = re.compile(_RAW["stream_context"])
_CJK_UNIT = re.compile(_RAW["cjk_unit"])
_RATE_BEFORE = re.compile(_RAW["rate_before"])
_RATE_BEFORE_MINUTE = re.compile(_RAW["rate_before_minute"])
_QUERY_AFTER = re.compile(_RAW["query_after"])


def glued_unit(prep: Prepared, end: int) -> str | None:
    """A Chinese or Japanese time unit right after the number ending at ``end`` ("50毫秒" -> "毫秒"), or None."""
    m = _CJK_UNIT.match(prep.low, end)
    return m.group(1) if m else None


def rate_said_before(prep: Prepared, start: int, end: int) -> float | None:
    """The per-second factor when the time is said before the number and queries after it: "每秒大约100次查询",
    "초당 약 30건의 쿼리" (1), "每分钟大约600次查询" (1/60); else None."""
    if not _QUERY_AFTER.match(prep.low, end):
        return None
    before = prep.low[max(0, start - 12):start]
    return 1.0 if _RATE_BEFORE.search(before) else 1 / 60 if _RATE_BEFORE_MINUTE.search(before) else None
