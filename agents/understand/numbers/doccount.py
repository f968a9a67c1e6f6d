"""Which number counts the documents: "2 million clinical notes", "PubMed abstracts, ~35M of them", "the memo archive,
at last count, 1.35M", and how a count is built from what the message says around it:

    "250 folders with roughly 400 PDFs in each"                     -> 100,000 (folders x files in each)
    "500k articles, but 100k of them are duplicates we'll drop"     -> 400,000 (the duplicates are taken off: ``removed``)
    "ticket numbers run from 100000 to 160000, so about 60k tickets" -> 60,000 (a range of ids counts nothing)

``measures`` calls :func:`documents` for every number that reads as no other field.
"""

from __future__ import annotations

import re

from agents.understand.numbers.context import Measure, prev_words
from agents.understand.numbers.counted import counted_noun, plural_head
from agents.understand.numbers.money import currency
from agents.understand.numbers.nouns import is_doc_noun, noun_phrase_near
from agents.understand.numbers.quantities import LENGTH_UNITS, Number, find_numbers, fmt
from agents.understand.numbers.speed import QUERY_NOUNS, per_time
from agents.understand.numbers.streams import stream_rate
from agents.understand.numbers.windows import sentence
from agents.understand.prep import Prepared

_STOP = frozenset({",", ";", ".", "!", "?", "(", ")", ":", "per", "each", "every", "and", "but", "or", "with", "at", "in", "of"})
# "documents: 2M", '{"docs": "about 2M"}', "an archive of roughly 40k": the collection named right before the number
# "also insgesamt 75.000", "一共25万", "so 350k in total": the count after a word for "in total" is the whole corpus.
TOTAL_BEFORE = re.compile(r"(?:\b(?:in total|total(?: of)?|altogether|all in all|insgesamt|gesamt|au total|en total|no total|"
                          r"in totale|in totaal|łącznie|всего|итого|загалом|yhteensä|toplam(?:da)?|totalt|i alt|"
                          r"összesen|celkem|spolu|ukupno|skupaj|în total|kaikkiaan)|一共|总共|總共|合计|合計|全部で|総計|합계|총)"
                          r"\s*(?:~|about |around |roughly |etwa |rund |ca\.? |circa |大约|大概|约)?\s*$")
# "the wiki has 90k pages but only the 12k engineering pages get embedded": the part that is embedded is the count.
_ONLY_BEFORE = re.compile(r"\bonly (?:the |about |around |~)?$")
_EMBEDDED_AFTER = re.compile(r"[^.;!?]{0,60}?\b(?:get|gets|are|is|will be|would be|need to be|to be|go|goes) "
                             r"(?:embedded|indexed|vectori[sz]ed|searched|searchable|in scope)\b")


def _only_embedded(prep: Prepared, num: Number) -> bool:
    return bool(_ONLY_BEFORE.search(prep.low, max(0, num.start - 12), num.start) and _EMBEDDED_AFTER.match(prep.low, num.end))


_DOC_CONTEXT_BEFORE = re.compile(r"\b(?:corpus|collection|dataset|index|archive|documents|docs|library|database|repository|"
                                 r"(?:doc|document|file|page|record|item) count)\b"
                                 r"(?:\s*[\"']?\s*(?:of|is|was|has|had|with|contains|holds|size|now|reached|"
                                 r"(?:doubled|grew|grown|went up) to|:))*\s*[\"']?\s*(?:about|around|"
                                 r"roughly|approximately|~|some)?\s*$")
# What a number counts when it is not data: model size, vector width, machines, people ("a 7B model", "1024 dims").
NOT_MEASURED = frozenset({"parameter", "parameters", "params", "param", "dims", "dim", "dimension", "dimensions",
                          "dimensional", "bit", "bits", "layers", "model", "models", "core", "cores", "threads", "vcpus",
                          "vcpu", "gpu", "gpus", "server", "servers", "machine", "machines", "node", "nodes", "instances",
                          "replicas", "languages", "people", "engineers", "developers", "years", "months", "weeks", "days",
                          # a rank ("show the 3 most similar solved cases")
                          "most", "closest", "nearest", "best", "top", "similar", "related", "relevant", "matching",
                          "likeliest", "likely"})
# "a few hundred new judgments a week", "2,000 new tickets per day": what the corpus grows by, not its size.
_GROWTH = re.compile(r"\s*(?:more |extra |additional )?(?:new|fresh|incoming|added) (?:[\w-]+ ){0,3}?"
                     r"(?:a|an|per|each|every|/)\s*(?:hour|day|night|week|month|quarter|year)\b|"
                     r"\s*(?:[\w-]+ ){0,3}?(?:come in|arrive|are added|get added) (?:a|an|per|each|every)\s*"
                     r"(?:hour|day|night|week|month|quarter|year)\b")
_MORE = frozenset({"plus", "+", "another", "additional", "further", "also"})
_NOT_BETWEEN = QUERY_NOUNS | frozenset(LENGTH_UNITS) | NOT_MEASURED | frozenset({"per", "each", "every", "a", "an"})
DURATIONS = frozenset({"s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours"})
# "in the 80-120k range of wiki pages", "in the ballpark of 2M docs": the words between a count and its noun
_AROUND_OF = frozenset({"range", "ballpark", "region", "neighbourhood", "neighborhood", "order"})

# "About" between a noun and its count, in languages that name the thing first ("takardu kusan dubu 50": documents,
# about 50 thousand, Hausa; "nyaraka takriban elfu 30", Swahili).
_ABOUT = frozenset({"about", "around", "roughly", "approximately", "approx", "~", "kusan", "takriban", "karibu", "circa",
                    "cirka", "ca", "etwa", "environ", "около", "близько", "приблизно", "taxminan", "ungefär", "omkring",
                    # Georgian, Hindi, Armenian, Azerbaijani; "in total" said between the noun and its count
                    "დაახლოებით", "लगभग", "करीब", "मोटे", "մոտ", "təxminən", "कुल", "मिलाकर", "insgesamt", "totalt",
                    "всего", "загалом", "amalunga", "malunga",
                    # Chichewa, Lingala ("pene na": near to), Setswana ("ka nna": about), Indonesian/Malay
                    "pafupifupi", "pene", "nna", "kira-kira", "sekitar",
                    # round 14 (u14fix): Sesotho "tse ka bang", Setswana "di ka nna", Xitsonga "ya kwalomu ka", Wolof
                    # "yu tollu ci" (about, that come to): "about" with the concord or preposition around it
                    "bang", "kwalomu", "tollu", "tse", "di", "ka", "ya", "yu", "ci"})
# How many such words may stand between the noun and its count ("ditokomane tse ka bang 25 000").
_MAX_ABOUT_WORDS = 4
# Counters after a number that stand for the noun said before it ("Patientjournalerne, omkring 90.000 stk.": pieces).
_PIECES = frozenset({"stk", "st", "pcs", "pieces", "kpl", "szt", "шт", "штук", "ks", "db", "adet", "buah"})

# Containers a count of documents can be "in each" of ("250 folders with roughly 400 PDFs in each").
_CONTAINERS = (r"folders?|directories|dirs|drives|shares|sites|websites|projects|repos|repositories|teams|departments|"
               r"branches|stores|shops|clients|customers|tenants|accounts|channels|mailboxes|boxes|cabinets|binders|"
               r"databases|tables|collections|categories|courses|books|apps|buckets|libraries|spaces|workspaces|wikis|"
               r"countries|offices|hospitals|clinics|schools|products|plants|factories|warehouses|locations|stations|labs|"
               r"universities|hotels|franchises|subsidiaries|regions|units|divisions|municipalities")
_ONE_CONTAINER = (r"folder|directory|dir|drive|share|site|website|project|repo|repository|team|department|branch|store|shop|"
                  r"client|customer|tenant|account|channel|mailbox|box|cabinet|binder|database|table|collection|category|"
                  r"course|book|app|bucket|library|space|workspace|wiki|country|office|hospital|clinic|school|product")
_EACH = re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?(?:each|apiece|in each|in every|per (?:{_ONE_CONTAINER}))\b")
# "12 plants and each one has about 15k maintenance reports": "each" before the count
_EACH_BEFORE = re.compile(r"\beach(?: one| of them| of those)? (?:has|have|holds|keeps|stores|produces|with|got)"
                          r"(?: about| around| roughly| some| ~)?\s*$")
_CONTAINER_AFTER = re.compile(rf"\s+(?:[\w-]+\s+)?(?:sub-?)?(?:{_CONTAINERS})\b")
# "100k of them are duplicates we'll drop", "of which 20k are junk": documents that are not indexed
_DROPPED = re.compile(r"\s*(?:of (?:them|those|these|which)\s+)?(?:are|is|will be|get|gets|being|were)?\s*(?:exact |near[- ]?|"
                      r"just |only |simply )?(?:duplicates?|dupes?|junk|spam|obsolete|outdated|irrelevant|test data|drafts)\b|"
                      r"\s*(?:of (?:them|those|these|which)\s+)?(?:we(?:'ll| will| can)?|to be|will be|get|are|are being)\s+"
                      r"(?:dropp?e?d?|removed?|excluded?|discard(?:ed)?|deleted?|filter(?:ed)? out|thrown away|skipp?e?d?)\b")
# "ticket numbers run from 100000 to 160000": a range of identifiers, not a count
_IDS = frozenset({"id", "ids", "number", "numbers", "numbered", "serial", "serials", "code", "codes", "key", "keys"})


def documents(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> Measure | None:
    """``num`` read as a count of documents (its noun as the detail), or None."""
    found = _count(prep, num, nxt, prev)
    each = in_each(prep, num) if found is None or not found.removed else None
    if found is None and each is not None and (noun := plural_head(prep, num, _NOT_BETWEEN)):
        found = Measure("documents", num.value, num.start, num.end, noun)   # "300 drawings in each" of 120 folders
    if found is not None and each is not None:
        containers, word = each
        total = num.value * containers
        found.value, found.note = total, (f"I multiplied {fmt(containers)} {word} x {fmt(num.value)} {found.detail} in "
                                          f"each = {fmt(total)} documents.")
    return found


def _count(prep: Prepared, num: Number, nxt: list[str], prev: list[str]) -> Measure | None:
    # "3 million messages per day", "~20k/s": a rate of new items, not the corpus
    if _GROWTH.match(prep.low, num.end) or stream_rate(prep, num) is not None or per_time(prep, num):
        return None
    if next((w for w in nxt if w != "-"), "") in DURATIONS:   # "10-second clips", "episodes of 45 minutes"
        return None
    if "ago" in nxt[:2]:   # "I typed the wrong number two messages ago": when, not how many
        return None
    if num.approx and not num.scaled and num.value < 10:   # "a few sentences", "a couple of PDFs": a length or an
        return None                                        # aside, never the size of a corpus
    if num.low is not None and prev and prev[-1] in ("from", "between") and _IDS & set(words_before(prep, num)):
        return None
    large = num.scaled or num.value >= 1000
    if large and (TOTAL_BEFORE.search(prep.low, max(0, num.start - 30), num.start) or _only_embedded(prep, num)) \
            and not currency(prep, num, nxt, prev):
        return Measure("documents", num.value, num.start, num.end, "total")
    if (nxt[:2] in (["of", "them"], ["of", "those"], ["in", "total"]) and large) or _DROPPED.match(prep.low, num.end):
        # "PubMed abstracts, ~35M of them": the counted noun came before the number.
        before = [t.text for t in prep.tokens[:num.first_token] if t.start >= prep.clause_bounds(num.start)[0] - 60]
        noun = next((w for w in reversed(before) if is_doc_noun(w)), None)
        if noun:
            return Measure("documents", num.value, num.start, num.end, noun, removed=bool(_DROPPED.match(prep.low, num.end)))
    if nxt[:2] and nxt[0] in _AROUND_OF and nxt[1] == "of":   # "in the 80-120k range of wiki pages"
        nxt = nxt[1:]
    if nxt[:1] == ["of"]:   # "thousands of emails", "2 million of our notes"
        nxt = [w for w in nxt[1:] if w not in ("our", "the", "their", "them", "these")]
    # "30k pages from Confluence plus 12k from SharePoint", "CRM notes (220k) plus the old email archive (780k)": added
    more = bool(prev) and prev[-1] in _MORE or "plus" in words_before(prep, num, 6)
    for w in nxt:
        if is_doc_noun(w):
            return Measure("documents", num.value, num.start, num.end, w, added=more)
        if w in _STOP or w in QUERY_NOUNS or w in LENGTH_UNITS:
            break
    # "500万条评论", "2 triệu tài liệu" (any count); "댓글 500만 개" (the noun before: a large count only)
    phrase = noun_phrase_near(prep, num.start, num.end, before=large)
    if phrase:
        return Measure("documents", num.value, num.start, num.end, phrase)
    before = prep.low[max(0, num.start - 40):num.start]
    if large and prev and is_doc_noun(prev[-1]):   # "nyaraka elfu 30": the noun first
        return Measure("documents", num.value, num.start, num.end, prev[-1])
    longer = prev_words(prep, num, _MAX_ABOUT_WORDS + 1)   # "takardu kusan dubu 50", "लाइनें कुल मिलाकर ३ करोड़"
    bare = list(longer)
    while bare and bare[-1] in _ABOUT and len(longer) - len(bare) < _MAX_ABOUT_WORDS:
        bare.pop()
    if large and len(bare) < len(longer) and bare and is_doc_noun(bare[-1]):
        return Measure("documents", num.value, num.start, num.end, bare[-1])
    if large and nxt[:1] and nxt[0] in _PIECES:   # "Patientjournalerne, omkring 90.000 stk.": pieces of the noun before
        before = [t.text for t in prep.tokens[:num.first_token] if t.start >= sentence(prep.low, num.start)[0]]
        noun = next((w for w in reversed(before) if is_doc_noun(w)), None)
        if noun:
            return Measure("documents", num.value, num.start, num.end, noun)
    if large and _DOC_CONTEXT_BEFORE.search(before):
        return Measure("documents", num.value, num.start, num.end, "documents")
    if large or num.approx:
        noun = counted_noun(prep, num, is_doc_noun, _NOT_BETWEEN)
        if noun:
            return Measure("documents", num.value, num.start, num.end, noun, added=more)
    if currency(prep, num, nxt, prev):   # "2 Millionen Euro", "3 миллиона рублей": money, never items
        return None
    if (num.scaled or num.value >= 10_000) and _of_them(words_before(prep, num, 4)):
        note = (f"I took {prep.snippet(num.start, num.end, 40)} as the number of documents you spoke of; correct me if it "
                "counts something else.")   # "Je ich zhruba 1,8 milióna" (there are about 1.8 million of them)
        return Measure("documents", num.value, num.start, num.end, "items", note=note)
    return _unnamed_scaled_count(prep, num, nxt)


# "Of them" before a count, in the languages that put it there: the count is of the documents just spoken of (Slovak and
# Czech "je ich/jich 1,8 milióna", Polish "jest ich", Russian/Ukrainian "их/їх около", Croatian/Slovene "ima ih", "jih je",
# German "davon", Finnish "niitä on", Estonian "neid on", Lithuanian "jų yra", Hungarian "belőlük").
_THEM = frozenset({"jich", "их", "їх", "ih", "jih", "davon", "niitä", "neid", "jų", "belőlük"})
_ICH_VERBS = frozenset({"je", "jest", "sú", "są", "máme", "mamy", "bolo", "było", "bude", "będzie", "mají", "majú"})


def _of_them(words: list[str]) -> bool:
    """ "Of them" among the words before a count; Slovak and Polish "ich" only next to a verb ("je ich", "ich jest"),
    since German "ich" is "I"."""
    return bool(_THEM.intersection(words)) or any(
        {a, b} & {"ich"} and {a, b} & _ICH_VERBS for a, b in zip(words, words[1:], strict=False))


# People and machines a big count may be of ("2 million users", "2 milióny používateľov"): never the corpus.
_NOT_A_CORPUS = NOT_MEASURED | QUERY_NOUNS | frozenset({"tokens", "words"})
_PEOPLE = re.compile(r"(?:user|používa|uporabnik|lietotāj|użytkown|uzytkown|benutzer|nutzer|usuari|utilisat|utente|"
                     r"пользоват|користувач|корисник|foydalanuvchi|пайдаланушы|kund|client|custom|member|subscri|abonent|"
                     r"visit|reader|viewer|listener|employee|mitarbeiter|staff|student|people|person|inhabit|resident|"
                     r"citizen|obyvatel|prebival|iedzīvotāj|patient|device|install|download|kullanıcı|müşteri|asiaka|"
                     r"felhasznál|korisnik|besucher|gebruiker|klant|utilizador|usuário|مستخدم|صارف|عميل|人|명|"
                     r"用户|ユーザー|사용자|고객|vartotoj|kasutaja|notandi)")


_PARAMETERS = re.compile(r"파라미터|매개변수|参数|參數|パラメータ|parameter|parámetro|paramètre|параметр")


def _unnamed_scaled_count(prep: Prepared, num: Number, nxt: list[str]) -> Measure | None:
    """A count of hundreds of thousands said with a scale word and a noun the vocabulary does not know ("40 млн тауар",
    "8 Mio. Schreiben", "約200万件", "약 2억 건"): the number of items to embed, said as an assumption (a bare
    "2 million" is asked)."""
    said = prep.low[num.start:num.end]   # a scale word ("млн", "Mio", "万"), not a letter ("8B", "40M": sizes too)
    word_scale = re.search(r"[^\W\d_]{3}", said) or re.search(r"[\u3400-\u9fff\uac00-\ud7a3]", said)   # 万, 만, 억
    if not word_scale or not num.scaled or num.value < 1e5 or num.unit or not nxt or nxt[0] in _STOP \
            or not nxt[0][:1].isalpha() or nxt[0] in ("llm", "llms") or set(nxt[:1]) & set(LENGTH_UNITS):
        return None
    if _NOT_A_CORPUS & set(nxt[:3]) or _PEOPLE.search(" ".join(nxt[:3])) or _PEOPLE.match(prep.low, num.end):
        return None
    if _PARAMETERS.search(prep.low, max(0, num.start - 12), num.end + 12):   # "파라미터가 3억 개인 모델": a model's size
        return None
    if "?" in prep.low[num.end:prep.clause_bounds(num.start)[1] + 1]:   # "1 billion log lines? no, only ...": questioned
        return None
    note = (f"I took {prep.snippet(num.start, num.end, 40)} as the number of items to embed; correct me if it counts "
            "something else.")
    return Measure("documents", num.value, num.start, num.end, "items", note=note)


def words_before(prep: Prepared, num: Number, limit: int = 5) -> list[str]:
    """Up to ``limit`` words before the number in its sentence."""
    start = sentence(prep.low, num.start)[0]
    return [t.text for t in prep.tokens[max(0, num.first_token - limit):num.first_token] if t.start >= start]


def in_each(prep: Prepared, num: Number) -> tuple[float, str] | None:
    """(containers, their word) when the documents counted by ``num`` are "in each" of several containers counted in the
    same sentence ("250 folders with roughly 400 PDFs in each", "400 PDFs in each of 250 folders"), else None."""
    noun_end = next((t.end for t in prep.tokens[num.last_token + 1:num.last_token + 4] if is_doc_noun(t.text)), num.end)
    if not _EACH.match(prep.low, noun_end) and not _EACH_BEFORE.search(prep.low, max(0, num.start - 40), num.start):
        return None
    s, e = sentence(prep.low, num.start)
    for other in find_numbers(prep):
        if s <= other.start < e and other.start != num.start and not other.unit and 2 <= other.value <= 100_000:
            m = _CONTAINER_AFTER.match(prep.low, other.end)
            if m:
                return other.value, m.group().split()[-1]
    return None
