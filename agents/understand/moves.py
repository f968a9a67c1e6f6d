"""Conversation moves that are not facts about the data: clearing a field ("forget the budget"), declining
to answer ("not sure about languages", "skip"), starting over, corrections ("actually", "I meant"),
and bare yes/no answers to the question the assistant just asked.
"""

from __future__ import annotations

import re
from typing import Any

from agents.profile import PROFILE_FIELDS
from agents.understand.numbers.quantities import LENGTH_UNITS, TOKENS_PER_WORD

FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "data_type": ("data type", "type of data", "kind of data", "modality", "modalities"),
    "query_type": ("query type", "queries", "query modality"),
    "task": ("task", "use case", "use-case"),
    "domain": ("domain", "industry", "sector"),
    "languages": ("languages", "language", "language requirements?", "language requirement"),
    "privacy": ("privacy(?: requirements?| constraints?)?", "data privacy", "deployment", "on-prem requirement",
                "local(?:-only)? requirement", "cloud restriction"),
    "commercial_use": ("licen[cs]e(?: requirements?)?", "licensing", "commercial use", "commercial"),
    "documents": ("documents", "document count", "number of documents", "corpus size", "scale", "size of the corpus"),
    "avg_doc_tokens": ("document length", "doc length", "length of (?:the )?documents", "length"),
    "queries_per_second": ("qps", "query rate", "throughput", "traffic", "queries per second", "load"),
    "latency_ms": ("latency(?: target| requirements?)?", "response time", "speed"),
    "hardware": ("hardware", "gpu", "cpu", "gpu requirement"),
    "memory_gb": ("memory(?: limit)?", "ram", "vram"),
    "device": ("device", "gpu model", "machine"),
    "gpu_count": ("number of gpus", "gpu count", "how many gpus"),
    "cpu_cores": ("cpu cores", "cores", "core count"),
    "index_window_hours": ("indexing window", "index window", "time window", "deadline"),
    "reindex_per_month": ("re-?index(?:ing)?(?: frequency)?", "re-?embedding"),
    "ingest_per_day": ("ingest(?:ion)?(?: rate)?", "new items per day", "daily volume", "stream"),
    "priority": ("priority", "priorities"),
    "budget_usd_month": ("budget", "costs?", "price", "money", "spend(?:ing)?"),
    "fine_tuning": ("fine[- ]?tuning", "training"),
}
_FIELD_ALT = {f: "(?:" + "|".join(words) + ")" for f, words in FIELD_WORDS.items()}
_DET = r"(?:about |on |of |regarding |how many |how much |what )?(?:the |my |our |that |any |this |your )?"
_CLEAR = {f: re.compile(rf"\b(?:forget|ignore|drop|remove|clear|scrap|scratch|ditch|reset|delete|disregard|never ?mind|undo|lose|"
                        rf"get rid of|"
                        rf"no longer (?:care about|need|have)|don't care about|do not care about)\s+{_DET}{alt}\b")
          for f, alt in _FIELD_ALT.items()}
_CLEAR_AFTER = {f: re.compile(rf"\b{alt}\s+(?:(?:doesn't|does not|don't|do not)\s+(?:really\s+)?matter\b|(?:is|"
                              rf"are)\s+(?:irrelevant|"
                              rf"not important|not relevant|not critical|not a (?:constraint|requirement|concern|factor))|"
                              rf"(?:isn't|aren't)\s+(?:important|relevant|critical|a (?:constraint|requirement|concern|factor)))")
                for f, alt in _FIELD_ALT.items()}
_DECLINE_FIELD = {f: re.compile(rf"\b(?:not sure|unsure|no idea|don't know|do not know|dunno|undecided|haven't decided|not"
                                rf" decided|"
                                rf"skip|can't say|cannot say|no clue|tbd)\s+{_DET}{alt}\b|\b{alt}\s*(?::|is|are)\s*(?:unknown|"
                                rf"tbd|"
                                rf"not sure|undecided|not decided yet|unclear|n/?a)\b")
                  for f, alt in _FIELD_ALT.items()}
DECLINE_ANSWER = re.compile(r"^\W*(?:i\s+)?(?:really\s+)?(?:don't know|do not know|dunno|not sure|unsure|no idea|no clue|idk|"
                            r"skip|skip it|"
                            r"skip this|pass|next|no preference|doesn't matter|does not matter|don't care|whatever|not relevant|"
                            r"n/?a|prefer not to say|rather not say|no comment|can't say|hard to say|unknown|any|either|both|"
                            r"either is fine|either way|no opinion|let's skip|not yet|tbd|later|move on|not critical|not"
                            r" important|no target|"
                            r"no requirement|no requirements|no idea yet)"
                            r"(?:\s*(?:,|\.|!)?\s*(?:sorry|thanks|really|yet|for now|either way|at the moment|right now|"
                            r"to be honest|honestly|you choose|you decide|your call))*\W*$")
INDIFFERENT = re.compile(r"^\W*(?:either(?: is fine| way| one)?|both(?: are fine)?|any|doesn't matter|does not matter|don't care|"
                         r"whatever|no preference)\W*$")
# "Just give me your best recommendation", "no idea about the rest", "you decide": the user will not answer more
# questions, so every essential still open takes its stated default now instead of being asked again.
DECIDE_NOW = re.compile(r"\b(?:(?:just|simply)\s+(?:give|show|tell)\s+me\s+(?:your|a|the|what you)|(?:just|go ahead and)\s+"
                        r"(?:recommend|pick|choose|decide)|(?:give|show)\s+me\s+your\s+(?:best\s+)?(?:recommendation|pick|guess)|"
                        r"(?:no idea|don't know|do not know|not sure|dunno)\s+about\s+(?:the\s+)?(?:rest|others|anything else)|"
                        r"you (?:decide|choose|pick)|your call|use (?:your|sensible|the) defaults?|"
                        r"assume (?:whatever|the rest|anything|sensible defaults?)|best guess)\b")
RESET = re.compile(r"\b(?:start (?:over|again|from scratch)|reset (?:everything|all|the conversation|my answers)|"
                   r"forget everything(?: i (?:said|told you))?|new project|clear (?:everything|all)|from scratch)\b")
# Starting over (agents/converse/restart.py decides what to do): a message that *is* the command resets at once
# ("reset", "start over please", "let's start over", "forget everything. 20k German contracts"); any other mention
# ("I want to start from scratch", "can we start over?", "start over?") only asks for a confirmation.
_RESTART = (r"start (?:all )?(?:over|again|afresh|anew|fresh|from scratch)|restart|reset(?: (?:everything|all|the "
            r"(?:conversation|chat|profile)|my (?:answers|profile|needs)))?|forget everything(?: i (?:said|told you))?|"
            r"clear (?:everything|all)|new (?:conversation|chat|session)")
START_OVER_COMMAND = re.compile(rf"^\W*(?:(?:ok(?:ay)?|alright|right|fine|so|well|please|let'?s|let us)\W+)*(?:{_RESTART})"
                                rf"(?:\s+(?:please|now|then))?\s*(?:[.!]+(?:\s+\S.*)?|[:;,]\s*\S.*|\s[—–-]\s*\S.*)?$", re.S)
START_OVER_WISH = re.compile(rf"{RESET.pattern}|\b(?:start (?:all )?over|start (?:afresh|anew)|start (?:a )?(?:new|fresh|clean|"
                             rf"blank) (?:conversation|chat|session|profile)|(?:reset|restart|clear) (?:the |this |my |our )?"
                             rf"(?:chat|conversation|session|answers|profile|needs|everything))\b|\b(?:reset|restart)\W*$")
_KEEP = r"keep (?:them|it|everything|my answers)"


def _bare(words: str, then: str) -> re.Pattern[str]:
    """A whole message that is one of ``words``, then only ``then`` words ("yes, start over", "no thanks")."""
    return re.compile(rf"^\W*(?:{words})(?:\W+(?:{then}))*\W*$")


CONFIRM_YES = _bare(r"yes|yeah|yep|yup|sure|ok(?:ay)?|y|please do|do it|go ahead|confirm(?:ed)?|absolutely|of course",
                    r"please|yes|start(?:ing)? over|reset|do it|go ahead|thanks|thank you")
CONFIRM_NO = _bare(rf"no|nope|nah|n|cancel|don't|do not|never ?mind|{_KEEP}", rf"thanks|thank you|please|don't|{_KEEP}")

def start_over(low: str) -> str | None:
    """"command" (reset now), "ask" (a wish or a question: confirm first) or None for a lower-cased message."""
    if START_OVER_COMMAND.match(low.strip()):
        return "command"
    return "ask" if START_OVER_WISH.search(low) else None


def confirmation(low: str) -> bool | None:
    """A bare yes (True) or no (False) to a pending confirmation; None for any other message."""
    return True if CONFIRM_YES.match(low) else False if CONFIRM_NO.match(low) else None


# "Sorry", "I mean", "my mistake", "correction" in the European languages users write in (de, fr, es, pt, it, nl, pl,
# cs, el, sv, da/no): a correction marker makes the later of two values win.
CORRECTION_WORDS_INTL = (
    "entschuldigung", "korrektur", "ich meinte", "ich meine", "mein fehler", "eigentlich", "tippfehler",
    "pardon", "désolée?", "desolee?", "je voulais dire", "je veux dire", "en fait", "plutôt", "erreur de ma part",
    "perdón", "perdon", "disculpa", "disculpen", "lo siento", "quise decir", "quiero decir", "en realidad", "me equivoqué",
    "desculpa", "desculpe", "quis dizer", "quero dizer", "na verdade", "errei", "correção", "correcao",
    "scusa", "scusate", "scusi", "intendevo", "in realtà", "in realta", "mi correggo", "ho sbagliato", "correzione",
    "ik bedoel", "ik bedoelde", "eigenlijk", "mijn fout", "correctie",
    "przepraszam", "miałem na myśli", "miałam na myśli", "chodziło mi o", "właściwie", "pomyłka", "korekta", "poprawka",
    "promiňte", "omlouvám se", "oprava", "myslel jsem", "myslela jsem", "vlastně", "spletl jsem se", "spletla jsem se",
    "συγγνώμη", "συγνώμη", "λάθος μου", "εννοούσα", "διόρθωση", "για την ακρίβεια",
    "förlåt", "ursäkta", "jag menade", "rättelse", "undskyld", "unnskyld", "jeg mente", "rettelse",
    # Somali "excuse me", "I made a mistake"; Irish "sorry", "I made a mistake"
    "raali ahow", "raalli ahow", "khalad ayaan sameeyay", "waan khaldamay", "gabh mo leithscéal", "botún",
    # Swahili and Welsh "sorry"; English "I got the order of magnitude wrong"
    "samahani", "sori", "(?:i|we) got (?:the|it|that|my) (?:[a-z]+ ){0,3}wrong",
)
CORRECTION = re.compile(r"\b(?:actually|i meant|i mean|sorry|correction|on second thought|scratch that|changed? my mind|make"
                        r" that|"
                        r"rather(?! than)|wait|instead|to be precise|in fact|let me correct|my mistake|my bad|oops|typo|"
                        rf"{'|'.join(CORRECTION_WORDS_INTL)})(?!\w)")
YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|sure|correct|right|absolutely|definitely|of course|y|ja|si|oui|indeed|affirmative|"
                 # "we can" answers; "we can relax that to 300" speaks of something else
                 r"(?:it (?:does|is|must|will)|we (?:do|are|will|can|must))(?=\s*(?:[,.;!]|$))|that's right|true)\b")
NO = re.compile(r"^\W*(?:no|nope|nah|not really|n|never|negative|it (?:doesn't|does not|isn't|is not|won't)|"
                r"we (?:don't|do not|aren't|are not|won't|can't|cannot)|false)\b")
# A yes/no inside a short multi-part answer ("English only, and yes"); "no" must stand alone ("no Spanish" is not "no").
YES_ANYWHERE = re.compile(r"(?:^|[,;.!]\s*|\b(?:and|but)\s+)(?:yes|yeah|yep|sure|correct)\b(?=\s*(?:[,.;!]|$|please|it|we|i))")
NO_ANYWHERE = re.compile(r"(?:^|[,;.!]\s*|\b(?:and|but)\s+)(?:no|nope|not really)\b(?=\s*(?:[,.;!]|$))")

# What a bare yes/no means for the question the dialogue asks about each field (see agents.converse.policy).
YES_NO_MEANING: dict[str, tuple[Any, Any]] = {
    "privacy": ("local_only", "cloud_ok"),      # "Must everything stay on your own machines?"
    "commercial_use": (True, False),            # "Is this for commercial use?"
    "fine_tuning": (True, False),               # "Could you fine-tune on your own labelled pairs?"
    "hardware": ("gpu", "cpu"),                 # "Will the model run on a GPU?"
}


_NO_TARGET = {
    "latency_ms": re.compile(r"\bno (?:specific |particular |real |strict |hard )?(?:latency|response[- ]time|speed)"
                             r"(?: requirements?| constraints?| targets?| limits?| sla)?\b"),
    "queries_per_second": re.compile(r"\bno (?:specific |particular |real )?(?:throughput|qps|traffic)(?: requirements?|"
                                     r" targets?)?\b"),
}


def cleared_fields(low: str) -> list[tuple[str, int, int]]:
    """Fields the user explicitly un-sets: (field, start, end)."""
    out = [(f, m.start(), m.end()) for f, rx in _NO_TARGET.items() for m in rx.finditer(low)]
    for f in PROFILE_FIELDS:
        for rx in (_CLEAR[f], _CLEAR_AFTER[f]):
            for m in rx.finditer(low):
                out.append((f, m.start(), m.end()))
    return _dedupe(out)


# Un-setting some fields says what is meant instead: "privacy doesn't matter" = cloud is fine; "forget the GPU",
# "scratch the GPU" = no GPU (CPU only), while "forget the hardware" or "drop the GPU requirement" only clear.
_CLEARED_MEANS: dict[str, tuple[re.Pattern[str], Any]] = {
    "privacy": (re.compile(r"care|matter|irrelevant|(?:not|n't) (?:important|relevant)|(?:not|n't) an? (?:constraint|requirement|"
                           r"concern|factor)"),
                "cloud_ok"),
    "hardware": (re.compile(r"^(?:forget|scratch|scrap|drop|ditch|remove|lose|get rid of|no longer (?:need|have))\b.*\bgpus?$"),
                 "cpu"),
}


def cleared_means(field: str, said: str) -> Any | None:
    """The value an un-setting phrase means for ``field`` (see ``_CLEARED_MEANS``), or None for a plain clear."""
    rule = _CLEARED_MEANS.get(field)
    return rule[1] if rule and rule[0].search(said) else None


def declined_fields(low: str) -> list[tuple[str, int, int]]:
    """Fields the user says they cannot or will not answer: (field, start, end)."""
    out = [(f, m.start(), m.end()) for f in PROFILE_FIELDS for m in _DECLINE_FIELD[f].finditer(low)]
    return _dedupe(out)


def _dedupe(hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    # "memory" vs "gpu memory", "commercial" vs "commercial use": keep the longest span at a place.
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    out: list[tuple[str, int, int]] = []
    for h in hits:
        if not any(h[1] < e and s < h[2] and f != h[0] for f, s, e in out):
            out.append(h)
    return out


def correction_between(low: str, start: int, end: int) -> bool:
    """True when a correction marker ("actually", "I meant") sits between two offsets."""
    return CORRECTION.search(low, start, end) is not None


def yes_or_no(low: str) -> bool | None:
    """True for a yes, False for a no, None when the answer says neither (or both)."""
    said_yes = bool(YES.match(low) or YES_ANYWHERE.search(low))
    said_no = bool(NO.match(low) or NO_ANYWHERE.search(low))
    return said_yes if said_yes != said_no else None


DECLINED = object()   # bare_answer's marker for "the user declined this field"
NOT_COMMERCIAL_ANSWER = re.compile(r"\b(?:academic|research|personal|non-commercial|hobby|university|school|education|"
                                   r"private use)\b")
GENERAL_ANSWER = re.compile(r"^\W*(?:none|no|nothing (?:specific|special|in particular)|not really|general|generic|mixed|"
                            r"various|all sorts|everything|a bit of everything|no particular|n/a)\b")
_TASK_ANSWERS = [(v, re.compile(p)) for v, p in (
    ("rag", r"\brag\b|q ?& ?a|chat"), ("recommendation", r"\brecommend"), ("deduplication", r"\bdup"),
    ("classification", r"\bclassif|\bcategor"), ("clustering", r"\bcluster"), ("similarity", r"\bsimilar"),
    ("search", r"\bsearch|\bretriev"))]
_ASKS_FOR_PICK = re.compile(r"\b(?:give|show|tell|send)(?: me| us)?\b.{0,30}\brecommendation\b(?! (?:system|engine|feed))|"
                            r"\b(?:your|best|a) recommendation\b(?! (?:system|engine|feed))")
# Short answers to "Must the data stay on your own machines?" that name the place rather than say yes or no.
_LOCAL_ANSWER = re.compile(r"^\W*(?:local(?:ly)?|on[- ]?prem\w*|self[- ]?host\w*|in[- ]house|offline|our (?:own )?(?:servers|"
                           r"machines|hardware))\b(?!\s+(?:is|are)\s+not)")
_CLOUD_ANSWER = re.compile(r"^\W*(?:(?:the )?cloud|(?:an? )?api|apis|hosted|saas)\b(?!\s+(?:is|are)\s+not)(?!\s*\?)")
_LENGTH_ANSWER = re.compile(r"\b(a|one|two|three|few|several|couple of)?\s*(sentence|paragraph|page)s?\b")
_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "few": 3, "several": 5, "couple of": 2}


_SENTENCE_END = re.compile(r"[.!?\n]")


def _asks(low: str, pos: int) -> bool:
    """The sentence holding ``pos`` ends with a question mark."""
    m = _SENTENCE_END.search(low, pos)
    return bool(m) and m.group() == "?"


def bare_answer(field: str, low: str) -> tuple[Any, str] | object | None:
    """A short answer's value for the field just asked, as (value, detail); DECLINED; or None if not understood.

    Covers answers the general rules do not read on their own: "Recommendations" for the task, "research
    only" for commercial use, "None" for the budget, "About a paragraph" for the document length.
    """
    if field == "commercial_use":
        m = NOT_COMMERCIAL_ANSWER.search(low)
        if m and not _asks(low, m.end()):   # "Would a non-commercial licence be a problem?" is no answer
            return False, ""
    if field == "domain" and GENERAL_ANSWER.match(low):
        return "general", ""
    if field == "privacy" and len(low.split()) <= 4:
        if _LOCAL_ANSWER.match(low):
            return "local_only", ""
        if _CLOUD_ANSWER.match(low):
            return "cloud_ok", ""
    if field == "task":
        if _ASKS_FOR_PICK.search(low):   # "just give me your best recommendation" is no recommender system
            return None
        return next(((v, "") for v, rx in _TASK_ANSWERS if rx.search(low)), None)
    if field == "budget_usd_month":
        if re.match(r"^\W*(?:none|nothing|zero|nil|free|free only|free ones? only|only free(?: ones| models)?)\W*$", low):
            return 0.0, ""
        if re.search(r"\bno (?:fixed |hard |real )?(?:limit|cap|ceiling)\b", low):
            return DECLINED
    if field == "avg_doc_tokens":
        m = _LENGTH_ANSWER.search(low)
        if m:
            tokens = round(_COUNT_WORDS.get(m.group(1) or "a", 1) * LENGTH_UNITS[m.group(2)])
            return tokens, f"~{tokens} tokens, assuming {TOKENS_PER_WORD} tokens per word"
    return None
