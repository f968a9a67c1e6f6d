"""Turning the cue hits of one message into one value per field, with corrections and conflicts.

Rules: an explicit correction ("..., actually cloud is fine") makes the later value win; otherwise a
conflict keeps the stricter value for hard constraints (privacy, commercial use) and says so in a note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from agents.understand.cues import Hit
from agents.understand.moves import correction_between
from agents.understand.prep import Prepared
from agents.understand.vocabulary import DOMAIN_PRIORITY, TASK_PRIORITY

_OF_IMAGE = re.compile(r"(?:images?|photos?|pictures?|scans?|screenshots?|recordings?|photographs?) of (?:the |our |their |all"
                       r" )?$")
# Where pictures or sounds are attached ("the screenshots users attach to tickets", "photos added to claims"): the
# text item holds them, it is not the data.
_HOLDER = re.compile(r"(?:attach(?:ed|es)?|upload(?:ed|s)?|add(?:ed|s)?|embedded|included|pasted) (?:\w+ ){0,2}?"
                     r"(?:to|in|into|with) (?:the |their |our |its |a |an |each |every |support |customer |help ?desk )?$")

# Where the data must stay: a region rather than "our machines". Local models always satisfy it; say so.
REGION = re.compile(r"\b(?:the eu|eu|e\.u\.|europe|the european union|european union|germany|france|switzerland|austria|"
                    r"the netherlands|canada|australia|india|japan|our country|the country|our region|the region|"
                    r"(?:our |the )?jurisdiction)\b|\b(?:residency|sovereignty|gdpr)\b")
# Residency words that a region-hosted API can meet (GDPR, "may not leave the EU").
_RESIDENCY = re.compile(r"\b(?:gdpr|residency|sovereignty|sovereign)\b")
# Words that say the data is sensitive but set no place: with a region-hosted API approved they bind nothing more.
_SENSITIVE = re.compile(r"patient data|(?:highly |strictly )?confidential")
# A law that protects the data but names no place: a provider that signs its agreement (a HIPAA BAA) may hold it.
_REGIME = re.compile(r"(?:(?:under|subject to) )?(?:hipaa|ferpa)")


@dataclass
class Decision:
    value: Any
    hits: list[Hit]
    note: str | None = None
    clear: bool = False          # the message negates the value the profile holds ("not medical")
    others: list[Any] = field(default_factory=list)


def corrected_last(prep: Prepared, hits: list[Hit]) -> Hit | None:
    """The last hit, if a correction marker separates it from an earlier hit with another value."""
    if len(hits) < 2:
        return None
    last = hits[-1]
    for h in hits[:-1]:
        if h.value != last.value and correction_between(prep.low, h.end, last.start):
            return last
    return None


_ONLY = re.compile(r"\b(?:only|just|solely|instead|no longer|not)\b")
# Text that lives inside a code base: named after code, it describes the code, not another kind of data.
_CODE_TEXT = re.compile(r"(?:code )?(?:comments?|docstrings?|documentation|docs|readmes?|markdown|commit messages?)")


# "we transcribe our customers' sales calls": the calls are turned into text before they are embedded.
_TRANSCRIBED_BEFORE = re.compile(r"\btranscrib(?:e|es|ing)\s+(?:[\w'\u2019-]+\s+){0,3}$")


def data_type(prep: Prepared, hits: list[Hit], current: Any) -> Decision | None:
    has_media = any(h.value in ("image", "audio") and not h.negated for h in hits)
    pos = [h for h in hits if not h.negated
           and not (h.value == "text" and _OF_IMAGE.search(prep.low[max(0, h.start - 30):h.start]))
           and not (h.value in ("text", "text_weak") and has_media and _HOLDER.search(prep.low[max(0, h.start - 40):h.start]))
           and not (h.value == "audio" and _TRANSCRIBED_BEFORE.search(prep.low[max(0, h.start - 50):h.start]))]
    neg = [h for h in hits if h.negated]
    if not pos:
        norm = {("text" if h.value == "text_weak" else h.value) for h in neg}
        return Decision(None, neg, clear=True) if current in norm else None
    last = corrected_last(prep, pos)
    if last is not None:
        return Decision("text" if last.value == "text_weak" else last.value, [last])
    tags = {h.value for h in pos}
    if tags == {"text_weak"} and current is not None:
        return None   # "about 50k files" answers a count; it does not turn images into text
    if current == "code" and tags <= {"text", "text_weak"} and \
            all(_CODE_TEXT.fullmatch(prep.low[h.start:h.end]) for h in pos):
        return None   # "comments in English": a code base's own comments and docs do not make it text
    if current == "multimodal" and tags <= {"image", "text", "text_weak"} and not neg and not _ONLY.search(prep.low):
        return None   # "the product photos are public anyway": one side of text + images named again, not a change
    media = tags & {"image", "audio"}
    if "multimodal" in tags:
        value = "multimodal"
    elif "code" in tags:
        value = "code"
    elif len(media) == 2 or (media == {"image"} and "text" in tags):
        value = "multimodal"
    elif media:
        # Audio with text ("search clips by describing the sound in text") is audio: "multimodal" means
        # text + images, and a text-to-audio search needs an audio model that also embeds text.
        value = media.pop()
    else:
        value = "text"
    keep = [h for h in pos if h.value == value or value == "multimodal" and h.value in ("image", "audio", "text", "multimodal")
            or value == "text" and h.value == "text_weak"]
    return Decision(value, keep or pos)


def task(prep: Prepared, hits: list[Hit]) -> Decision | None:
    pos = [h for h in hits if not h.negated]
    if not pos:
        return None
    last = corrected_last(prep, pos)
    if last is not None:
        return Decision(last.value, [last])
    values = {h.value for h in pos}
    value = next(t for t in TASK_PRIORITY if t in values)
    others = sorted(values - {value, "search", "similarity"} if value != "search" else values - {value})
    note = None
    if others and value not in ("search", "similarity"):
        note = (f"You mentioned several tasks ({', '.join([value, *others])}); I optimise for {value}. "
                "Tell me if another one matters more.")
    return Decision(value, [h for h in pos if h.value == value], note, others=others)


# A department that speaks, approves or forbids ("QA and legal say", "our legal team", "finance signed off") is
# who decides, not what the data is about.
_TEAM_AFTER = re.compile(
    r"(?:\s+(?:and|&|or|/)\s+[a-z]+)?(?:\s+(?:affairs|operations|ops|compliance|research|review|risk|counsel))?"
    r"\s*(?:'s\s+)?(?:teams?|departments?|dept\.?|group|unit|division|office|committee|"
    r"folks|people|colleagues|guys|"
    r"(?:has|have|had|is|are|was|were|also|already|then|just|both|all)?\s*(?:says?|said|wants?|wanted|requires?|required|"
    r"insists?|insisted|demands?|demanded|approved?|approves|signed off|sign off|signs off|told us|tells us|decided|"
    r"agreed|agrees|objects?|objected|forbids?|forbade|won't|will not|doesn't|does not|don't|do not|would not|"
    r"wouldn't|needs? to|must|will|is fine|are fine|ok'?d|okayed|blocked|vetoed|mandates?|mandated|"
    r"(?:only )?(?:allow|allows|permit|permits|accept|accepts)|is paying|are paying|pays|"
    r"(?:is |are )?(?:sponsoring|sponsors|sponsored|funding|funds|funded|owns|owning|leading|leads|led|commissioned))\b)")


_DEPARTMENTS = frozenset({"legal", "finance", "financial", "medical", "clinical", "accounting", "tax", "audit",
                          "trading", "insurance", "credit", "engineering", "code",
                          # people who speak or decide: "our lawyers only allow Apache-2.0"
                          "lawyers", "lawyer", "attorneys", "attorney", "accountants", "auditors"})


def _department(prep: Prepared, h: Hit) -> bool:
    """The hit names a department that speaks or decides, not the subject of the data."""
    if prep.low[h.start:h.end] not in _DEPARTMENTS:   # "case law and they want ..." names the data
        return False
    after = prep.low[h.end:h.end + 40]
    return bool(_TEAM_AFTER.match(after)) and not re.match(r"\s+(?:documents?|texts?|contracts?|data|cases?|files?)\b",
                                                           after)


# Whom other businesses sell to is their market, not the user's data: "firms selling to hospitals" (a product the user
# sells to law firms serves their documents, so "we sell to ..." is not excluded).
_OURS_BEFORE = re.compile(r"\b(?:we|we're|we are|i|i'm|our (?:company|team|startup|product|platform|tool|app|service|"
                          r"software|saas))\s+(?:\w+\s+){0,2}$")
_MARKET_BEFORE = re.compile(r"\b(?:sell(?:s|ing)?|sold|market(?:s|ing)?|pitch(?:es|ing)?)\s+(?:\w+\s+){0,2}?(?:to|into)\s+"
                            r"(?:\w+\s+)?$|\b(?:vendors?|suppliers?)\s+(?:to|for)\s+(?:\w+\s+)?$")
# A rule that binds the data is why it stays private, not what it is about: "Client NDAs: the files never leave",
# "under NDA", "our contracts forbid uploads", "by law it must stay in the EU". A document count or "search our
# NDAs" still names the data.
_RULE_WORDS = frozenset({"nda", "ndas", "contract", "contracts", "law", "laws", "legislation", "statute", "statutes",
                         "clause", "clauses"})
_RULE_BEFORE = re.compile(r"\b(?:under|because of|due to|bound by|covered by|per|as per|by|according to|signed)\s+"
                          r"(?:an?\s+|the\s+|our\s+|their\s+|client\s+|customer\s+)?$")
# The reason given right after a privacy rule: "the audio can't go to any cloud, client contracts".
_RULE_REASON = re.compile(r"\b(?:can't|cannot|can not|must not|mustn't|may not|never|won't|not allowed to)\s+(?:\S+\s+){0,5}?"
                          r"(?:cloud|premises|prem|building|site|machines?|servers?|network|country|eu|region)\s*[,;:(-]\s*"
                          r"(?:because of\s+|due to\s+)?(?:our\s+|the\s+|client\s+|customer\s+|vendor\s+)?$")
# A counted or searched noun is the data even before a constraint ("search over 5k English contracts, on-prem").
_DATA_BEFORE = re.compile(r"(?:\d[\d,.]*\s*[kmb]?|thousands?|millions?|hundreds?|"
                          r"search(?:es|ing)?(?: over| in| through| across)?|over|across|through)\s+(?:[\w-]+\s+){0,2}$")
_RULE_AFTER = re.compile(r"\s*(?:(?:mean|means|say|says|require|requires|forbid|forbids|prohibit|prohibits|prevent|prevents|"
                         r"mandate|mandates|don't allow|do not allow|won't allow)\b|[:;,-]\s*(?:\w+\s+){0,4}?(?:never|not|no|"
                         r"can't|cannot|must|may only|stays?|leave|on-?prem\w*|confidential|private)\b)")
# "books we stock", "in stock": the verb and the shelf, not the stock market.
_STOCK_VERB = re.compile(r"(?:\b(?:we|they|you|i|to|in|out of|shops?|stores?)\s+)$")


def _not_the_data(prep: Prepared, h: Hit) -> bool:
    """The hit names who decides, whom the business sells to, the rule that binds the data, or shelf stock: not
    what the data is about (see ``_department``, ``_MARKET_BEFORE``, ``_RULE_WORDS``)."""
    before = prep.low[max(0, h.start - 40):h.start]
    word = prep.low[h.start:h.end]
    if _department(prep, h):
        return True
    market = _MARKET_BEFORE.search(before)   # "companies selling to hospitals"; "a SaaS we sell to law firms" serves them
    if market and not _OURS_BEFORE.search(before[:market.start()]):
        return True
    if word in ("stock", "stocked", "stocking") and _STOCK_VERB.search(before):
        return True
    return h.value == "legal" and word in _RULE_WORDS and bool(
        _RULE_BEFORE.search(before) or _RULE_REASON.search(prep.low, max(0, h.start - 80), h.start)
        or (_RULE_AFTER.match(prep.low, h.end) and not _DATA_BEFORE.search(before)))


# Who the user is ("we're a law firm", "I work at a hospital") when the message names data of another domain: the data
# decides ("We're a law firm, but this project is only about our vendor invoices" is finance).
_IDENTITY_BEFORE = re.compile(r"\b(?:we're|we are|i'm|i am|i work (?:at|for|in)|we work (?:at|for|in)|as)\s+(?:an?|the)\s+"
                              r"(?:[\w-]+\s+){0,2}$")


def domain(prep: Prepared, hits: list[Hit], current: Any) -> Decision | None:
    hits = [h for h in hits if not _not_the_data(prep, h)]
    identity = [h for h in hits if _IDENTITY_BEFORE.search(prep.low, max(0, h.start - 40), h.start)]
    if identity and any(h.value not in ("general", "other") and h.value != identity[0].value for h in hits):
        hits = [h for h in hits if h not in identity]
    pos = [h for h in hits if not h.negated]
    if not pos:
        return Decision(None, hits, clear=True) if any(h.value == current for h in hits) else None
    last = corrected_last(prep, pos)
    if last is not None:
        return Decision(last.value, [last])
    counts: Counter[str] = Counter()
    for h in pos:
        counts[h.value] += h.weight
    specific = [v for v in counts if v not in ("general", "other")]
    pool = specific or list(counts)
    best = max(pool, key=lambda v: (counts[v], -DOMAIN_PRIORITY.index(v)))
    return Decision(best, [h for h in pos if h.value == best])


def privacy(prep: Prepared, hits: list[Hit]) -> Decision | None:
    if not hits:
        return None
    last = corrected_last(prep, hits)
    if last is not None:
        return Decision(last.value, [last])
    stated = [h for h in hits if h.value == "local_only"]   # "cannot use OpenAI, Cohere or anything" is no invitation
    cloud = [h for h in hits if h.value == "cloud_ok" and not any(h.start < s.end and s.start < h.end for s in stated)]
    local = [h for h in stated if not _not_required(prep, h) and not any(_alternative(prep, c, h) for c in cloud)]
    if not local and not cloud:
        return None
    if local and cloud and _regional_api(prep, local, cloud):
        return Decision("cloud_ok", cloud, "Your data must stay in a region: I include API models, but check that the "
                        "provider hosts them there (a model you run yourself meets it anywhere).")
    if local and cloud and _regime_allows(prep, local, cloud):
        return Decision("cloud_ok", cloud, f"{prep.snippet(local[0].start, local[0].end)} protects your data and you said "
                        f"\u201c{prep.snippet(cloud[0].start, cloud[0].end)}\u201d: I include API models; use one only "
                        "under a signed agreement that covers it (a BAA for HIPAA). A model you run yourself needs none.")
    if local and cloud:
        note = (f"You said both \u201c{prep.snippet(local[0].start, local[0].end)}\u201d and"
                f" \u201c{prep.snippet(cloud[0].start, cloud[0].end)}\u201d. "
                "I kept the stricter choice (everything stays on your machines); tell me if a cloud API is acceptable.")
        return Decision("local_only", local, note)
    return Decision("local_only", local) if local else Decision("cloud_ok", cloud)


# What the data is ("nothing sensitive", "the data is public", "not confidential"), not where the model may run.
_CONTENT_ONLY = re.compile(r"sensitive|confidential|public|open data|published")


def content_only(prep: Prepared, d: Decision | None, current: str | None) -> tuple[Decision | None, str | None]:
    """(decision, note): a cloud permission said only as what the data is ("nothing sensitive", "the data is public")
    does not undo a ``current`` local_only (offline, no internet, on-prem): local stays, said in the note."""
    if d is None or d.value != "cloud_ok" or current != "local_only" or not all(
            _CONTENT_ONLY.search(prep.low, h.start, h.end) for h in d.hits):
        return d, None
    return None, (f"You said \u201c{prep.snippet(d.hits[0].start, d.hits[0].end)}\u201d; I still keep everything on your "
                  "machines, as you said before. If a cloud API is fine too, tell me (e.g. \u201ca cloud API is fine\u201d).")


_SOFT = re.compile(r"[^.;!?]{0,40}?\b(?:(?:is\s*n[o']?t|not|no longer)\s+(?:\w+\s+){0,2}?(?:a\s+)?(?:hard\s+|strict\s+|firm\s+)?"
                   r"(?:requirement|required|mandatory|must|blocker|deal[- ]?breaker)"
                   r"|(?<!not )(?<!n't )(?:nice to have|optional))\b")


def _not_required(prep: Prepared, h: Hit) -> bool:
    """The user names a rule and says it does not bind them (yet): "data residency ... but that's not a hard
    requirement yet", "GDPR is nice to have"."""
    return bool(_SOFT.match(prep.low, h.end))


def _alternative(prep: Prepared, cloud: Hit, local: Hit) -> bool:
    """A hosted API offered with running it ourselves as the other option, in one sentence ("happy to use a hosted
    API if it's reasonable, or our own GPU"): both are allowed, so APIs are in."""
    between = prep.low[cloud.end:local.start] if cloud.end <= local.start else prep.low[local.end:cloud.start]
    return not re.search(r"[.;!?]", between) and bool(re.search(r"(?:^|[\s,])or\s+(?:\w+\s+){0,2}$", between))


def _regional_api(prep: Prepared, local: list[Hit], cloud: list[Hit]) -> bool:
    """Every "local" hit only asks for residency ("GDPR", "may not leave the EU") and an API hosted in a region is
    accepted ("but an EU-hosted API would be acceptable"): the user's own words allow that API."""
    def regional(h: Hit, before: int = 0) -> bool:   # a place named in the hit or right after it, before a comma
        near = re.split(r"[,;.!?]|\bbut\b", prep.low[h.start:h.end + 20])[0] if h.end > h.start else ""
        if before:   # "the EU region of Azure OpenAI is approved": the place may come first in the clause
            near = re.split(r"[,;.!?]|\bbut\b", prep.low[max(0, h.start - before):h.start])[-1] + near
        return any(not _RESIDENCY.fullmatch(m.group()) for m in REGION.finditer(near))
    binding = [h for h in local if not _SENSITIVE.fullmatch(prep.low[h.start:h.end])]
    return all(_RESIDENCY.search(prep.low, h.start, h.end) or regional(h) for h in binding) and any(
        regional(h, 40) for h in cloud)


def _regime_allows(prep: Prepared, local: list[Hit], cloud: list[Hit]) -> bool:
    """Every "local" hit only names a law that protects the data (HIPAA, FERPA), and a provider or API is said to be
    fine in words, not only as what the data is ("Azure OpenAI is fine under our BAA"): the user placed the data."""
    return all(_REGIME.fullmatch(prep.low[h.start:h.end]) for h in local) and any(
        not _CONTENT_ONLY.search(prep.low, h.start, h.end) for h in cloud)


def commercial(prep: Prepared, hits: list[Hit]) -> Decision | None:
    # "not commercial" -> False; "not non-commercial" is too convoluted to trust; "no SaaS", "no customers yet" say
    # nothing about the licence.
    votes = [Hit(h.field, False, h.start, h.end, False) if h.negated and h.value is True else h for h in hits
             if not (h.negated and (h.value is False or not prep.low.startswith("commercial", h.start)))]
    if not votes:
        return None
    last = corrected_last(prep, votes)
    if last is not None:
        return Decision(last.value, [last])
    values = {h.value for h in votes}
    if values == {True, False}:
        return Decision(True, [h for h in votes if h.value is True],
                        "You mentioned both commercial and non-commercial use; I assume commercial use (the stricter licence "
                        "check). Tell me if it is research or personal use only.")
    return Decision(votes[0].value, votes)


def priority(prep: Prepared, hits: list[Hit]) -> Decision | None:
    """The last stated priority wins ("cheap would be nice ... actually accuracy matters most")."""
    return Decision(hits[-1].value, [hits[-1]]) if hits else None


def fine_tuning(prep: Prepared, hits: list[Hit]) -> Decision | None:
    votes = [Hit(h.field, not h.value, h.start, h.end, False) if h.negated else h for h in hits]
    return Decision(votes[-1].value, [votes[-1]]) if votes else None


def hardware(prep: Prepared, hits: list[Hit]) -> Decision | None:
    votes = [Hit(h.field, "cpu", h.start, h.end, False) if h.negated and h.value == "gpu" else h for h in hits
             if not (h.negated and h.value == "cpu")]
    if not votes:
        return None
    last = corrected_last(prep, votes)
    if last is not None:
        return Decision(last.value, [last])
    only_cpu = [h for h in votes if h.value == "cpu" and h.weight > 1 and not h.negated]   # "CPU only", "no GPU"
    gpu = [h for h in votes if h.value == "gpu"]
    return Decision("gpu", gpu) if gpu and not only_cpu else Decision("cpu", only_cpu or votes)


_OWN_QUERIES = {"text": ("text",), "code": ("text",), "image": ("image",), "audio": ("audio",), "multimodal": ("text", "image")}


def query_type(hits: list[Hit], data: Decision | None, current: Any) -> Decision | None:
    """What users search with, kept only when it is not what is embedded (``data``: this message's data type decision,
    else ``current``): "search the recordings by description" is text queries over audio; text queries over text say
    nothing new. The last stated kind wins."""
    data_type = data.value if data is not None else current
    said = [h for h in hits if not h.negated]
    if not said or said[-1].value in _OWN_QUERIES.get(data_type or "", ("text",) if data_type else ()):
        return None
    return Decision(said[-1].value, [said[-1]])
