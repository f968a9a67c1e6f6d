"""Labelled queries (ids or texts, several formats) and label-free pseudo-queries."""

from __future__ import annotations

import pytest

from agents.trial import TrialInputError, TrialLimits, load_queries, load_sample
from agents.trial.pseudo import pseudo_queries

DOCS = ('{"id": "a", "text": "Kettles boil water quickly and switch off by themselves."}\n'
        '{"id": "b", "text": "Frying pans need a non-stick coating for eggs."}\n'
        '{"id": "c", "text": "kettles boil water quickly and switch off by themselves."}\n')


@pytest.fixture()
def sample():
    return load_sample(text=DOCS, fmt="jsonl", name="docs.jsonl")


def test_ids_texts_and_aliases(sample):
    q = load_queries(text='{"query": "hot water", "relevant": ["a"]}\n'
                          '{"question": "eggs", "relevant_texts": ["need a non-stick coating"]}\n'
                          '{"query": "dupe", "relevant": "c"}\n', sample=sample, name="q.jsonl")
    assert [(x.text, x.relevant) for x in q.items] == [("hot water", ("a",)), ("eggs", ("b",)), ("dupe", ("a",))]


def test_unknown_relevant_ids_are_dropped_and_reported(sample):
    q = load_queries(text='{"query": "x", "relevant": ["zzz"]}\n{"query": "y", "relevant": ["a", "nope"]}\n',
                     sample=sample, name="q.jsonl")
    assert [x.text for x in q.items] == ["y"]
    assert any("dropped 1 query" in m and "line 1" in m and "'zzz'" in m for m in q.messages)
    assert any("some relevant documents that are not in the sample" in m for m in q.messages)
    with pytest.raises(TrialInputError, match="none of the 1 queries"):
        load_queries(text='{"query": "x", "relevant": ["zzz"]}', sample=sample, name="q.jsonl")


def test_csv_tsv_yaml_formats(sample):
    csv_q = load_queries(text="query,relevant\nboil,a;b\nboil,b\n", sample=sample, name="q.csv")
    assert [(x.text, x.relevant) for x in csv_q.items] == [("boil", ("a", "b"))]
    assert any("merged 1 repeated" in m for m in csv_q.messages)
    tsv_q = load_queries(text="question\trelevant_ids\neggs\tb\n", sample=sample, name="q.tsv")
    assert tsv_q.items[0].relevant == ("b",)
    yaml_q = load_queries(text="- query: eggs\n  relevant: [b]\n- query: water\n  relevant: a\n", sample=sample,
                          name="q.yaml")
    assert [x.relevant for x in yaml_q.items] == [("b",), ("a",)]
    mapping = load_queries(text="eggs: [b]\n", sample=sample, name="q.yml")
    assert mapping.items[0].text == "eggs"


def test_bad_query_files_name_the_place(sample):
    with pytest.raises(TrialInputError) as err:
        load_queries(text='{"query": "x", "relevant": ["a"]}\nnot json\n', sample=sample, name="q.jsonl")
    assert err.value.line == 2 and "q.jsonl" in str(err.value)
    with pytest.raises(TrialInputError, match="need a query column"):
        load_queries(text="q_text,answer_id\nx,a\n", sample=sample, name="q.csv")
    with pytest.raises(TrialInputError, match="line 1: no relevant documents"):
        load_queries(text='{"query": "x"}\n', sample=sample, name="q.jsonl")
    with pytest.raises(TrialInputError, match="malformed YAML"):
        load_queries(text="- query: [unclosed\n", sample=sample, name="q.yaml")


def test_query_cap(sample):
    text = "".join(f'{{"query": "q{i}", "relevant": ["a"]}}\n' for i in range(5))
    q = load_queries(text=text, sample=sample, name="q.jsonl", limits=TrialLimits(max_queries=2))
    assert len(q) == 2 and any("uses the first 2" in m for m in q.messages)


def test_pseudo_queries_remove_the_query_from_the_index():
    s = load_sample(text="# Boiling water\nA kettle heats water in minutes.\n"
                         "# Eggs\nUse a pan. Fry the eggs gently in butter until set.\n"
                         "# X\nShort.\n", fmt="md")
    q, index = pseudo_queries(s, seed=0)
    assert q.label_free
    assert [(x.text, x.relevant, x.kind) for x in q.items] == [("Boiling water", ("boiling-water",), "heading")]
    assert index[0] == "A kettle heats water in minutes."  # heading removed from the indexed text
    assert index[2] == "X\n\nShort."
    plain = load_sample(text="One sentence is here. Another sentence follows it here. Third sentence is also here.",
                        fmt="txt")
    q2, index2 = pseudo_queries(plain, seed=0)
    assert q2.items[0].kind == "sentence" and q2.items[0].text not in index2[0]
    assert q2.items[0].text in plain.documents[0].text
