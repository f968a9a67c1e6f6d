"""Real trials: the packaged all-MiniLM-L6-v2, a tiny model saved to disk, and BM25."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from agents.trial import EmbeddingCache, Sample, demo_sample, load_queries, load_sample, run_trial
from agents.trial.encoders import SentenceTransformerEncoder
from knowledge.embedding import PACKAGED_ID, load_sentence_transformer
from tests.agents.trial.helpers import card, catalog

FRUIT = [
    "apple banana cherry sweet fruit", "car bus train road vehicle", "boat sea blue", "plane sky fast",
    "lemon sour fruit", "bike road slow", "mango peach sweet", "melon green fruit", "train rail fast",
    "kiwi green sour", "plum red sweet", "grape red fruit",
]


@pytest.fixture()
def fruit():
    sample = Sample.from_texts(FRUIT)
    queries = load_queries(text="query,relevant\nsweet fruit cherry,1\nrail train,9\nsea boat,3\nsour kiwi,10\n",
                           name="q.csv", sample=sample)
    return sample, queries


def test_embedding_model_beats_bm25_on_paraphrased_queries():
    sample, queries = demo_sample("medical_faq").load()
    res = run_trial(sample, queries, [], cache=EmbeddingCache(), corpus_size=1_000_000)
    mini, bm25 = res.candidates[0], res.baseline
    assert mini.model == PACKAGED_ID and res.best == PACKAGED_ID
    assert mini.ci95["ndcg@10"][0] > bm25.ci95["ndcg@10"][1]  # intervals do not overlap
    assert mini.vs_baseline["verdict"] == "significantly better"
    line = next(s for s in res.summary if "beats the BM25 keyword baseline" in s)
    assert "do not overlap" in line and f"{mini.metrics['ndcg@10']:.3f}" in line
    out = res.to_dict()
    assert set(out) >= {"candidates", "skipped", "baseline", "label_free"} and out["label_free"] is False
    c = out["candidates"][0]
    assert set(c) >= {"model", "metrics", "ci95", "docs_per_s", "peak_mem_mb", "truncated_share", "quantization"}
    assert c["docs_per_s"] > 0 and c["peak_mem_mb"] > 10 and c["truncated_share"] == 0.0
    assert c["index_size"]["bytes"]["float32"] == 1_000_000 * 384 * 4
    assert 0.8 <= c["quantization"]["int8"]["retained"] <= 1.05
    assert c["memory"]["weights_mb"] == pytest.approx(90.9, abs=1.0)  # 22.7M float32 parameters
    assert out["baseline"]["model"] == "bm25"
    md = res.to_markdown()
    assert "beats the BM25 keyword baseline" in md and "| bm25 |" in md


def test_second_run_reuses_cached_embeddings(fruit, tiny_model_dir, cache, monkeypatch):
    st = load_sentence_transformer(tiny_model_dir)
    calls = {"query": 0, "document": 0}
    for side in calls:
        real = getattr(st, f"encode_{side}")

        def counted(texts, *a, _real=real, _side=side, **kw):
            calls[_side] += len(texts)
            return _real(texts, *a, **kw)

        monkeypatch.setattr(st, f"encode_{side}", counted)
    sample, queries = fruit
    first = run_trial(sample, queries, [tiny_model_dir], cache=cache, include_packaged=False)
    assert calls == {"query": 4, "document": len(FRUIT)}
    again = run_trial(sample, queries, [tiny_model_dir], cache=cache, include_packaged=False)
    assert calls == {"query": 4, "document": len(FRUIT)}  # nothing re-encoded
    assert again.candidates[0].metrics == first.candidates[0].metrics
    assert again.candidates[0].docs_per_s == first.candidates[0].docs_per_s  # measurement from the first run
    more = load_queries(text="query,relevant\nblue sky plane,4\n", name="q2.csv", sample=sample)
    run_trial(sample, more, [tiny_model_dir], cache=cache, include_packaged=False)
    assert calls == {"query": 5, "document": len(FRUIT)}  # only the new query


def test_cancellation_returns_what_finished(fruit, tiny_model_dir, cache):
    sample, queries = fruit
    stop = threading.Event()

    def progress(stage, done, total, message):
        if stage == "encode" and message.startswith(tiny_model_dir):
            stop.set()

    res = run_trial(sample, queries, [tiny_model_dir], cache=cache, progress=progress, cancel=stop, batch_size=2)
    assert res.partial and res.not_run == [tiny_model_dir]
    assert [c.model for c in res.candidates] == [PACKAGED_ID] and res.baseline is not None
    assert any("cancelled" in n for n in res.notes) and res.to_dict()["partial"] is True
    assert "Partial result: cancelled" in res.to_markdown()


class _FailsOnSecondBatch(SentenceTransformerEncoder):
    def __init__(self, path):
        super().__init__(path, path)
        self.batches = 0

    def encode(self, texts, side):
        self.batches += 1
        if self.batches == 2:
            raise RuntimeError("out of memory (simulated)")
        return super().encode(texts, side)


def test_failing_candidate_reports_error_and_others_finish(fruit, tiny_model_dir, cache):
    sample, queries = fruit
    res = run_trial(sample, queries, [tiny_model_dir], cache=cache, batch_size=4,
                    encoders={tiny_model_dir: _FailsOnSecondBatch(tiny_model_dir)})
    assert [c.model for c in res.candidates] == [PACKAGED_ID]
    assert res.failed == [{"model": tiny_model_dir, "stage": "encoding documents",
                           "error": "RuntimeError: out of memory (simulated)"}]
    assert not res.partial and "## Failed" in res.to_markdown()


def test_card_prefixes_reach_the_encoder(fruit, tiny_model_dir, cache):
    sample, queries = fruit
    cat = catalog(card("test/tiny", hf_id=tiny_model_dir, matryoshka_dims=[8],
                       instructions={"query_prefix": "query: ", "document_prefix": "passage: "}))
    res = run_trial(sample, queries, ["test/tiny"], catalog=cat, cache=cache, include_packaged=False)
    c = res.candidates[0]
    assert c.model == "test/tiny" and c.prompts == {"query": "query: ", "document": "passage: ", "source": "card"}
    assert cache.get(cache.key("test/tiny", "document", "passage: ", FRUIT[0])) is not None
    assert "matryoshka@8" in c.quantization and "float32@8" in c.index_size["bytes"]
    assert c.truncated_share == 0.0 and c.max_seq_length is None  # a static model has no length limit


def test_unavailable_and_api_models_are_skipped_with_the_fix(fruit, cache):
    sample, queries = fruit
    cat = catalog(card("openai/text-embedding-3-small", open_weights=False, provider="OpenAI"),
                  card("acme/not-downloaded-embedder", hf_id="acme/not-downloaded-embedder"))
    res = run_trial(sample, queries, ["openai/text-embedding-3-small", "acme/not-downloaded-embedder"],
                    catalog=cat, cache=cache, include_packaged=False)
    assert res.candidates == []
    by_model = {s["model"]: s for s in res.skipped}
    assert by_model["openai/text-embedding-3-small"]["enable"] == "export OPENAI_API_KEY=..."
    assert "no openai API key" in by_model["openai/text-embedding-3-small"]["reason"]
    assert by_model["acme/not-downloaded-embedder"]["enable"].startswith(
        "huggingface-cli download acme/not-downloaded-embedder")
    assert res.best == "bm25" and res.baseline.metrics["ndcg@10"] > 0


def test_label_free_trial_says_so(tiny_model_dir, cache):
    sample = load_sample(text="\n\n".join(
        f"The {a} is {b} today. People like the {a} a lot because it is {b}. It goes on the {c} every day."
        for a, b, c in [("train", "fast", "rail"), ("boat", "slow", "sea"), ("plane", "fast", "sky"),
                        ("bus", "red", "road"), ("bike", "green", "road")]), fmt="txt")
    res = run_trial(sample, None, [tiny_model_dir], cache=cache, include_packaged=False)
    out = res.to_dict()
    assert out["label_free"] is True and "finds the source of a passage" in out["label_free_note"]
    assert res.sample["queries"] == 5 and any("sample too small (<20 queries)" in s for s in res.summary)
    assert "Label-free trial" in res.to_markdown()
    assert np.isfinite(res.candidates[0].metrics["ndcg@10"])


def test_progress_reports_every_stage_in_order(fruit, tiny_model_dir, cache):
    sample, queries = fruit
    seen: list[tuple[str, int, int]] = []
    run_trial(sample, queries, [tiny_model_dir], cache=cache, include_packaged=False, batch_size=5,
              progress=lambda stage, done, total, msg: seen.append((stage, done, total)))
    stages = [s for s, _, _ in seen]
    assert stages[0] == "prepare" and stages[-1] == "done"
    assert stages.index("baseline") < stages.index("load") < stages.index("encode") < stages.index("evaluate")
    assert ("encode", 5, 12) in seen and ("encode", 12, 12) in seen  # per batch of documents
