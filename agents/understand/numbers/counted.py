"""What a count counts when no document word follows the number: the noun elsewhere in the sentence or message.

    "30k English and Italian manuals"               -> "manuals"  (a document noun a few words on)
    "around 500k, mostly support tickets"            -> "tickets"
    "90k open-ended survey answers"                  -> "answers"  (any plural noun is counted data ...)
    "5,000 customers", "20k requests", "3000 hours"  -> None       (... unless it counts people, devices, traffic or time)
    "bug reports we already filed; ~70k in Jira"     -> "reports"  (a count with no noun of its own looks back)

Only large or scaled numbers are read this way (``measures`` checks that); a document noun found by
``is_doc_noun`` is preferred to any other noun.
"""

from __future__ import annotations

from collections.abc import Callable

from agents.understand.numbers.quantities import Number
from agents.understand.prep import Prepared

SENTENCE_STOP = frozenset({".", "!", "?", ";"})
# Plural nouns a large count may count that are not data to embed: people, devices, traffic, time, money, size.
NOT_COUNTED = frozenset("""users people customers clients employees staff members visitors subscribers students readers
viewers followers fans buyers sellers agents engineers developers researchers doctors nurses lawyers patients persons
humans accounts seats licenses licences tenants teams devices phones laptops servers machines nodes gpus cpus cores
instances replicas pods containers clusters requests queries calls searches lookups hits visits views clicks sessions
downloads installs impressions transactions orders tokens words characters chars bytes dimensions dims parameters
params years months weeks days hours minutes seconds times steps epochs iterations dollars euros pounds bucks usd
eur gbp cents points stars likes languages models miles km meters kilometres kilometers dolares reais rupees yen yuan
francs""".split())
# Words that end the noun phrase after a number ("90k survey answers in English", "40k recipes that ...").
_PHRASE_END = frozenset({",", ":", "(", ")", "-", "in", "from", "of", "on", "at", "for", "to", "with", "that", "which",
                         "we", "and", "or", "but", "per", "each", "every", "a", "an", "the", "is", "are", "was", "were",
                         # "~2M defect crops so far", "8M tiles right now", "40k scans already": when, not the noun
                         "so", "now", "right", "already", "currently", "today", "total", "overall", "altogether", "yet",
                         "by", "as", "since", "growing", "plus", "until", "till"})
# Between a noun and its count in an aside: "session notes (maybe 300k by now, ...)".
_ASIDE = frozenset({"-", "(", "maybe", "probably", "about", "around", "roughly", "approx", "~", "like", "some", "ca"})
# A count with no noun of its own that is followed by where the items live ("~70k in Jira") looks back further.
_WHERE = frozenset({"in", "on", "across", "inside", "within", "stored", "sitting", "living", "from"})


def counted_noun(prep: Prepared, num: Number, is_doc_noun: Callable[[str], bool], stops: frozenset[str],
                 reach: int = 8) -> str | None:
    """The noun ``num`` counts when it is not right after it (see the module docstring), or None."""
    toks = prep.tokens
    for t in toks[num.last_token + 1:num.last_token + 1 + reach]:
        w = t.text
        if w in SENTENCE_STOP or w[0].isdigit() or w in stops:
            break
        if is_doc_noun(w):
            return w
    head = plural_head(prep, num, stops)
    if head:
        return head
    following = toks[num.last_token + 1:num.last_token + 3]
    if following and following[0].text not in SENTENCE_STOP | {",", "-", ":", "of"}:
        if following[0].text in _WHERE:
            return _noun_before(prep, num, is_doc_noun, stops)
        return None if following[0].text in NOT_COUNTED or following[0].text in stops else _noun_just_before(
            prep, num, is_doc_noun)
    for t in reversed(toks[max(0, num.first_token - reach):num.first_token]):
        w = t.text
        if w in SENTENCE_STOP or w[0].isdigit() or w in stops:
            break
        if is_doc_noun(w):
            return w
    return _noun_before(prep, num, is_doc_noun, stops)


def plural_head(prep: Prepared, num: Number, stops: frozenset[str]) -> str | None:
    """The head of the noun phrase right after the number when it is a plural that counts data ("90k open-ended
    survey answers" -> "answers"); None for people, devices, traffic, time or money ("5,000 customers")."""
    words: list[str] = []
    for t in prep.tokens[num.last_token + 1:num.last_token + 7]:
        w = t.text
        if w == "-" and words:
            continue
        if w in _PHRASE_END or w in SENTENCE_STOP or not w.isalpha():
            break
        words.append(w)
    if not words or any(w in NOT_COUNTED or w in stops for w in words):
        return None
    head = words[-1]   # English plurals only: "8.000 dólares" is a price, and other languages list their nouns
    return head if len(head) > 3 and head.isascii() and head.endswith("s") and not head.endswith(("ss", "us", "is")) \
        else None


def _noun_just_before(prep: Prepared, num: Number, is_doc_noun: Callable[[str], bool], reach: int = 3) -> str | None:
    """A document noun among the few words right before the count, in languages that name the thing first and say
    where or in what language after it ("Sinemibhalo engaba ngu-50 000 ngesiZulu": documents, about 50,000, in Zulu)."""
    words = [t.text for t in prep.tokens[max(0, num.first_token - reach - 3):num.first_token]
             if t.text not in _ASIDE][-reach:]   # "session notes (maybe 300k by now)": the bracket and hedge skipped
    for w in reversed(words):
        if is_doc_noun(w):
            return w
        if not w.isalpha():
            return None
    return None


def _noun_before(prep: Prepared, num: Number, is_doc_noun: Callable[[str], bool], stops: frozenset[str],
                 reach: int = 24) -> str | None:
    """A document noun earlier in the message, across sentence ends ("bug reports ...; there are ~70k in Jira"),
    up to another number or a word that counts something else."""
    for t in reversed(prep.tokens[max(0, num.first_token - reach):num.first_token]):
        w = t.text
        if is_doc_noun(w):   # before the stops: "pages" counts documents too ("30k pages ... plus 12k from SharePoint")
            return w
        if w[0].isdigit() or (w in stops and w not in ("a", "an", "per", "each", "every")):
            return None
    return None
