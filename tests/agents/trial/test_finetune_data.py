"""Fine-tune pairs and the split by document: no test passage in training, seeded, clear errors on bad input."""

from __future__ import annotations

import pytest

from agents.trial import Sample, TrialInputError, load_queries, load_sample
from agents.trial.demos import finetune_demo
from agents.trial.finetune_data import MIN_PAIRS, prepare
from agents.trial.inputs import Document


def _sample(n: int) -> Sample:
    return Sample([Document(f"d{i}", f"passage number {i} about topic {i % 7}", f"Title {i} words") for i in range(n)])


def _queries(sample: Sample, lines: list[str]):
    return load_queries(text="\n".join(lines), name="q.jsonl", sample=sample)


def test_split_keeps_every_test_passage_out_of_training():
    sample, queries = finetune_demo("finetune_codes").load()
    data = prepare(sample, queries, seed=3)
    assert data.train_docs and data.test_docs and not data.train_docs & data.test_docs
    test_passages = {data.index_texts[i] for rel in data.test_relevant for i in rel}
    assert not test_passages & {p for _, p in data.train_pairs}
    assert len(data.test_queries) + len(data.train_pairs) == len(queries.items)
    assert 0.2 <= len(data.test_queries) / len(queries.items) <= 0.4


def test_split_is_reproducible_with_its_seed_and_changes_with_another():
    sample, queries = finetune_demo("finetune_codes").load()
    a, b, c = prepare(sample, queries, seed=1), prepare(sample, queries, seed=1), prepare(sample, queries, seed=2)
    assert a.test_docs == b.test_docs and a.train_pairs == b.train_pairs
    assert a.test_docs != c.test_docs


def test_queries_sharing_a_document_stay_on_one_side():
    sample = _sample(40)
    lines = [f'{{"query": "question {i}", "relevant": ["d{i}"]}}' for i in range(40)]
    lines.append('{"query": "links two documents", "relevant": ["d0", "d1"]}')
    data = prepare(sample, _queries(sample, lines), seed=0)
    assert {"d0", "d1"} <= data.train_docs or {"d0", "d1"} <= data.test_docs


def test_too_few_pairs_names_the_minimum():
    sample = _sample(30)
    lines = [f'{{"query": "question {i}", "relevant": ["d{i}"]}}' for i in range(MIN_PAIRS - 1)]
    with pytest.raises(TrialInputError, match=rf"{MIN_PAIRS - 1} usable .* the minimum is {MIN_PAIRS}"):
        prepare(sample, _queries(sample, lines))


def test_duplicate_pairs_and_unknown_documents_are_reported_not_trained_twice():
    sample = _sample(40)
    lines = [f'{{"query": "question {i}", "relevant": ["d{i}"]}}' for i in range(30)]
    lines += ['{"query": "question 3", "relevant": ["d3"]}', '{"query": "ghost", "relevant": ["nope"]}']
    data = prepare(sample, _queries(sample, lines), seed=0)
    text = " ".join(data.messages)
    assert "merged 1 repeated query" in text and "dropped 1 query" in text
    assert len(data.train_pairs) + len(data.test_queries) == 30
    assert len(set(data.train_pairs)) == len(data.train_pairs)


def test_label_free_pairs_come_from_titles_and_say_what_they_measure():
    sample = load_sample(text="\n\n".join(f"# Heading number {i}\n\nBody text of section {i} with words."
                                          for i in range(40)), name="notes.md")
    data = prepare(sample, None, seed=0)
    assert data.label_free and "Label-free fine-tune" in data.messages[0]
    assert all(q.startswith("Heading number") for q, _ in data.train_pairs)
    assert all(not p.startswith("Heading") for _, p in data.train_pairs)  # the index holds the body only


def test_a_label_free_sample_without_titles_or_sentences_is_refused():
    sample = Sample.from_texts([f"word{i}" for i in range(50)])
    with pytest.raises(TrialInputError, match="too few pairs"):
        prepare(sample, None)
