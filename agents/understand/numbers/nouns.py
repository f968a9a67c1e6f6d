"""Nouns that say a number counts documents ("2 million notes", "8 milhões de descrições", "30 אלף מאמרים",
"댓글 500만 개", "2 triệu tài liệu", "20 bin yorum", "100 ألف تذكرة"), in English and the other languages users
write in, read from ``doc_nouns.yaml`` (data, with examples run as tests).

Word nouns are matched token by token: whole words, heads of German and Dutch compounds ("Patientenakten"), stems of
Turkish ("şikayetimiz"), and a Hebrew or Arabic noun also after a glued prefix ("ומאמרים", "والعقود"); nouns of
languages written without spaces or with several words (Korean with its particles, Chinese, Japanese, Vietnamese)
are matched in the text right after or right before the number by :func:`noun_phrase_near`.
"""

from __future__ import annotations

import re
from pathlib import Path

from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary

DATA_FILE = Path(__file__).resolve().parent / "doc_nouns.yaml"
DATA = read_vocabulary(DATA_FILE)
DOC_NOUNS: frozenset[str] = frozenset(w for words in DATA["words"].values() for w in str(words).split())
_COMPOUND_HEADS: tuple[str, ...] = tuple(DATA["compound_heads"].split())
_STEMS: tuple[str, ...] = tuple(DATA["stems"].split())
_PREFIXES: tuple[str, ...] = tuple(sorted((p for ps in DATA["prefixes"].values() for p in ps), key=len, reverse=True))
EXAMPLES: dict[str, list] = DATA["examples"]
_MIN_BEFORE_HEAD = 3   # letters a compound needs before its head ("Patienten|akten"; "Fakten" is no compound)


def is_doc_noun(word: str) -> bool:
    """A word that names what a document count counts."""
    if word in DOC_NOUNS or word.startswith(_STEMS):
        return True
    if any(len(word) >= len(h) + _MIN_BEFORE_HEAD and word.endswith(h) for h in _COMPOUND_HEADS):
        return True
    return any(len(word) > len(p) + 1 and word.startswith(p) and word[len(p):] in DOC_NOUNS for p in _PREFIXES
               if not word.isascii())


# Korean (a particle may follow), Chinese, Japanese and Vietnamese nouns of documents.
_PHRASE = "|".join(DATA["phrases"].values())
# counters between a number and its noun: Korean 개/건/편/장 (+ 의), Chinese/Japanese 个/件/条/篇/份/本 (+ の)
# (a short modifier may sit between counter and noun: "50万份中文合同", "3만 건의 법률 문서")
_CJK = "\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7a3"
_AFTER = re.compile(rf"\s*(?:[개건편장件个個条條篇份本枚]\s*(?:의|の)?\s*(?:[{_CJK}]{{1,4}}?\s?)??)?({_PHRASE})")
# the noun before the number: a Korean or Japanese particle ("문서는", "文書は", "マニュアルの数は"), "about" ("약", "約")
_BEFORE = re.compile(rf"({_PHRASE})(?:[은는이가을를도]|[이가]\s*(?:약|대략)|\s*(?:약|대략)|"
                     r"\s*khoảng|\s*大约|\s*约|\s*約|\s*ប្រហែល|\s*ປະມານ|"
                     r"(?:の(?:数|件数|総数))?[はがもを]|(?:数|件数|总数|数量)[是为约]?)?"
                     r"\s*[（(]?\s*(?:約|约|大约|약)?\s*$")   # "報告書（約40万件）": the count in brackets after its noun


def noun_phrase_near(prep: Prepared, start: int, end: int, before: bool = True) -> str | None:
    """A document noun of a language written without spaces, or of several words, right after the number at
    ``start``-``end`` ("500万条评论", "3만 건의 문서", "2 triệu tài liệu") or, if ``before``, right before it
    ("댓글 500만 개", "文書は120万件")."""
    m = _AFTER.match(prep.low, end)
    if m:
        return m.group(1)
    b = _BEFORE.search(prep.low[max(0, start - 24):start]) if before else None
    return b.group(1) if b else None
