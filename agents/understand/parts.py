"""A message cut into parts: facts (stated needs), requests (asks to change them), questions and asides.

    split_parts(prepare("we have 2M docs — would bge-m3 handle that?"))
    # [Part(0, 16, "fact"), Part(16, 43, "question")]

The message is cut into sentences, and a question sentence into a stated part and an asking part where an
asking clause ("would ...", "how ...", "is ...") starts after a comma or dash. A request to change the needs
("can you add German?", "could we switch to the cloud?") is an answer, not a question; a sentence made only of
asides ("sorry, wrong window") is never read for needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.understand.cuegroups import groups
from agents.understand.prep import Prepared

# Words that may come before a question's opener: "so, how does ...", "ok and what about ...".
_LEAD = re.compile(r"\s*(?:(?:so|and|but|ok|okay|also|well|hmm|btw|by the way|one more thing|quick question|а|и|но|ну|"
                   r"another question|question|follow[- ]up|and also|then|right|great|thanks|thank you|roughly|approximately|"
                   r"realistically|honestly|just curious|out of curiosity)\b[\s,:;.!-]*)*")
# A full stop inside a token ("g4dn.xlarge", "v1.5", "e.g") does not end a sentence; a question or exclamation mark
# always does, whatever follows it ("Is OpenAI ok?0", "...a problem?Would ...": a question never relaxes a need).
# Nor does the dot of a scale or "about" abbreviation ("12 Mio. English pages", "ca. 300 tys. umów"). A Japanese
# full stop ends one.
_ABBREVIATED = "|".join(f"(?<={a})" for a in (r"\bmio", r"\bmrd", r"\btys", r"\bmln", r"\bmld", r"\btis", r"\bca",
                                               r"\bapprox", r"\baprox", r"\benv", r"\bzirka", r"\bcirca"))
# An ellipsis inside quotes ("an 'Instruct: ...' line") stays in its sentence; a full stop before a closing quote or
# bracket ends it ('we said "no." Then ...'). The danda of the Indic scripts ("।", "॥"), the Urdu full stop ("۔") and
# the Ethiopic one ("።") end a sentence too.
_STOPS = "\u3002\u0964\u0965\u06d4\u1362"   # 。 । ॥ ۔ ።
_SENTENCE = re.compile(rf"(?:[^.!?{_STOPS}\n]|\.(?=\w)|\.{{2,}}(?=[\"'\u2019\u201d\u00bb)\]])|(?:{_ABBREVIATED})\.(?=[ \t]+\S))*"
                       rf"(?:[!?][.!?]*|\.+[\"'\u2019\u201d\u00bb)\]]*(?=\s|$)|[{_STOPS}]+|\n|$)")
# Where an asking clause may start inside a sentence: after a comma, semicolon, colon or dash, or "and"/"but"/"so".
_CLAUSE_START = re.compile(r"(?:[,;:]|\s[-\u2013\u2014]+|\s(?:and|but|so))\s+")
# A stated part that only sets up the question ("at 50 queries per second, what would it cost?", "if we had 20M
# articles, ..."): a hypothesis, not a fact about the needs, so the whole sentence is the question.
_HYPOTHESIS = re.compile(r"\s*(?:at|if|assuming|suppose|supposing|say|given|hypothetically|in case|with say|let's say|"
                         r"for (?:documents|docs|texts|chunks|pages|files|vectors|a corpus|an index|an? \w+ corpus) "
                         r"(?:of|with|around|averaging))\b")
_WHAT_IF = re.compile(r"\u00bf?(?:what if|how about|let's say|let us say|suppose|y si|e se|et si|und wenn)\b")
# A short phrase with no verb that only sets up the question ("on a p3.8xlarge, how long ...?", "with 5M docs, what ...?").
_SETUP = re.compile(r"(?:on|with|using)\s+(?:[\w.-]+\s*){1,4}")
# The next sentence claims the question's figure as the user's own: "that's our nightly window", "that's all the downtime
# we get", "that's all we have", "we only get that much time on Saturdays".
_CLAIM = re.compile(r"\s*(?:(?:that'?s|that is|this is|which is|it'?s)\s+(?:all\s+|exactly\s+|just\s+)?(?:our|my|the)\s+"
                    r"(?:[\w-]+\s+){0,2}(?:window|budget|limit|cap|ceiling|deadline|target|maximum|max|sla|requirement|downtime|"
                    r"time|slot)\b|(?:that'?s|that is) all (?:we|i)(?:'ll| will)? (?:get|have|got|can)\b|"
                    # Hinglish: "bas wahi hai hamare paas" (that is all we have)
                    r"bas (?:wahi|yahi|itna|itni|utna|ek hi) (?:\S+ )?(?:hai|h|hain) (?:hamare|humare|mere|apne) paas\b|"
                    r"(?:we|i) (?:only |just )?(?:get|have|got) (?:that much|that long|this much|so much|exactly that|"
                    r"no more)\b|"
                    # what was approved: "that's what finance approved", "es lo que nos aprobaron", "das wurde uns genehmigt"
                    r"(?:that'?s|that is|this is|it'?s) what (?:we|they|finance|legal|management|[\w-]+) (?:\w+ )?"
                    r"(?:approved|signed off|allowed|allows|approves|permits|gave us|gives us|agreed|allocated)\b|"
                    # Hindi: "इतना ही बजट मिला है" (that much budget is all we got)
                    r"(?:बस )?इतना ही (?:\S+ )?(?:मिला|मिली|मिलेगा|है)|"
                    r"(?:es|eso es) lo que (?:nos )?(?:aprobaron|autorizaron|dieron|asignaron|permitieron)|"
                    r"(?:é|isso é) o que (?:nos )?(?:aprovaram|autorizaram|deram|liberaram)|"
                    r"c'est ce (?:qu'on nous a|que (?:la direction|le client|nous avons)) (?:approuvé|accordé|validé|obtenu)|"
                    r"das (?:ist|wurde) (?:uns )?(?:so )?(?:genehmigt|bewilligt|freigegeben))")
# The next sentence says who now requires what the question supposed: "what if nothing can leave our servers? that's what
# legal says now", "¿Y si ...? Es lo que dice ahora el departamento jurídico", "C'est ce que demande la direction".
_SAID = re.compile(
    r"\s*(?:(?:that'?s|that is|this is|it'?s) (?:exactly |now |just )?what (?:\S+ ){0,4}?(?:says?|said|wants?|wanted|"
    r"requires?|required|demands?|decided|insists? on|told us|tells us|mandates?)\b|"
    r"(?:es|eso es|esto es) (?:justo |exactamente )?lo que (?:\S+ ){0,3}?(?:dice|dicen|pide|piden|exige|exigen|quiere|"
    r"quieren|decidi[oó]|manda)\b|"
    r"(?:é|isso é) (?:exatamente )?o que (?:\S+ ){0,3}?(?:diz|dizem|exige|exigem|pede|pedem|quer|querem)\b|"
    r"c'est (?:exactement )?ce que (?:\S+ ){0,3}?(?:dit|disent|exige|exigent|demande|demandent|veut|veulent)\b|"
    r"(?:das|genau das) (?:sagt|verlangt|will|fordert|schreibt) (?:\S+ ){0,2}?(?:jetzt |nun )?(?:die|der|das|unser\w*)\b|"
    r"(?:è|questo è) (?:esattamente )?quello che (?:\S+ ){0,3}?(?:dice|dicono|chiede|chiedono|vuole|vogliono|impone)\b|"
    # "is it a problem if nothing may leave our network? security just told us"
    r"(?:[\w-]+\s+){1,3}?(?:has |have )?(?:just |now |today |this morning |only now )?(?:told|informed|notified) (?:us|me)\b|"
    # who requires it, in more languages: "legal requires it", "Teisininkai to reikalauja", "Itu syarat dari tim produk",
    # "法务刚刚通知的" (legal just told us)
    r"(?:[\w-]+\s+){1,3}?(?:requires? (?:it|this|that)|insists? on (?:it|this|that)|(?:to |tai )?reikalauja|"
    r"(?:это |этого )?требу(?:ет|ют)(?: этого| это)?|(?:to |tego )?wymaga(?:ją)?(?: tego)?|verlang(?:t|en) (?:das|es))\b|"
    r"(?:itu|ini) (?:adalah |merupakan )?(?:syarat|permintaan|ketentuan|aturan|keharusan) (?:dari|dariada)\b|"
    r"(?:that'?s|that is|it'?s) (?:a )?(?:requirement|hard requirement|must) (?:from|of|by)\b|"
    r"[\u4e00-\u9fff]{1,6}?(?:刚刚|刚才|刚|已经)?(?:通知|要求|规定)(?:的|了|我们))")
# The next sentence takes up what the question proposed: "wouldn't it be safer to keep it in-house? let's do that".
# A sentence after a "what if" saying it is already approved makes it news: "¿y si en vez de la T4 usamos una A100? ya nos
# la aprobaron", "what if we used an A100? it's been approved", "und wenn wir eine L4 nehmen? ist schon genehmigt".
_APPROVED = re.compile(r"\s*(?:(?:ya|já|déjà|schon|already)\s+)?(?:(?:nos|me)\s+(?:la|lo|las|los)\s+aprobaron|"
                       r"(?:está|estão|está|es|fue|foi) aprobad[oa]|(?:está|foi) aprovad[oa]|nos la aprobaron|"
                       r"(?:it'?s|it has been|it was|that'?s|that was|we got it|they) (?:already )?(?:been )?approved|"
                       r"(?:ist|wurde) (?:schon |bereits )?genehmigt|c'est (?:déjà )?(?:approuvé|validé)|"
                       r"(?:a été|est) (?:déjà )?(?:approuvée?|validée?))")
# A sentence after a question that only imagines ("does X handle Lao? we'd have 2 million Lao documents", "we might
# get 10k more next year"): part of the question, so it states nothing ("we have 2 million documents" after a question
# still does).
_IMAGINED = re.compile(r"\s*(?:(?:so|then|and)\s+)?(?:we|i|they|there|it|that)(?:'d|\u2019d| would| might| may| could)"
                       r"\s+(?:then\s+)?(?:have|be|get|need|add|index|embed|see|end up with)\b")
_ACCEPT = re.compile(r"\s*(?:(?:ok(?:ay)?|yes|yeah|yep|sure|right|actually|fine)[\s,!.]+)?"
                     r"(?:(?:let'?s|let us) (?:just )?(?:do|go with|go for|take|make) (?:that|it|this|so)|"
                     r"(?:then )?(?:do|go with) (?:that|it)(?: then)?[\s.!]*$|make it so|"
                     r"sounds (?:good|right),? (?:let'?s|do it|go)|(?:we'?ll|we will|i'?ll) (?:do|go with|take) (?:that|it))\b")
# A statement closed by a tag question ("quality matters more than cost for us, ok?", "it's 40k docs, right?"): it states.
_TAG = re.compile(r"\s*[,\u2013\u2014-]\s*(?:ok|okay|right|alright|all right|yeah|yes|fine|got it|understood|agreed|deal|"
                  r"fair enough|"
                  r"ja|oder|non|n'est-ce pas|vale|verdad|certo|né|d'accord|va bene|\u0434\u0430|"
                  # "is that right?" closing a statement in more languages (Tamil, Hindi, Turkish, Vietnamese, Russian,
                  # Ukrainian, Polish, Dutch, German, Chinese, Korean)
                  r"அது சரியா|சரியா|சரிதானே|है ना|सही है ना|değil mi|phải không|đúng không|верно|правильно|так|prawda|"
                  r"toch|klopt dat|stimmt['’]?s|对吧|对吗|맞죠|맞나요)\s*[?\uff1f]+[\s.!?]*$")
# Models set against each other before a bare asking clause ("MedCPT or BioLORD, which one?", "OpenAI vs Google - which?");
# a model name is blanked to a run of spaces ("bge-m3 or e5-large for 150 € a month, which one?").
# An asking clause that only points back at what came before ("I want to start over - how?", "heard about late chunking
# - what is it?", "Chunking nedir, neden gerekli?" has a question word in the first part): the whole sentence asks.
_BARE_ASK = re.compile(r"\s*(?:(?:and|but|so) )?(?:how|how so|how exactly|how do (?:i|we|you) do (?:that|it|this)|"
                       r"what(?: i|')s (?:it|that|this)|what does (?:it|that|this) mean|is (?:that|it|this) possible|where)"
                       r"\s*[?!.]*\s*$")
_YES_NO = re.compile(r"\s*(?:is|are|am|was|were|do|does|did|can|could|would|will|should|shall|may|might|has|have|had)\b")
# "or" and "between ... and" in the languages the asking words cover ("X oder Y: welches ...?", "Entre X y Y, ¿cuál
# ...?"); the short or ambiguous ones ("o", "of", "czy") only between two model names.
_OR_WORDS = (r"(?:or|vs\.?|versus|oder|ou|lub|albo|или|або|veya|yoksa|atau|ho[aặ]c|eller|tai|vagy|sau|"
             r"ili|nebo|alebo|\u03ae|\u0623\u0648|\u05d0\u05d5|\u6216|\u8fd8\u662f|\u307e\u305f\u306f|\ub610\ub294)")
_BETWEEN = r"(?:between|entre|zwischen|tra|fra|tussen|mi[eę]dzy|между|між|mezi|medzi|\u03bc\u03b5\u03c4\u03b1\u03be\u03cd)"
_AND = r"(?:and|y|e|et|und|en|i|и|і|a|ve|dan|v\u00e0|och|og|ja|\u00e9s|\u0219i|\u03ba\u03b1\u03b9)"
_ALTERNATIVES = re.compile(rf"(?:\S\s+|\s{{2,}}){_OR_WORDS}\s+\S|{_BETWEEN}\s+\S.*?\s{_AND}\s+\S")
# Two model names set against each other frame any asking clause after them ("gte-large vs bge-large - is the
# difference even noticeable?", "X oder Y: welches ...?", "entre X y Y, ¿cuál ...?"): the whole sentence is the question.
# (Model names are blanked to runs of spaces.)
_MODELS_AGAINST = re.compile(rf"\s{{2,}}(?:{_OR_WORDS}|o|of|hay|czy|чи)\s{{2,}}|{_BETWEEN}\s{{2,}}{_AND}\s{{2,}}")
_DIGIT = re.compile(r"\d")
# What may separate two asides of one sentence ("sorry, my cat ... keyboard, ignore that").
_GAP = re.compile(r"[\s,;:.!?\"'()\u00ab\u00bb\u201e\u3001\u3002\uff0c\uff01-]*")


@dataclass(frozen=True)
class Part:
    """A span of the message: ``fact`` (states needs), ``request`` (asks to change them), ``question``, or
    ``aside`` (not about the needs at all: "sorry, my cat walked over the keyboard", "translate 'hello' into Korean")."""

    start: int
    end: int
    kind: str
    weak: bool = False        # a question only by its question mark ("English and German?")


def _lead_end(low: str, start: int, end: int) -> int:
    lead = _LEAD.match(low, start, end)
    return lead.end() if lead else start


def _opens(low: str, start: int, end: int, name: str = "opener") -> bool:
    """An ``opener`` (or ``request``) cue right at ``start`` (after filler words)."""
    pos = _lead_end(low, start, end)
    if low.startswith("\u00bf", pos):   # "¿qué es ...?" asks; "¿y si añadimos portugués?" may still be a request
        if name == "opener":
            return True
        pos += 1
    m = groups()[name].pattern.match(low, pos, end)
    return m is not None


def split_parts(prep: Prepared) -> list[Part]:
    """The message as fact, request and question parts (see the module docstring)."""
    low, text = prep.low, prep.text
    parts: list[Part] = []
    for m in _SENTENCE.finditer(low):
        s, e = m.span()
        if not low[s:e].strip():
            continue
        # a question mark, or a sentence that asks without one (Armenian "Որքա՞ն", a Thai closing particle)
        asks_mark = text[s:e].rstrip().endswith("?") or bool(groups()["unmarked"].pattern.search(low, s, e))
        if _aside(low, s, e):
            parts.append(Part(s, e, "aside"))
            continue
        if _opens(low, s, e, "request") and not groups()["process"].pattern.search(low, s, e):
            # "what if we had 20M docs, what would it cost?": a hypothesis that sets up a question edits nothing
            hypothesis = _WHAT_IF.match(low, _lead_end(low, s, e)) and any(
                _opens(low, c.end(), e) and not _opens(low, c.end(), e, "request") for c in _CLAUSE_START.finditer(low, s, e))
            parts.append(Part(s, e, "question" if hypothesis else "request"))
            continue
        if _asks_at(low, s, e, asks_mark):
            parts.append(Part(s, e, "question"))
            continue
        if not asks_mark or _tagged_statement(low, s, e):
            parts.append(Part(s, e, "fact"))
            continue
        # A question sentence: a stated part may come before an asking clause ("we have 2M docs — would ...?").
        for c in _CLAUSE_START.finditer(low, s, e):
            if _opens(low, c.end(), e, "request"):
                parts += [Part(s, c.end(), "fact"), Part(c.end(), e, "request")]
                break
            if _asks_at(low, c.end(), e, asks_mark):
                bare = _BARE_ASK.fullmatch(low, c.end(), e) and not _DIGIT.search(low, s, c.start())
                if _frames(low, s, c.start()) or _MODELS_AGAINST.search(low, s, c.start()) or bare or groups()[
                        "particle"].pattern.search(low, s, c.start()) or (
                        # "X or Y - which one ...?", "X oder Y: worin liegt der Unterschied?"
                        _ALTERNATIVES.search(low, s, c.start())
                        and groups()["comparison"].pattern.search(low, _lead_end(low, c.end(), e), e)):
                    parts.append(Part(s, e, "question"))
                else:   # the clause before may be an aside ("I typed the wrong number two messages ago, how ...?")
                    parts += [Part(s, c.end(), "aside" if _aside(low, s, c.start()) else "fact"), Part(c.end(), e, "question")]
                break
        else:
            # Only a question mark: a bare answer ("English and German?") unless a question word or ending of any
            # language is in it ("양자화를 하면 ... 떨어지나요?", "bge-m3 可以商用吗?").
            parts.append(Part(s, e, "question", weak=not groups()["particle"].pattern.search(low, s, e)))
    return _claimed(low, parts)


def _tagged_statement(low: str, start: int, end: int) -> bool:
    """A statement closed by a tag question ("..., ok?"), with no asking clause before the tag."""
    tag = _TAG.search(low, start, end)
    return tag is not None and not _asks_at(low, start, end, True) and not _YES_NO.match(low, start) and not any(
        _asks_at(low, c.end(), tag.start(), True) for c in _CLAUSE_START.finditer(low, start, tag.start()))


def _aside(low: str, start: int, end: int) -> bool:
    """The sentence ``low[start:end]`` is made only of asides (group ``aside``), so "ignore that, it's 40k docs"
    and "we need to translate our manuals into Japanese" are not asides."""
    aside = groups()["aside"].pattern
    pos = _GAP.match(low, _lead_end(low, start, end), end).end()   # type: ignore[union-attr]
    found = False
    while pos < end:
        m = aside.match(low, pos, end)
        if m is None or m.end() == pos:
            return False
        found, pos = True, _GAP.match(low, m.end(), end).end()   # type: ignore[union-attr]
    return found


def _asks_at(low: str, pos: int, end: int, asks_mark: bool) -> bool:
    """An asking clause starts at ``pos``: an opener, or an asking word of another language in a sentence that
    ends with a question mark ("Vad är ...?", "... - ça change quelque chose ?")."""
    return _opens(low, pos, end) or (asks_mark and _opens(low, pos, end, "asking"))


def _frames(low: str, start: int, stop: int) -> bool:
    """The stated part ``low[start:stop]`` before an asking clause only frames the question: a hypothesis ("if we
    had 20M articles"), a short setup ("on a p3.8xlarge"), or a phrase led by a preposition that does not speak of
    the user's own data ("for documents of 3,000 tokens", "bei 5 Mio. Dokumenten"; not "for our 2M contracts"), or
    only what the question is about (:func:`_topic`)."""
    lead = _lead_end(low, start, stop)
    if _HYPOTHESIS.match(low, start) or _SETUP.fullmatch(low, lead, stop) or _topic(low, lead, stop):
        return True
    return bool(groups()["setup"].pattern.match(low, lead, stop)) and not groups()["own"].pattern.search(low, lead, stop)


def _topic(low: str, start: int, stop: int) -> bool:
    """The stated part only names what the question is about: one of the picks ("your third pick, is it open
    weights?", "option 2 - is it ...?"), a maker's model ("the OpenAI one, ...") or a model name (blanked to spaces)."""
    topic = low[start:stop].strip(" \t,;:-\u2013\u2014")
    return not topic or any(groups()[name].pattern.fullmatch(topic) for name in ("pick", "provider"))


def _claimed(low: str, parts: list[Part]) -> list[Part]:
    """A question that states a need is read as a request: one whose figure the next sentence claims as the user's
    own ("could the indexing fit in 6 hours? that's our nightly window", "...under $300 a month? that is our
    budget"), one the next sentence says is now required ("what if nothing can leave? that's what legal says now"), and
    one that corrects a figure ("is it a problem if it's more like 800k?", "...400k? I misread
    the dashboard")."""
    out = list(parts)
    correction = groups()["correction"].pattern
    for i, p in enumerate(parts):
        if p.kind != "question":
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) and parts[i + 1].kind == "fact" else None
        claimed = nxt is not None and (_CLAIM.match(low, nxt.start, nxt.end) or _SAID.match(low, nxt.start, nxt.end)
                                       or _ACCEPT.match(low, nxt.start, nxt.end) or _APPROVED.match(low, nxt.start, nxt.end))
        corrected = correction.search(low, p.start, p.end) or (
            nxt is not None and _DIGIT.search(low, p.start, p.end) and correction.search(low, nxt.start, nxt.end))
        if claimed or corrected:
            out[i] = Part(p.start, p.end, "request")
        elif nxt is not None and _IMAGINED.match(low, nxt.start, nxt.end):
            out[i + 1] = Part(nxt.start, nxt.end, "question")
    return out


def _news_at(low: str, start: int, end: int, pos: int) -> bool:
    """``pos`` is in the very clause of a question sentence that tells news ("Thực ra dữ liệu được phép đưa lên cloud,
    vậy ...?", group ``correction``), not in a clause after it ("i meant 40k docs - is openai fine?" relaxes nothing)."""
    news = groups()["correction"].pattern.search(low, start, end)
    return news is not None and news.start() <= pos and _CLAUSE_START.search(low, news.start(), pos) is None


def stated_at(low: str, pos: int) -> bool:
    """True when the sentence holding ``pos`` states or requests needs rather than asking: no question mark, a
    request phrased as a question ("can we say cloud is OK after all?", "could we switch to the cloud?"), news told
    before the question (:func:`_news_at`), or a statement closed by a tag ("..., right?")."""
    for m in _SENTENCE.finditer(low):
        s, e = m.span()
        if s <= pos < e or (s == e == pos):
            if not re.search(r"\?[.!?]*\s*$", low[s:e]) or _opens(low, s, e, "request") or _SAID.match(low, e) or _ACCEPT.match(
                    low, e) or _news_at(low, s, e, pos) or _tagged_statement(low, s, e):
                return True
            # "a research project, not commercial - does that change anything?": stated, then asked (a sentence that
            # opens as a question, "is OpenAI ok, or ...?", states nothing)
            return not _opens(low, s, e) and any(_opens(low, c.end(), e) for c in _CLAUSE_START.finditer(low, pos, e))
    return True
