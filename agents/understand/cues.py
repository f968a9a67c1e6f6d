"""Finding vocabulary cues in a prepared message, with negation ("no GPU", "not medical", "cloud is not ok").

A cue is a regular expression that suggests a value for one profile field. Cues of one field are tried
in order and a span used by an earlier cue is not reused by a later one of the same field, so a specific
phrase ("doesn't need to be on-prem") wins over the generic one it contains ("on-prem").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from agents.understand.prep import Prepared, Token


@dataclass(frozen=True)
class Cue:
    field: str
    value: Any
    pattern: re.Pattern[str]
    negatable: bool = True
    weight: int = 1


@dataclass(frozen=True)
class Hit:
    field: str
    value: Any
    start: int
    end: int
    negated: bool
    weight: int = 1


# Languages written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) or with particles glued to words
# (Korean: "GPU가", "검색하고"): their letters do not end a word for a cue.
GLUED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3"
BEFORE = rf"(?<![^\W{GLUED}])(?<!-)"
AFTER = rf"(?![^\W{GLUED}])"


def cue(field: str, value: Any, *alternatives: str, negatable: bool = True, weight: int = 1) -> Cue:
    """A cue from regex alternatives, matched on word boundaries."""
    body = "|".join(alternatives)
    return Cue(field, value, re.compile(rf"{BEFORE}(?:{body}){AFTER}"), negatable, weight)


NEGATORS = frozenset({"no", "not", "non", "never", "without", "neither", "nor", "none", "nothing", "cannot",
                      "lack", "lacking", "excluding", "except", "minus", "zero",
                      # German, French, Spanish, Italian, Portuguese, Dutch, Polish: "kein GPU", "pas de", "nie mamy GPU"
                      "kein", "keine", "keinen", "pas", "sin", "senza", "sem", "geen", "nie", "brak",
                      # Indonesian, Vietnamese, Hebrew, Russian, Swedish, Turkish, Greek, Chinese: "tanpa GPU",
                      # "không có GPU", "בלי GPU", "אין לנו GPU", "без GPU", "utan GPU", "GPU'suz", "χωρίς GPU", "没有GPU"
                      "tanpa", "tidak", "bukan", "không", "chưa", "בלי", "ללא", "אין", "без", "нет", "utan",
                      "ingen", "inget", "χωρίς", "δεν", "没", "無", "无",
                      # Arabic, Persian, Hindi/Hinglish: "ولا نملك GPU", "بدون GPU", "bina GPU", "बिना GPU"
                      "لا", "ولا", "بدون", "بلا", "ليس", "ليست", "لم", "لن", "دون", "بی", "bina", "बिना",
                      # Polish, Czech, Slovak, Croatian, Slovenian, Romanian: "bez GPU", "fără GPU"
                      "bez", "fără", "fara",
                      # Welsh: "Saesneg yn unig, nid Cymraeg" (English only, not Welsh)
                      "nid",
                      # Northern Sámi "ii GPU" (no GPU), Darija "ma3andnach GPU" (we have no GPU; "ma" splits off before the 3)
                      "ii", "3andnach", "3ndnach", "3endnach", "3andich", "makaynch", "makaynach"})
# Words that may sit between a negator and what it negates without breaking the link.
FILLERS = frozenset({"a", "an", "the", "any", "our", "my", "their", "your", "to", "be", "have", "has", "had",
                     "need", "needs", "really", "necessarily", "use", "using", "run", "running", "actually",
                     "currently", "yet", "or", "nor", "got", "-", "even", "access", "own", "dedicated", "such",
                     "require", "requires", "want"})
STOPPERS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", '"', "and", "but", "while", "whereas", "so",
                      # where the data may not go: "may not leave the hospital" does not negate the hospital
                      "leave", "leaves", "leaving", "exit", "outside", "beyond", "from"})
_COPULA = frozenset({"is", "are", "was", "were", "would", "will", "'s", "be", "should", "can", "could", "may"})
_NEG_COPULA = frozenset({"isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "can't",
                         "couldn't", "mustn't"})
# "no problem"; Kirundi/Kinyarwanda "no mu" is "and in" ("mu Kirundi no mu Gifaransa": in Kirundi and in French)
_NOT_NEGATING = frozenset({"problem", "issue", "concern", "worry", "blocker", "deal", "mu"})
_PREDICATES = frozenset({"ok", "okay", "fine", "allowed", "available", "option", "needed", "required", "necessary",
                         "relevant", "involved", "acceptable", "permitted", "possible", "present", "included",
                         "wanted", "important", "used", "applicable", "supported", "there", "requirement", "must",
                         "something", "approved", "given"})
_NEG_PHRASES = (("rather", "than"), ("instead", "of"), ("other", "than"), ("apart", "from"), ("no", "longer"))


# Czech and Slovak say "not" on the verb: "nemáme GPU" (we have no GPU), "není k dispozici", "žádnou GPU" (no GPU).
NEGATORS = NEGATORS | frozenset({"nemáme", "nemám", "nemáte", "nemají", "nemá", "není", "nejsou", "nemôžeme", "žádné",
                                 "žádnou", "žádný", "žádná", "žádných", "žiadne", "žiadnu", "žiadny",
                                 # Slovenian "nimamo GPU", Latvian "nav GPU", Albanian "nuk kemi GPU"
                                 "nimamo", "nimam", "nima", "nimajo", "nav", "nuk"})


def _is_negator(tok: str) -> bool:
    return tok in NEGATORS or tok.endswith("n't")


def _token_index(tokens: list[Token], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def negated_before(prep: Prepared, start: int, window: int = 1) -> bool:
    """A negator just before ``start`` (fillers skipped, at most ``window`` content words between)."""
    toks = prep.tokens
    i = _token_index(toks, start) - 1
    counted = 0
    while i >= 0:
        t = toks[i].text
        if t in STOPPERS or (t == "-" and prep.low[toks[i].start - 1:toks[i].start] == " "):   # " - " / " — " parts clauses
            return False
        if i > 0 and (toks[i - 1].text, t) in _NEG_PHRASES:
            return True
        if _is_negator(t):
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            return nxt not in _NOT_NEGATING
        if t not in FILLERS:
            counted += 1
            if counted > window:
                return False
        i -= 1
    return False


def _predicate_follows(words: list[str]) -> bool:
    for w in words:
        if w in _PREDICATES:
            return True
        if w not in ("a", "an", "really", "at", "all", "strictly", "be", "even", "an", "that", "so", "always"):
            return False
    return False


# Negation written after the word: Korean "GPU 없음" / "GPU가 없어요", Turkish "GPU yok", Japanese "GPUなし", "GPUはない";
# also leaving it out: Korean "영어는 빼고" / "일본어는 제외하고", Japanese "英語を除いて" / "英語を外して".
# Also Hindi/Hinglish "GPU nahi hai", "GPU नहीं है", Urdu "نہیں", Russian "GPU нет", and "GPU no tenemos", "GPU não temos",
# "GPU nie mamy", "GPU haben wir keine".
_NEG_FOLLOWS = re.compile(r"\s*(?:[은는이가도을를]\s*|는\s*)?(?:없|안\s*됩|불가|빼고|빼\s*주|제외|말고)|"
                          r"\s*(?:yok|bulunmuyor|değil|degil)\b|"
                          r"\s*(?:は|が|も|を)?\s*(?:なし|無し|ない|ありません|除いて|除外|外して|抜き)|"
                          r"\s*(?:(?:bhi|to|toh|तो|भी)\s+)?(?:nahi|nahin|nai|नहीं|नही|نہیں|نیست|ندارد|نداریم)(?![^\W\d_])|"
                          r"\s*(?:нет|нету|çук|ҫук|юк)(?![^\W\d_])|"   # Chuvash, Tatar "видеокарта çук": none
                          r"\s*(?:no (?:tenemos|tengo|hay|tiene)|não (?:temos|tenho|há|tem)|"
                          r"nie (?:mamy|ma|mam)|haben wir (?:keine|nicht)|n'est pas disponible)\b|"
                          # Czech/Slovak and Greek: "GPU nemáme", "GPU nie je k dispozícii", "GPU δεν έχουμε"
                          r"\s*(?:nemáme|nemám|nemají|nemá|není|nejsou|nie je|nemáte|δεν (?:έχουμε|υπάρχει|υπάρχουν|διαθέτουμε))"
                          r"(?![^\W\d_])|"
                          # Slovenian, Latvian, Albanian, Basque, Uzbek, Kazakh: "GPU nimamo", "GPU mums nav", "GPU nuk
                          # kemi", "GPUrik ez dugu", "GPU yo'q", "GPU жоқ"
                          r"\s*(?:nimamo|nimam|nima|nimajo|(?:mums |mūsu |mums tādu )?nav|nuk (?:kemi|ka)|ez dugu|ez daukagu|"
                          r"yo['‘’]q|жоқ)(?![^\W\d_])")


def negated_after(prep: Prepared, end: int) -> bool:
    """'X is not ok', 'X isn't needed', 'X: none' right after a cue."""
    if _NEG_FOLLOWS.match(prep.low, end):
        return True
    toks = prep.tokens
    i = _token_index(toks, end)
    seq = [t.text for t in toks[i:i + 7]]
    if len(seq) >= 2 and seq[0] == ":" and seq[1] in ("none", "no", "not"):
        return True
    j = 0
    if seq and seq[0] not in _COPULA and seq[0] not in _NEG_COPULA and seq[0] not in STOPPERS:
        j = 1  # one noun after the cue: "GPU cards are not ...", "cloud APIs aren't ..."
    if j < len(seq) and seq[j] in _NEG_COPULA:
        return _predicate_follows(seq[j + 1:])
    if j < len(seq) and seq[j] in _COPULA:
        rest = seq[j + 1:]
        while rest and rest[0] in ("be", "really", "definitely", "also"):
            rest = rest[1:]
        if rest and rest[0] in ("not", "never"):
            return _predicate_follows(rest[1:])
    return False


def find_hits(prep: Prepared, cues: Iterable[Cue]) -> list[Hit]:
    """All cue matches in ``prep.low``; earlier cues of a field claim their span first."""
    taken: dict[str, list[tuple[int, int]]] = {}   # per field, sorted, non-overlapping
    hits: list[Hit] = []
    low = prep.low
    for c in cues:
        spans = taken.setdefault(c.field, [])
        for m in c.pattern.finditer(low):
            s, e = m.span()
            i = bisect.bisect_left(spans, (s, e))
            if s == e or (i > 0 and spans[i - 1][1] > s) or (i < len(spans) and spans[i][0] < e):
                continue
            spans.insert(i, (s, e))
            neg = c.negatable and (negated_before(prep, s) or negated_after(prep, e))
            hits.append(Hit(c.field, c.value, s, e, neg, c.weight))
    hits.sort(key=lambda h: h.start)
    return hits
