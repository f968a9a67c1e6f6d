"""Numbers that belong to code, markup, URLs or identifiers ("alert(4)", "id=4", "#4521", "v2.3.1"), or count
products named by an id ("one A10").

Such a number is never a quantity of the user's needs, so the measure readers skip it.
"""

from __future__ import annotations

import re

from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared

# A number glued to these is code, markup or an identifier, never a quantity: "alert(4)", "id=4", "#4521",
# "localhost:8080", "/api/v2", "x_3".
_CODE_BEFORE = frozenset("[{=#/\\_@'\"")
_CODE_AFTER = frozenset("]}=\\_'\"")
_CODE_OPERATORS = frozenset({"*", "+", "=", "%", "^", "&", "|", "==", "!="})
# Words of a need written as "<need> = <value>" in prose ("corpus = 1.25M abstracts", "budget = $200").
_NEEDS = frozenset({"corpus", "documents", "docs", "budget", "size", "total", "qps", "latency", "ram", "memory", "vram",
                    "volume", "dataset"})
# A need stated as a key and a quoted value, as in JSON or YAML: '"docs": "about 2M"', "budget: '$200 a month'".
_NEED_VALUE = re.compile(rf"[\"']?\b(?:{'|'.join(sorted(_NEEDS))})[\"']?\s*:\s*[\"']?[^\"'{{}}:]{{0,24}}$")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|org|net|io|dev|de|fr|eu)(?:[:/]\S*)?")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# Code that holds numbers: a call ("alert(4)"), a definition, an assignment, a return with arithmetic.
_CODE_WORDS = re.compile(r"\b(?:function|def|lambda|console\.log|alert|eval|printf?|echo|exec|print)\s*\(|"
                         r"\b(?:const|let|var)\s+\w+\s*=|\breturn\s+[\w.]+\s*[-+*/%]")

# A pasted command line (inline code holding a flag or a program, a shell prompt), and what running it gave back.
_COMMAND = re.compile(r"`[^`\n]*(?:\s--?[a-z]|python|\bapp\.cli\b|curl |\.py\b)[^`\n]*`|^\s*\$ \w|(?<![\w-])--[a-z][\w-]+ \S",
                      re.M)
_TOOL_OUTPUT = re.compile(r"\b(?:got|get|getting|returned|returns|showed|shows|gave|gives|printed|prints|listed|lists|"
                          r"displayed|displays|came back with|comes back with)\s+(?:back\s+|only\s+|just\s+)?\d[\d,.]*\s*"
                          r"(?:rows?|results?|hits?|lines?|matches|recommendations?|models?|entries|items|picks|cards)\b")


def in_code(prep: Prepared, num: Number, spans: list[tuple[int, int]] | None = None) -> bool:
    """The number is part of code, markup, a URL or an identifier ("alert(4)", "id=4", "#4521", "x * 3").

    ``spans`` is :func:`code_spans` of ``prep`` when the caller checks many numbers (computed here otherwise)."""
    text, s, e = prep.text, num.start, num.end
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    if (before in _CODE_BEFORE or after in _CODE_AFTER) and not _NEED_VALUE.search(prep.low, max(0, s - 40), s):
        return True
    if before in "(:" and s > 1 and (text[s - 2].isalnum() or text[s - 2] == "_"):
        return True       # "alert(4)", "localhost:8080"
    if before == "." and s > 1 and text[s - 2].isalnum() or after == "." and text[e + 1:e + 2].isalnum():
        return True       # "v2.3.1", "1.2.3": a version, not a quantity
    toks = prep.tokens
    if num.first_token > 0 and toks[num.first_token - 1].text in _CODE_OPERATORS and not (
            toks[num.first_token - 1].text == "=" and num.first_token > 1 and (toks[num.first_token - 2].text in _NEEDS
                                                                            or _prose_around(toks, num))):
        return True       # "x * 3", "n = 5"; but "corpus = 1.25M abstracts" states a need
    return any(a <= s and e <= b for a, b in (code_spans(prep) if spans is None else spans))


def _prose_around(toks: list, num: Number) -> bool:
    """Words on both sides of "= N": "average inspection report = 2 pages" is prose, not an assignment."""
    before, after = toks[num.first_token - 2].text, toks[num.last_token + 1].text if num.last_token + 1 < len(toks) else ""
    return len(before) > 2 and before.isalpha() and after.isalpha() and len(after) > 1


def code_spans(prep: Prepared) -> list[tuple[int, int]]:
    """URLs, inline code, fenced code and clauses that read as code (a call, an assignment, a keyword followed by
    code): computed once per message, as a message may hold thousands of numbers."""
    spans = [m.span() for rx in (_URL, _INLINE_CODE) for m in rx.finditer(prep.text)]
    spans += [(s, e) for s, e in prep.pasted if prep.text[s:s + 3] == "```"]
    if _COMMAND.search(prep.low):   # "I ran `... --top 5` and only got 3 rows": the tool's output, not the needs
        spans += [m.span() for m in _TOOL_OUTPUT.finditer(prep.low)]
    for m in _CODE_WORDS.finditer(prep.low):
        stops = [i for i in (prep.low.find(c, m.end()) for c in ";})\n") if i >= 0]
        spans.append((m.start(), (min(stops) if stops else len(prep.low)) + 1))
    return spans


# A count of products named by an id: "one A10", "2 H100s", "4x L40S" (no quantity the advisor asks for).
_PRODUCT_AFTER = re.compile(r"\s*(?:x\s*)?[a-z]{1,4}-?\d{1,4}[a-z]{0,2}s?\b")


def counts_products(prep: Prepared, num: Number) -> bool:
    """The number counts devices named by a product id right after it ("one A10", "2 H100s")."""
    return not num.unit and bool(_PRODUCT_AFTER.match(prep.low, num.end))
