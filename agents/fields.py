"""The field registry: one entry per need the advisor knows about, in the order the profile lists them.

Everything else is derived from it: the :class:`~agents.profile.Profile` model and its JSON schema
(``agents/profile.py``), the web form (``app/web/ui_session.py``), the dialogue's questions and their
order (``agents/converse/policy.py``), the words replies and notes use (``agents/converse/replies.py``,
``agents/understand/extract.py``) and the LLM assist's schema (``agents/understand/llm.py``).

A new field is one :class:`FieldSpec` here, plus the words that recognise it in a message
(``agents/understand/vocabulary/<field>.yaml`` for cues, ``agents/understand/moves.py`` for "forget the ...") and,
if it constrains models, its rule in ``agents/decide/``.

Question texts may hold ``{lead}`` (a context sentence), ``{what}`` (what the data is called) and ``{kind}``
(the kind of memory); the dialogue policy fills them in for the profile at hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from knowledge.hardware import hardware_table


@dataclass(frozen=True)
class FieldSpec:
    """One need: its type and allowed values, and every word the product uses for it."""

    name: str
    type: type                           # str, bool, int, float or list (of ISO 639-1 codes)
    label: str                           # form label: "Avg. tokens per document"
    key: str                             # "key: value" in an acknowledgement: "average document length (tokens)"
    noun: str                            # inside a sentence: "I dropped your document length answer"
    description: str                     # what a value means (JSON schema, LLM assist)
    choices: tuple[str, ...] = ()        # allowed values of an enumerated field
    labels: Mapping[str, str] = field(default_factory=dict)  # choice value -> what people read ("cloud_ok" -> ...)
    help: str = ""                       # form help text
    unit: str = ""                       # unit of a number field
    ge: float | None = None              # smallest allowed number
    gt: float | None = None              # numbers must be above this
    question: str = ""                   # the question the dialogue asks ("" = never asked)
    answers: tuple[str, ...] = ()        # answer buttons shown with the question
    # answer button -> the value it sets (None: the answer sets no value, e.g. "Not critical"); covers the variants'
    # answers too, so a click sets the field directly instead of going through the message parser
    answer_values: Mapping[str, Any] = field(default_factory=dict)
    # data_type -> (question, answers) when the data type changes the question ("What are the images of?")
    variants: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    ask_rank: int | None = None          # order in which the dialogue asks (lower first)

    @property
    def is_number(self) -> bool:
        return self.type in (int, float)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "data_type", str, "Data", "data type", "data type", "what is embedded",
        choices=("text", "code", "image", "audio", "multimodal"),
        question="What will you embed: text, source code, images, audio, or a mix (e.g. product photos with descriptions)?",
        answers=("Text", "Code", "Images", "Audio", "Text + images"), ask_rank=0,
        labels={"text": "Text", "code": "Source code", "image": "Images", "audio": "Audio",
                "multimodal": "Text + images"},
        answer_values={"Text": "text", "Code": "code", "Images": "image", "Audio": "audio",
                       "Text + images": "multimodal"}),
    FieldSpec(
        "query_type", str, "Queries", "query type", "query type",
        "what users search with when it differs from what is embedded: text queries over audio or images (the model "
        "must embed both), an image or a clip as the query", choices=("text", "image", "audio"),
        labels={"text": "Text queries", "image": "Image queries", "audio": "Audio queries"},
        help="text queries over recordings or photos need a model that embeds text and the data's own modality"),
    FieldSpec(
        "task", str, "Task", "task", "task", "what the embeddings are used for",
        choices=("search", "rag", "recommendation", "classification", "clustering", "similarity", "deduplication"),
        question="What will you use the embeddings for: search, RAG (a Q&A chatbot over your documents), "
                 "recommendations, classification, clustering, or deduplication?",
        answers=("Search", "RAG / Q&A chatbot", "Recommendations", "Classification", "Clustering", "Deduplication"),
        variants={
            "image": ("What will you do with the image embeddings: search (by text or by image), similar-item "
                      "recommendations, classification, clustering, or finding duplicates?",
                      ("Search", "Recommendations", "Classification", "Clustering", "Deduplication")),
            "code": ("What is it for: code search, RAG over code (an assistant), finding duplicate code, or "
                     "code similarity?", ("Code search", "RAG over code", "Duplicate detection", "Similarity")),
        },
        ask_rank=5,
        labels={"search": "Search", "rag": "RAG (Q&A over your documents)", "recommendation": "Recommendations",
                "classification": "Classification", "clustering": "Clustering", "similarity": "Similarity",
                "deduplication": "Deduplication"},
        answer_values={"Search": "search", "RAG / Q&A chatbot": "rag", "Recommendations": "recommendation",
                       "Classification": "classification", "Clustering": "clustering",
                       "Deduplication": "deduplication", "Code search": "search", "RAG over code": "rag",
                       "Duplicate detection": "deduplication", "Similarity": "similarity"}),
    FieldSpec(
        "domain", str, "Domain", "domain", "domain", "the subject area of the data",
        choices=("general", "medical", "legal", "finance", "code", "scientific", "e-commerce", "other"),
        question="Which domain is it: e.g. medical notes, legal contracts, financial filings, scientific papers, "
                 "a product catalogue, or general?",
        answers=("General", "Medical", "Legal", "Finance", "Scientific", "E-commerce"),
        variants={"image": ("What are the images of: e.g. products, medical scans, or general photos?",
                            ("E-commerce", "Medical", "General", "Other"))},
        ask_rank=1,
        labels={"general": "General", "medical": "Medical", "legal": "Legal", "finance": "Finance", "code": "Code",
                "scientific": "Scientific", "e-commerce": "E-commerce", "other": "Other"},
        answer_values={"General": "general", "Medical": "medical", "Legal": "legal", "Finance": "finance",
                       "Scientific": "scientific", "E-commerce": "e-commerce", "Other": "other"}),
    FieldSpec(
        "languages", list, "Languages", "languages", "languages", "list of ISO 639-1 codes, e.g. [\"en\", \"de\"]",
        question="Which languages are the {what} and the queries in? e.g. English only, or English and German.",
        answers=("English only", "English + Spanish", "English + German", "English + French"), ask_rank=2,
        answer_values={"English only": ["en"], "English + Spanish": ["en", "es"], "English + German": ["en", "de"],
                       "English + French": ["en", "fr"]}),
    FieldSpec(
        "privacy", str, "Privacy", "privacy", "privacy", "where the data may be embedded",
        choices=("local_only", "cloud_ok"),
        help="May your data be sent to a hosted API (OpenAI, Cohere …), or must it stay on your own machines?",
        question="{lead}Must the data stay on your own machines? (yes: open models you run yourself; no: cloud "
                 "APIs such as OpenAI or Cohere are fine too)",
        answers=("Yes, keep it local", "No, a cloud API is fine"), ask_rank=3,
        labels={"local_only": "Local only", "cloud_ok": "Cloud APIs OK"},
        answer_values={"Yes, keep it local": "local_only", "No, a cloud API is fine": "cloud_ok"}),
    FieldSpec(
        "commercial_use", bool, "Commercial use", "commercial use", "commercial use", "true or false",
        question="Is this for commercial use (a product, or internal use in a company)? Some model licences forbid it.",
        answers=("Yes, commercial", "No, research or personal only"), ask_rank=8,
        answer_values={"Yes, commercial": True, "No, research or personal only": False}),
    FieldSpec(
        "documents", int, "Documents", "documents", "number of documents",
        "integer, number of documents or chunks to index", ge=0,
        question="Roughly how many {what} will you index? (e.g. 50k, 2 million)",
        answers=("< 100k", "100k-1M", "1M-10M", "> 10M"), ask_rank=4,
        # a range sets its upper bound (the footprint is then on the safe side), "> 10M" its lower one
        answer_values={"< 100k": 100_000, "100k-1M": 1_000_000, "1M-10M": 10_000_000, "> 10M": 10_000_000}),
    FieldSpec(
        "avg_doc_tokens", int, "Avg. tokens per document", "average document length (tokens)", "document length",
        "integer, average tokens per document (1 word ~ 1.3 tokens)", unit="tokens", ge=1,
        question="How long is a typical {what}? (e.g. a paragraph, ~500 words, 2 pages)",
        answers=("A sentence or two", "About a paragraph", "About a page", "Several pages"), ask_rank=11,
        answer_values={"A sentence or two": 39, "About a paragraph": 130, "About a page": 650,
                       "Several pages": 3250}),
    FieldSpec(
        "queries_per_second", float, "Queries per second", "queries per second", "query rate",
        "number, peak queries per second", unit="queries/s", ge=0),
    FieldSpec(
        "latency_ms", float, "Latency budget (ms)", "latency (ms)", "latency target",
        "number, latency target per query in milliseconds", unit="ms", gt=0,
        question="Is there a latency target per query (e.g. under 100 ms), and how many queries per second at peak?",
        answers=("< 50 ms", "< 200 ms", "< 1 s", "Not critical"), ask_rank=10,
        answer_values={"< 50 ms": 50.0, "< 200 ms": 200.0, "< 1 s": 1000.0, "Not critical": None}),
    FieldSpec(
        "hardware", str, "Hardware", "hardware", "hardware", "where a local model runs",
        choices=("cpu", "gpu"),
        question="{lead}Will the model run on a GPU? (e.g. \u201cno, CPU only with 16 GB RAM\u201d or \u201cyes, "
                 "one T4 with 16 GB\u201d)",
        answers=("CPU only", "GPU"), ask_rank=6,
        labels={"cpu": "CPU only", "gpu": "GPU"},
        answer_values={"CPU only": "cpu", "GPU": "gpu"}),
    FieldSpec(
        "memory_gb", float, "Memory (GB)", "memory (GB)", "memory", "number, memory available to the model in GB",
        help="RAM (CPU) or GPU memory available for the model", unit="GB", gt=0,
        question="How much {kind} can the model use? (e.g. 8 GB)", answers=("4 GB", "8 GB", "16 GB", "32 GB"),
        ask_rank=7,
        answer_values={"4 GB": 4.0, "8 GB": 8.0, "16 GB": 16.0, "32 GB": 32.0}),
    FieldSpec(
        "device", str, "Device", "device", "device", "a named device from the hardware table (e.g. rtx4090, t4, "
        "raspberry-pi-5, laptop); sets the kind of hardware and, unless memory is given, its memory",
        choices=tuple(hardware_table().devices),
        labels={k: d.name[:1].upper() + d.name[1:] for k, d in hardware_table().devices.items()},
        help="a named GPU, Apple chip, Raspberry Pi or laptop (knowledge/hardware.yaml): its memory and speed are used"),
    FieldSpec(
        "gpu_count", int, "GPUs", "GPUs", "number of GPUs",
        "integer, GPUs of that kind the corpus can be embedded on in parallel (default 1); each must hold the model",
        help="the corpus is split across them to embed it (each GPU holds the whole model); queries use one",
        unit="GPUs", ge=1),
    FieldSpec(
        "cpu_cores", int, "CPU cores", "CPU cores", "number of CPU cores",
        "integer, CPU cores available for encoding, summed over the machines the corpus is split across (3 servers x 48 "
        "cores = 144; memory_gb stays one machine's); speeds scale from a 2-core measurement", unit="cores", ge=1,
        help="all machines' cores together when the corpus is split across several (each holds the whole model; "
             "a query runs on one)"),
    FieldSpec(
        "index_window_hours", float, "Indexing window (hours)", "indexing window (hours)", "indexing window",
        "number, hours within which the initial index and a full re-index must finish (default 24)", unit="hours",
        gt=0),
    FieldSpec(
        "reindex_per_month", float, "Re-indexes per month", "full re-indexes per month", "re-index frequency",
        "number, how often a month the whole corpus is embedded again because documents change (default 0)",
        unit="per month", ge=0),
    FieldSpec(
        "ingest_per_day", float, "New items per day", "new items per day", "ingest rate",
        "number, new items (alerts, messages, clips, documents) embedded per day as they arrive: the machine must keep "
        "up within the day and a hosted API bills them every month", unit="per day", gt=0,
        help="a stream or a growing corpus: the model must embed a day's items within a day; APIs bill them monthly"),
    FieldSpec(
        "budget_usd_month", float, "Budget (USD/month)", "budget (USD/month)", "budget", "number, monthly budget in USD",
        help="API costs, and a rented GPU when a self-hosted model needs one", unit="USD/month", ge=0,
        question="What monthly budget do you have for embedding API calls? (e.g. $50 a month, or none)",
        answers=("$0 (free only)", "Up to $100/month", "Up to $1,000/month", "No fixed limit"), ask_rank=9,
        answer_values={"$0 (free only)": 0.0, "Up to $100/month": 100.0, "Up to $1,000/month": 1000.0,
                       "No fixed limit": None}),
    FieldSpec(
        "priority", str, "Priority", "priority", "priority", "what matters most when models are close: quality, "
        "a balance of quality and cost, or the lowest cost", choices=("quality", "balanced", "cost"),
        labels={"quality": "Best quality", "balanced": "Balanced", "cost": "Lowest cost"},
        help="quality: best evidence first; balanced: the default; cost: the cheapest model within a small quality margin"),
    FieldSpec(
        "fine_tuning", bool, "Fine-tuning planned", "fine-tuning", "fine-tuning",
        "true or false, whether they can fine-tune on their own data"),
)

BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}


def value_label(name: str, value: Any) -> str:
    """A profile value as people read it: the choice's label ("cloud_ok" -> "Cloud APIs are fine"), yes/no for a
    flag, a list joined by commas; "" for an unset value. Numbers and other values as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    spec = BY_NAME.get(name)
    return spec.labels.get(value, str(value)) if spec is not None and isinstance(value, str) else str(value)
