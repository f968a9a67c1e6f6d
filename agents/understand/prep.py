"""Cleaning a chat message before extraction: caps its size, strips markup and control characters,
lower-cases it without moving offsets, and splits it into tokens and clauses.

Every later stage works on ``Prepared.low`` (lower case) and reports spans into ``Prepared.text``
(original case), so the two must stay the same length.
"""

from __future__ import annotations

import bisect
import copy
import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from agents.understand.spelling import as_number_word
from agents.understand.vocabfile import without_hidden

# A pasted document rarely tells us more about the user's needs than its first few pages; the tail is
# kept too because people paste first and ask after.
HEAD_CHARS = 6000
TAIL_CHARS = 2000
# Longer than this, a message is treated as pasted material: it may tighten constraints, never relax them.
PASTE_CHARS = 1500

_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")


_PUNCT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u2264": "<", "\u2265": ">", "\u2248": "~", "\r": "\n", "\t": " ",
                        "\u061f": "?", "\u06d4": ".", "\u060c": ",", "\u061b": ";",   # Arabic/Urdu ? . , ;
                        # Arabic thousands and decimal separators ("٧٥٠٬٠٠٠", "١٫٥"), read as "," and "."
                        "\u066c": ",", "\u066b": ".", "\u0589": ".",
                        # the apostrophes of Uzbek and other Latin alphabets ("toʻrt", "oʼzbek")
                        "\u02bb": "'", "\u02bc": "'"})
# Greek ends a question with ";" (NFKC turns the Greek question mark into it; its semicolon is "·"): "Τι είναι το int8;"
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
# Armenian marks a question on the stressed word ("Ի՞նչ է ...") and ends every sentence with "։": such a sentence ends
# with "?", any other with ".".
_ARMENIAN_QUESTION = re.compile(r"([^\u0589.!?\n]*\u055e[^\u0589.!?\n]*)(?:\u0589|$)")
_SPACES = re.compile(r"[ ]{2,}")
_FENCE = re.compile(r"```.*?(```|$)", re.S)
_QUOTE_LINE = re.compile(r"^\s*>.*$", re.M)
# A quote marker after a closing fence or a sentence end on the same line ("``` > our docs are ..."); a ">" before a
# number is a comparison ("latency > 100 ms").
_INLINE_QUOTE = re.compile(r"(?:(?<=```)|(?<=[.!?]))[ \t]*>[ \t]*[^\W\d_][^\n]*")
_LONG_QUOTE = re.compile(r'"[^"\n]{120,}"')
# A short quoted example of the data ("notes ('pallet dmg at xdock, pics in WMS' etc)"): its words describe one item,
# not what kind of data the user has. An apostrophe inside or after a word ("we're", "users'") opens no quote.
_EXAMPLE_QUOTE = re.compile(r"(?<!\w)'[^'\n]{4,119}'(?!\w)|\"[^\"\n]{4,119}\"|\u201c[^\u201d\n]{4,119}\u201d|"
                            r"\u2018[^\u2019\n]{4,119}\u2019(?!\w)")
# ... when it is offered as an example: in brackets, after "like", "e.g.", "such as", a colon, or next in a list
_EXAMPLE_LEAD = re.compile(r"(?:\(|\blike|\be\.?g\.?|\bsuch as|\bfor (?:example|instance)|\bi\.e\.|\bex\.|[:,])\s*$")

# Words: digits (with a glued unit; thousands grouped with "'" as in Switzerland: "1'200'000"), Latin-script words
# (Vietnamese letters, the IPA letters "ɛ ɔ" of Krio, Twi or Lingala, the Azerbaijani "ə"), a CJK number word right after
# digits ("500만", "3万"), a Thai, Khmer or Lao scale word after digits ("1 แสนฉบับ": glued to the noun after it; "២ លាន",
# "2 ລ້ານ"), words of the alphabets written with spaces (Greek, Armenian, Cyrillic with the Latin "ă ĕ ç ÿ" Chuvash
# writers type, Hebrew, Arabic, Thaana with its vowel signs, the Indic scripts from Devanagari to Sinhala, Thai, Myanmar,
# Georgian, Ethiopic, Khmer letters without its digits and sentence signs, Hangul); anything else (a Han or kana
# character, a sign) is a token of its own.
# A Latin word keeps the combining marks NFKC cannot compose (Yoruba tone marks: "ọ̀rọ̀" is ọ + a combining grave).
TOKEN = re.compile(r"\d+(?:[.,]\d+|'\d{3}(?!\d))*(?:e\d+|\^\d+)?[a-z%]*|"
                   r"[a-z\u00c0-\u02af\u1e00-\u1eff][a-z\u00c0-\u02af\u1e00-\u1eff\u0300-\u036f]*(?:'[a-z]+)?|"
                   r"(?<=\d)[만억천]|(?:(?<=\d)|(?<=\d ))(?:พัน|หมื่น|แสน|ล้าน|ពាន់|ម៉ឺន|សែន|លាន|ພັນ|ໝື່ນ|ແສນ|ລ້ານ)|"
                   r"[\u0370-\u03ff\u0400-\u04ff\u0103\u0115\u00e7\u00ff\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0780-\u07b1"
                   # the Indic scripts without the danda ("।"), which ends a sentence, and the signs of the taka ("৳১৫,০০০"),
                   # the Gujarati and Tamil rupee
                   r"\u0900-\u0963\u0966-\u09f1\u09f4-\u0af0\u0af2-\u0bf8\u0bfa-\u0dff"
                   # Myanmar letters and signs, without its digits (read as digits) and its sentence marks "၊ ။"
                   r"\u0e00-\u0e7f\u1000-\u103f\u104c-\u109f\u10a0-\u10ff\u1200-\u137f\u1780-\u17d3\uac00-\ud7a3]+|[^\sa-z\d]")
_SENTENCE_END = re.compile(r"[.!?\n]")
_PART_END = re.compile(r"[.!?;\n]")
# "about" shortened with a dot before a number ("kb. 100 ezer forint", "ca. 8.500", "aprox. 20 mil", Polish "ok. 300",
# Latvian "apm. 40", Russian "ок. 500"): no clause ends there.
_ABOUT_DOT = re.compile(r"(?<!\w)(?:ca|cca|kb|approx|aprox|env|ung|pribl|prib|cirka|zirka|circa|gg|ok|ок|прибл|apm)$")
# A scale word shortened with a dot after a number, the sentence going on in lower case ("45 tūkst. juridisku dokumentu",
# "15 tys. zgłoszeń", "2 Mio. Akten"): the dot ends neither the sentence nor the count.
_SCALE_DOT = re.compile(r"\d\s?(?:tys|tūkst|тыс|тис|mln|млн|mld|mlrd|mrd|mio|tsd)(\.)\s+(?=[^\W\d_])")
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+(?=\s|$)|[!?;\n]|\s(?:but|however|although|though|whereas|except that)\s")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass
class Prepared:
    """A cleaned message: ``text`` (original case) and ``low`` (same length, lower case)."""

    text: str
    low: str
    original_length: int
    truncated: bool = False
    had_markup: bool = False
    pasted: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)
    models: list[tuple[int, int]] = field(default_factory=list)   # spans of model names (agents.understand.modelnames)

    @property
    def is_long(self) -> bool:
        return self.original_length > PASTE_CHARS

    def in_pasted(self, start: int, end: int) -> bool:
        """True when the span lies in quoted/fenced material or the whole message reads as a paste."""
        return self.is_long or any(s <= start and end <= e for s, e in self.pasted)

    def in_question(self, pos: int, part: bool = False) -> bool:
        """True when the sentence (with ``part``: the sentence part, up to a ';') holding ``pos`` ends with a '?'."""
        m = (_PART_END if part else _SENTENCE_END).search(self.text, pos)
        return bool(m) and m.group() == "?"

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the clause holding ``pos``."""
        start, end = 0, len(self.low)
        for s in self.clause_starts:
            if s <= pos:
                start = s
            else:
                end = s
                break
        return start, end

    def clause(self, pos: int) -> str:
        s, e = self.clause_bounds(pos)
        return self.low[s:e]

    def snippet(self, start: int, end: int, limit: int = 80) -> str:
        """The original text of a span, squeezed to one line for evidence (a model name it touches is quoted whole)."""
        for ms, me in self.models:
            if ms < end and start < me:
                start, end = min(start, ms), max(end, me)
        s = " ".join(self.text[start:end].split())
        return s if len(s) <= limit else s[: limit - 1] + "\u2026"

    def without(self, spans: list[tuple[int, int]]) -> Prepared:
        """A copy with ``spans`` blanked out (the original is untouched)."""
        out = copy.copy(self)
        for s, e in spans:
            out.blank(s, e)
        return out

    def outside_examples(self, hits: list[Any]) -> list[Any]:
        """``hits`` (anything with ``start``/``end``) that lie outside short quoted examples of the data; all of them
        when none does (a quote that is the only mention still counts)."""
        quotes = [m.span() for m in _EXAMPLE_QUOTE.finditer(self.text)
                  if _EXAMPLE_LEAD.search(self.low[max(0, m.start() - 20):m.start()])]
        kept = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in quotes)]
        return kept or hits

    def own_words(self) -> Prepared:
        """A copy with quoted/fenced material blanked out (all of it, when the whole message reads as a paste)."""
        own = copy.copy(self)   # blank() rebinds low and tokens, so the original is untouched
        for s, e in [(0, len(self.low))] if self.is_long else self.pasted:
            own.blank(s, e)
        return own

    def blank(self, start: int, end: int) -> None:
        """Remove a span from consideration (keeps offsets)."""
        pad = " " * (end - start)
        self.low = self.low[:start] + pad + self.low[end:]
        self.tokens = [t for t in self.tokens if t.end <= start or t.start >= end]

    def replace(self, start: int, end: int, word: str) -> None:
        """Read a span as ``word`` (padded with spaces to keep offsets; ``word`` must not be longer)."""
        word = word[:end - start]
        self.blank(start, end)
        self.low = self.low[:start] + word + self.low[start + len(word):]
        i = bisect.bisect_left([t.start for t in self.tokens], start)
        self.tokens.insert(i, Token(word, start, start + len(word)))


def clean_text(text: str) -> str:
    """``text`` as valid Unicode: a surrogate pair sent as two escapes is joined, a lone surrogate becomes U+FFFD.

    A JSON body may carry ``"\\ud800"``; Python keeps it, but it cannot be encoded as UTF-8, so every later
    render (the history, the API's JSON, a report) would fail on it.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# Function words typed with two letters swapped ("nothing can go to teh cloud"): read as meant. The same length, so
# offsets into the message do not move; only words that are no English word themselves.
_SWAPPED = {"teh": "the", "hte": "the", "adn": "and", "taht": "that", "thta": "that",
            "nto": "not", "yuo": "you", "waht": "what", "wiht": "with", "jsut": "just", "wnat": "want",
            "becuase": "because", "ofr": "for", "iwth": "with", "nothign": "nothing",
            "fien": "fine", "fnie": "fine", "cluod": "cloud", "clodu": "cloud", "lcoal": "local", "loacl": "local"}
_SWAPPED_RE = re.compile(r"(?<![\w'])(" + "|".join(sorted(_SWAPPED, key=len, reverse=True)) + r")(?![\w'])")


def _lower_same_length(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else "i" if c == "\u0130" else c for c in s)   # Turkish "İ" -> "i"


# NFKC splits Thai and Lao SARA AM ("คำ", word) into NIKHAHIT + SARA AA; the vocabulary writes it as one letter.
def _recompose_am(text: str) -> str:
    return text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0ecd\u0eb2", "\u0eb3")


_CJK_COMMA = re.compile(r"(?<=\d)\uff0c(?=\d)")


def prepare(message: object) -> Prepared:
    """Clean ``message`` (any object; None counts as empty) for extraction."""
    raw = clean_text("" if message is None else message if isinstance(message, str) else str(message))
    original_length = len(raw)
    truncated = original_length > HEAD_CHARS + TAIL_CHARS
    if truncated:
        raw = raw[:HEAD_CHARS] + "\n" + raw[-TAIL_CHARS:]
    # a full-width comma between digits ends a clause ("一张4090，24G显存"); NFKC would make it a decimal comma
    text = _recompose_am(unicodedata.normalize("NFKC", _CJK_COMMA.sub(", ", raw)))
    stripped = _COMMENT.sub(" ", _SCRIPT.sub(" ", text))
    stripped = _TAG.sub(" ", stripped)
    had_markup = stripped != text
    text = html.unescape(stripped) if "&" in stripped else stripped
    text = _ARMENIAN_QUESTION.sub(r"\1?", text) if "\u055e" in text else text
    text = without_hidden(text).translate(_PUNCT).replace("<=", "<").replace(">=", ">")   # "<= 30 MB" is "< 30 MB"
    text = text.replace(";", "?") if ";" in text and _GREEK.search(text) else text
    text = _SPACES.sub(" ", text)
    pasted = [m.span() for m in _FENCE.finditer(text)]
    pasted += [m.span() for m in _QUOTE_LINE.finditer(text)]
    pasted += [m.span() for m in _INLINE_QUOTE.finditer(text)]
    pasted += [m.span() for m in _LONG_QUOTE.finditer(text)]
    low = _SWAPPED_RE.sub(lambda m: _SWAPPED[m.group(1)], _lower_same_length(text))
    scale_dots = {m.start(1) for m in _SCALE_DOT.finditer(low) if text[m.end()].islower()}
    tokens = [Token(as_number_word(m.group()), m.start(), m.end()) for m in TOKEN.finditer(low) if m.start() not in scale_dots]
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(low)
              if not (_ABOUT_DOT.search(low, max(0, m.start() - 8), m.start())
                      and low[m.end():m.end() + 2].strip()[:1].isdigit()) and m.start() not in scale_dots]
    return Prepared(text=text, low=low, original_length=original_length, truncated=truncated,
                    had_markup=had_markup, pasted=pasted, tokens=tokens, clause_starts=sorted(set(starts)))


_WORDISH = re.compile(r"[a-z]{2,}")
_VOWEL = re.compile(r"[aeiouy]")


def looks_like_words(text: str) -> bool:
    """A cheap gibberish test: most alphabetic tokens carry vowels and no long consonant runs."""
    words = _WORDISH.findall(text.lower())
    if not words:   # a message in another script ("안녕하세요", "שלום לכולם") is words too
        return sum(1 for c in text if c.isalpha()) >= 4
    ok = sum(1 for w in words if _VOWEL.search(w) and not re.search(r"[^aeiouy\W\d]{5,}", w) and len(w) <= 20)
    return ok / len(words) >= 0.6
