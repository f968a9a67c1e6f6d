"""Choosing one value per numeric field when a message gives several, plus number-free phrases
("no budget", "short tweets").

Rules: an explicit correction ("2 million, sorry, I meant 200k") takes the later value; otherwise the
peak query rate, the strictest latency and the last length/budget count. Document counts prefer chunks
(what gets indexed), add up counts of different counted things ("2M notes and 500k reports"; a bare
number names nothing and is never added), and otherwise
take the largest with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from agents.understand.moves import CORRECTION, correction_between
from agents.understand.numbers import money
from agents.understand.numbers.changes import changed_by_amount, changed_by_factor
from agents.understand.numbers.measures import BARE, CHUNK_NOUNS, Measure, is_money
from agents.understand.numbers.quantities import LENGTH_UNITS, Number, find_numbers, fmt
from agents.understand.prep import Prepared

SHORT_TEXT_TOKENS = 50      # assumed length of a tweet or "short text"
HEADLINE_TOKENS = 20        # assumed length of a headline or title
_SHORT_TEXT = re.compile(r"\b(?:short |brief )?tweets?\b|\bshort (?:texts|messages|snippets|descriptions|answers|reviews|"
                         r"sentences|notes|comments|posts|documents|docs|queries)\b|\bone-liners\b|\bchat messages\b")
# The same in other languages ("textos bem curtos", "teks pendek", "댓글은 짧아요", "טקסטים קצרים", "短文本").
_SHORT_TEXT_OTHER = re.compile(
    r"\b(?:textos|mensagens|mensajes|descrições|descricoes|descripciones|comentários|comentarios|frases|notas) "
    r"(?:\w+ )?(?:curt[oa]s|cort[oa]s)\b|\b(?:textes|messages) courts\b|\bkurze (?:texte|nachrichten)\b|"
    r"\btesti brevi\b|\bkorte (?:teksten|berichten)\b|\bkrótkie (?:teksty|wiadomości)\b|"
    r"\b(?:teks|pesan|kalimat|komentar) (?:yang |sangat |cukup )?pendek\b|\b(?:văn bản|câu|tin nhắn|bình luận) ngắn\b|"
    r"짧아요|짧습니다|짧은\s*(?:글|댓글|문장|텍스트|메시지)|한두\s*문장|(?:טקסטים|משפטים|הודעות|תגובות) קצר(?:ים|ות)|"
    r"短文本|短い(?:テキスト|文|コメント)|коротки[ех] (?:тексты|текстов|сообщени\w+)|\bkısa (?:metin|mesaj)\w*")
# A length shown by an example right after a length word: "very short ('part time care assistant in nursing home')".
# ("a brief", the noun, is a query: "supervisors type a brief like 'slow piano, rain'")
_SHORT_EXAMPLE = re.compile(r"\b(?:short|(?<!\ba )(?<!\bthe )brief|tiny|one-line|few words?)\b[^'\"\u2018\u201c\n.;]{0,16}"
                            r"['\"\u2018\u201c]([^'\"\u2019\u201d\n]{3,200})['\"\u2019\u201d]")
TOKENS_PER_WORD = 1.3       # as agents/fields.py converts words
_UNIT_OR_TWO = re.compile(r"\b(?:a|one|a single) (sentence|line|paragraph|page) or two\b")
# "every entry is about a paragraph long", "a page each": one unit of length per document
_ONE_UNIT = re.compile(r"\b(?:a|one|a single) (sentence|line|paragraph|page) (?:long|each|apiece|in length|of text)\b|"
                       # "each FAQ answer is a single short paragraph"
                       r"\b(?:each|every)\b[^.;!?]{0,40}?\b(?:is|are)\s+(?:just |only |about |roughly |usually |typically )?"
                       r"(?:a|one|a single) (?:(?:short|brief|small|long|full|single) )?(sentence|line|paragraph|page)\b(?! or)")
# Half a page said in words, in English and other languages: "about half a page", "circa mezza pagina", "une demi-page".
_HALF_PAGE = re.compile(r"\b(?:half a|a half|mezza|media|meia|une demi-?|eine halbe|een halve|pół|yarım|nửa|μισή) ?"
                        r"(?:page|pagina|página|seite|strony|sayfa|trang|σελίδα)\b")
_HEADLINES = re.compile(r"\bheadlines\b|\b(?:product )?titles only\b|\bjust (?:the )?titles\b")
# "free" as in available ("the server is only free between 3 and 5", "must be free by 6am") is no price
_FREE_TIME = r"(?! (?:between|from|at|on|after|before|during|until|till|by|in the|overnight|for \d|weekends?|nights?)\b)"
_BUDGET_ZERO = re.compile(r"\bno budget\b(?! (?:limit|constraints?|cap|ceiling|restrictions?|issues?|concerns?))|"
                          rf"\bzero budget\b|\b(?:must|has to|needs to|should) be free\b{_FREE_TIME}|"
                          r"\bfree (?:only|models? only|tier only)\b|"
                          rf"\bonly free\b{_FREE_TIME}|\b(?:can't|cannot|won't) (?:spend|pay)\b|\bno money\b|"
                          r"\bnot (?:a|one) (?:cent|penny|dime)\b|"
                          r"\bno paid (?:apis?|services?|models?|plans?)\b|\bnothing to spend\b|"
                          r"\bbudget (?:is |of )?(?:zero|nil|none|nothing)\b|"
                          # "it has to cost nothing (at all)", "must cost us nothing"
                          r"\b(?:must|has to|needs to|should|can) cost (?:us )?nothing\b")
_BUDGET_OPEN = re.compile(r"\bno budget (?:limit|constraints?|cap|ceiling|restrictions?)\b|\bunlimited budget\b|"
                          r"\bmoney is no object\b|\b(?:budget|cost|price) (?:is not|isn't|doesn't|does not) "
                          r"(?:an issue|a concern|a problem|a constraint|matter)\b")

# A number right after these is the value being replaced: "say 100k documents instead of 30k", "2M, not 200k".
# The same in the European languages users write in: "30 EUR, nicht 300", "pas 300", "en lugar de 300", "não 300",
# "invece di 300", "niet 300", "nie 300", "ne 300" (Czech), "όχι 300", "inte 300", "ikke 300". Spanish/Italian "no"
# is left out: English "2 million, no 3 million" corrects the other way.
_REPLACED_INTL = (r"nicht|statt|anstatt|anstelle von|pas|au lieu de|plutôt que|en lugar de|en vez de|não|em vez de|"
                  r"ao invés de|non|invece di|anziché|al posto di|niet|in plaats van|nie|zamiast|ne|místo|nikoli|όχι|αντί για|"
                  r"αντί|inte|istället för|ikke|i stedet for|"
                  # Somali "ma aha" (is not), Irish "ní" / "seachas" (not, instead of), Amharic "ሳይሆን" (not being)
                  r"ma aha|maaha|seachas|ሳይሆን|"
                  # Swahili "si" (is not) after a comma: "ni laki moja, si elfu kumi"; Welsh "nid" (not)
                  r"(?<=, )si|nid|"
                  # Indonesian/Malay "bukan 100 dolar", Romanian "nu 30"
                  r"bukan|(?<=, )nu|"   # (Dutch "nu" is "now": only after a comma, "300 de mii, nu 30")
                  # Russian/Ukrainian/Bulgarian "не 90 тисяч, а 900 тисяч", Estonian "mitte 200 tuhat" (round 14, u14fix)
                  r"не|mitte")
# Chinese writes "not" glued to the number: "是50万份，不是5万" (500k, not 50k).
_REPLACED = re.compile(rf"(?<!\w)(?:instead of|rather than|in place of|not|no longer|scratch|{_REPLACED_INTL})\s+"
                       r"(?:the |our |~|about |around |etwa |environ |unos |cerca de |circa |ongeveer |około |asi |περίπου )?"
                       r"(?:r\$|us\$|rp\.?|[$€£₹¥])?\s*$|"   # "R$ 3.000, não R$ 1.000": a currency sign before the number
                       r"(?:不是|而不是|并非|並非)\s*(?:大约|大概|约)?$")
# Languages that say "not" after the number ("2 milyon değil, 20 milyon", Turkmen "2 million däl", Uzbek "emas", Kazakh
# "емес", Tatar "түгел", Uyghur "ئەمەس", Hindi "नहीं", Urdu "نہیں", Bengali "নয়", Mongolian "биш", Japanese "ではなく",
# Korean "이 아니라"): the number before it is the value being replaced (a counted noun may sit between).
# (Session 14, u13fix: Hinglish "5k nahi, 50k", Marathi "नाही", Tamil "10 ஆயிரம் இல்லை, 25 ஆயிரம்", Bengali "৫০ হাজার না, ৫ লাখ".)
_REPLACED_AFTER = re.compile(r"\s*(?:[^\W\d]+?\s*)?(?:değil|däl|emas|эмес|емес|deyil|түгел|ئەمەس|नहीं|نہیں|নয়|биш|"
                             r"nahi|nahin|नाही|இல்லை|না|"
                             # English: "100 ms was too strict, 400 is fine", "5 was the average, the peak is 40"
                             r"(?:was|is|'s) (?:too (?:strict|tight|low|high|aggressive|ambitious|optimistic)|"
                             r"(?:just |only )?(?:the|an) average)|"
                             r"ではなく|じゃなく|でなく|(?:이|가)?\s?아니라|(?:이|가)?\s?아니고)(?!\w)\s*(?:[,;、，]|$)")


@dataclass
class Setting:
    """One field value chosen from a message (or a field to clear, when ``clear``)."""

    field: str
    value: Any
    evidence: str
    note: str | None = None
    clear: bool = False


def _evidence(prep: Prepared, m: Measure) -> str:
    """The number and up to three words after it ("2 million clinical notes")."""
    end = m.end
    for t in [t for t in prep.tokens if t.start >= m.end][:3]:
        if t.text in (",", ";", ".", "!", "?", "(", ")"):
            break
        end = t.end
    start = m.start - 1 if prep.low[max(0, m.start - 1):m.start] in ("$", "\u20ac", "\u00a3", "~") else m.start
    return prep.snippet(start, end, 60)


# The part of a collection that is embedded, said after the whole: "half a billion tweets but we'd only embed the 2 million
# that mention our brand", "of those we'll index just the 40k in English".
_ONLY_EMBEDDED = re.compile(r"\b(?:only|just|merely)\s+(?:\w+\s+){0,2}?(?:embed|index|vectori[sz]e|encode)\w*\s+"
                            r"(?:the |those |about |around |some |~)*$|"
                            r"\b(?:embed|index|vectori[sz]e|encode)\w*\s+(?:only|just)\s+(?:the |those |about |around |~)*$")


# The same said with "only" before the count and the verb after it ("but only the 600k incident reports get embedded"),
# "out of" the whole before a kept part ("out of 2.1 billion log lines we'd keep 3 million"), and "only" after the count in
# Japanese, Korean and Chinese ("エラーの12万件だけ", "800만 건만 색인", "只需要对其中的三百万条做向量化").
_ONLY_BEFORE = re.compile(r"\b(?:only|just)\s+(?:the |those |about |around |some |~)*$")
_EMBEDDED_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,4}?(?:get|gets|are|is|will be|would be|should be|need to be|go|goes)\s+"
                             r"(?:embedded|indexed|vectori[sz]ed|encoded|searched|into the index)\b|"
                             # "only 200k are error reports and those are what we'd embed" (u14fix)
                             r"[^.;!?]{0,40}?\b(?:those|these|they|that)(?:'s| is| are) (?:what|the ones?) (?:we'd|we would|"
                             r"we'll|we will|we want to|we) (?:embed|index|vectori[sz]e|search)")
_OUT_OF = re.compile(r"\b(?:out of|of (?:those|them|these|which))\b")
_KEPT = re.compile(r"\b(?:keep|use|take|select|pick|index|embed|search)\w*\s+(?:only |just |the |about |around |~)*$")
_ONLY_AFTER = re.compile(r"\s*(?:件|条|條|건|개|個)?\s*(?:だけ|のみ|만(?![\w])|만 (?:색인|인덱싱|임베딩|검색))")
_ONLY_HAN_BEFORE = re.compile(r"(?:只|仅|僅)[^，。,.;]{0,12}?$|"
                              # "只索引其中的告警，大约两百万条": only the part of them indexed, its count after a comma
                              r"(?:只|仅|僅)(?:索引|嵌入|向量化|检索)其中的[^，。,.;]{0,10}[，,]\s*(?:大约|大概|约)?$")


def _subset(prep: Prepared, m: Measure) -> bool:
    """``m`` counts the part of a collection that is embedded, said after the whole (see the patterns above)."""
    low, before = prep.low, max(0, m.start - 50)
    if _ONLY_EMBEDDED.search(low, before, m.start) or _ONLY_AFTER.match(low, m.end) or _ONLY_HAN_BEFORE.search(
            low, before, m.start):
        return True
    if _ONLY_BEFORE.search(low, before, m.start) and _EMBEDDED_AFTER.match(low, m.end):
        return True
    return bool(_KEPT.search(low, before, m.start) and _OUT_OF.search(low, max(0, m.start - 90), m.start))


def _corrected(prep: Prepared, items: list[Measure]) -> Measure | None:
    if len(items) > 1 and any(correction_between(prep.low, m.end, items[-1].start) for m in items[:-1]):
        return items[-1]
    subset = [m for m in items[1:] if _subset(prep, m)]
    return subset[0] if len(items) > 1 and subset else None


def _documents(prep: Prepared, items: list[Measure]) -> Setting:
    removed = [m for m in items if m.removed]   # "500k articles, but 100k of them are duplicates we'll drop"
    kept = _counted(prep, [m for m in items if not m.removed] or items)
    if not removed or len(removed) == len(items) or kept.value <= sum(m.value for m in removed):
        return kept
    value = int(round(kept.value - sum(m.value for m in removed)))
    said = " - ".join(fmt(v) for v in [kept.value, *(m.value for m in removed)])
    return Setting("documents", value, kept.evidence, f"I took off what will not be indexed ({said} = {fmt(value)} documents).")


def _counted(prep: Prepared, items: list[Measure]) -> Setting:
    counted = [m for m in items if m.detail != BARE]
    if counted and len(counted) < len(items):   # only counted nouns add up: a bare "4" next to "2 million notes" is not one
        items = counted
    chosen = _corrected(prep, items) or next((m for m in items if m.detail == "total"), None)   # "also insgesamt 75.000"
    note = None
    if chosen is None:
        chunks = [m for m in items if m.detail in CHUNK_NOUNS]
        if chunks:
            chosen = max(chunks, key=lambda m: m.value)
        elif len(items) > 1 and all(m.detail for m in items) and (len({m.detail for m in items}) == len(items)
                                                                    or all(m.added for m in items[1:])):
            total = sum(m.value for m in items)
            return Setting("documents", int(round(total)), " + ".join(_evidence(prep, m) for m in items),
                           f"I added up the counts ({' + '.join(fmt(m.value) for m in items)} = {fmt(total)} documents).")
        else:
            chosen = max(items, key=lambda m: m.value)
            if len(items) > 1:
                note = f"You gave several counts; I used the largest ({fmt(chosen.value)}). Tell me the total if it differs."
    return Setting("documents", int(round(chosen.value)), _evidence(prep, chosen), note or chosen.note)


# A peak said as a multiple of the average rate: "lunchtime peaks at 3x the average", "peaks of 5 times normal".
_PEAK = re.compile(r"\bpeaks? (?:\w+ ){0,3}?(?:at|of|around|about|up to|reaching|hitting|near|~)?\s*(\d+(?:\.\d+)?)\s*"
                   r"(?:x|×|times)"
                   r"(?:\s+(?:the |that |our )?(?:average|normal|mean|usual|baseline|that|it))?\b")


def choose(prep: Prepared, measures: list[Measure], hardware: str | None) -> tuple[list[Setting], list[str]]:
    """One setting per numeric field, and notes about numbers that could not be used."""
    by_field: dict[str, list[Measure]] = {}
    notes: list[str] = []
    for m in measures:
        by_field.setdefault(m.field, []).append(m)
        if m.note and m.field in ("data_size_gb", "total_tokens", "too_large", "unconverted_money"):
            notes.append(m.note)
    kept_any: list[Measure] = []
    for f, items in by_field.items():   # "100k instead of 30k": the replaced value is not a candidate
        kept = [m for m in items if not _REPLACED.search(prep.low, max(0, m.start - 24), m.start)
                and not _REPLACED_AFTER.match(prep.low, m.end)]
        kept_any += kept
        by_field[f] = kept or items
    if "budget_usd_month" in by_field and all(m not in kept_any for m in by_field["budget_usd_month"]) \
            and (_BUDGET_ZERO.search(prep.low) or _BUDGET_OPEN.search(prep.low)):
        del by_field["budget_usd_month"]   # "scratch the $50, it has to cost nothing": the only amount is the old one
    out: list[Setting] = []
    if "documents" in by_field:
        out.append(_documents(prep, by_field["documents"]))
        weighted = _weighted_length(prep, by_field["documents"], by_field.get("avg_doc_tokens", []), out[-1])
        out += [weighted] if weighted else []
    rules = {"avg_doc_tokens": lambda xs: xs[-1], "queries_per_second": lambda xs: max(xs, key=lambda m: m.value),
             "latency_ms": lambda xs: min(xs, key=lambda m: m.value), "budget_usd_month": lambda xs: xs[-1],
             "ingest_per_day": lambda xs: xs[-1]}   # a rate corrected in context: "more like 8k a day"
    for f, pick in rules.items():
        if f in by_field and f not in {s.field for s in out}:
            chosen = _corrected(prep, by_field[f]) or pick(by_field[f])
            if f == "queries_per_second" and (peak := _PEAK.search(prep.low)) is not None:   # "peaks at 3x the average"
                chosen = replace(chosen, value=chosen.value * float(peak.group(1)),
                                 note=f"I took the peak: {peak.group(1)} x the average rate.")
            value = int(chosen.value) if f == "avg_doc_tokens" else float(chosen.value)
            detail = f" ({chosen.detail})" if f == "avg_doc_tokens" and chosen.detail else ""
            out.append(Setting(f, value, _evidence(prep, chosen) + detail, chosen.note))
    if "memory_gb" in by_field and not (hardware == "gpu" and all(m.detail == "system" for m in by_field["memory_gb"])):
        items = by_field["memory_gb"]   # a GPU's limit is its own memory: "a 3090 (64GB RAM)" leaves it to the card
        vram = [m for m in items if m.detail == "vram"]
        ram = [m for m in items if m.detail != "vram"]
        # GPU memory is what limits a model on a GPU; otherwise the machine's RAM.
        size = [m for m in items if m.detail == "size"]
        # What ships is the tighter limit ("download under 500 MB ... 16 GB RAM"); else GPU memory on a GPU, else RAM.
        chosen = _corrected(prep, items) or (size[-1] if size else vram[-1] if vram and (hardware == "gpu" or not ram)
                                             else (ram or vram)[-1])
        out.append(Setting("memory_gb", float(chosen.value), _evidence(prep, chosen)))
    return out, notes


def _weighted_length(prep: Prepared, docs: list[Measure], lengths: list[Measure], total: Setting) -> Setting | None:
    """The average length over counts that each come with their own length ("~1.5M condition reports (typically 100-200
    words) plus ~40,000 procedures ..., 20-30 pages each" = 612 tokens), weighted by the counts; None unless the counts
    were added up and every one of them is followed by exactly one length before the next count."""
    if len(docs) < 2 or len(lengths) != len(docs) or total.value != int(round(sum(d.value for d in docs))):
        return None
    pairs = list(zip(sorted(docs, key=lambda m: m.start), sorted(lengths, key=lambda m: m.start), strict=True))
    bounds = [d.start for d, _ in pairs[1:]] + [len(prep.low)]
    if any(not (d.start < length.start < nxt) for (d, length), nxt in zip(pairs, bounds, strict=True)):
        return None
    tokens = round(sum(d.value * length.value for d, length in pairs) / sum(d.value for d, _ in pairs))
    said = " + ".join(f"{fmt(d.value)} x {fmt(length.value)}" for d, length in pairs)
    return Setting("avg_doc_tokens", tokens, "; ".join(_evidence(prep, length) for _, length in pairs),
                   f"Your documents differ in length: I averaged their lengths weighted by their counts (({said}) tokens / "
                   f"{fmt(total.value)} documents = ~{fmt(tokens)} tokens each).")


def phrases(prep: Prepared, settings: list[Setting], values: dict[str, Any] | None = None) -> list[Setting]:
    """Budget and length said without numbers: "no budget", "unlimited budget", "short tweets"; and a figure changed by a
    factor, an earlier one (``values``: "finance just doubled it") or one of ``settings`` the message states first ("it
    was 50k last year and has doubled since": the change is set after it, so it wins)."""
    have = {s.field for s in settings}
    stated = {s.field: s.value for s in settings if not s.clear}
    out = [Setting(f, value, evidence, note) for f, value, evidence, note in
           changed_by_factor(prep, values or {}, stated) or changed_by_amount(prep, values or {}, stated)]
    if "budget_usd_month" not in have | {s.field for s in out}:
        m = _BUDGET_OPEN.search(prep.low)
        if m:
            out.append(Setting("budget_usd_month", None, prep.snippet(*m.span()), clear=True))
        elif (m := _BUDGET_ZERO.search(prep.low) or money.NO_BUDGET.search(prep.low)) is not None:
            out.append(Setting("budget_usd_month", 0.0, prep.snippet(*m.span())))
    if "avg_doc_tokens" not in have and (m := _SHORT_EXAMPLE.search(prep.low)) is not None:
        words = len(m.group(1).split())
        tokens = max(3, round(words * TOKENS_PER_WORD))
        out.append(Setting("avg_doc_tokens", tokens, f"{prep.snippet(*m.span())} (~{words} words in your example: "
                                                     f"~{tokens} tokens each)"))
    elif "avg_doc_tokens" not in have and (m := _HALF_PAGE.search(prep.low)) is not None:
        tokens = round(0.5 * LENGTH_UNITS["page"])
        out.append(Setting("avg_doc_tokens", tokens, f"{prep.snippet(*m.span())} (half a page: ~{tokens} tokens)"))
    elif "avg_doc_tokens" not in have and (m := _UNIT_OR_TWO.search(prep.low)) is not None:
        tokens = round(1.5 * LENGTH_UNITS[m.group(1)])     # "usually a sentence or two": one and a half
        out.append(Setting("avg_doc_tokens", tokens, f"{prep.snippet(*m.span())} (~1.5 {m.group(1)}s: ~{tokens} tokens)"))
    elif "avg_doc_tokens" not in have and (m := _ONE_UNIT.search(prep.low)) is not None:
        tokens = round(LENGTH_UNITS[m.group(1) or m.group(2)])
        out.append(Setting("avg_doc_tokens", tokens, f"{prep.snippet(*m.span())} (~{tokens} tokens)"))
    elif "avg_doc_tokens" not in have:
        for rx, tokens in ((_SHORT_TEXT, SHORT_TEXT_TOKENS), (_SHORT_TEXT_OTHER, SHORT_TEXT_TOKENS),
                           (_HEADLINES, HEADLINE_TOKENS)):
            m = rx.search(prep.low)
            if m:
                out.append(Setting("avg_doc_tokens", tokens, f"{prep.snippet(*m.span())} (assumed ~{tokens} tokens each)"))
                break
    return out


_SCALES_OF_A_BARE_NUMBER = (1.0, 1e3, 1e5, 1e6, 1e7, 1e9)   # "not 1" after "3 lakh" is 1 lakh; after "3 million", 1 million


def replaced_field(prep: Prepared, values: dict[str, float]) -> str | None:
    """The numeric field a correction is about, so that its bare numbers are read as that field:

    - the value after "not"/"instead of" ("nicht", "όχι", ... see ``_REPLACED``) matches a value the user gave: "make that
      3 lakh, not 1" when the documents are 100,000; "300k, not 100k";
    - or the number before or after it is money: "30 EUR, not 300", "not 300 but 150 euros" correct the budget whatever
      its value was;
    - or a correction marker ("sorry", "wait", "Entschuldigung") and a repeated earlier value: "wait, 200k is the
      number of folders; the files themselves are ~3 million" corrects the documents.

    None when nothing names a field."""
    nums = find_numbers(prep)
    for i, num in enumerate(nums):
        if not (_REPLACED.search(prep.low[max(0, num.start - 30):num.start]) or _REPLACED_AFTER.match(prep.low, num.end)):
            continue
        if (i and is_money(prep, nums[i - 1]) or i + 1 < len(nums) and is_money(prep, nums[i + 1])) \
                and "budget_usd_month" in values:
            return "budget_usd_month"   # "30 EUR, not 300"; "ne 300, nego 150 eura" (not 300 but 150 euros)
        scales = (1.0,) if num.scaled or num.unit else _SCALES_OF_A_BARE_NUMBER
        for s in scales:   # the value as written first: "make it 50, not 100" replaces a latency of 100
            f = next((f for f, v in values.items() if v and abs(num.value * s - v) <= 0.02 * v), None)
            if f:
                return f
    repeated = next((f for num in nums for f in (_repeated(num, values),) if f), None) \
        if len(nums) > 1 and CORRECTION.search(prep.low) else None
    return repeated or _nearest_corrected(prep, values)


# "more like 800k", "closer to 3 million", "actually 120k": a corrected figure, near the value it corrects
_CORRECTED = re.compile(r"\b(?:more like|closer to|rather|actually|really|nearer|in fact|"
                        # French, German, Spanish, Portuguese, Italian, Dutch, Polish: "c'est plutôt 200 000"
                        r"plutôt|en fait|eher|eigentlich|más bien|en realidad|na verdade|piuttosto|in realtà|eigenlijk|"
                        r"raczej|właściwie|"
                        # a limit moved: "we can relax that to 300", "bump it up to 40k"
                        r"make (?:it|that)|"
                        r"(?:relax|loosen|raise|bump|lower|increase|decrease|reduce|tighten|change|push|move)\w* "
                        r"(?:that|it|this)(?: (?:up|down|back))? to)\s+(?:~|about |around |environ |etwa |unos |cerca de |circa |"
                        r"ongeveer |około )?$")


def _nearest_corrected(prep: Prepared, values: dict[str, float]) -> str | None:
    """The one numeric field a "more like N" correction is about: the only value within a factor of 20 of N. A message
    with a correction marker and one number ("oops, it's 4k, I typed an extra zero") corrects the same way."""
    nums = [n for n in find_numbers(prep) if n.value > 0]
    marked = len(nums) == 1 and CORRECTION.search(prep.low) is not None
    for num in nums:
        if num.unit or not (marked or _CORRECTED.search(prep.low[max(0, num.start - 24):num.start])):
            continue
        near = [f for f, v in values.items() if v and 1 / 20 <= num.value / v <= 20]
        if len(near) == 1:
            return near[0]
    return None


# Words of "about" a lone count may carry ("about 45 thousand", "unos 45 mil", "~2M", "environ 30 000", "약 3만").
_ABOUT = frozenset({"about", "around", "roughly", "approximately", "approx", "maybe", "perhaps", "some", "like", "~", "ca",
                    "circa", "unos", "unas", "uns", "umas", "cerca", "de", "aprox", "aproximadamente", "environ", "etwa",
                    "ungefähr", "rund", "ongeveer", "około", "sekitar", "kira", "khoảng", "yaklaşık", "примерно",
                    "около", "בערך", "כ", "حوالي", "약", "約", "大约", "大概", ".", "!", "-"})


def lone_count(prep: Prepared) -> bool:
    """The message is one large count and nothing else ("about 45 thousand", "unos 45 mil", "~2M"; a plain number of
    10,000 or more, so "2025" is none): an answer about the corpus size given before it was asked."""
    nums = find_numbers(prep)
    if len(nums) != 1 or nums[0].unit or not (nums[0].scaled or nums[0].value >= 10_000) or nums[0].too_large:
        return False
    num = nums[0]
    others = [t.text for t in prep.tokens if t.end <= num.start or t.start >= num.end]
    # a count as people write one: scaled, grouped ("45,000", "250 000") or with "about"; "12345" alone may be anything
    counted = num.scaled or any(c in prep.low[num.start:num.end] for c in ", .") or any(w not in ".!-" for w in others)
    return counted and all(w in _ABOUT for w in others)


def _repeated(num: Number, values: dict[str, Any]) -> str | None:
    """The field whose earlier value a large number repeats as written (2 %), or None."""
    if not (num.scaled or num.value >= 1000):
        return None
    return next((f for f, v in values.items() if v and abs(num.value - v) <= 0.02 * v), None)


def drop_repeated(prep: Prepared, measures: list[Measure], values: dict[str, Any]) -> list[Measure]:
    """Without the numbers a correction repeats from before when it gives a new one for the same field ("sorry, 200k
    is the number of folders; the files are ~3 million": 200k is the old count, not a candidate)."""
    if not CORRECTION.search(prep.low):
        return measures
    old = [m for m in measures if values.get(m.field) and abs(m.value - values[m.field]) <= 0.02 * values[m.field]
           and (m.value >= 1000 or m.detail == BARE)]
    return [m for m in measures if m not in old or not any(o.field == m.field and o not in old for o in measures)]
