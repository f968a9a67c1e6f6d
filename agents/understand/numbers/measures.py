"""What a number in a message measures: documents, document length, query rate, latency, memory or budget.

Each number is read with the words around it ("2 million clinical notes", "each ~500 words", "100 QPS",
"under 50 ms", "16 GB RAM", "$200 a month"). A bare number counts only when the assistant just asked
for that field (``expecting``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from agents.profile import NUMBER_FIELDS
from agents.understand.devices import device_spans
from agents.understand.modelnames import is_model_word
from agents.understand.numbers import money
from agents.understand.numbers.code import code_spans, counts_products, in_code
from agents.understand.numbers.context import Measure, next_words, prev_words
from agents.understand.numbers.doccount import NOT_MEASURED, documents, in_each
from agents.understand.numbers.grouping import regroup
from agents.understand.numbers.lines import header_rows
from agents.understand.numbers.nouns import DOC_NOUNS, is_doc_noun
from agents.understand.numbers.operations import time_unit_follows
from agents.understand.numbers.quantities import (
    LENGTH_UNITS,
    TOKENS_PER_WORD,
    TOO_LARGE,
    WORDS_PER_PAGE,
    Number,
    find_numbers,
    fmt,
)
from agents.understand.numbers.speed import latency, qps, second_phrases
from agents.understand.numbers.streams import PER_DAY, stream_rate
from agents.understand.numbers.tables import table_total
from agents.understand.numbers.timing import TIMING
from agents.understand.numbers.unit_first import unit_before
from agents.understand.prep import Prepared

CHUNK_NOUNS = frozenset({"chunks", "chunk", "passages", "passage", "vectors", "vector", "embeddings", "segments", "snippets",
                         "spans"})
_MEMORY_UNITS = {"gb": 1.0, "gib": 1.0, "gi": 1.0, "gigs": 1.0, "gig": 1.0, "gigabytes": 1.0, "gigabyte": 1.0, "g": 1.0,
                 **dict.fromkeys(("mb", "mib", "mi", "megabytes"), 1 / 1024), "tb": 1024.0, "tib": 1024.0, "terabytes": 1024.0,
                 # other scripts: Russian/Ukrainian, Arabic, Persian, Hebrew, Hindi, Bengali, Korean, Japanese
                 **dict.fromkeys(("гб", "гігабайт", "гигабайт", "гигабайта", "гигабайтов", "جيجابايت", "جيجا", "غيغابايت",
                                  "گیگابایت", "גיגה", "जीबी", "জিবি", "기가", "기가바이트", "ギガ", "ギガバイト",
                                  # Korean with "is" glued ("램이 16기가예요")
                                  "기가예요", "기가에요", "기가입니다", "기가요", "기가고"), 1.0),
                 **dict.fromkeys(("тб", "تيرابايت"), 1024.0),
                 # megabytes in Cyrillic, with the Turkic ablative glued on ("120 МБдан ашпашы керек": not over 120 MB)
                 **dict.fromkeys(("мб", "мбдан", "мбтан", "мегабайт", "мегабайттан", "мегабайта"), 1 / 1024),
                 # Finnish "Gt" (gigatavu), Georgian, Tamil, Telugu, Croatian/Polish/Czech words
                 **dict.fromkeys(("gt", "gigatavua", "gigatavun", "გბ", "ஜிபி", "జీబీ", "gigabajta", "gigabajtów",
                                  "gigabajty", "gigabajtů"), 1.0)}
# Units a count may follow in lists and in languages that write the noun first ("RAM ya GB 32"): no one letter ("g").
_MEMORY_FIRST = frozenset(u for u in _MEMORY_UNITS if len(u) > 1 and u not in ("gi", "mi"))
_DATA_AFTER_MEMORY = frozenset({"corpus", "data", "dataset", "datasets", "text", "documents", "docs", "pdfs", "files", "index",
                                "embeddings", "vectors", "storage", "disk", "ssd", "hdd", "of", "database", "collection", "logs"})
_MEMORY_OF_OK = frozenset({"ram", "memory", "vram", "gpu", "system", "unified", "ddr4", "ddr5"})
_GPU_WORDS = re.compile(r"\b(?:gpus?|vram|cuda|nvidia|a100s?|h100s?|v100s?|t4s?|l4s?|a10g?|rtx|\d{4} ?ti|graphics)\b")
_TOTAL_CONTEXT = re.compile(r"\b(?:total|in total|overall|altogether|corpus of|dataset of|collection of|combined)\b")
_PER_CONTEXT = re.compile(r"\b(?:each|per|average|avg|on average|apiece|typically|typical|usually|long|in length|mean|"
                          r"każd[aey]|średnio|jeweils|pro|durchschnittlich|chacun|chacune|en moyenne|cada|en promedio|"
                          r"em média|ogni|ciascun[oa]|in media|elk|gemiddeld)\b")
_COUNTED_UNITS = ("page", "pages", "sentences", "paragraphs", "lines")
_PRICE_PER = re.compile(r"(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:usd|eur|dollars?|euros?))\s*(?:an? )?per \w+")   # "$20 per seat"
# A number right after these names a product or version, not a quantity ("Raspberry Pi 4", "RTX 4090", "Python 3").
_NAMED_BEFORE = frozenset({"pi", "rtx", "gtx", "jetson", "iphone", "pixel", "galaxy", "version", "v", "gen", "generation",
                           "series", "python", "java", "windows", "ubuntu", "ios", "android", "llama", "gpt", "claude", "qwen",
                           "mistral", "phi", "gemma", "gemini", "top", "chapter", "section", "step", "phase", "tier", "level",
                           # identifiers and codes: "error 404", "ticket 4521", "port 8080", "line 42", "id 7"
                           "error", "status", "port", "expose", "line", "ticket", "issue", "id", "pr", "build", "release", "room",
                           "code", "http", "https", "iso", "rfc", "cve", "sku", "order", "invoice", "case", "item", "no",
                           "nr", "number", "page", "table", "row", "column", "figure", "fig", "slide", "alert",
                           # places in an address or a signature: "Lab 4B", "Building 7", "Suite 200"
                           "lab", "building", "bldg", "floor", "suite", "apt", "unit", "block", "wing", "office", "desk",
                           "bay", "gate", "dock", "aisle", "tel", "phone", "fax", "mobile", "ext"})
# A year is not a count: "since 2019 we collected 3 million tickets".
_YEAR = re.compile(r"(?:19|20)\d\d")



# The price of a machine the user already has ("we have a VPS for $20 a month", "Mamy VPS-a za 60 zł miesięcznie",
# "tenemos un VPS por 15 euros al mes"): what their hosting costs, not money for embeddings ("we could run it on an EC2
# box, maybe $50 a month" is a budget).
_MACHINE_PRICE = re.compile(r"\b(?:have|has|got|own|mamy|mam|tenemos|tengo|temos|tenho|avons|ai|haben|habe|hebben|heb|abbiamo|"
                            r"ho|имеем|маємо|our|nasz\w*|nuestro|notre|unser\w*) (?:\S+ ){0,2}?(?:vps|droplet|server|serwer|"
                            r"servidor|serveur|instance|instancia|vm|box|machine|maszyn\w*)(?:-[a-z]+)? "
                            r"(?:for|za|por|à|a|für|voor|per|за) (?:about |around |~)?(?:[$€£]\s*)?$")


_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
# Hundredths of a currency after the amount ("50 cents a month", "a few cents a month", "quelques centimes par mois").
_CENTS = {"cents": "USD", "cent": "USD", "¢": "USD", "centimes": "EUR", "céntimos": "EUR", "centesimi": "EUR"}


def _cents(prep: Prepared, num: Number, nxt: list[str]) -> Measure | None:
    """A monthly amount in cents: "50 cents a month" is $0.50; a vague one ("a few cents a month") is under one whole
    unit, read as at most 1 (said in the note)."""
    if money.period_factor(nxt[1:5]) is None and not money.MONTHLY.search(prep.clause(num.start)):
        return None
    code = _CENTS[nxt[0]]
    vague = num.approx and not any(c.isdigit() for c in prep.low[num.start:num.end])
    value = 1.0 if vague else num.value / 100 * (money.period_factor(nxt[1:5]) or 1.0)
    converted = money.in_dollars(value, code) if code != "USD" else None
    said = prep.snippet(num.start, prep.tokens[num.last_token + 1].end, 40)
    note = f"I took \u201c{said}\u201d a month as less than one whole {code}: at most 1 {code} a month." if vague else None
    return Measure("budget_usd_month", converted[0] if converted else value, num.start, num.end, code, note)


def _budget(prep: Prepared, num: Number, nxt: list[str], prev: list[str], expecting: str | None = None,
            earlier: str | None = None) -> Measure | None:
    if nxt[:1] and nxt[0] in _CENTS:   # "50 cents a month", "a few cents a month"
        return _cents(prep, num, nxt)
    code = money.currency(prep, num, nxt, prev)
    scale = 1.0
    if nxt[:1] == ["grand"]:   # "two grand a month": thousands, of dollars unless a currency is named
        scale, nxt, code = 1000.0, nxt[1:], code or "USD"
    elif nxt[:1] and nxt[0] in money.THOUSANDS_OF:   # "300 lucas al mes": thousands of Chilean pesos
        scale, code = 1000.0, money.THOUSANDS_OF[nxt[0]]
    clause, assumed = prep.clause(num.start), None
    if code is None:   # "the embeddings can add at most another 150" (after a bill in dollars) is money too
        if not (_budget_word_near(prep, num) or money.another_amount(prep, num)):
            return None
        code = assumed = earlier or "USD"   # "budget 50k" after the user spoke of rupees: rupees (said in the note)
    words = nxt[:5]
    if len(nxt) == 1 and prep.low.startswith(". ", prep.tokens[num.last_token + 1].end):   # "2.000 kr. om måneden"
        words += [t.text for t in prep.tokens[num.last_token + 3:num.last_token + 7]]
    if money.is_unit_price(prep, num, words):
        return None  # a unit price ("$0.02 per 1M tokens", "$20 per seat for Notion", "$1,800 each"), not a budget
    factor = money.period_factor(words)
    if factor is None and money.MONTHLY.search(clause):
        factor = 1.0
    if factor is None and money.YEARLY.match(prep.low, num.end):   # "3,600 dollars for the whole year"
        factor = 1 / 12
    if factor is None and money.YEARLY_BEFORE.search(prep.low, prep.clause_bounds(num.start)[0], num.start):
        factor = 1 / 12   # "annual budget for this is $12k"
    if factor is None and money.QUARTERLY_BEFORE.search(prep.low, prep.clause_bounds(num.start)[0], num.start):
        factor = 1 / 3   # "quarterly budget: $1,500"
    if factor != 1.0 and money.PURCHASE_BEFORE.search(prep.low, max(0, num.start - 60), num.start):
        return None   # "the server cost 8,000 euros (last year)": what a machine cost once, no budget
    if money.OTHER_BILL_BEFORE.search(prep.low, max(0, num.start - 40), num.start) or _MACHINE_PRICE.search(
            prep.low, max(0, num.start - 40), num.start):
        return None   # "our vector DB already costs $300 a month", "Mamy VPS-a za 60 zł": another product's bill
    notes = []
    if factor is None:
        if not money.BUDGET_CLAUSE.search(clause) and expecting != "budget_usd_month" and num.value:
            return None   # "30 EUR, not 300" corrects one; "€0 - open weights only" is no money to spend
        factor = 1.0
        notes.append("I took the budget as per month")
    if num.value < 1000 and _DOT_THOUSANDS.fullmatch(prep.low, num.start, num.end):
        scale *= 1000   # "1.500 kr. om måneden": money is never written to three decimals, the dot groups thousands
    value = round(num.value * scale * factor, 2)
    converted = money.in_dollars(value, code) if code != "USD" else None
    word = money.defaulted_word(prep, num, nxt, prev) if converted is not None else None
    amount, detail = (value, word) if word else (None, code)   # "Rs 2,500" as INR: an earlier "Port Louis" may place it
    if converted is not None:   # a dated reference rate (knowledge/currency.yaml), said in the note
        value, said = converted
        notes.append(_assumed(assumed, earlier) + said)
    elif code != "USD":   # no dated rate (``money.WITHOUT_RATE``) or no country named ("pesos"): asked, never guessed
        return Measure("unconverted_money", value, num.start, num.end, code,
                       money.ask_in_usd(prep.snippet(num.start, num.end, 40), code))
    return Measure("budget_usd_month", value, num.start, num.end, detail, "; ".join(notes) + "." if notes else None,
                   amount=amount)


def is_money(prep: Prepared, num: Number) -> bool:
    """The number is an amount of money: a currency sign or code before it, a currency word after it ("30 EUR")."""
    return money.currency(prep, num, next_words(prep, num, 1), prev_words(prep, num, 1)) is not None


def _budget_word_near(prep: Prepared, num: Number) -> bool:
    """ "budget 200", "budget is 300", "budget: 50", "200 budget": the word sits next to the number, with no
    punctuation or other number between (so "budget $100, 10 queries per second" gives 10 to the query rate)."""
    toks = prep.tokens
    for k in range(num.first_token - 1, max(-1, num.first_token - 5), -1):
        if toks[k].text in money.BUDGET_WORDS:   # "no budget at all 5k faq entries" gives no money
            return not (k and toks[k - 1].text in ("no", "zero", "without", "nil"))
        if not toks[k].text[0].isalpha():
            return False
    after = toks[num.last_token + 1:num.last_token + 2]
    return bool(after) and after[0].text in money.BUDGET_WORDS


# A limit under half a gigabyte on what ships (the profile reads such a memory_gb as the model's size budget).
_SIZE_LIMIT_GB = 0.5
_SHIPPED = re.compile(r"\b(?:models?|downloads?|bundled?|ships?|app|apk|ipa|binary|weights|package|extension|install)\b|"
                      # the model or the app in other languages: "modelnya maksimal 80 MB", "मॉडेल ... १५० MB पेक्षा लहान"
                      r"\b(?:model\w*|modelo|modèle|modell\w*|aplikasi|aplicación|aplicativo|modeli|модел\w*)\b|"
                      r"मॉडेल|मॉडल|ॲप|ऐप|النموذج|الموديل|التطبيق|モデル|アプリ|模型|应用|모델|앱")


# The machine's RAM named in other languages: "64 ГБ оперативної пам'яті", "64 GB Arbeitsspeicher", "ОЗУ".
_CJK_MEMORY = ("显存", "顯存", "内存", "內存", "メモリ", "램", "메모리")
_RAM_WORDS = ("оператив", "озу", "arbeitsspeicher", "hauptspeicher", "werkgeheugen", "operační", "operacyjn")


# A line of pasted `free` output ("Mem:  31Gi  4.2Gi  22Gi", "Swap: 2.0Gi"): operations.py reads its total.
_FREE_LINE = re.compile(r"[^\S\n]*(?:mem|swap|内存|交换)[^\S\n]*:")


def _memory(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> Measure | None:
    if _FREE_LINE.match(prep.low, prep.low.rfind("\n", 0, num.start) + 1):
        return None
    if num.unit in _MEMORY_UNITS:
        unit, rest = num.unit, nxt
    else:
        unit, rest = (nxt[0], nxt[1:]) if nxt and nxt[0] in _MEMORY_UNITS and nxt[0] not in ("gi", "mi") else ("", nxt)
        unit = unit or ("ギガ" if prep.low.startswith("ギガ", num.end) else "")   # "32ギガ": kana are tokens of one letter
        first = None if unit or num.unit else unit_before(prep, num, _MEMORY_FIRST)   # "RAM ya GB 32"
        unit = unit or (first[0] if first else "")
    if not unit or (unit == "g" and not (rest and rest[0] in ("ram", "vram", "memory"))
                    and not prep.low.startswith(_CJK_MEMORY, num.end)):   # "每张80G显存": 80 GB of video memory
        return None
    data_after = rest and rest[0] in _DATA_AFTER_MEMORY and not (rest[0] == "of" and len(rest) > 1 and rest[1] in _MEMORY_OF_OK)
    data_before = any(w in ("corpus", "dataset", "data", "collection", "index", "storage", "disk", "total", "backup", "backups",
                            "dump", "snapshot", "export", "archive", "logs", "upload", "uploads") for w in prev) or (
        any(is_doc_noun(w) for w in prev_words(prep, num, 5)) and (bool(rest and rest[0] in ("each", "apiece")) or any(
            w in ("of", "max", "maximum", "averaging", "average") for w in prev[-2:])))   # "PDFs of max 50 MB each"
    if data_after or data_before:
        return Measure("data_size_gb", num.value * _MEMORY_UNITS[unit], num.start, num.end, note=(
            "I can't size an index from the data volume in bytes; tell me roughly how many documents (or chunks) there are."))
    window = prep.low[max(0, num.start - 40):num.end + 30]
    said = rest[0] if rest else ""
    gb = num.value * _MEMORY_UNITS[unit]
    if said in ("ram", "system", "ddr4", "ddr5") or said.startswith(_RAM_WORDS):   # "... and 256GB RAM": 256 is RAM
        kind = "system"   # said to be the machine's RAM: never a GPU's memory
    elif gb < _SIZE_LIMIT_GB and _SHIPPED.search(prep.low[max(0, num.start - 50):num.start]):
        kind = "size"      # "the model download should stay under 500 MB": what ships, not the machine's RAM
    else:
        kind = "vram" if said == "vram" or _GPU_WORDS.search(window) else "ram"
    return Measure("memory_gb", round(gb, 3), num.start, num.end, kind)


_QUERY_VERBS = frozenset({"type", "types", "typed", "typing", "enter", "enters", "say", "says", "ask", "asks"})


def _length(prep: Prepared, num: Number, nxt: list[str], prev: list[str], expecting: str | None) -> Measure | None:
    words = [w for w in nxt if w not in ("-", "个", "個")]   # "1000个token": a Chinese counter before the unit
    if len(words) > 1 and words[0] + words[1] in LENGTH_UNITS:   # a two-character unit split per Han character ("文字")
        words = [words[0] + words[1]] + words[2:]
    if num.approx and words[:1] == ["of"]:   # "a couple of sentences", "a few of pages"
        words = words[1:]
    unit = num.unit if num.unit in LENGTH_UNITS else (words[0] if words and words[0] in LENGTH_UNITS else "")
    first = None if unit or num.unit else unit_before(prep, num, LENGTH_UNITS)   # "kila kimoja maneno 200"
    unit = unit or (first[0] if first else "")
    if not unit:
        return None
    value = (num.value + num.low) / 2 if num.low is not None else num.value
    unpriced = _PRICE_PER.sub(lambda m: " " * len(m.group()), prep.low)   # "$10 per editor" says no length per doc
    around = unpriced[max(0, num.start - 40):min(len(prep.low), num.end + 40)]
    hyphen_compound = prep.low[num.end:num.end + 1] == "-"
    if hyphen_compound and f"{unit.rstrip('s')}s" in _COUNTED_UNITS and value >= 100_000:
        return None   # "a 100M-page web crawl" counts pages: no one document is that long
    per_doc = expecting == "avg_doc_tokens" or bool(_PER_CONTEXT.search(around)) or hyphen_compound or bool(
        re.search(r"\b(?:\w+s) (?:of|are|is|with|have|averag\w*|around|about)\s*(?:about|around|roughly|~|up to)?\s*$",
                  prep.low[max(0, num.start - 30):num.start]))
    if not per_doc and any(w in _QUERY_VERBS for w in prev[-3:]):
        return None   # "people type a few words": the length of a query, not of the documents
    if _TOTAL_CONTEXT.search(around) and not per_doc and unit not in _COUNTED_UNITS:   # "3M paragraphs total" counts
        return Measure("total_tokens", value * LENGTH_UNITS[unit], num.start, num.end, note=(
            "I can't use the total corpus size in tokens or words directly; tell me how many documents (or chunks) there are."))
    if unit in _COUNTED_UNITS and (not per_doc or in_each(prep, num) is not None):
        return None  # "half a million pages" counts documents, and so do "12 sites with 5k pages on each"
    if unit in ("tokens", "words", "characters", "chars") and value >= 100_000 and not per_doc:
        return Measure("total_tokens", value * LENGTH_UNITS[unit], num.start, num.end, note=(
            "I can't use the total corpus size in tokens or words directly; tell me how many documents (or chunks) there are."))
    tokens = max(1, round(value * LENGTH_UNITS[unit]))
    detail = "" if unit.startswith("token") else (
        f"~{fmt(value)} {unit} x {fmt(LENGTH_UNITS[unit])} tokens per {unit.rstrip('s')} (assumed: {TOKENS_PER_WORD} tokens"
        f" per word"
        + (f", {WORDS_PER_PAGE} words per page" if unit.startswith("page") else "") + ")")
    return Measure("avg_doc_tokens", tokens, num.start, num.end, detail)


_YEAR_BEFORE = frozenset({"in", "since", "from", "until", "till", "by", "before", "after", "year", "of", "during", "early",
                          "late", "mid", "q1", "q2", "q3", "q4", "fy", "summer", "winter", "spring", "autumn", "fall"})


def is_year(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> bool:
    """A plain four-digit number from 1900 to 2099 after "in", "since", ... ("since 2019"): a date, not a count
    ("in 2000 documents" still counts documents)."""
    return (not num.scaled and not num.unit and bool(_YEAR.fullmatch(prep.text[num.start:num.end]))
            and bool(prev) and prev[-1] in _YEAR_BEFORE and not (nxt and nxt[0] in DOC_NOUNS))


def _not_a_quantity(num: Number, nxt: list[str], prev: list[str]) -> bool:
    """A size, width or product number: "a 7B model", "1024-dim", "the 8B Qwen3", "Raspberry Pi 4"."""
    if num.unit:
        return False
    after = next((w for w in nxt if w != "-"), "")
    large = num.scaled or num.value >= 1000   # Czech and Slovak "v 50 000 dokumentoch" (in), not a version
    # Slavic "v" (in) before a time: "odgovoriti v 150 ms" (answer in 150 ms), "v 2 sekundah"
    timed = after in _TIME_AFTER or after in TIMING["ms"] or after in TIMING["s"]
    # a memory unit after it makes it a size even after a product word (Haitian Creole "li gen 8 GB RAM": it has 8 GB)
    return after in NOT_MEASURED or is_model_word(after) or bool(prev) and prev[-1] in _NAMED_BEFORE and not (
        prev[-1] == "v" and (large or timed)) and after not in _MEMORY_UNITS


_TIME_AFTER = frozenset({"ms", "msec", "s", "sec", "secs", "seconds", "minutes", "min", "hours", "h"})
_BARE_FIELDS = frozenset(NUMBER_FIELDS)
BARE = "bare number"     # a document count given without a counted noun (an answer to "how many documents?")


def find_measures(prep: Prepared, expecting: str | None = None, consumed: Collection[tuple[int, int]] = (),
                  currency: str | None = None) -> list[Measure]:
    """Every measurable quantity in the message, in order of appearance. A number inside ``consumed`` (spans another
    rule has read: a stream rate, a core count, a window) or counting new items per period is never a bare answer to
    ``expecting``: "about 7k new docs a week" after "what is your budget?" gives no budget. ``currency``: the one the
    user wrote amounts in earlier in the conversation, for an amount of money written here without one."""
    answering_latency = expecting == "latency_ms"
    out = second_phrases(prep, answering_latency)
    phrases = [(m.start, m.end) for m in out]
    spans, named = code_spans(prep), device_spans(prep)
    for num in regroup(prep, find_numbers(prep)):
        if any(s <= num.start < e for s, e in phrases):   # "half" in "under half a second"
            continue
        if num.too_large:
            out.append(Measure("too_large", 0.0, num.start, num.end, note=(
                f"I ignored \u201c{prep.snippet(num.start, num.end, 40)}\u201d: {TOO_LARGE}. Give me a realistic figure "
                "(e.g. \u201cabout 2 million documents\u201d, \u201c16 GB of RAM\u201d).")))
            continue
        nxt, prev = next_words(prep, num), prev_words(prep, num)
        if _not_a_quantity(num, nxt, prev) or counts_products(prep, num) or in_code(prep, num, spans) or not num.unit and any(
                s <= num.start < e for s, e in named):   # "one old 3090" names a GPU ("A100 80GB" still says its memory)
            continue
        if is_year(prep, num, nxt, prev):
            continue
        if (rows := header_rows(prep, num)) is not None:   # "wc -l" says 10,001 with a header line: 10,000 documents
            out.append(Measure("documents", rows[0], num.start, num.end, "lines", rows[1]))
            continue
        found = (_budget(prep, num, nxt, prev, expecting, currency) or _memory(prep, num, nxt, prev) or qps(prep, num, nxt, prev)
                 or latency(prep, num, nxt, prev, answering_latency) or _length(prep, num, nxt, prev, expecting)
                 or documents(prep, num, nxt, prev))
        if found is None and expecting in _BARE_FIELDS and not num.unit and not any(
                s <= num.start < e for s, e in consumed) and stream_rate(prep, num) is None:
            found = _bare(prep, num, expecting, currency)
        if found is not None:
            if num.approx and found.note is None and found.field == "documents" and num.low is None:
                found.note = (f"I took '{prep.snippet(num.start, num.end)}' as about {fmt(found.value)}; "
                              "give a closer number if you have one.")
            out.append(found)
    if (table := table_total(prep)) is not None:   # a pasted table of counts: its rows add up
        out.append(table)
    out.sort(key=lambda m: m.start)
    return out


_COUNTS_OTHER = frozenset({"of", "x", "times", "pods", "servers", "machines", "nodes", "gpus", "cards", "cores", "vcpus",
                           "people", "users", "languages", "teams", "replicas", "instances", "workers", "years", "months",
                           "weeks", "days", "hours", "minutes", "sites", "stores", "clients", "customers"})


def _bare(prep: Prepared, num: Number, expecting: str, currency: str | None = None) -> Measure | None:
    if prep.models and prep.in_question(num.end, part=True):   # "what about bge-m3?" asks about a model; it is no answer
        return None
    if num.approx and not num.scaled and num.value < 10:   # "a few sentences" answers nothing it was asked
        return None
    after = re.match(r"\s*([^\W\d_]+)", prep.low[num.end:num.end + 20])
    if expecting != "documents" and after and (after.group(1) in _COUNTS_OTHER or is_doc_noun(after.group(1))):
        return None   # "we can run up to 4 of them", "3 pods": a count of something else, not the answer asked for
    if expecting in ("documents", "budget_usd_month") and time_unit_follows(prep.low, num.end):
        return None   # "the A100s for 6 hours" counts no documents, costs no money
    if expecting == "budget_usd_month":
        return _earlier_money(prep, num, currency) if currency and currency != "USD" else Measure(
            expecting, num.value, num.start, num.end, "USD")
    if expecting == "avg_doc_tokens":   # "a sentence or two" is not 2 tokens
        return Measure(expecting, round(num.value), num.start, num.end) if num.value >= 10 else None
    if expecting == "latency_ms":   # "4 ชั่วโมง" (hours) is a window or a duration, never milliseconds
        late = num.value <= 0 or time_unit_follows(prep.low, num.end)
        return None if late else Measure(expecting, num.value, num.start, num.end)
    if expecting == "memory_gb" and num.value > 0:
        return Measure(expecting, num.value, num.start, num.end, "ram")
    if expecting == "ingest_per_day":   # "more like 8k a day", "2k a week": new items per day
        per = re.match(r"\s*(?:a|an|per|each|every|/)\s*(day|night|week|month|hour)\b", prep.low[num.end:num.end + 16])
        return Measure(expecting, round(num.value * PER_DAY[per.group(1)], 2), num.start, num.end) if per else None
    return Measure(expecting, num.value, num.start, num.end, BARE if expecting == "documents" else "")


def _assumed(code: str | None, earlier: str | None) -> str:
    """The assumption said when an amount written without a currency is taken in the one used earlier."""
    return f"You wrote no currency; I took {code}, the one you used earlier. " if code and code == earlier else ""


def _earlier_money(prep: Prepared, num: Number, code: str) -> Measure:
    """A bare amount answering the budget question, in the currency the user wrote amounts in earlier (a month)."""
    converted = money.in_dollars(num.value, code)
    if converted is None:   # no dated rate: asked in USD, never guessed
        return Measure("unconverted_money", num.value, num.start, num.end, code,
                       money.ask_in_usd(prep.snippet(num.start, num.end, 40), code))
    value, said = converted
    return Measure("budget_usd_month", value, num.start, num.end, code, _assumed(code, code) + said + ".")
