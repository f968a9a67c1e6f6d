"""Model names inside a message ("bge-m3", "text-embedding-3-large", "Qwen3-Embedding-0.6B", "nomic embed v1.5").

They name models, not needs: their words ("text", "law", "multilingual") and digits ("3", "0.6B", "v1.5") must
not be read as answers. Names are recognised by shape, so this works without a catalog: a hyphen or slash
joined run of letters and digits, or a run holding a model word ("gte-large", "nomic-embed-text"), or a
version number right after such a word ("voyage 3.5"). Quantity compounds ("500-word", "sub-100ms",
"10-K"), codes ("ICD-10", "COVID-19") and GPU names ("RTX-4090") are not model names.

A name from an API-only family (OpenAI, Voyage, Cohere, Gemini/Vertex, Amazon Titan/Nova, Mistral embed;
every such card in knowledge/cards has ``open_weights: false``) is replaced by the word "api", so "we already
use text-embedding-3-large" reads as using a cloud API and "voyage-3 is not allowed" as a refusal of one.
"""

from __future__ import annotations

import re

from agents.understand.prep import Prepared
from knowledge.hardware import hardware_table

# A run stops at Japanese, Chinese or Korean letters, which glue particles to a name ("text-embedding-3-largeだと").
_LETTERS = r"(?:[^\W\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]|\.)+"
_RUN = re.compile(rf"{_LETTERS}(?:[-/]{_LETTERS})*")
_SEP = re.compile(r"[-/_]")
# Words that make a run a model name even without digits ("gte-large", "mxbai-embed-large").
MODEL_WORDS = frozenset({"embed", "embedding", "embeddings", "embedder", "encoder", "retriever", "bge", "gte", "minilm",
                         "mpnet", "labse", "nomic", "mxbai", "jina", "arctic", "stella", "colbert", "splade", "instructor",
                         "sbert", "simcse", "contriever", "specter", "siglip", "e5", "voyage", "gemini", "qwen"})
_MODEL_SUFFIXES = ("bert", "embed", "embedding", "embeddings", "retriever", "nli", "matryoshka")
# First segments that make a run a quantity, a code or hardware, not a model ("sub-100ms", "ICD-10", "x86-64").
_NOT_MODEL_HEAD = re.compile(
    r"(?:sub|under|over|below|above|up|top|max|min|less|more|about|around|approx|peak|per|re|pre|non|"
    r"icd|covid|sars|utf|iso|sha|md\d?|ipv\d|mimic|cpt|hl7|fhir|iec|din|rfc|cve|"
    r"form|section|article|chapter|page|step|phase|tier|level|type|class|grade|stage|version|"
    r"windows|win\d*|ubuntu|python\d?|java|node|ddr\d?|pcie\d?|usb\d?|wifi\d?|gen\d|b2[bc]|x86|x64|arm\d*|amd64|aarch64|"
    r"mp\d|h26\d|m\d|q\d|h\d|p\d+|fy\d+|"
    # Zulu and Xhosa glue "is/are about" or a concord to a number: "ngu-50 000", "singu-R2 500", "izigidi eziyi-8"
    r"ngu|singu|kungu|yi|ngama|ngaba|eziyi|eziyisi|ezingu|ezingama|eziwu|ezi|angu|angama|ayi|ayisi|ayizi|engu|eyi|eyisi|"
    r"nama|tig)$")   # Tagalog "tig-16 cores bawat isa": 16 cores each
# GPU names are hardware cues ("RTX-4090", "A100-80GB"): keep them readable.
_GPU = re.compile(r"(?:rtx|gtx|geforce|quadro|radeon|nvidia|cuda|gpus?|vram|a\d{2,4}g?s?|h\d{3}s?|v100s?|t4s?|l4s?|l40s?|"
                  r"mi\d{3}x?|sxm\d?|pcie)$")
_API_FAMILY = re.compile(r"text-embedding-(?:3|ada|00\d)|text-multilingual-embedding|(?:^|/)voyage-(?!\d+-nano)|"
                         r"(?:^|/)(?:cohere-)?embed-(?:english|multilingual|v\d)|gemini-embedding|titan-(?:text-)?embed|"
                         r"nova-\d*-?multimodal-embed|mistral-embed|codestral-embed")
# "voyage 3.5", "Qwen3 Embedding 0.6B", "text embedding 3 large", "nomic embed v1.5": a version or size after a model word.
_SPACED_VERSION = re.compile(
    r"\b(?:embed|embedding|embeddings|e5|bge|gte|minilm|mpnet|nomic|jina|voyage|qwen[\d.]*|gemma|stella|arctic|mxbai|"
    r"gemini|cohere)\s+(v?\d+(?:\.\d+)*[bm]?)\b(?!\s*(?:million|thousand|billion|k\b|m\b|mil\b|documents|docs|chunks|"
    r"items|vectors|pages|records|files))"
    # a quantity after the verb "embed": "embed 5-second audio windows", "embed 30 words"
    r"(?!-?\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|words?|tokens?|pages?|chars?|characters?|lines?|ms)\b)")


# Single words that name a model family ("Qwen3", "bge", "MiniLM"): a mention, though nothing to blank.
_FAMILY = re.compile(r"(?:qwen|e5|bge|gte|minilm|mpnet|labse|nomic|mxbai|jina|stella|gemma|embeddinggemma|llama|colbert|splade|"
                     r"siglip|sbert|specter)[\d.]*")


def is_model_word(word: str) -> bool:
    """A model family word ("qwen3", "bge"), as after a size: "the 8B Qwen3"."""
    return bool(_FAMILY.fullmatch(word))


# A hardware vendor's Hugging Face namespace ("nvidia/RADIO-B", "nvidia/omnivinci") names a model, not a GPU.
_VENDOR_NAMESPACE = re.compile(
    r"(?:nvidia|amd|intel|apple|qualcomm)/(?!(?:nvidia|amd|intel|apple|qualcomm|cuda|gpus?|rtx|gtx)\b)[a-z]")


# Kinds of model, not models: "a cross-encoder reranker", "bi-encoders", "multi-vector".
_GENERIC = re.compile(r"(?:cross|bi|dual|multi|single)-(?:encoders?|vectors?|lingual|modal)")
# A concept joined to plain words: "Matryoshka-Embeddings", "Matryoshka-inbäddningar", "int8-Quantisierung" (not
# "arabic-labse-matryoshka", whose concept word comes last, nor "matryoshka-v2").
_CONCEPT_HEAD = re.compile(r"matryoshka|mrl|binary|hybrid|sparse|dense|int[48]|u?int8|fp(?:16|32)|float(?:16|32)|bf16|"
                           r"quanti[sz]\w*|kwanty\w*|chunk\w*")


# Providers listed with slashes ("openai/voyage etc fine", "cohere/openai") name vendors, not a model.
_PROVIDERS = frozenset({"openai", "voyage", "voyageai", "cohere", "google", "gemini", "vertex", "mistral", "jina", "anthropic",
                        "azure", "aws", "bedrock", "gcp", "nomic", "together"})


# Last segments that describe a kind of model after a name: "ColBERT-style", "e5-like", "BERT-type".
_LIKENESS = frozenset({"style", "like", "type", "ish", "esque", "inspired"})
_YEAR = re.compile(r"(?:19|20)\d\d")
# A plain noun after a model word makes a compound, not a name: "Embedding-Modellen", "embedding-vectors", "Embedding-Suche".
_KIND_NOUN = re.compile(r"mod(?:el|ell|èle|elo|elli|ele|ely)\w*|модел\w*|vect\w*|vekt\w*|such\w*|search\w*|space|raum|"
                        r"dimension\w*|größe|size|api|apis|quality|qualität")


def _is_model(run: str) -> bool:
    if _VENDOR_NAMESPACE.match(run):
        return True
    if _GENERIC.fullmatch(run) or hardware_table().find_instance(run):   # "a2-highgpu-1g" is a cloud instance
        return False
    segs = [s for s in _SEP.split(run) if s]
    if len(segs) > 1 and "/" in run and all(s in _PROVIDERS for s in segs):
        return False
    if len(segs) > 1 and segs[-1] in _LIKENESS:   # "ColBERT-style late interaction" names a kind of model
        return False
    if len(segs) > 1 and _CONCEPT_HEAD.fullmatch(segs[0]) and not any(c.isdigit() for s in segs[1:] for c in s):
        return False
    if not any(c.isdigit() for c in run) and ("_" in run and "-" not in run and "/" not in run
                                              or len(segs) == 2 and _KIND_NOUN.fullmatch(segs[1])):
        return False   # a code key ("normalize_embeddings") or a compound ("Embedding-Modellen"), not a model
    if len(segs) < 2 or segs[0][0].isdigit() or _NOT_MODEL_HEAD.fullmatch(segs[0]) and segs[0] not in MODEL_WORDS:
        return False
    if all(_GPU.fullmatch(s) or s[0].isdigit() for s in segs):   # "rtx-4090", "a100-80gb"
        return False
    if len(segs) == 2 and _GPU.fullmatch(segs[0]) and segs[1].isalpha() and segs[1] not in MODEL_WORDS:
        return False   # a GPU and the word for what it is: "T4-kaart", "A100-Server", "H100-Karte"
    if not segs[0].isascii() and all(s[0].isdigit() for s in segs[1:]):   # Hebrew "כ-40" (about 40), "ב-2019"
        return False
    has_digit = any(c.isdigit() for c in run)
    has_alpha = any(c.isalpha() for c in run)
    return (has_digit and has_alpha) or any(s in MODEL_WORDS or s.endswith(_MODEL_SUFFIXES) for s in segs)


def is_identifier(run: str) -> bool:
    """A ticket, product or case id ("sku-88231", "jira-4521", "inc-20931"; not "biolord-2023", a model of that year):
    no model, and no quantity either."""
    segs = [s for s in _SEP.split(run) if s]
    return (len(segs) == 2 and segs[0].isalpha() and segs[0] not in MODEL_WORDS and not _GPU.fullmatch(segs[0])
            and not _NOT_MODEL_HEAD.fullmatch(segs[0]) and segs[1].isdigit()
            and len(segs[1]) >= 4 and not _YEAR.fullmatch(segs[1]))


def find_model_names(low: str) -> list[tuple[int, int, str]]:
    """Model names in lower-cased text: (start, end, kind), kind "api" (an API-only model), "name" (any other
    model name or version), "mention" (a family word such as "Qwen3", which reads as a model but holds no cue) or "code"
    (an identifier such as "SKU-88231": no model, and blanked so that its digits are no quantity)."""
    out = []
    for m in _RUN.finditer(low):
        s, e = m.span()
        run = m.group()
        stripped = run.strip(".")
        if not stripped:
            continue
        s += len(run) - len(run.lstrip("."))
        e -= len(run) - len(run.rstrip("."))
        if is_identifier(stripped):
            out.append((s, e, "code"))
        elif _is_model(stripped):
            out.append((s, e, "api" if _API_FAMILY.search(stripped) else "name"))
        elif is_model_word(stripped):
            out.append((s, e, "mention"))
    for m in _SPACED_VERSION.finditer(low):
        if not any(s <= m.start(1) < e for s, e, _ in out):
            out.append((m.start(1), m.end(1), "name"))
    return sorted(out)


def mark_model_names(prep: Prepared) -> list[str]:
    """Blank model names and identifiers in ``prep`` (API-only names become the word "api"); returns the model names as
    written."""
    found = []
    for s, e, kind in find_model_names(prep.low):
        if kind == "code":   # an identifier names no model: only its digits are hidden
            prep.blank(s, e)
            continue
        found.append(prep.text[s:e])
        prep.models.append((s, e))
        if kind == "api":
            prep.replace(s, e, "api")
        elif kind == "name":
            prep.blank(s, e)
    return found
