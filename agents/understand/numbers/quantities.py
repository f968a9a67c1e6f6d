"""Numbers in words and digits ("half a million", "1.5M", "twelve thousand", "2,000,000", "10^6") and the
units that say what they count: documents, document length, queries per second, latency, memory, budget.

Conversion assumptions (stated to the user as evidence, not facts about any model):
- 1 word ~ 1.3 tokens (English text under common subword tokenizers; ~0.75 words per token),
- 1 page ~ 500 words, 1 paragraph ~ 100 words, 1 sentence ~ 20 words, 1 character ~ 0.25 tokens,
- vague amounts: "a couple" = 2, "a few" = 3, "several" = 5, "tens/hundreds/thousands/millions of" = 3x.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from agents.understand.numbers.digits import glued_to_letters, parse_numeric, space_grouped
from agents.understand.numbers.spelled import spelled_number
from agents.understand.numbers.words import (
    AFTER_DIGITS,
    AFTER_SCALE_WORDS,
    AND_A_HALF,
    BEFORE_DIGIT_LINKS,
    BEFORE_DIGITS,
    BEFORE_SCALE,
    CJK_SCALES,
    FOREIGN_SCALES,
    FRACTIONS,
    HALF,
    HAN_NUMERALS,
    MYRIAD,
    ONE_AND_A_HALF,
    SMALL_NUMBERS,
    STARTS,
    StemScales,
    StemScaleWords,
    after_scale_value,
    cjk_tail,
    han_number,
    hebrew_scale,
    local_scales,
    myriad_after_unit,
    thousand_mil,
)
from agents.understand.numbers.zero import named_zero
from agents.understand.prep import Prepared, Token

TOKENS_PER_WORD = 1.3
WORDS_PER_PAGE = 500
LENGTH_UNITS: dict[str, float] = {
    "token": 1.0, "tokens": 1.0, "word": TOKENS_PER_WORD, "words": TOKENS_PER_WORD, "character": 0.25, "characters": 0.25,
    "char": 0.25, "chars": 0.25, "page": WORDS_PER_PAGE * TOKENS_PER_WORD, "pages": WORDS_PER_PAGE * TOKENS_PER_WORD,
    "sentence": 20 * TOKENS_PER_WORD, "sentences": 20 * TOKENS_PER_WORD, "paragraph": 100 * TOKENS_PER_WORD,
    "paragraphs": 100 * TOKENS_PER_WORD, "line": 10 * TOKENS_PER_WORD, "lines": 10 * TOKENS_PER_WORD,
    # the same units in the other languages users write in (pl, de, fr, es, pt, it, nl)
    **dict.fromkeys(("słów", "słowa", "slow", "wörter", "worte", "mots", "palabras", "palavras", "parole", "woorden"),
                    TOKENS_PER_WORD),
    # Czech, Slovak and Greek: "300 slov", "2 strany", "50-80 λέξεις", "3 σελίδες"
    **dict.fromkeys(("slov", "slova", "slovy", "λέξεις", "λέξεων", "คำ"), TOKENS_PER_WORD),
    # Danish, Norwegian and Swedish "ord", Bengali, Hindi: "omkring 200 ord", "৪০০ শব্দ"
    **dict.fromkeys(("ord", "orden", "শব্দ", "शब्द", "từ"), TOKENS_PER_WORD),   # Vietnamese "500 từ" (after the number)
    # Malay/Indonesian (with the classifier "patah"), Turkish, Russian, Ukrainian, Finnish, Lithuanian, Swahili, Arabic,
    # Urdu, Persian, Hebrew, Bulgarian, Croatian, Icelandic, Korean, Tamil, Georgian: "40 patah perkataan", "200 kelime"
    **dict.fromkeys(("kata", "perkataan", "patah", "kelime", "kelimelik", "слов", "слова", "слів", "sanaa", "sanan",
                     "žodžių", "žodžiai", "maneno", "كلمة", "كلمات", "الفاظ", "کلمه", "מילים", "думи", "riječi",
                     "rijeci", "orð", "orða", "단어", "சொற்கள்", "வார்த்தைகள்", "სიტყვა"), TOKENS_PER_WORD),
    # Hungarian (a count takes the singular: "55 szó", "55 szavas"), Latvian, Estonian, Slovenian, Serbian/Macedonian,
    # Kazakh/Kyrgyz "сөз" (Crimean Tatar "söz"), Armenian, Telugu, Malayalam, Kannada, Gujarati, Punjabi, Tagalog, Urdu singular
    **dict.fromkeys(("szó", "szót", "szóból", "szavas", "szavasak", "vārdi", "vārdu", "sõna", "sõnast", "besed", "речи",
                     "зборови", "сөз", "söz", "բառ", "పదాలు", "വാക്കുകൾ", "ಪದಗಳು", "શબ્દો", "ਸ਼ਬਦ", "salita", "lafz", "لفظ"),
                    TOKENS_PER_WORD),
    # round 12 (under12): Zulu/Xhosa with "has" glued on ("unamagama angaba ngu-50": has about 50 words), Uzbek "so'z"
    # ("o'rtacha 60 so'zdan"), Catalan, Albanian
    **dict.fromkeys(("amagama", "unamagama", "anamagama", "namagama", "so'z", "so'zdan", "so'zli", "paraules", "fjalë",
                     "fjale"), TOKENS_PER_WORD),
    # session 13 (lead): Maltese ("medja ta' 80 kelma"), Sinhala, Yoruba (unit first: "ọ̀rọ̀ 15,000"), Esperanto
    **dict.fromkeys(("kelma", "kliem", "වචන", "ọ̀rọ̀", "ọrọ", "vortoj", "vortojn"), TOKENS_PER_WORD),
    # round 14 (intl14): Breton, Kurmanji, Romansh, Tajik, Burmese and Afaan Oromo (the unit first: "jechoota 50"),
    # Tigrinya, Pashto, Samoan, Kinyarwanda (the unit first), Tatar, West Frisian, Guarani jopara's singular "palabra"
    **dict.fromkeys(("ger", "peyv", "pleds", "calima", "калима", "စကားလုံး", "jechoota", "ቃላት", "کلمې", "upu",
                     "amagambo", "сүз", "wurden", "palabra", "слоў"), TOKENS_PER_WORD),
    # round 15: Yiddish, Odia, Sindhi, Corsican, Sardinian, Asturian, Chichewa, Lingala, Sesotho (unit first: "mawu 25");
    # round 16: Punjabi, Dhivehi, Krio, Kashubian, Aymara, Northern Sámi, Chuvash, Luganda, Tetum, Setswana (unit first)
    **dict.fromkeys(("ווערטער", "װערטער", "ଶବ୍ଦ", "لفظن", "parolle", "paràulas", "paraulas", "pallabres", "mawu",
                     "maloba", "mantsoe", "لفظاں", "ބަސް", "wɔd", "słowów", "arunaka", "arunakaniwa", "sáni", "сăмах",
                     "сӑмах", "ebigambo", "liafuan", "mafoko"), TOKENS_PER_WORD),
    **dict.fromkeys(("lappuses", "lappušu", "lapas", "lpp"), WORDS_PER_PAGE * TOKENS_PER_WORD),   # Latvian pages
    **dict.fromkeys(("strany", "stran", "stránky", "stránek", "strán", "strana", "stránka", "σελίδες", "σελίδων", "σελίδα",
                     "stron", "strony", "seiten", "páginas", "paginas", "pagine", "pagina's"), WORDS_PER_PAGE * TOKENS_PER_WORD),
    # Chinese and Japanese count text in characters ("每条大概100个字", "200文字"): a Han character is about one token
    # (an estimate, not a measurement; the budget is also checked at 1.5x the tokens for text not in Latin script)
    **dict.fromkeys(("字", "文字", "汉字", "漢字"), 1.0),
}

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
         "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = StemScales({"millionen": 1e6, "millones": 1e6, "millón": 1e6, "millon": 1e6, "milioni": 1e6, "milione": 1e6,
          "milhões": 1e6, "milhoes": 1e6, "milhão": 1e6, "miljoen": 1e6, "miljoenen": 1e6, "miliony": 1e6,
          "milionów": 1e6, "milionow": 1e6, "milion": 1e6, "milliarden": 1e9, "tausend": 1e3,
          "mila": 1e3, "tysięcy": 1e3, "tysiecy": 1e3, "tys": 1e3, "duizend": 1e3,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mil": 1e6, "mio": 1e6, "mln": 1e6, "bn": 1e9,
          "k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "lakh": 1e5, "crore": 1e7, **FOREIGN_SCALES, **AFTER_DIGITS})
_WORD_SCALES = StemScaleWords({"millionen", "millones", "millón", "millon", "milioni", "milione", "milhões", "milhoes", "milhão",
                "miljoen", "miljoenen", "miliony", "milionów", "milionow", "milion", "milliarden", "tausend",
                "mila", "tysięcy", "tysiecy", "tys", "duizend",
                "thousand", "million", "billion", "trillion", "mil", "mio", "mln", "bn", "lakh", "crore", *FOREIGN_SCALES})
VAGUE = {"couple": 2, "few": 3, "several": 5}
VAGUE_PLURALS = {"tens": 10.0, "dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_AFTER_A = frozenset({"hundred", "thousand", "million", "billion", "half", "quarter", "dozen", "couple", "few"})
# No corpus, query rate, memory, latency or budget a user can mean comes near a quadrillion (10^15); a bigger
# number ("1e309", "10^400", 400 nines) is a typo or a test, and is ignored with a note rather than used.
MAX_QUANTITY = 1e15
TOO_LARGE = "that number is too large to be a real answer"


@dataclass
class Number:
    """A number found in text, with the unit glued to it (``16gb`` -> unit ``gb``)."""

    value: float
    start: int
    end: int
    first_token: int
    last_token: int
    unit: str = ""
    approx: bool = False
    scaled: bool = False
    low: float | None = None
    too_large: bool = False     # beyond MAX_QUANTITY (or a float): never used as a value


def _word_value(tokens: list[Token], i: int, seed: float | None, thousand_mil: bool = False,
                local: dict[str, float] | None = None) -> tuple[float, int, bool, bool] | None:
    """Parse number words from tokens[i] on (``seed``: a numeric value just before; ``thousand_mil``: "mil" means a
    thousand, as in Spanish and Portuguese; ``local``: scale words of the message's language after digits).

    Returns (value, next token index, approximate?, scaled by a word like "million"?) or None.
    """
    total, current, base = 0.0, seed or 0.0, 0.0   # base: the total up to the last myriad (万, 억) or larger scale
    approx = scaled = False
    seen = seed is not None
    j, n = i, len(tokens)
    while j < n:
        w = tokens[j].text
        w = hebrew_scale(w) or w   # "כמיליון": about a million
        nxt = tokens[j + 1].text if j + 1 < n else ""
        if w in BEFORE_SCALE and w not in UNITS and _scale_follows(tokens, j):   # "deux millions", "zwei Millionen"
            current += BEFORE_SCALE[w]
        elif w in BEFORE_SCALE and nxt in HALF and _scale_follows(tokens, j + 1, plural=False):   # "eine halbe Million"
            pass
        elif w in HALF and _scale_follows(tokens, j, plural=False):   # "meio milhão", "pół miliona", "un demi-million"
            current = current + 0.5 if seen else 0.5
        elif w in ONE_AND_A_HALF and _scale_follows(tokens, j, plural=False):   # "anderhalf miljoen", "półtora miliona"
            current += 1.5
        elif w in FRACTIONS and _scale_follows(tokens, j, plural=False):   # "ढाई लाख" (2.5 lakh), "čtvrt milionu"
            current += FRACTIONS[w]
        elif w == "-" and seen and _scale_follows(tokens, j - 1):
            pass
        elif w in ("-", "ish") and seen and (w == "ish" or nxt == "ish"):   # "ten-ish thousand": about ten thousand
            approx = True
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "-" and seen and nxt in UNITS:  # "twenty-five"
            pass
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w == "mil" and seen and (thousand_mil or tokens[j - 1].text in BEFORE_SCALE):   # "20 mil", "dos mil"
            current, scaled = (current or 1.0) * 1e3, True
        elif w in ("-", "il") and seen and _linked_scale(tokens, j):   # Maltese "15-il elf": the linker before the noun
            pass
        elif w == "ka" and seen and nxt in SCALES and tokens[j - 1].text[:1].isdigit():   # Cebuano "10 ka libo"
            pass
        elif myriad_after_unit(tokens, j) and seen:   # "5천만", "3千万": a smaller unit before a myriad multiplies it
            total = base = base + (total - base + current) * CJK_SCALES[w]
            current, scaled = 0.0, True
        elif w in _WORD_SCALES or ((w in SCALES or local and w in local) and seen
                                   and (not tokens[j - 1].text.isalpha() or tokens[j - 1].text in ("il", "ka"))):
            scale = local[w] if local and w in local else SCALES[w]
            total += (current or 1.0) * scale
            current, scaled = 0.0, True
            base = total if scale >= MYRIAD else base
            half = _and_a_half(tokens, j)   # "un milione e mezzo", "um milhão e meio", "un million et demi"
            if half:
                total += 0.5 * scale
                j += half
        elif cjk_tail(tokens, j, total):   # "1万2千": digits after a Han myriad, then a smaller Han unit
            current = float(w)
        elif w in ("a", "an") and nxt in _AFTER_A:
            pass
        elif w == "half" and (nxt in ("a", "an") or nxt in _WORD_SCALES):
            current = current + 0.5 if seen else 0.5
        elif w == "quarter" and (nxt in ("a", "an", "of") or nxt in _WORD_SCALES):
            current = current + 0.25 if seen else 0.25
        elif w in ("quarters", "thirds") and 0 < current < 10 and nxt == "of":   # "three quarters of a million"
            current *= 0.25 if w == "quarters" else 1 / 3
        elif w == "and" and seen and nxt in ("a", "an", "half") or w == "and" and seen and (nxt in UNITS or nxt in TENS):
            pass
        elif w in ("of", "de") and seen and (nxt in ("a", "an") or nxt in _WORD_SCALES or nxt in VAGUE_PLURALS):   # "300 de mii"
            pass
        elif w in VAGUE and not seen:
            current, approx = float(VAGUE[w]), True
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in VAGUE_PLURALS and seen:  # "tens of thousands"
            current *= VAGUE_PLURALS[w]
            scaled = scaled or VAGUE_PLURALS[w] >= 1e3
        elif w in VAGUE_PLURALS and (nxt == "of" or VAGUE_PLURALS[w] >= 1e3):
            current, approx = 3 * VAGUE_PLURALS[w], True
            scaled = VAGUE_PLURALS[w] >= 1e3
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j, approx, scaled


def _linked_scale(tokens: list[Token], j: int) -> bool:
    """Tokens from ``j`` are the Maltese linker "-il" and then a scale word ("15-il elf": fifteen thousand)."""
    words = [t.text for t in tokens[j:j + 3]]
    if words[:1] == ["-"]:
        words = words[1:]
    return len(words) > 1 and words[0] == "il" and words[1] in SCALES


def _letters(word: str) -> bool:
    """Letters only, vowel signs included ("दीड" has a combining vowel sign, which ``str.isalpha`` rejects)."""
    return bool(word) and all(c.isalpha() or unicodedata.category(c).startswith("M") for c in word)


def _scale_follows(tokens: list[Token], j: int, plural: bool = True) -> bool:
    """The token after ``j`` (a hyphen skipped: "demi-million") is a scale word (``plural``: also "millions")."""
    k = j + 1
    if k < len(tokens) and tokens[k].text == "-":
        k += 1
    word = tokens[k].text if k < len(tokens) else ""
    return (word in _WORD_SCALES or word == "mil" or bool(hebrew_scale(word))
            or plural and VAGUE_PLURALS.get(word, 0.0) >= 1e3)


def _and_a_half(tokens: list[Token], j: int) -> int:
    """How many tokens after the scale word at ``j`` say "and a half" ("e mezzo", "y medio"), or 0."""
    words = [t.text for t in tokens[j + 1:j + 4]]
    return next((len(p) for p in AND_A_HALF if tuple(words[:len(p)]) == p), 0)


# "24/7", "24x7", "7/24", "24h/24": always, not a count
# Digits a scale word written before them multiplies: "30", "1,500" (thousands grouped), "1.5" (a decimal point)
_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_ALWAYS = re.compile(r"(?:24\s*[/x×]\s*7(?:\s*[/x×]\s*365)?|7\s*/\s*24|24\s*h\s*/\s*24|7\s*j\s*/\s*7)(?!\d|[.,]\d)")


def find_numbers(prep: Prepared) -> list[Number]:
    """All numbers in the message, in order, with ranges ("1-2 million") folded into their upper bound."""
    toks = prep.tokens
    out: list[Number] = []
    i, n = 0, len(toks)
    mil, local = thousand_mil(prep), local_scales(prep)
    while i < n:
        t = toks[i].text
        if t[0].isdigit() and (always := _ALWAYS.match(prep.low, toks[i].start)):
            while i < n and toks[i].start < always.end():
                i += 1
            continue
        if t[0].isdigit() and glued_to_letters(toks, i):
            i += 1
            continue
        grouped = space_grouped(prep, toks, i)
        if grouped is not None:
            value, j = grouped
            more = _word_value(toks, j, value, mil, local)
            if more and more[1] > j:   # "1 200 thousand" is unusual, but "12 000" then words is common
                value, j = more[0], more[1]
            out.append(Number(value, toks[i].start, toks[j - 1].end, i, j - 1))
            i = j
            continue
        parsed = parse_numeric(t) if t[0].isdigit() else None
        if parsed is not None:
            value, unit, scaled = parsed
            j = i + 1
            if not unit:
                more = _word_value(toks, j, value, mil, local)
                if more and more[1] > j:
                    value, j, approx, s2 = more
                    out.append(Number(value, toks[i].start, toks[j - 1].end, i, j - 1, "", approx, scaled or s2))
                    i = j
                    continue
            out.append(Number(value, toks[i].start, toks[i].end, i, i, unit, False, scaled))
            i += 1
            continue
        spelled = spelled_number(prep, i) if t[0].isalpha() else None
        if spelled is not None:   # "deux cent mille", "zweihunderttausend", "dwustu tysięcy"
            value, j = spelled
            out.append(Number(value, toks[i].start, toks[j - 1].end, i, j - 1, "", False, True))
            i = j
            continue
        k = i + 3 if i + 3 < n and (toks[i + 1].text in BEFORE_DIGIT_LINKS and toks[i + 2].text == "-" or
                                    f"{toks[i + 1].text} {toks[i + 2].text}" in BEFORE_DIGIT_LINKS) else \
            i + 2 if i + 2 < n and toks[i + 1].text in BEFORE_DIGIT_LINKS else i + 1   # Sesotho "dimilione tse 3"
        if t in BEFORE_DIGITS and k < n and _PLAIN.fullmatch(toks[k].text):   # "elfu 30", "izigidi eziyi-8", "kuma 1,500"
            digits = float(toks[k].text.replace(",", ""))
            out.append(Number(BEFORE_DIGITS[t] * digits, toks[i].start, toks[k].end, i, k, "", False, True))
            i = k + 1
            continue
        if t in BEFORE_DIGITS and i + 1 < n and toks[i + 1].text in AFTER_SCALE_WORDS:   # "laki tano": 500,000
            said, k = after_scale_value(toks, i + 1)   # Igbo "puku iri abụọ": 20,000
            out.append(Number(BEFORE_DIGITS[t] * said, toks[i].start, toks[k].end, i, k, "", False, True))
            i = k + 1
            continue
        if t in BEFORE_SCALE and 2 <= BEFORE_SCALE[t] <= 10 and i + 1 < n and toks[i + 1].text in LENGTH_UNITS:
            out.append(Number(BEFORE_SCALE[t], toks[i].start, toks[i].end, i, i))   # "tre pagine", "zwei Seiten"
            i += 1
            continue
        if t in SMALL_NUMBERS:   # "তিন দিন": a small number word of a script where it is no other word
            out.append(Number(SMALL_NUMBERS[t], toks[i].start, toks[i].end, i, i))
            i += 1
            continue
        if t in HAN_NUMERALS:   # "两千", "五十万": a run of Han numerals written without spaces
            j = i + 1
            while j < n and toks[j].text in HAN_NUMERALS and toks[j].start == toks[j - 1].end:
                j += 1
            got_han = han_number("".join(x.text for x in toks[i:j]))
            if got_han is not None:
                out.append(Number(got_han[0], toks[i].start, toks[j - 1].end, i, j - 1, "", False, got_han[1]))
            i = j
            continue
        if (skip := named_zero(toks, i)):   # "add a zero to that doc count", "an extra zero": the digit, not a quantity
            i += skip
            continue
        if (_letters(t) or t in FRACTIONS) and (
                t in UNITS or t in TENS or t in ("a", "an", "half", "quarter", "dozen", "hundred") or t in VAGUE
                or t in VAGUE_PLURALS or t in _WORD_SCALES or t in STARTS or hebrew_scale(t)):
            got = _word_value(toks, i, None)
            if got and got[1] > i and not (got[1] == i + 1 and t in ("a", "an", "half", "quarter")):
                value, j, approx, scaled = got
                out.append(Number(value, toks[i].start, toks[j - 1].end, i, j - 1, "", approx, scaled))
                i = j
                continue
        i += 1
    folded = _fold_ranges(prep, _join_compounds(prep, out))
    for num in folded:
        num.too_large = not _plausible(num.value) or (num.low is not None and not _plausible(num.low))
    return folded


def _plausible(value: float) -> bool:
    return math.isfinite(value) and value <= MAX_QUANTITY


_COMPOUND_SCALES = (1e9, 1e7, 1e6, 1e5, 1e3)   # billion, crore, million, lakh, thousand
_CJK_COMPOUND = (1e8, 1e4)   # after 億/억 or 万/만: "3억 5천만" is 350 million, "1만 2천" 12,000


def _join_compounds(prep: Prepared, nums: list[Number]) -> list[Number]:
    """A scaled count followed at once by a smaller scaled one is one number: "1 lakh 20 hazar" (१ लाख २० हजार) is
    120,000, "1 million 200 thousand" 1,200,000 ("5 million 2 million" and "2 million, 300 thousand" stay apart)."""
    out: list[Number] = []
    for num in nums:
        prev = out[-1] if out else None
        if prev is not None and prev.scaled and num.scaled and not prev.unit and not num.unit \
                and num.first_token == prev.last_token + 1 and not prep.low[prev.end:num.start].strip():
            scales = _COMPOUND_SCALES + (_CJK_COMPOUND if prep.tokens[prev.last_token].text in CJK_SCALES else ())
            scale = next((s for s in sorted(scales, reverse=True) if prev.value % s == 0 and num.value < s), None)
            if scale is not None:
                out[-1] = Number(prev.value + num.value, prev.start, num.end, prev.first_token, num.last_token, "",
                                 prev.approx or num.approx, True)
                continue
        out.append(num)
    return out


def _fold_ranges(prep: Prepared, nums: list[Number]) -> list[Number]:
    folded: list[Number] = []
    for num in nums:
        if folded:
            prev = folded[-1]
            gap = prep.low[prev.end:num.start].strip()
            between = prep.low[max(0, prev.start - 9):prev.start]
            if (gap in ("-", "to", "or") or (gap == "and" and "between" in between)) and not prev.unit:
                low_v = prev.value
                if not prev.scaled and num.scaled and num.value >= 1000:
                    scale = next((s for s in (1e12, 1e9, 1e6, 1e3) if num.value >= s), 1)
                    low_v = prev.value * scale
                folded[-1] = Number(num.value, prev.start, num.end, prev.first_token, num.last_token, num.unit,
                                    True, num.scaled, low_v)
                continue
        folded.append(num)
    return folded


def fmt(value: float) -> str:
    """A human-readable number for notes: 2000000 -> '2,000,000', 16.67 -> '16.67'."""
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
