"""Number words of languages other than English, read from ``number_words.yaml`` (data, with examples run as tests):
scale words ("20 ribu", "8 milhões", "30 אלף", "2 triệu"), scale words read only after digits ("80 bin", "500만",
"3万", "100 ألف"), number words before a scale ("deux millions", "zwei Millionen"), halves ("meio milhão", "eine
halbe Million", "un milione e mezzo", "anderhalf miljoen"), and when "mil" means a thousand (Spanish, Portuguese:
"20 mil documentos" is 20,000, not 20 million).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from agents.understand.languages.written import written_language
from agents.understand.numbers.nouns import DATA as NOUN_DATA
from agents.understand.prep import Prepared, Token
from agents.understand.vocabfile import read_vocabulary

DATA_FILE = Path(__file__).resolve().parent / "number_words.yaml"


def _merged(groups: dict[str, dict[str, float]], what: str) -> dict[str, float]:
    """One word -> value table from the per-language groups; a word with two values is an error in the file."""
    out: dict[str, float] = {}
    for lang, words in groups.items():
        for word, value in words.items():
            word = str(word).lower()
            if out.get(word, value) != value:
                raise ValueError(f"{DATA_FILE.name}: {what} word {word!r} ({lang}) has two values")
            out[word] = float(value)
    return out


def _nfkc(groups: dict[str, dict]) -> dict[str, dict]:
    """The words of ``groups`` as prep.prepare reads a message (a nukta or an accent written apart)."""
    return {lang: {unicodedata.normalize("NFKC", str(w)): v for w, v in words.items()} for lang, words in groups.items()}


_DATA = read_vocabulary(DATA_FILE)
# Scale words that are ordinary words elsewhere ("min": minutes), read after digits only in a message with a letter of
# their language ("5 min yeni sənəd": Azerbaijani writes "ə").
_IF_LETTERS: tuple[tuple[re.Pattern[str], dict[str, float]], ...] = tuple(
    (re.compile(f"[{letters}]"), {str(w): float(v) for w, v in words.items()})
    for letters, words in _DATA["after_digits_if_letters"].items())
# "Million" and "billion" in the Latin and Cyrillic spellings of most European languages share a stem, whatever their
# ending ("milionë", "milióna", "miliwn", "milijuna", "миллиона"): a word of the stem with a short ending is the scale.
_STEMS = ((re.compile(r"(?:mill?(?:i|j|ij)?[oóōôu]n|miliwn|мил+(?:и|иј)?он|мільйон)\w{0,3}"), 1e6),
          (re.compile(r"(?:mill?(?:i|j|ij)?ard|мил+и(?:ј)?ард|мільярд)\w{0,3}"), 1e9))


def stem_scale(word: object) -> float | None:
    """1e6 or 1e9 for a word of the million or billion stem ("milionë", "miliwn"), else None."""
    if not isinstance(word, str) or len(word) < 5 or word in ("millions", "billions"):   # English: vague plurals
        return None
    return next((value for stem, value in _STEMS if stem.fullmatch(word)), None)


class StemScales(dict):
    """Scale words by name, and any word of the million or billion stem (:func:`stem_scale`)."""

    def __contains__(self, word: object) -> bool:
        return dict.__contains__(self, word) or stem_scale(word) is not None

    def __missing__(self, word: str) -> float:
        value = stem_scale(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        return self[word] if word in self else default


class StemScaleWords(set):
    """A set of scale words that also holds every word of the million or billion stem."""

    def __contains__(self, word: object) -> bool:
        return set.__contains__(self, word) or stem_scale(word) is not None


# Scale words standing on their own.
FOREIGN_SCALES: dict[str, float] = StemScales(_merged(_nfkc(_DATA["scales"]), "scale"))
# Scale words that are also ordinary words: only right after a number.
AFTER_DIGITS: dict[str, float] = _merged(_nfkc(_DATA["after_digits"]), "after_digits")
CJK_SCALES: dict[str, float] = {w: v for w, v in AFTER_DIGITS.items() if not w.isascii() and len(w) == 1}
# Number words read only right before a scale word.
BEFORE_SCALE: dict[str, float] = _merged(_DATA["before_scale"], "before_scale")
# Scale words written before the digits ("elfu 30", Swahili) and small number words of scripts where they are no other
# word ("তিন", Bengali three).
BEFORE_DIGITS: dict[str, float] = _merged(_DATA["before_digits"], "before_digits")
# ... with a concord hyphenated to the digits between them (isiZulu "izigidi eziyi-8": eight million).
BEFORE_DIGIT_LINKS: frozenset[str] = frozenset(_DATA["before_digit_links"])
AFTER_SCALE_WORDS: dict[str, float] = _merged(_DATA["after_scale_words"], "after_scale_words")
SMALL_NUMBERS: dict[str, float] = _merged(_DATA["small_numbers"], "small_numbers")
HALF: frozenset[str] = frozenset(_DATA["half"])
ONE_AND_A_HALF: frozenset[str] = frozenset(_DATA["one_and_a_half"])
AND_A_HALF: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in _DATA["and_a_half"])
_HEBREW_PREFIXES = str(_DATA["hebrew_prefixes"])
EXAMPLES: dict[str, list] = _DATA["examples"]
# A quarter, one and a quarter, two and a half ... said as one word right before a scale word ("सवा करोड़", "ढाई लाख").
FRACTIONS: dict[str, float] = {str(k): float(v) for k, v in _DATA["fractions"].items()}
STARTS: frozenset[str] = frozenset(BEFORE_SCALE) | HALF | ONE_AND_A_HALF | frozenset(FRACTIONS)   # a number may start with


_HAN_DIGITS: dict[str, int] = {str(k): int(v) for k, v in _DATA["han_digits"].items()}
_HAN_UNITS: dict[str, int] = {str(k): int(v) for k, v in _DATA["han_units"].items()}
_HAN_MYRIADS: dict[str, int] = {str(k): int(v) for k, v in _DATA["han_myriads"].items()}
HAN_NUMERALS = frozenset(_HAN_DIGITS) | frozenset(_HAN_UNITS) | frozenset(_HAN_MYRIADS)


def han_number(chars: str) -> tuple[float, bool] | None:
    """The value of a run of Han numerals ("两千" -> 2000, "一百二十万" -> 1,200,000) and whether a unit scaled it;
    None when the run does not start like a number or is a lone digit ("一个": one of something)."""
    if not chars or not (chars[0] in _HAN_DIGITS or chars[0] == "十") or (len(chars) == 1 and chars in _HAN_DIGITS):
        return None
    total = section = digit = 0
    for ch in chars:
        if ch in _HAN_DIGITS:
            digit = _HAN_DIGITS[ch]
        elif ch in _HAN_UNITS:
            section += (digit or 1) * _HAN_UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * _HAN_MYRIADS[ch]
            section = digit = 0
    last_unit = _HAN_UNITS.get(chars[-2], _HAN_MYRIADS.get(chars[-2], 0)) if len(chars) > 2 else 0
    if digit and last_unit >= 100:   # "一千五" is 1,500, "一万五" 15,000: a last digit after a unit is the next lower one
        digit *= last_unit // 10
    return float(total + section + digit), any(c in _HAN_UNITS or c in _HAN_MYRIADS for c in chars)


def hebrew_scale(word: str) -> str | None:
    """A Hebrew scale word with "about" or "and" glued before it ("כמיליון" -> "מיליון"), else None."""
    if len(word) > 3 and word[0] in _HEBREW_PREFIXES and word[1:] in FOREIGN_SCALES:
        return word[1:]
    return None


_MIL_NOUN = re.compile(r"\bmil\s+(?:de\s+)?(?:documentos|registros|textos|mensajes|mensagens|descripciones|descrições|"
                       r"descricoes|comentarios|comentários|correos|artículos|articulos|artigos|páginas|paginas|contratos|"
                       r"transacciones|transações|transacoes|productos|produtos|clientes|usuarios|usuários|filas|linhas|"
                       r"casos|reseñas|avaliações|expedientes|processos|procesos|archivos|arquivos|notícias|noticias|"
                       r"millones|milhões|milhoes|euros|reales|reais|pesos|dólares|dolares|"
                       # Haitian Creole nouns ("500 mil mesaj", "20 mil dokiman")
                       r"mesaj|dokiman|atik|fichye|kesyon|rapò|dosye|kontra|paj|tèks|foto|imaj|lèt|repons)\b")
_MIL_THEN = re.compile(r"\bmil\s+(?:de\s+)?(\w+)")
# Welsh "mil" is a thousand too: "60 mil o ddogfennau" (60 thousand of documents), "200 mil yw e" (it is 200 thousand)
_MIL_WELSH = re.compile(r"\bmil\s+(?:o|yw|ydyn|ydi|sydd|ohonyn)\b")
_IBERIAN_NOUNS = frozenset(str(NOUN_DATA["words"]["es"]).split()) | frozenset(str(NOUN_DATA["words"]["pt"]).split())
# Spanish or Portuguese words for "about", "more than", "up to" before the number ("unos 45 mil", "cerca de 30 mil").
_MIL_APPROX = re.compile(r"\b(?:unos|unas|uns|umas|cerca de|alrededor de|aproximadamente|aprox|casi|quase|más de|mas de|"
                         r"mais de|menos de|hasta|até|ate|sobre|por volta de|em torno de|algo como|"
                         # a Spanish or Portuguese verb before it: "son 500 mil, no 50 mil", "são 80 mil"
                         r"son|são|sao|eran|eram|serían|seriam|tenemos|temos|hay|há|"
                         # Haitian Creole, where "mil" is a thousand too: "anviwon 500 mil mesaj" (about 500 thousand)
                         r"anviwon|apeprè|apepre|prèske|preske|plis pase|mwens pase|jiska|nou gen|"
                         # Friulian, where "mil" is a thousand too: "plui o mancul 30 mil" (more or less), "cirche"
                         r"plui o mancul|cirche)\s+"
                         r"(?:r\$|us\$|\$|€|s/\.?)?\s*\d[\d.,]*\s*mil\b|"   # "uns R$ 2 mil" (a currency sign between)
                         # a month after it: "2 mil por mês", "30 mil al mes"
                         r"\d\s*mil (?:por|al|ao|a|cada) m[eê]s\b")


def local_scales(prep: Prepared) -> dict[str, float]:
    """Scale words read after digits in this message only, by the letters of its language (``_IF_LETTERS``)."""
    return {w: v for letters, words in _IF_LETTERS if letters.search(prep.low) for w, v in words.items()}


def thousand_mil(prep: Prepared) -> bool:
    """True when "mil" in this message means a thousand: a Spanish or Portuguese noun follows it or a Spanish or
    Portuguese "about" comes before it, Welsh words follow it ("mil o", "mil yw"), or the message is written in
    Spanish, Portuguese or Welsh."""
    if " mil" not in prep.low and not prep.low.startswith("mil"):
        return False
    if _MIL_NOUN.search(prep.low) or _MIL_APPROX.search(prep.low) or _MIL_WELSH.search(prep.low):
        return True
    for m in _MIL_THEN.finditer(prep.low):   # "80 mil faturas": a Spanish or Portuguese document noun follows
        if m.group(1) in _IBERIAN_NOUNS:
            return True
    return written_language(prep.text) in ("es", "pt", "ca", "gl", "cy", "eo")   # Esperanto "12 mil artikolojn" too


MYRIAD = 1e4


def myriad_after_unit(tokens: list[Token], j: int) -> bool:
    """tokens[j] is a myriad scale (万, 億, 만, 억) glued right after a smaller Han or Hangul scale ("5천만": 5 x 1,000
    x 10,000 = 50 million; "1億2千万" = 120 million)."""
    if not (0 < j < len(tokens)) or CJK_SCALES.get(tokens[j].text, 0) < MYRIAD:
        return False
    before = tokens[j - 1]
    return before.end == tokens[j].start and 0 < CJK_SCALES.get(before.text, 0) < MYRIAD


def cjk_tail(tokens: list[Token], j: int, total: float) -> bool:
    """Digits at ``j`` glued between a Han scale before them and a smaller Han scale after them ("1万2千件")."""
    if not (0 < j < len(tokens) - 1 and total and tokens[j].text.isdigit()):
        return False
    before, after = tokens[j - 1], tokens[j + 1]
    return (before.text in CJK_SCALES and after.text in CJK_SCALES and before.end == tokens[j].start
            and tokens[j].end == after.start and CJK_SCALES[after.text] < CJK_SCALES[before.text])


def after_scale_value(tokens: list[Token], k: int) -> tuple[float, int]:
    """(value, last token) of the number word at ``k`` after a scale word said first ("laki tano": 5); a ten followed by
    a unit multiplies it, as Igbo says tens ("iri abụọ": ten two = 20)."""
    said = AFTER_SCALE_WORDS[tokens[k].text]
    if said == 10 and k + 1 < len(tokens) and 2 <= AFTER_SCALE_WORDS.get(tokens[k + 1].text, 0) < 10:
        return 10 * AFTER_SCALE_WORDS[tokens[k + 1].text], k + 1
    return said, k
