"""Fine-tune data: (query, passage) pairs from labelled queries or from the documents, split by document.

The split keeps every passage of the test split out of training: documents linked by a query (a query
naming several relevant documents) form one group, and whole groups go to train or test, seeded.
Documents no query names stay in the retrieval index as distractors and are never trained on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from agents.trial.errors import TrialInputError
from agents.trial.inputs import Sample, TrialLimits, normalise
from agents.trial.pseudo import LABEL_FREE_NOTE, pseudo_queries
from agents.trial.queries import Queries, Query

MIN_PAIRS = 20  # below this there is nothing to learn from and nothing to test on
MIN_TEST_QUERIES = 20  # the paired test's own floor (stats.MIN_QUERIES): fewer cannot show a gain
DEFAULT_TEST_SHARE = 0.3

FINETUNE_LABEL_FREE_NOTE = (
    "Label-free fine-tune: no labelled queries were given, so the training pairs are titles/headings -> "
    "body and sentence -> rest of its document (inverse cloze), and the held-out test uses the same kind "
    "of pseudo-queries. A gain here says the model got better at finding the source of a passage in your "
    "documents (it has learnt their vocabulary); it tracks, but does not prove, a gain on your users' real "
    "questions. " + LABEL_FREE_NOTE.split(". ", 1)[0] + ".")


@dataclass
class FineTuneData:
    """The retrieval index, the training pairs and the held-out test queries of one fine-tune."""

    index_texts: list[str]  # one per document, in sample order (label-free: the pseudo-query removed)
    doc_ids: list[str]
    train_pairs: list[tuple[str, str]]  # (query, passage text)
    test_queries: list[str]
    test_relevant: list[set[int]]  # indices into index_texts
    train_docs: set[str]
    test_docs: set[str]
    label_free: bool
    seed: int
    test_share: float
    messages: list[str] = field(default_factory=list)

    @property
    def train_texts(self) -> list[str]:
        """The passages the model trains on (hard negatives are mined from these only)."""
        pos = {d: i for i, d in enumerate(self.doc_ids)}
        return [self.index_texts[pos[d]] for d in sorted(self.train_docs, key=pos.__getitem__)]

    def split_dict(self) -> dict:
        return {"seed": self.seed, "test_share": self.test_share, "train_pairs": len(self.train_pairs),
                "test_queries": len(self.test_queries), "train_documents": len(self.train_docs),
                "test_documents": len(self.test_docs), "index_documents": len(self.doc_ids),
                "unit": "document (queries that share a relevant document stay on one side)"}


def _groups(items: list[Query]) -> list[list[int]]:
    """Connected groups of queries: two queries are linked when they share a relevant document."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for q in items:
        for d in q.relevant[1:]:
            parent[find(d)] = find(q.relevant[0])
    out: dict[str, list[int]] = {}
    for i, q in enumerate(items):
        out.setdefault(find(q.relevant[0]), []).append(i)
    return list(out.values())


def prepare(sample: Sample, queries: Queries | None, *, seed: int = 0, test_share: float = DEFAULT_TEST_SHARE,
            limits: TrialLimits | None = None) -> FineTuneData:
    """Pairs and a seeded split by document; :class:`TrialInputError` when there are too few pairs."""
    if not 0.05 <= test_share <= 0.9:
        raise TrialInputError(f"the test share must be between 0.05 and 0.9, got {test_share}")
    limits = limits or TrialLimits(max_docs=max(len(sample), 1), max_queries=max(len(sample), 1))
    messages: list[str] = []
    if queries is None:
        queries, index_texts = pseudo_queries(sample, TrialLimits(max_docs=limits.max_docs,
                                                                  max_queries=max(len(sample), 1)), seed)
        messages.append(FINETUNE_LABEL_FREE_NOTE)
    else:
        index_texts = [d.full_text for d in sample.documents]
    messages.extend(queries.messages)
    pos = {d.id: i for i, d in enumerate(sample.documents)}
    items = [Query(q.text, tuple(r for r in q.relevant if r in pos), q.line, q.kind) for q in queries.items]
    items = [q for q in items if q.relevant]
    n_pairs = _count_pairs(items)
    if n_pairs < MIN_PAIRS:
        how = ("add labelled (query, relevant passage) pairs with --queries" if queries.label_free else
               "add more labelled queries, or leave --queries out to train on pairs made from the documents")
        raise TrialInputError(
            f"too few pairs to fine-tune: {n_pairs} usable (query, passage) pair(s); the minimum is {MIN_PAIRS}, "
            f"and about {int(MIN_TEST_QUERIES / test_share) + 1}+ are needed for a held-out test of "
            f"{MIN_TEST_QUERIES} queries that can show a significant gain ({how})", queries.source)
    groups = _groups(items)
    random.Random(seed).shuffle(groups)
    target = max(1, round(test_share * len(items)))
    test_idx: set[int] = set()
    for g in groups:
        if not test_idx or len(test_idx) + len(g) <= target:
            test_idx.update(g)
    if len(test_idx) == len(items):  # one giant group: nothing would be left to train on
        raise TrialInputError("cannot split by document: every query shares a relevant document with another, "
                              "so no document could be held out; give queries about more distinct documents",
                              queries.source)
    train = [q for i, q in enumerate(items) if i not in test_idx]
    test = [q for i, q in enumerate(items) if i in test_idx]
    train_docs = {d for q in train for d in q.relevant}
    test_docs = {d for q in test for d in q.relevant}
    assert not train_docs & test_docs, "split by document leaked a test passage into training"
    pairs = list(dict.fromkeys((q.text, index_texts[pos[d]]) for q in train for d in q.relevant))
    if len(test) < MIN_TEST_QUERIES:
        messages.append(f"the held-out test split has {len(test)} queries (fewer than {MIN_TEST_QUERIES}): too small "
                        "to tell whether a gain is real; the verdict will say so")
    return FineTuneData(index_texts, sample.ids, pairs, [q.text for q in test],
                        [{pos[d] for d in q.relevant} for q in test], train_docs, test_docs,
                        queries.label_free, seed, test_share, messages)


def _count_pairs(items: list[Query]) -> int:
    return len({(normalise(q.text), d) for q in items for d in q.relevant})
