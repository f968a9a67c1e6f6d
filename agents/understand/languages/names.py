"""Languages in free text: names, adjectives, "-speaking" forms, ISO codes, locale tags and named groups.

Names come from ``knowledge.languages.ISO639_1`` (CLDR English names) plus the hand-written and CLDR names of
``lexicon``. Codes
("en, fr, de") count only where the text is about languages, so "IT and HR documents" is not Italian
and Croatian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from agents.understand.cues import AFTER, BEFORE, negated_after, negated_before
from agents.understand.languages.countries import flag_languages
from agents.understand.languages.lexicon import ALIASES, AMBIGUOUS, GUARDED, ONLY_MORE, REMOVE_AFTER_MORE, TYPOS, trie_pattern
from agents.understand.languages.written import written_language
from agents.understand.prep import Prepared
from agents.understand.spelling import one_edit
from knowledge.languages import ISO639_1

# The 24 official languages of the European Union (european-union.europa.eu, "Languages", as of 2025-01).
EU_LANGUAGES = ("bg", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "de", "el", "hu", "ga", "it", "lv", "lt", "mt",
                "pl", "pt", "ro", "sk", "sl", "es", "sv")
# The six official languages of the United Nations (un.org, "Official Languages", as of 2025-01).
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
GROUPS: dict[str, tuple[str, ...]] = {
    r"(?:all |the )?(?:24 |official )*(?:eu|european union) (?:official )?languages": EU_LANGUAGES,
    r"(?:all |the )?official languages of the (?:eu|european union)": EU_LANGUAGES,
    r"(?:the )?(?:official )?un languages|official languages of the un": UN_LANGUAGES,
    r"nordic languages": ("da", "fi", "is", "no", "sv"),
    r"scandinavian languages": ("da", "no", "sv"),
    r"cjk(?: languages)?|chinese, japanese(?:,)? and korean": ("zh", "ja", "ko"),
    r"dach(?: region| countries| markets?)?": ("de",),
    # code-mixed speech named by its blend: Hindi or Tagalog or Spanish written with English in one message
    r"hinglish": ("hi", "en"), r"taglish": ("tl", "en"), r"spanglish": ("es", "en"), r"franglais": ("fr", "en"),
    r"deng?lisc?h": ("de", "en"), r"tanglish": ("ta", "en"), r"benglish|banglish": ("bn", "en"),
    r"roman urdu": ("ur",), r"arabizi|franco-?arab(?:ic)?": ("ar",), r"jopara|jopará": ("gn", "es"),
}

FICTIONAL = frozenset({"klingon", "elvish", "sindarin", "quenya", "dothraki", "valyrian", "high valyrian", "na'vi", "simlish",
                       "huttese", "newspeak", "minionese", "pig latin", "lojban"})
_NOT_A_LANGUAGE = frozenset({
    "natural", "programming", "query", "sign", "same", "other", "multiple", "many", "several", "different", "all", "any",
    "target", "source", "foreign", "local", "official", "eu", "european", "asian", "nordic", "indian", "african", "spoken",
    "written", "native", "second", "first", "model", "markup", "the", "these", "those", "which", "what", "one", "two", "three",
    "main", "major", "minor", "each", "both", "various", "mixed", "human", "formal", "legal", "medical", "plain", "simple",
    "specific", "rare", "common", "supported", "low", "high", "resource", "new", "more", "few", "some", "our", "their",
    "your", "my", "in", "of", "for", "to", "and", "or", "scripting", "business", "body", "modeling", "modelling",
    "large", "small", "un", "scandinavian", "cjk", "world", "popular", "western", "eastern", "every",
    "non", "english", "such", "speaking", "it", "that", "this", "no", "by", "with", "across", "latin", "slavic", "romance",
    "germanic", "dominant", "primary", "secondary", "minority", "regional", "national", "indigenous", "global", "top",
})

_LANG_CONTEXT = re.compile(r"\b(?:languages?|multilingual|multi-lingual|lang|langs|locales?|bilingual|translations?|speaking|"
                           r"speakers|"
                           r"monolingual|cross-lingual|crosslingual)\b")
_ADDITIVE = re.compile(r"\b(?:also|add|adding|plus|too|as well|additionally|another|in addition|auch|zusätzlich|"
                       "tambi\u00e9n|tamb\u00e9m|aussi|anche|ook|też|juga|cũng|также|тоже|теж|ще|גם|أيضا|edhe|wkoll)\\b")
_REMOVE_BEFORE = frozenset({"drop", "remove", "removing", "dropping", "exclude", "excluding", "minus", "except", "skip",
                            "delete", "forget", "scrap", "ignore",
                            "quitar", "quita", "quitamos", "eliminar", "elimina", "sacar", "enlever", "retirer", "supprimer",
                            "togliere", "togli", "rimuovere", "tirar", "tira", "remover", "usuń", "usunąć", "streich",
                            "streiche", "entferne", "entfernen", "ohne"})
# Removal said after the name (German, Dutch, Turkish word order): "Englisch streichen", "Engels weglaten".
_REMOVE_AFTER = re.compile(rf"{REMOVE_AFTER_MORE}|\s+(?:streichen|weglassen|entfernen|rausnehmen|herausnehmen|weglaten|schrappen|"
                           r"kaldır\w*|çıkar\w*)\b|"
                           # "German's out", "Engels valt af" (Dutch: drops out), "Englisch fällt weg"
                           r"(?:'s|’s|\s+is|\s+are)\s+out(?=\s*(?:[,.;!]|$|now\b|too\b))|"
                           r"\s+(?:valt|vallen) (?:af|weg)\b|\s+(?:fällt|fallen) weg\b|\s+entfällt\b|"
                           # Korean "영어는 빼고" (leave English out), "영어 제외", "영어 말고"
                           r"(?:은|는|을|를)?\s*(?:빼고|빼 주세요|빼주세요|제외|말고)|"
                           # "the French ones are being retired", "German docs will be phased out"
                           r"(?:\s+(?:ones|docs|documents|manuals|texts|content|pages|articles|tickets|data|versions?|"
                           r"translations?|files))?\s+(?:are|is|will be|get|gets|are getting|is getting)\s+(?:being\s+)?"
                           r"(?:retired|phased out|dropped|removed|deprecated|discontinued|sunset|deleted|out of scope|archived|"
                           r"going away|shut down|taken offline|"
                           r"no longer (?:needed|in scope|required|relevant)|not needed any ?more|off the table|gone)\b")
# A language met only in stray phrases ("in Dutch and French with the odd Latin phrase") is not a language of the data.
_STRAY_BEFORE = re.compile(r"(?:the odd|the occasional|an occasional|a stray|the stray|odd|occasional)\s+$")
_SCRIPT_BEFORE = re.compile(r"(?:^|\s)(?:b|bi|bel|bl|f|fl)\s+$")   # Arabizi "b latin": in Latin letters, not Latin
_ROMANCE, _OWNED = frozenset({"es", "pt", "fr", "it", "ca", "gl", "ro"}), re.compile(r"\b(?:my|our|your|his|her|their|an?)\s+$")
_AND_NO = re.compile(r"\s+no\s+")   # Tetum "Tetun no Portugés": "no" is "and" right between two names, no negator
_STRAY_AFTER = re.compile(r"\s+(?:phrases?|words?|quotes?|quotations?|expressions?|terms?|citations?|sentences?|loanwords?)\b")
_ONLY = re.compile(r"\b(?:only|just|solely|exclusively|purely|monolingual|nur|ausschließlich|solo|sólo|solamente|somente|"
                   r"apenas|seulement|uniquement|alleen|enkel|tylko|sadece|hanya|chỉ|только|лише|רק|فقط|"
                   # Portuguese "só", Hungarian "csak"; Danish/Norwegian "kun" before a name in -sk ("kun dansk")
                   rf"yn unig|só|csak|kun(?= \w+sk\b)|{ONLY_MORE})(?!\w)|のみ|だけ|只|仅|"
                   r"어(?:로)?만(?=\s|$|[.,!?])")   # Korean "한국어만" (Korean only): language names end in 어
# A correction that replaces the list: "I meant German", "make that Spanish", "Spanish instead", "not English but French".
_REPLACES = re.compile(r"\b(?:i meant|i mean|make (?:that|it)|scratch that|instead(?! of)|rather than|correction|"
                       r"change (?:it|that|the languages?) to|switch (?:it |the languages? )?to)\b")
_CODE_RUN = re.compile(r"\b([a-z]{2})(?:[-_]([a-z]{2}))?\b")
_LOCALE = re.compile(r"\b([a-z]{2})[-_]([A-Z]{2})\b")
_AMBIGUOUS_CODES = frozenset({"no", "is", "or", "as", "am", "an", "be", "he", "hi", "my", "so", "to", "it", "in", "on", "at",
                              "id",
                              "me", "we", "us", "ok", "ha", "la", "ka", "ki", "na", "om", "os", "sa", "se", "ti", "ts"})
_UNKNOWN_NAMED = re.compile(r"\b([a-z][a-z'-]{2,20})(?:[- ]speaking| (?:language|dialect)s?\b)")
_VAGUE_MANY = re.compile(r"\b(?:multilingual|multi-lingual|many languages|all languages|any languages?|every language|"
                         r"\d+\+? languages|lots of languages|various languages|multiple languages|several languages)\b")


def _build_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in ISO639_1.items():
        names[name.lower()] = code
    names.update(ALIASES)
    names.pop("bihari languages", None)
    names["bihari"] = "bh"
    return names


NAMES = _build_names()
_NAMES_TRIE = trie_pattern(NAMES)
_NAME_RE = re.compile(BEFORE + r"(" + _NAMES_TRIE + r")" + AFTER + r"(?! america| american| script| alphabet|"
                      r" characters| numerals| shepherd| fries| cheese| oven)")


@cache
def _chained() -> re.Pattern[str]:
    """A name joined by a hyphen to a name read before it: "an English-French-German glossary", "кыргызча-орусча-
    англисче" (compiled on first need: a hyphen right after a language name is rare, start-up is not)."""
    return re.compile(r"-(" + _NAMES_TRIE + r")" + AFTER)


_FICTIONAL_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(FICTIONAL, key=len, reverse=True))
                          + r")(?![\w])")
_GROUP_RES = [(re.compile(rf"(?<![\w-]){p}(?![\w])"), codes) for p, codes in GROUPS.items()]
# Chinese names two languages in one word: "中英文混合" (Chinese and English mixed), "中英双语", "中日英" (no word boundaries).
_GROUP_RES += [(re.compile(r"中日英|中英日"), ("zh", "ja", "en")),
               (re.compile(r"中英(?=文|双语|雙語|混合|对照|對照|夹杂|夾雜)"), ("zh", "en")),
               (re.compile(r"中日(?=文|双语|雙語|混合)"), ("zh", "ja"))]


_TYPOS = TYPOS
_TYPO_NAMES = {str(n): NAMES[str(n)] for n in _TYPOS["names"]}
_NOT_TYPOS = frozenset(_TYPOS["not_typos"])
# Languages written in their own script: "Greek letters", "Hebrew letters" are an alphabet, "Dutch letters" are mail.
_COMPANY = re.compile(r" (?:bank|bahn|telekom|post|börse|welle)\b")   # after "deutsche": a company, not German
_OWN_SCRIPT = frozenset({"el", "he", "ar", "ru", "uk", "bg", "sr", "mk", "zh", "ja", "ko", "th", "hi", "hy", "ka", "fa",
                         "ur", "bn", "ta", "am", "yi", "la"})


def misspelt_language(word: str) -> str | None:
    """The code of the language name ``word`` misspells (one edit, same first letter, not the name plus an ending nor
    a beginning of it: "germany", "russia"), or None."""
    if len(word) < _TYPOS["min_length"] or word in NAMES or word in _NOT_TYPOS or not word.isalpha():
        return None
    for name, code in _TYPO_NAMES.items():
        if (word[0] == name[0] and not word.startswith(name) and not name.startswith(word)
                and one_edit(word, name, substitute_from=6)):
            return code
    return None


@dataclass
class LanguageFinding:
    """Languages named in a message, in order; removed = negated or dropped ones."""

    codes: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    additive: bool = False
    only: bool = False
    replaces: bool = False         # "I meant German", "Spanish instead": the named languages replace the list
    spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    named_at: list[tuple[str, int]] = field(default_factory=list)   # (code, start) of each language kept

    def add(self, code: str, span: tuple[int, int], negated: bool) -> None:
        target = self.removed if negated else self.codes
        if code not in target:
            target.append(code)
        self.spans.append(span)
        if not negated:
            self.named_at.append((code, span[0]))


# Nouns a language adjective qualifies: "Polish contracts", "Latin texts", "Brazilian customers".
_QUALIFIED = re.compile(r"\s+(?:[a-z]+\s+)?(?:texts?|documents?|docs|contracts?|notes|emails?|articles?|tickets?|reviews?|"
                        r"content|data|corpus|pages|posts|messages|users|customers|clients|speakers|market|audience|"
                        r"queries|questions|answers|translations?|version|websites?|sites?|news|law|legal|court|"
                        r"invoices|reports|books|manuals|transcripts|sources|records|files|literature|wikipedia|language)\b")


_SUBJECT_OR_MODAL = frozenset({"i", "we", "you", "they", "to", "will", "can", "should", "must", "please", "then"})


def _named_as_language(prep: Prepared, start: int, end: int) -> bool:
    """An ambiguous name used as a language: capitalised inside a sentence ("customer mail in German and Polish",
    "we also have Polish"), or qualifying a text noun ("Polish contracts"); "polish the UI" is not."""
    word = prep.text[start:end]
    before = prep.low[:start].split()[-1:]
    as_verb = word.islower() and bool(before) and before[0] in _SUBJECT_OR_MODAL   # "we polish documents"
    if _QUALIFIED.match(prep.low, end) and not as_verb:
        return True
    if not word[:1].isupper():
        return False
    head = prep.text[:start].rstrip()
    return bool(head) and head[-1] not in ".!?\n:;\"" and not head.endswith("- ")


# What joins two names of a list, in the languages whose CLDR names are GUARDED: ", ", "and", "ja", "dan", "и", "和".
_LIST_GLUE = re.compile(r"\s*[,/&+、]?\s*(?:(?:and|or|und|oder|et|ou|y|o|e|i|a|ja|og|och|eller|en|of|dan|atau|ve|veya|"
                        r"és|vagy|ir|un|și|na|at|và|и|й|і|та|або|или|lub|oraz|และ|및|和|與|与|と|や|და|և|و|ו)\s*)?")
# A word for "language" right after a name: "vene keeles", "anglų kalba", "jezik", "язык", "ენაზე", "மொழியில்".
_LANGUAGE_WORD_AFTER = re.compile(r"\s*(?:keel|kiel|kalb|valod|nyelv|jezik|език|язык|мов|ენა|மொழி|ভাষা|भाषा|زبان|"
                                  r"language)")


def _listed_with(low: str, start: int, end: int, confirmed: list[re.Match[str]]) -> bool:
    """A confirmed language name next to [start, end) in a list: "eesti ja vene", "bahasa Belanda dan Jerman"."""
    return any(_LIST_GLUE.fullmatch(low, c.end(), start) if c.end() <= start else
               c.start() >= end and _LIST_GLUE.fullmatch(low, end, c.start()) for c in confirmed)


def _removal_verb_before(prep: Prepared, start: int) -> bool:
    before = prep.low[max(0, start - 20):start].split()
    return bool(before) and (before[-1] in _REMOVE_BEFORE or (len(before) > 1 and before[-2] in _REMOVE_BEFORE))


def _has_context(prep: Prepared, pos: int, expecting: bool) -> bool:
    return expecting or bool(_LANG_CONTEXT.search(prep.clause(pos)))


def find_languages(prep: Prepared, expecting: bool = False) -> LanguageFinding:
    """Languages named in ``prep``; ``expecting`` means the user is answering "which languages?"."""
    out = LanguageFinding()
    low = prep.low
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for rx, codes in _GROUP_RES:
        for m in rx.finditer(low):
            if free(*m.span()):
                taken.append(m.span())
                for c in codes:
                    out.add(c, m.span(), False)
    for m in _FICTIONAL_RE.finditer(low):
        taken.append(m.span())
        out.notes.append(f"{prep.snippet(*m.span()).capitalize()} is not a language any model card documents; I left it out.")
    name_hits = [m for m in _NAME_RE.finditer(low) if free(*m.span())]
    confirmed = [m for m in name_hits if m.group(1) not in AMBIGUOUS and m.group(1) not in GUARDED]
    for m in name_hits:
        name, (s, e) = m.group(1), m.span()
        if name in GUARDED and not (_listed_with(low, s, e, confirmed) or _LANGUAGE_WORD_AFTER.match(low, e)):
            continue   # "kantor di Jepang" (an office in Japan), "le vene" (the veins)
        if name in AMBIGUOUS:
            before = low[max(0, s - 4):s]
            clause_has_other = any(c is not m and prep.clause_bounds(c.start()) == prep.clause_bounds(s) for c in confirmed)
            if not (before.endswith("in ") or clause_has_other or _has_context(prep, s, expecting)
                    or _named_as_language(prep, s, e)):
                continue
        if low.startswith(" letters", e) and NAMES[name] in _OWN_SCRIPT:   # "Greek letters": an alphabet
            continue
        if name == "latin" and _SCRIPT_BEFORE.search(low, max(0, s - 6), s):   # Arabizi "b latin": in Latin letters
            continue
        if name.startswith("deutsch") and _COMPANY.match(low, e):   # "Deutsche Bank"
            continue
        if _STRAY_BEFORE.search(low, max(0, s - 20), s) and _STRAY_AFTER.match(low, e):   # "the odd Latin phrase"
            taken.append((s, e))
            continue
        taken.append((s, e))
        neg = negated_before(prep, s) or negated_after(prep, e) or _removal_verb_before(prep, s) or bool(
            _REMOVE_AFTER.match(low, e))
        if neg and _AND_NO.fullmatch(low, max((pe for _, pe in out.spans if pe <= s), default=s), s) and (
                written_language(prep.text) not in _ROMANCE):
            neg = False
        out.add(NAMES[name], (s, e), neg)
    for _, end in sorted(out.spans):
        while low.startswith("-", end) and (m := _chained().match(low, end)) is not None and free(*m.span(1)):
            taken.append(m.span(1))
            out.add(NAMES[m.group(1)], m.span(1), False)
            end = m.end()
    for t in prep.tokens:   # "englsh", "spansh", "portugese"
        code = misspelt_language(t.text)
        if code and free(t.start, t.end):
            taken.append((t.start, t.end))
            out.add(code, (t.start, t.end), negated_before(prep, t.start) or _removal_verb_before(prep, t.start))
    for m in _LOCALE.finditer(prep.text):
        code = m.group(1).lower()
        if code in ISO639_1 and free(*m.span()):
            taken.append(m.span())
            out.add(code, m.span(), False)
    _find_codes(prep, expecting, out, free, taken)
    for code, span in flag_languages(prep):   # "🇩🇪 + 🇬🇧 docs"
        out.add(code, span, False)
    _unknown_names(prep, out, taken)
    if not out.codes and not out.removed and _VAGUE_MANY.search(low):
        out.notes.append("You mentioned several languages: tell me which ones (e.g. 'English, German and French') so I can "
                         "check that every one is supported.")
    if out.spans:
        first = min(s for s, _ in out.spans)
        clause = prep.clause(first)
        out.additive = bool(_ADDITIVE.search(clause))
        out.only = bool(_ONLY.search(clause))
        out.replaces = not out.additive and bool(_REPLACES.search(prep.low))
        if out.only:
            _drop_after_only(prep, out)
    return out


# A part after "only X," that names what the queries or users do keeps its languages ("only English, queries in German").
_KEEPS_AFTER_ONLY = re.compile(r"\b(?:quer\w*|questions?|users?|search\w*|asks?|consultas?|perguntas?|requêtes?|"
                               r"anfragen|fragen|suchanfragen|запрос\w*|вопрос\w*)\b")


def _drop_after_only(prep: Prepared, out: LanguageFinding) -> None:
    """"Only Portuguese, forget English", "nur Deutsch, die englischen fliegen raus", "kun dansk og svensk, ikke norsk":
    a language named after the comma that ends the "only" part is dropped, whatever words drop it, unless that part
    adds ("..., English too") or speaks of queries or users ("only English docs, queries in German")."""
    low = prep.low
    first = min(s for s, _ in out.spans)
    only = _ONLY.search(low, max(0, first - 40))
    if only is None or only.start() > first:
        return
    cut = low.find(",", first)
    last_end = max((e for s, e in out.spans if s < cut), default=-1)
    if cut < 0 or low[last_end:cut].strip():   # "only English for the manuals, French for the tickets": scoped
        return
    kept = {c for c, s in out.named_at if s < cut}
    end = prep.clause_bounds(first)[1]
    rest = low[cut:end]
    if not kept or _ADDITIVE.search(rest) or _KEEPS_AFTER_ONLY.search(rest):
        return
    for code in {c for c, s in out.named_at if cut < s < end} - kept:
        out.codes.remove(code)
        out.removed.append(code)


def _find_codes(prep: Prepared, expecting: bool, out: LanguageFinding, free, taken: list[tuple[int, int]]) -> None:
    """ISO 639-1 codes in a list ("en, fr, de") or a short answer, only where the text is about languages."""
    low = prep.low
    hits = [m for m in _CODE_RUN.finditer(low) if m.group(1) in ISO639_1 and free(*m.span())]
    if not hits:
        return
    # Group codes separated only by list punctuation into runs.
    runs: list[list[re.Match[str]]] = []
    for m in hits:
        if runs and re.fullmatch(r"[\s,/&+|\"']*(?:and|or)?[\s,/&+|\"']*", low[runs[-1][-1].end():m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if not _has_context(prep, run[0].start(), expecting) and not _slashed_codes(prep, run):
            continue
        plain = [m for m in run if m.group(1) not in _AMBIGUOUS_CODES or _quoted(low, m)]
        upper = [m for m in run if prep.text[m.start():m.start() + 2].isupper()]
        short_answer = expecting and len(low.split()) <= 6
        if not upper and not short_answer and _romance_words(prep, run):
            continue   # "¿y si en vez de la T4 ...?": Spanish "si en", "de la" are words, not codes
        if len(plain) >= 2 or upper or short_answer or (len(run) >= 2 and plain):
            for m in run:
                is_upper = prep.text[m.start():m.start() + 2].isupper()
                if m.group(1) in _AMBIGUOUS_CODES and not (is_upper or len(plain) >= 2 or _quoted(low, m)) \
                        or m.group(1) not in _LISTED_CODES and _OWNED.search(low, 0, m.start()):
                    continue   # ... and "my PI", "our IT team" name a person or a team, not Pali or Italian
                if m.group(1) == "or" and low[m.start() - 1:m.end() + 1] == " or " and m is not run[0] \
                        and m is not run[-1] and not is_upper:
                    continue   # "only en or nl": the word between two codes, not Odia ("en, or, nl" lists it)
                taken.append(m.span())
                out.add(m.group(1), m.span(), negated_before(prep, m.start()))


def _romance_words(prep: Prepared, run: list[re.Match[str]]) -> bool:
    """Lower-case codes joined by spaces alone in a message written in a Romance language, where "de", "en", "la",
    "si", "es" are words."""
    return all(not prep.low[a.end():b.start()].strip() for a, b in zip(run, run[1:], strict=False)) \
        and not any(_quoted(prep.low, m) for m in run) and written_language(prep.text) in _ROMANCE


def _quoted(low: str, m: re.Match[str]) -> bool:
    """A code in quotes, as in a pasted list or JSON ('"lang": ["it", "en"]'): a code, not the word "it"."""
    return low[m.start() - 1:m.start()] in ("'", '"') and low[m.end():m.end() + 1] == low[m.start() - 1]


# Codes of written languages common enough to be read as a list of languages without the word "language":
# "Corpus ~ 8M product listings, EN/FR/DE." ("HR/IT", "ML/CV" are departments and fields, not Croatian or Malayalam).
_LISTED_CODES = frozenset({"en", "de", "fr", "es", "pt", "nl", "sv", "da", "fi", "pl", "cs", "sk", "hu", "ro", "bg", "el",
                           "tr", "ru", "ar", "he", "fa", "hi", "bn", "ur", "zh", "ja", "ko", "th", "vi", "et", "lv", "lt",
                           "sl", "sr", "nb", "nn", "eu", "gl", "sw"})


def _slashed_codes(prep: Prepared, run: list[re.Match[str]]) -> bool:
    """Upper-case codes joined by slashes, two or more of them common languages ("EN/FR/DE", "DE/FR/IT/EN")."""
    return sum(m.group(1) in _LISTED_CODES for m in run) >= 2 and all(prep.text[m.start():m.end()].isupper() for m in run) \
        and all(prep.low[a.end():b.start()] == "/" for a, b in zip(run, run[1:], strict=False))


def _unknown_names(prep: Prepared, out: LanguageFinding, taken: list[tuple[int, int]]) -> None:
    for m in _UNKNOWN_NAMED.finditer(prep.low):
        word = m.group(1)
        if word in NAMES or word in _NOT_A_LANGUAGE or any(m.start() < te and ts < m.end() for ts, te in taken):
            continue
        if word.endswith(("ing", "ed", "ly")):
            continue
        out.notes.append(f"I don't recognise the language '{prep.snippet(*m.span(1))}'; "
                         "tell me its name in English or its ISO code (e.g. 'pt' for Portuguese).")
