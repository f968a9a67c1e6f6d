"""New items per period in other languages, read from ``stream_words.yaml`` (data, examples run as tests): "Pro Tag …
3.000 neue Störungsmeldungen", "1.200 novos chamados por dia", "每天大约新增3万条新闻" are new items per day."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

# Other languages (data, with examples run as tests): period phrases and words for "new" items.
_WORDS = read_vocabulary(Path(__file__).resolve().parent / "stream_words.yaml")
EXAMPLES: list = _WORDS["examples"]
_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0}
_FOREIGN_PERIOD = {str(w): _DAYS[k] for k, ws in _WORDS["periods"].items() for w in ws}
_FOREIGN = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w[:1].isascii() or w[:1].isalpha() and not
                               re.match(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", w) else re.escape(w)
                               for w in sorted(_FOREIGN_PERIOD, key=len, reverse=True)))
_NEW = re.compile(_WORDS["new_words"])
_HOURS_AFTER = re.compile(r"\s*(?:h|hours?|horas?|heures?|ore|uur|stunden|jam|giờ|saat|часа|小时|小時|時間|시간)(?!\w)")


def says_new_per_period(prep: Prepared, num: Number) -> float | None:
    """Days per period when the clause of ``num`` has a period phrase (not the number itself) and a word for new items."""
    start, end = prep.clause_bounds(num.start)
    clause = prep.low[start:end]
    found, news = _marks(clause)
    periods = [m for m in found if not (m[0] < num.end - start and m[1] > num.start - start)]
    if not periods or not news:
        return None
    # the count nearest those words, not another one in the clause: "50.000 documentos y cada día llegan 200 nuevos"
    marks = [(m[0], m[1]) for m in [*periods, *news]]

    def distance(a: int, b: int) -> int:
        return min(max(m[0] - b, a - m[1], 0) for m in marks)

    counts = [(m.start(), m.end()) for m in re.finditer(r"\d+(?:[.,\s]\d{3})*", clause)
              if not _HOURS_AFTER.match(clause, m.end())]   # "24 jam nonstop", "las 24 horas": round the clock
    mine = distance(num.start - start, num.end - start)
    if any(distance(a, b) < mine for a, b in counts if not a <= num.start - start < b):
        return None
    return _FOREIGN_PERIOD[periods[0][2]]


@lru_cache(maxsize=1024)
def _marks(clause: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The period phrases and the words for new items in a clause (each clause is read once for all its numbers)."""
    return ([(m.start(), m.end(), m.group()) for m in _FOREIGN.finditer(clause)],
            [(m.start(), m.end(), m.group()) for m in _NEW.finditer(clause)])


def foreign_rate(prep: Prepared, num: Number) -> float | None:
    """"Pro Tag … 3.000 neue Störungsmeldungen", "1.200 novos chamados por dia", "每天大约新增3万条新闻": a count in the
    clause of a period phrase of another language and a word for new or added items is new items per day."""
    days = says_new_per_period(prep, num)
    return None if days is None else num.value / days
