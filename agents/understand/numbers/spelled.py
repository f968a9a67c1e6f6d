"""Numbers spelled out in words in other languages, read with a small grammar per language from
``spelled_numbers.yaml`` (data, examples run as tests): units, tens and fused hundreds are added, "hundred" words
multiply what comes before them, and scale words (a thousand and more) close a group.

    spelled_number(prepare("deux cent mille tickets"), 0)   # (200000.0, 3): the value and the next token
    spelled_number(prepare("zweihunderttausend Seiten"), 0)  # (200000.0, 1): one word split into zwei|hundert|tausend

A run is read only in one language at a time and only when it holds a number word and a scale word, so everyday words
that are also number words ("un", "sei", "on", "hat") never become numbers on their own; a run of two or more without
a scale is read only right before money or cores (``units_after``: "dotze euros", "ocho núcleos").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

DATA_FILE = Path(__file__).resolve().parent / "spelled_numbers.yaml"
_DATA = read_vocabulary(DATA_FILE)
EXAMPLES: dict[str, list] = _DATA["examples"]
UNITS_AFTER: frozenset[str] = frozenset(str(w) for w in _DATA["units_after"])   # "dotze euros": a number without a scale

NUMBER, TIMES, SCALE, ONE_SCALE, HALF, JOINER = "number", "times", "scale", "one_scale", "half", "joiner"
_KINDS = {"numbers": NUMBER, "times": TIMES, "scales": SCALE, "one_scales": ONE_SCALE}
Piece = tuple[str, float]   # (kind, value)


def _norm(word: object) -> str:
    return unicodedata.normalize("NFKC", str(word)).lower()   # as prep.prepare reads the message


def _vocabulary(spec: dict) -> dict[str, Piece]:
    out: dict[str, Piece] = {}
    for key, kind in _KINDS.items():
        out.update({_norm(w): (kind, float(v)) for w, v in (spec.get(key) or {}).items()})
    out.update({_norm(w): (HALF, 0.5) for w in spec.get("halves") or ()})
    out.update({_norm(w): (JOINER, 0.0) for w in spec.get("joiners") or ()})
    return out


VOCABULARY: dict[str, dict[str, Piece]] = {lang: _vocabulary(spec) for lang, spec in _DATA["languages"].items()}
# The languages a word belongs to, and the words one of them glues into one ("zweihunderttausend", "kétszázezer").
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in VOCABULARY.items():
    for _w in _words:
        _LANGUAGES_OF.setdefault(_w, []).append(_lang)
# Per language, the words a glued number holds at least one of (a scale, "hundred", "half"): a word without any is
# never split in that language.
_GLUE: dict[str, re.Pattern[str]] = {
    lang: re.compile("|".join(sorted((re.escape(w) for w, (k, _) in vocab.items() if k in (TIMES, SCALE, ONE_SCALE, HALF)),
                                     key=len, reverse=True)) or "(?!)") for lang, vocab in VOCABULARY.items()}
_MAX_WORD = 40   # longer tokens are never split


@lru_cache(maxsize=8192)
def _glued_in(word: str) -> tuple[str, ...]:
    """The languages that read ``word`` as several number words glued together ("trecentomila": Italian)."""
    if len(word) > _MAX_WORD or len(word) < 4:
        return ()
    return tuple(lang for lang, glue in _GLUE.items() if glue.search(word) and (split := _split(lang, word)) and len(split) > 1)


@lru_cache(maxsize=8192)
def _split(lang: str, word: str) -> list[Piece] | None:
    """``word`` as a sequence of ``lang``'s number words, or None (the fewest pieces: "trecentomila" -> tre|cento|mila)."""
    vocab = VOCABULARY[lang]
    best: list[list[Piece] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 16), end):
            head, piece = best[start], vocab.get(word[start:end])
            if head is not None and piece is not None and (best[end] is None or len(head) + 1 < len(best[end] or ())):
                best[end] = [*head, piece]
    return best[-1]


def _word(prep: Prepared, j: int) -> str:
    """The token at ``j`` as written (a token may carry the scale word it misspells: "hundrede" is Danish)."""
    t = prep.tokens[j]
    return prep.low[t.start:t.end]


def _hyphened(prep: Prepared, j: int) -> str | None:
    """"quatre-vingt": the token at ``j``, a hyphen and the next word written together, or None."""
    toks = prep.tokens
    if j + 2 < len(toks) and toks[j + 1].text == "-" and toks[j].end == toks[j + 1].start == toks[j + 1].end - 1 \
            and toks[j + 1].end == toks[j + 2].start:
        return f"{_word(prep, j)}-{_word(prep, j + 2)}"
    return None


def _pieces(lang: str, prep: Prepared, j: int) -> tuple[list[Piece], int] | None:
    """The number words of ``lang`` in the token at ``j`` (or in "quatre-vingt" written with a hyphen) and how many
    tokens they take, or None."""
    vocab, word = VOCABULARY[lang], _word(prep, j)
    if (hyphened := _hyphened(prep, j)) in vocab:
        return [vocab[hyphened or ""]], 3
    if word in vocab:
        return [vocab[word]], 1
    joined = word[:1] in vocab and vocab[word[:1]][0] == JOINER   # Arabic and Hebrew "and" glued on: "وخمسين"
    if not (lang in _glued_in(word) or joined and len(word) <= _MAX_WORD):
        return None
    split = _split(lang, word)
    return (split, 1) if split and len(split) > 1 else None


def _read(lang: str, prep: Prepared, i: int) -> tuple[float, int] | None:
    total = current = last = largest = recent = 0.0
    said_number = said_scale = False
    j, n = i, len(prep.tokens)
    while j < n:
        got = _pieces(lang, prep, j)
        if got is None:
            break
        pieces, width = got
        if pieces[0][0] == JOINER and len(pieces) == 1:   # "y", "und", "-": only between two number words
            after = _pieces(lang, prep, j + 1) if j + 1 < n else None   # Romanian "două sute de mii": a scale too
            if not said_number or after is None or after[0][0][0] == JOINER:
                break
            j += width
            continue
        if j == i and pieces[0][0] in (SCALE, JOINER):
            return None
        for kind, value in pieces:
            if kind == NUMBER:
                current, last = current + value, value
            elif kind == TIMES:   # "deux cent": the hundreds; "seratus dua puluh": only the last word times ten
                current = current - last + (last or 1) * value if current - last >= value else (current or 1) * value
                last = current
            elif kind == HALF and not current and total:   # "dos millones y medio": half the scale just said
                total += 0.5 * recent
            elif kind == HALF and current <= 1:   # "mig milió", "eine halbe Million"
                current = last = 0.5
            elif kind in (SCALE, ONE_SCALE):
                said_scale, said_number, recent = True, said_number or kind == ONE_SCALE, value
                if value > largest:   # "dos millones quinientos mil", "mil millones"
                    total, largest = ((total + current) or 1) * value, value
                else:
                    total += (current or 1) * value
                current = last = 0.0
                continue
            said_number = said_number or kind != JOINER
        j += width
    if not said_scale and said_number and total + current >= 2 and j < n and _word(prep, j) in UNITS_AFTER:
        return total + current, j   # "dotze euros", "ocho núcleos": money or cores said in words
    if not (said_number and said_scale):
        return None
    return total + current, j


def spelled_number(prep: Prepared, i: int) -> tuple[float, int] | None:
    """(value, index of the next token) of a number spelled out in words from token ``i`` on, in whichever language
    reads the longest run; None when no language reads one there."""
    word = _word(prep, i)
    if not word[:1].isalpha():
        return None
    langs = _LANGUAGES_OF.get(word) or list(_glued_in(word))
    if (hyphened := _hyphened(prep, i)) is not None:   # "quatre-vingt"
        langs = [lang for lang in VOCABULARY if lang in langs or hyphened in VOCABULARY[lang]]
    best: tuple[float, int] | None = None
    for lang in langs:
        got = _read(lang, prep, i)
        if got is not None and (best is None or got[1] > best[1]):
            best = got
    return best
