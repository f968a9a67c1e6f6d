"""Languages of the example queries a user quotes: "buyers type things like 'bright kitchen with island' or
'cocina con isla'" means queries come in English and Spanish, though no language is named.

A quote counts as an example query when it is short (1-8 words), stands after an example cue ("like", "e.g.",
"such as", "type", "search for", "queries", ...) or next to another quote, and is not a model name. Its language is
read from word frequencies: every word's Zipf frequency in each candidate language's ``wordfreq`` "small" list
(Speer et al., wordfreq 3.1, https://github.com/rspeer/wordfreq, code Apache-2.0, data CC BY-SA 4.0), summed; the
best language must lead the runner-up clearly and know at least two of its words and half of them (long compounds such as
"hitzebeständige" are in no list). Non-Latin quotes go by their script. Short
text is hard to place, so anything unclear gives nothing: the user is told what was read, and can correct it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agents.understand.languages.written import script_language
from agents.understand.prep import Prepared

MAX_WORDS = 8
LEAD = 1.5            # best summed Zipf frequency - runner-up's (log10 units: ~30x likelier)
MIN_ZIPF = 1.0        # below this a word counts as unknown to a language
MIN_KNOWN = 2         # known words of 3+ letters a quote needs ("xq-3000 pro" has one: unclear)
# Latin-script languages with a wordfreq "small" list; others are told apart by script.
CANDIDATES = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "sl", "ro", "hu",
              "tr", "id", "ms", "vi", "ca", "lt", "lv", "is")

# "for example" in the other languages users write in ("bijvoorbeeld 'groene fluwelen bank'", "z. B. 'rote Sofas'").
FOR_EXAMPLE = ("bijvoorbeeld", "bv.", "z.b.", "z. b.", "zum beispiel", "par exemple", "p.ex.", "p. ex.", "por ejemplo",
               "p.ej.", "p. ej.", "ad esempio", "per esempio", "por exemplo", "na przykład", "np.", "misalnya", "contohnya",
               "například", "napr.", "napríklad", "för exempel", "t.ex.", "t. ex.", "for eksempel", "f.eks.", "f. eks.",
               "esimerkiksi", "örneğin", "ví dụ", "например", "наприклад", "例えば", "たとえば", "例如", "比如", "예를 들어")
_QUOTED = re.compile(r"'([^'\n]{2,80})'|\"([^\"\n]{2,80})\"|\u2018([^\u2019\n]{2,80})\u2019|\u201c([^\u201d\n]{2,80})\u201d|"
                     r"\u201e([^\u201c\u201d\n]{2,80})[\u201c\u201d]|\u00ab\s?([^\u00bb\n]{2,80}?)\s?\u00bb")
_CUE = re.compile(r"(?:\bshort|\bbrief|\blike|"
                  r"\be\.?g\.?|\bsuch as|\bfor example|\bfor instance|\bsay|\btype[sd]?|\btyping|\bsearch(?:es)?"
                  r"(?: for)?|\bquer(?:y|ies)|\bask(?:s|ing)?|\blook(?:s|ing)? for|\bfind|\bwrite|\bwrites|\benter|"
                  r"\bsomething like|" + "|".join(r"(?<!\w)" + re.escape(w) for w in FOR_EXAMPLE) +
                  r"|(?<![\"'\u201d\u2019]):)\s*\(?\s*$")   # a colon after a quoted key ('"hosting": "on-prem"') gives a value
_BETWEEN = re.compile(r"^\s*(?:,|or|and|/|,\s*or|,\s*and)\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@dataclass(frozen=True)
class ExampleLanguage:
    """The language read from one quoted example query."""

    code: str
    quote: str
    span: tuple[int, int]


def example_languages(prep: Prepared) -> list[ExampleLanguage]:
    """The languages of the example queries quoted in ``prep`` (one entry per quote whose language is clear)."""
    quotes = _quotes(prep)
    out: list[ExampleLanguage] = []
    for i, (s, e, inner) in enumerate(quotes):
        if not _is_example(prep, quotes, i) or any(ms < e and s < me for ms, me in prep.models):
            continue
        code = quote_language(inner)
        if code:
            out.append(ExampleLanguage(code, inner.strip(), (s, e)))
    return out


def example_spans(prep: Prepared) -> list[tuple[int, int]]:
    """Spans of the quoted examples in ``prep`` (queries or documents shown, whatever their language): their words
    describe the data's content, not the user's needs ("very short ('part time care assistant')" is no assistant)."""
    quotes = _quotes(prep)
    return [(s, e) for i, (s, e, _) in enumerate(quotes) if _is_example(prep, quotes, i)]


def _quotes(prep: Prepared) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in _QUOTED.finditer(prep.text)]


def _is_example(prep: Prepared, quotes: list[tuple[int, int, str]], i: int) -> bool:
    s, _, inner = quotes[i]
    if not 1 <= len(_WORD.findall(inner)) <= MAX_WORDS:
        return False
    if _CUE.search(prep.low[max(0, s - 40):s]):
        return True
    prev_end = quotes[i - 1][1] if i else None
    return prev_end is not None and bool(_BETWEEN.match(prep.low[prev_end:s])) and _is_example(prep, quotes, i - 1)


def quote_language(text: str) -> str | None:
    """ISO 639-1 code of a short phrase's language, or None when unclear (unknown words, a close runner-up)."""
    by_script = script_language(text, min_letters=2)
    if by_script:
        return by_script
    words = [w.lower() for w in _WORD.findall(text) if len(w) > 1]
    if not words:
        return None
    scores = {c: sum(_zipf(w, c) for w in words) for c in CANDIDATES}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    known = sum(_zipf(w, best) >= MIN_ZIPF and len(w) > 2 for w in words)
    if top - second < LEAD or known < MIN_KNOWN or 2 * known < len(words):
        return None
    return best


@lru_cache(maxsize=4096)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency  # imported on first use: most messages quote no example
    return zipf_frequency(word, lang, wordlist="small")
