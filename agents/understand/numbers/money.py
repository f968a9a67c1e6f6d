"""Money around an amount: its currency, the period it is paid per, and whether it is a budget at all, read from
``money.yaml`` (data, with examples run as tests). ``measures`` turns it into a monthly USD budget at the dated rates
of ``knowledge/currency.yaml``.

    currency(prep, num, nxt, prev)   # "R$ 600" -> "BRL", "800 zł" -> "PLN", "3万円" -> "JPY", "$200" -> "USD"
                                     # "500.000 pesos" in Medellín -> "COP"; with no country named -> "PESO" (asked)
    in_dollars(1000, "KES")          # -> (7.75, "I converted KSh1,000 to about $7.75 (1 KES = ...: <source>, <date>)")
    ask_in_usd("1,000", "SHILLING")  # -> the question that names the amount and asks it in USD
    period_factor(["a", "quarter"])  # -> 1/3 (an amount per quarter is a third of it per month)
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from agents.understand.numbers.quantities import Number, fmt
from agents.understand.prep import Prepared
from agents.understand.vocabfile import read_vocabulary
from knowledge.currency import usd_rate

DATA_FILE = Path(__file__).resolve().parent / "money.yaml"
_DATA = read_vocabulary(DATA_FILE)
EXAMPLES: dict[str, list] = _DATA["examples"]
_BEFORE: dict[str, str] = {str(k): v for k, v in _DATA["before"].items()}
_BETWEEN: tuple[tuple[str, ...], ...] = tuple(tuple(str(w).split()) for w in _DATA["between_before"])
_GLUED_PREFIXES: dict[str, dict[str, str]] = {sign: {str(k): v for k, v in prefixes.items()}
                                               for sign, prefixes in _DATA["glued_prefixes"].items()}
_AFTER: dict[str, str] = {str(k): v for k, v in _DATA["after"].items()}
WITHOUT_RATE: frozenset[str] = frozenset(_DATA["without_rate"])
PERIODS: dict[str, float] = {str(k): float(Fraction(str(v))) for k, v in _DATA["periods"].items()}
MONTHLY = re.compile("|".join(_DATA["monthly"]))
_NORWEGIAN = re.compile(_DATA["norwegian"])
# A word several countries' currencies share -> (the country cues of each, the code when none is named). A cue starts
# a Latin word; in Han or Arabic text it may follow any letter ("每月預算新台幣", "بمصر").
_BY_COUNTRY: dict[str, tuple[dict[str, re.Pattern[str]], str]] = {
    word: ({code: re.compile(rf"(?<![a-z\u00c0-\u024f])(?:{cue})") for code, cue in cues.items() if code != "default"},
           cues.get("default", word))
    for word, cues in _DATA["by_country"].items()}
UNNAMED: dict[str, str] = _DATA["unnamed"]
_ADJECTIVE_AFTER: dict[str, str] = {str(k): v for k, v in _DATA["adjective_after"].items()}
_DOLLAR_LETTERS: dict[str, str] = {str(k): v for k, v in _DATA["dollar_letters"].items()}
_ISO_CODES = frozenset(_DATA["iso_codes"].split())
_CODE_THEN = frozenset(_DATA["code_then"])
_COUNTRY_BEFORE = frozenset(_DATA["country_before"])
_CAPITAL_SIGNS: dict[str, str] = _DATA["capital_signs"]
THOUSANDS_OF: dict[str, str] = _DATA["thousands_of"]
YEARLY = re.compile(r"[^.;,!?]{0,16}?(?:" + "|".join(_DATA["yearly"]) + r")(?!\w)")
# "annual budget ... is $12k": the year named before the amount, in the same clause.
YEARLY_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(_DATA["yearly_before"]) + r")(?!\w)|" + "|".join(
    w for w in _DATA["yearly_before"] if re.search(r"[\u3040-\u9fff\uac00-\ud7a3]", w)))   # "予算は年間60万円": glued
# "quarterly budget: $1,500": the quarter named before the amount, in the same clause.
QUARTERLY_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(_DATA["quarterly_before"]) + r")(?!\w)|" + "|".join(
    w for w in _DATA["quarterly_before"] if re.search(r"[\u3040-\u9fff\uac00-\ud7a3]", w)))
NO_BUDGET = re.compile("|".join(_DATA["no_budget"]))
BUDGET_WORDS: frozenset[str] = frozenset(_DATA["budget_words"])
BUDGET_CLAUSE = re.compile(_DATA["budget_clause"])
PURCHASE_BEFORE = re.compile(_DATA["purchase_before"])
OTHER_BILL_BEFORE = re.compile(_DATA["other_bill_before"])
_UNIT_PRICE_PER = frozenset(str(w) for w in _DATA["unit_price_per"])
_UNIT_PRICE_AFTER = tuple(str(w) for w in _DATA["unit_price_after"])
_PRICED_THING = re.compile("|".join(str(w) for w in _DATA["priced_thing_after"]))
# Signs and words written right after the digits without a space in Han or kana ("3万円", "50ドル", "两千元").
_GLUED_AFTER = re.compile(r"\s?(ドル|美元|美金|円|元|人民币|新台幣|新臺幣|港紙|유로|ユーロ|欧元|ดอลลาร์|บาท|달러|"
                          r"원(?!본|문|하|래|인|칙|자|고|소|리|형|료))")   # "30만 원까지": won with a particle glued
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YUAN_CONTEXT = re.compile(r"元|人民币|yuan|rmb|cny|chin")


def currency(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> str | None:
    """The ISO code of the currency written around ``num`` (a word of several countries is the one the message names:
    "pesos" in Medellín are COP; with none named, e.g. "PESO": asked), or None."""
    code = _named(prep, num, nxt, prev)
    if code in _BY_COUNTRY:
        cues, default = _BY_COUNTRY[code]
        code = next((c for c, cue in cues.items() if cue.search(prep.low)), default)
    return code


def _named(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> str | None:
    for words in _BETWEEN:   # "paʻanga ʻe 800": a particle between the currency named first and its amount
        if len(prev) > len(words) and tuple(prev[-len(words):]) == words and prev[-len(words) - 1] in _BEFORE:
            prev = prev[:-len(words)]
            break
    if prev:
        glued = num.first_token >= 2 and prep.tokens[num.first_token - 2].end == prep.tokens[num.first_token - 1].start
        prefixes = _GLUED_PREFIXES.get(prev[-1], {})
        if len(prev) > 1 and glued and prev[-2] in prefixes:   # "R$ 600", "MX$200", "E£ 700", "S/ 300"
            return prefixes[prev[-2]]
        if prev[-1] == "." and len(prev) > 1 and prev[-2] in _BEFORE:   # "Rs. 8,000", "Rp. 500.000"
            prev = prev[:-1]
        if prev[-1] == "r" and num.value >= 100 and prep.tokens[num.first_token - 1].end == num.start:
            return "ZAR"   # "R3 000 a month", "singu-R2 500": the rand's sign glued to the amount ("R1", "R2" name things)
        code = _BEFORE.get(prev[-1])
        if code is None and len(prev) > 1 and _HAN.fullmatch(prev[-1]):   # "预算港幣一千五": a Han name, one token a character
            code = _BEFORE.get(prev[-2] + prev[-1])
        if code == "JPY" and _YUAN_CONTEXT.search(prep.low):   # "¥" is also the yuan's sign
            return "CNY"
        if code:
            return code
    if nxt[:1] == ["de"] and len(nxt) > 1 and nxt[1] in _AFTER:   # "1.000 de lei", "5 000 de dólares"
        nxt = nxt[1:]
    if nxt[:1] == ["$"] and len(nxt) > 1 and nxt[1] in _DOLLAR_LETTERS:   # "500 $ CA"
        return _DOLLAR_LETTERS[nxt[1]]
    for n in (1, 2):   # "150 Australian dollars", "30,000 پاکستانی روپے", "200 New Zealand dollars"
        if len(nxt) > n and " ".join(nxt[:n]) in _ADJECTIVE_AFTER and nxt[n] in _AFTER:
            return _ADJECTIVE_AFTER[" ".join(nxt[:n])]
    if len(nxt) > 1 and nxt[0] in _COUNTRY_BEFORE and nxt[1] in _AFTER:   # "18,000 UAE dirhams"
        nxt = nxt[1:]
    if nxt and nxt[0] in _AFTER:
        if nxt[0] == "kroner" and _NORWEGIAN.search(prep.low):
            return "NOK"   # Danish and Norwegian both write "kroner"
        return _AFTER[nxt[0]]
    m = _GLUED_AFTER.match(prep.low, num.end)
    if m:
        return _AFTER[m.group(1)]
    if num.unit in ("usd", "eur", "gbp"):
        return num.unit.upper()
    return _iso_code(prep, num)


@lru_cache(maxsize=8)
def _has_lower(text: str) -> bool:
    """Whether ``text`` has a lower-case letter (once per message, not once per number in it)."""
    return any(c.islower() for c in text)


def _iso_code(prep: Prepared, num: Number) -> str | None:
    """An ISO 4217 code in capitals right before the amount ("UGX 300,000") or after it when nothing but a period or
    punctuation follows ("2 000 QAR a month", not "20,000 SAR scenes"), unless the whole message is in capitals."""
    toks = prep.tokens
    if not _has_lower(prep.text):
        return None
    before = toks[num.first_token - 1] if num.first_token > 0 else None
    if before is not None and prep.text[before.start:before.end] in _ISO_CODES:
        return prep.text[before.start:before.end]
    after = toks[num.last_token + 1:num.last_token + 3]
    said = prep.text[after[0].start:after[0].end] if after else ""
    then = after[1].text if len(after) > 1 else ""
    said = _CAPITAL_SIGNS.get(said, said)   # "400 KM" (Bosnian convertible marks)
    monthly = len(after) > 1 and MONTHLY.match(prep.low, after[1].start) is not None   # "300 KM mjesečno"
    if said in _ISO_CODES and (not then[:1].isalpha() or then in _CODE_THEN or then in PERIODS or monthly):
        return said
    return None


def in_dollars(value: float, code: str) -> tuple[float, str] | None:
    """``value`` in ``code`` converted at the dated rate of knowledge/currency.yaml, with the note that says the rate,
    its source and date; None when the table has no rate for ``code``."""
    rate = usd_rate(code)
    if rate is None:
        return None
    return rate.to_usd(value), (f"I converted {rate.symbol}{fmt(value)} to about ${fmt(rate.to_usd(value))} (1 {code} = "
                                f"{rate.usd_per_unit} USD: {rate.source}, {rate.as_of})")


def in_currency(usd: float, code: str) -> float | None:
    """``usd`` back in ``code`` at the same dated rate (a budget converted earlier, as the user wrote it), or None."""
    rate = usd_rate(code)
    return usd / rate.usd_per_unit if rate is not None and rate.usd_per_unit > 0 else None


def placed(code: str, earlier: str) -> str | None:
    """The currency a word several countries share ("PESO", "RUPEE") is in when ``earlier`` (what the user said before,
    lower case) names a country or city of it ("we're a Medellín company" -> COP); None otherwise."""
    cues = _BY_COUNTRY[code][0] if code in _BY_COUNTRY else {}
    return next((c for c, cue in cues.items() if cue.search(earlier)), None)


def defaulted_word(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> str | None:
    """The word several countries share ("RUPEE" for "Rs") when the message names none of them and the word's default
    ("INR") was taken; an earlier message may still place it (``placed``). None otherwise."""
    word = _named(prep, num, nxt, prev)
    if word not in _BY_COUNTRY or word in UNNAMED:
        return None
    return None if any(cue.search(prep.low) for cue in _BY_COUNTRY[word][0].values()) else word


def ask_in_usd(amount: str, code: str) -> str:
    """The question for an amount the advisor cannot convert: it names the amount as written and asks for it in USD."""
    if code in UNNAMED:
        return (f"You gave the budget as {amount} {UNNAMED[code]} without saying which country's {UNNAMED[code]}: what is "
                "it in USD a month (e.g. \u201cabout $50 a month\u201d)?")
    return (f"You gave the budget as {amount} {code}, and I have no dated exchange rate for {code}: what is it in USD a "
            "month (e.g. \u201cabout $50 a month\u201d)?")


_ANOTHER = re.compile(r"\b(?:add|spend|pay|afford)\b[^.;]{0,16}\b(?:another|an extra|an additional)\s*$")


def another_amount(prep: Prepared, num: Number) -> bool:
    """A bare amount added to a bill just named ("the embeddings can add at most another 150"): money too."""
    return bool(_ANOTHER.search(prep.low, max(0, num.start - 30), num.start))


def period_factor(words: list[str]) -> float | None:
    """The factor from the period named in ``words`` to a month ("a month" -> 1, "per quarter" -> 1/3), or None."""
    return next((PERIODS[w] for w in words if w in PERIODS), None)


def is_unit_price(prep: Prepared, num: Number, words: list[str]) -> bool:
    """A price of one thing ("$0.02 per 1M tokens", "$20 per seat", "$1,800 each", "a $6 VPS"), not a budget."""
    if "per" in words and any(w in _UNIT_PRICE_PER for w in words):
        return True
    rest = prep.low[num.end:num.end + 24].lstrip(" ")
    rest = re.sub(r"^[^\s]*(?:dollars?|usd|euros?|eur)\b\s*", "", rest)
    return rest.startswith(_UNIT_PRICE_AFTER) or bool(_PRICED_THING.match(rest))
