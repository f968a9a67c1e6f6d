"""The languages implied by where the users are: "users are mostly in the US, Germany, France and Spain" -> en, de,
fr, es (``countries.yaml``, from CLDR's territory data). Only a sentence about the people whose text it is counts
("our customers in Brazil"), never where the company sits or hosts ("we are based in Germany", "servers in
Frankfurt"); the reading is an assumption the reply states."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from agents.understand.numbers.windows import sentence
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

_FILE = Path(__file__).with_name("countries.yaml")
_SITE = re.compile(r"\b(?:leaves?|stays?|remains?|kept|stored|inside|within|outside|based|"
                   r"headquarter\w*|hq|offices?|compan(?:y|ies)|servers?|hosts?|hosted|hosting|data ?cent(?:er|re)s?|"
                   r"regions?|cloud|incorporated|registered)\b")


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, ...]]]:
    data = read_vocabulary(_FILE)
    by_name = {name.lower(): tuple(row["languages"]) for row in data["countries"].values() for name in row["names"]}
    names = "|".join(sorted((re.escape(n) for n in by_name), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{names})(?![\w])"), re.compile(rf"\b{data['people']}\b"), by_name


# A flag emoji is two regional indicator letters spelling the country's ISO 3166 code ("🇩🇪" = D E).
_FLAG = re.compile("([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")


@lru_cache(maxsize=1)
def _by_code() -> dict[str, tuple[str, ...]]:
    return {str(code): tuple(row["languages"]) for code, row in read_vocabulary(_FILE)["countries"].items()}


def flag_languages(prep: Prepared) -> list[tuple[str, tuple[int, int]]]:
    """(language, span) for each flag emoji of a country with one main language ("🇩🇪 + 🇬🇧 docs" -> de, en); the flag of
    a country of several languages (🇨🇭, 🇧🇪) names none of them."""
    out = []
    for m in _FLAG.finditer(prep.low):
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("a")) for c in m.groups())
        languages = _by_code().get(code, ())
        if len(languages) == 1:
            out.append((languages[0], m.span()))
    return out


def country_languages(prep: Prepared) -> list[tuple[str, tuple[int, int], str]]:
    """(language, span, country) for each country named in a sentence about where the users or customers are."""
    countries, people, by_name = _table()
    out: list[tuple[str, tuple[int, int], str]] = []
    for m in countries.finditer(prep.low):
        before = list(people.finditer(prep.low, sentence(prep.low, m.start())[0], m.start()))
        if not before or _SITE.search(prep.low, before[-1].end(), m.start()):
            continue      # no user before it in its sentence, or "customers ... our servers in Germany": where it runs
        for code in by_name[m.group(0)]:
            out.append((code, m.span(), prep.text[m.start():m.end()]))
    return out
