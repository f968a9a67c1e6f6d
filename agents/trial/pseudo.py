"""Label-free trials: pseudo-queries made from the documents themselves.

Each document gives at most one query: its title or heading (then the index holds the body only),
else one of its sentences (then the index holds the rest of the document: the inverse cloze task).
This measures how well a model finds the source of a passage, which tracks but is not the same as
relevance to real user questions.
"""

from __future__ import annotations

import random
import re

from agents.trial.inputs import Sample, TrialLimits
from agents.trial.queries import Queries, Query

LABEL_FREE_NOTE = (
    "Label-free trial: no labelled queries were given, so each query is a title, heading or sentence taken "
    "from a document, and the 'relevant' document is where it came from (with that text removed from the "
    "index). This measures how well a model finds the source of a passage. It tracks, but is not, relevance "
    "to your users' real questions: add a few labelled queries for a trustworthy comparison.")

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|\n+")
MIN_WORDS = 4


def split_sentences(text: str) -> list[str]:
    """Sentences by end punctuation or line breaks (good enough to pick a query; not linguistics)."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _words(text: str) -> int:
    # CJK text has no spaces: count characters / 2 as a rough word count.
    return max(len(text.split()), sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af") // 2)


def pseudo_queries(sample: Sample, limits: TrialLimits | None = None, seed: int = 0) -> tuple[Queries, list[str]]:
    """Build pseudo-queries and the texts to index (one per document, in sample order)."""
    limits = limits or TrialLimits()
    rng = random.Random(seed)
    index_texts: list[str] = []
    items: list[Query] = []
    for doc in sample.documents:
        if doc.title and _words(doc.title) >= 2 and _words(doc.text) >= MIN_WORDS:
            kind = "heading" if sample.format == "md" else "title"
            items.append(Query(doc.title, (doc.id,), doc.line, kind))
            index_texts.append(doc.text)
            continue
        sentences = split_sentences(doc.text)
        usable = [i for i, s in enumerate(sentences) if _words(s) >= MIN_WORDS]
        if len(sentences) >= 2 and usable:
            i = rng.choice(usable)
            rest = " ".join(s for j, s in enumerate(sentences) if j != i)
            if _words(rest) >= MIN_WORDS:
                items.append(Query(sentences[i], (doc.id,), doc.line, "sentence"))
                index_texts.append(rest if not doc.title else f"{doc.title}\n\n{rest}")
                continue
        index_texts.append(doc.full_text)
    messages = []
    if not items:
        messages.append("no pseudo-queries could be made: documents need a title/heading or at least two "
                        f"sentences of {MIN_WORDS}+ words")
    if len(items) > limits.max_queries:
        messages.append(f"made {len(items):,} pseudo-queries; the trial uses a random {limits.max_queries:,} "
                        f"(seed {seed}; the cap)")
        keep = set(rng.sample(range(len(items)), limits.max_queries))
        items = [q for i, q in enumerate(items) if i in keep]
    kinds = {k: sum(q.kind == k for q in items) for k in ("title", "heading", "sentence")}
    made = ", ".join(f"{n} from {k}s" for k, n in kinds.items() if n)
    if items:
        messages.append(f"label-free: {len(items)} pseudo-queries ({made}); {len(sample) - len(items)} "
                        "document(s) without one stay in the index as distractors")
    return Queries(items, f"{sample.source} (pseudo-queries)", messages, label_free=True), index_texts
