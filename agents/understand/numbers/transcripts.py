"""Transcripts of spoken recordings measured by their duration, and chunk sizes stated after a longer document length.

A transcript's length follows from how long the people spoke: "we transcribe our sales calls ... avg 30 min" is
~30 x 150 words (knowledge/hardware.yaml ``speech_words_per_minute``) x 1.3 tokens per word = ~5,850 tokens each.
Chunking does not change how many tokens are embedded, it changes how many vectors hold them: "we'd chunk transcripts
into ~300-word windows" after 30-minute calls is ~15 windows of ~390 tokens per call, so the count and the stream are
multiplied and the length becomes the chunk's.

    transcript_tokens(prepare("we transcribe our support calls, ~40k a month, avg 12 min"))   # (2340, start, end, note)
    rechunk(1000.0, 5850, 390)   # (15.0, note): each document becomes 15 chunks
"""

from __future__ import annotations

import math
import re

from agents.understand.numbers.quantities import TOKENS_PER_WORD
from agents.understand.prep import Prepared
from knowledge.hardware import hardware_table

# Spoken items that are transcribed ("sales calls", "interviews", "lectures"): a duration near one is the talk's length.
_SPOKEN = (r"(?:calls?|phone calls?|meetings?|interviews?|lectures?|podcasts?|episodes?|videos?|hearings?|sermons?|"
           r"webinars?|consultations?|sessions?|voicemails?|recordings?|conversations?|talks?|classes|speeches)")
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_UNIT = r"(min|mins|minutes?|hours?|hrs?|h)\b"
_AFTER = re.compile(rf"\b{_SPOKEN}\b[^.;\n]{{0,60}}?(?:(?:avg\.?|average|averaging|on average|each|typically|mean|about|~|"
                    rf"of|lasting|last|long)\s*(?:length |duration )?(?:of |is |:)?\s*)?(?:about |~|around |roughly )?"
                    rf"\b{_NUMBER}\s*-?\s*{_UNIT}")
_BEFORE = re.compile(rf"\b{_NUMBER}\s*-?\s*{_UNIT}(?:-long| long)?\s+(?:\w+\s+){{0,2}}?{_SPOKEN}\b")
_TRANSCRIBED = re.compile(r"\btranscri\w*|speech[- ]to[- ]text|\bstt\b|\basr\b|whisper")
_NOT_TRANSCRIBED = re.compile(r"\b(?:without|no|not|never|don'?t|do not|instead of)\s+(?:\w+\s+){0,2}transcri\w*")
# A chunk size: the length of the pieces a longer document is cut into.
_CHUNKING = re.compile(r"\b(?:chunk\w*|split\w*|cut\w*|window\w*|segment\w*|slic\w*|piec\w*|passages?)\b")


def words_per_minute() -> float:
    """Spoken words per minute assumed for a transcript (knowledge/hardware.yaml ``speech_words_per_minute``)."""
    return float(hardware_table().assumption("speech_words_per_minute").get("value", 150))


def transcript_tokens(prep: Prepared) -> tuple[int, int, int, str] | None:
    """(tokens per transcript, start, end, note) when the message says recordings are transcribed and how long each
    one is; None otherwise (a duration of sound that stays audio is measured in encoder frames elsewhere)."""
    low = prep.low
    if not _TRANSCRIBED.search(low) or _NOT_TRANSCRIBED.search(low):
        return None
    m = _AFTER.search(low) or _BEFORE.search(low)
    if m is None:
        return None
    try:
        value = float(m.group(1).replace(",", "."))
    except ValueError:
        return None
    minutes = value * (60 if m.group(2).startswith("h") else 1)
    if not 0.2 <= minutes <= 600:
        return None
    wpm = words_per_minute()
    tokens = max(1, round(minutes * wpm * TOKENS_PER_WORD))
    return tokens, m.start(), m.end(), (
        f"I counted a {minutes:g}-minute recording's transcript as ~{minutes * wpm:,.0f} words (~{wpm:g} spoken words a "
        f"minute) = ~{tokens:,} tokens; tell me if your transcripts are shorter or longer.")


def says_chunking(prep: Prepared) -> bool:
    """The message is about cutting documents into pieces ("we'd chunk transcripts into ~300-word windows", "split
    into 512-token passages")."""
    return bool(_CHUNKING.search(prep.low))


def rechunk(count: float | None, doc_tokens: int, chunk_tokens: int) -> tuple[float, str] | None:
    """(pieces per document, note) when documents of ``doc_tokens`` are cut into chunks of ``chunk_tokens``; None when
    the chunk is not clearly shorter than the document (a length correction, not a chunk size)."""
    if chunk_tokens <= 0 or doc_tokens < 1.5 * chunk_tokens:
        return None
    pieces = float(math.ceil(doc_tokens / chunk_tokens))
    counted = f" your {count:,.0f} documents are ~{count * pieces:,.0f} chunks" if count else ""
    return pieces, (f"Cut into chunks of ~{chunk_tokens:,} tokens, each ~{doc_tokens:,}-token document is ~{pieces:g} "
                    f"chunks:{counted or ' the count and any stream are counted in chunks'}, one vector each; the "
                    "tokens to embed stay the same.")
