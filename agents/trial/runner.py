"""Run a trial: BM25 baseline plus each candidate model on the same queries, with progress and cancellation.

Read top to bottom: prepare queries (labelled or pseudo) -> resolve candidates -> BM25 -> for each
candidate: load, encode documents and queries (through the cache), score, measure -> compare -> result.
A candidate that fails reports its error and the others go on; cancellation returns what finished.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from agents.trial.api import ApiEncoder, ApiEndpoint
from agents.trial.bm25 import BM25
from agents.trial.candidates import DEFAULT_TASK_INSTRUCTION, CandidateSpec, resolve_candidates
from agents.trial.compare import compare
from agents.trial.encoders import DEFAULT_CACHE, EmbeddingCache, Encoder, SentenceTransformerEncoder, encode_cached
from agents.trial.errors import TrialCancelled, TrialInputError
from agents.trial.inputs import Sample, TrialLimits
from agents.trial.memory import PeakMemory
from agents.trial.metrics import METRICS, means, per_query, top_k
from agents.trial.pseudo import pseudo_queries
from agents.trial.quantize import index_sizes, quantization_report
from agents.trial.queries import Queries
from agents.trial.report import BASELINE_ID, SystemResult, TrialResult
from agents.trial.stats import bootstrap_indices, ci95
from knowledge.cards import Catalog

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int, str], None]
Cancel = threading.Event | Callable[[], bool] | None


def _cancel_fn(cancel: Cancel) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def _capped(sample: Sample, limits: TrialLimits, notes: list[str]) -> Sample:
    if len(sample) <= limits.max_docs:
        return sample
    notes.append(f"the sample has {len(sample):,} documents; the trial uses the first {limits.max_docs:,} (the cap)")
    return Sample(sample.documents[:limits.max_docs], sample.source, sample.format, sample.messages, sample.aliases)


def run_trial(docs: Sample, queries: Queries | None = None, models: list[str] | None = None, *,
              catalog: Catalog | None = None, corpus_size: int | None = None, progress: ProgressFn | None = None,
              cancel: Cancel = None, cap: TrialLimits | None = None, api: dict[str, ApiEndpoint] | None = None,
              offline: bool = True, include_packaged: bool = True, cache: EmbeddingCache | None = None,
              batch_size: int = 32, seed: int = 0, n_boot: int = 1000,
              encoders: dict[str, Encoder] | None = None,
              task_instruction: str = DEFAULT_TASK_INSTRUCTION) -> TrialResult:
    """Compare ``models`` (plus the packaged all-MiniLM-L6-v2 and BM25) on ``docs`` and ``queries``.

    Without ``queries`` the trial is label-free (pseudo-queries from the documents). ``encoders`` maps a
    model id to a ready encoder (tests, or callers that hold one) instead of loading it by id.
    """
    started = time.perf_counter()
    limits = cap or TrialLimits()
    cancelled = _cancel_fn(cancel)
    cache = cache if cache is not None else DEFAULT_CACHE

    def report(stage: str, done: int, total: int, message: str) -> None:
        if progress is not None:
            progress(stage, done, total, message)

    notes: list[str] = []
    sample = _capped(docs, limits, notes)
    report("prepare", 0, 1, f"preparing {len(sample)} documents")
    if queries is None:
        queries, index_texts = pseudo_queries(sample, limits, seed)
    else:
        index_texts = [d.full_text for d in sample.documents]
    pos = {d.id: i for i, d in enumerate(sample.documents)}
    kept = [(q, {pos[r] for r in q.relevant if r in pos}) for q in queries.items[:limits.max_queries]]
    if len(kept) < len(queries.items):
        notes.append(f"{len(queries.items) - len(kept)} queries were left out by the query cap")
    lost = sum(not rel for _, rel in kept)
    if lost:
        notes.append(f"{lost} queries dropped: their relevant documents are beyond the document cap")
    kept = [(q, rel) for q, rel in kept if rel]
    if not kept:
        raise TrialInputError("no usable queries: " + ("; ".join(queries.messages) or "none were given"),
                              queries.source)
    q_texts = [q.text for q, _ in kept]
    relevant = [rel for _, rel in kept]
    doc_ids = sample.ids
    idx = bootstrap_indices(len(q_texts), n_boot, seed)

    resolution = resolve_candidates(models or [], catalog, api, offline, include_packaged, task_instruction)
    report("prepare", 1, 1, f"{len(resolution.specs)} candidate(s) + BM25; {len(resolution.skipped)} skipped")
    baseline = _run_bm25(index_texts, q_texts, relevant, idx, report)
    results: list[SystemResult] = []
    failed: list[dict] = []
    not_run: list[str] = []
    for n, spec in enumerate(resolution.specs):
        if cancelled():
            not_run = [s.model for s in resolution.specs[n:]]
            break
        stage = ["load"]
        try:
            results.append(_run_candidate(spec, (encoders or {}).get(spec.model), index_texts, q_texts, relevant,
                                          idx, cache, batch_size, report, cancelled, stage,
                                          corpus_size or len(sample)))
        except TrialCancelled:
            not_run = [s.model for s in resolution.specs[n:]]
            break
        except Exception as exc:  # noqa: BLE001 - one failing model must not sink the others
            log.warning("trial: %s failed while %s", spec.model, stage[0], exc_info=True)
            failed.append({"model": spec.model, "stage": stage[0], "error": f"{type(exc).__name__}: {exc}"})
            report("failed", n + 1, len(resolution.specs), f"{spec.model} failed while {stage[0]}: {exc}")
    if not_run:
        notes.append(f"cancelled: results cover what finished; not run or interrupted: {', '.join(not_run)}")
    report("evaluate", 0, 1, "comparing")
    best, summary = compare(results + [baseline], q_texts, relevant, doc_ids, idx, seed)
    for spec in resolution.specs:
        notes.extend(f"{spec.model}: {x}" for x in spec.notes)
    result = TrialResult(
        candidates=results, baseline=baseline, skipped=[s.to_dict() for s in resolution.skipped], failed=failed,
        label_free=queries.label_free, corpus_size=corpus_size or len(sample), best=best, partial=bool(not_run),
        not_run=not_run, summary=summary,
        sample={"source": sample.source, "documents": len(sample), "queries": len(q_texts),
                "messages": sample.messages + queries.messages},
        notes=notes, settings={"seed": seed, "bootstrap": n_boot, "batch_size": batch_size, "offline": offline,
                               "metrics": list(METRICS), "bm25": {"k1": 1.2, "b": 0.75}},
        elapsed_s=round(time.perf_counter() - started, 2))
    report("done", 1, 1, "trial finished" if not not_run else "trial cancelled: partial result")
    return result


def _run_bm25(texts: list[str], queries: list[str], relevant: list[set[int]], idx: np.ndarray,
              report: ProgressFn) -> SystemResult:
    report("baseline", 0, 1, "BM25 keyword baseline")
    t = time.perf_counter()
    index = BM25(texts)
    build = time.perf_counter() - t
    t = time.perf_counter()
    rankings = top_k(index.score_matrix(queries))
    search = time.perf_counter() - t
    pq = per_query(rankings, relevant)
    report("baseline", 1, 1, "BM25 done")
    return SystemResult(BASELINE_ID, "keyword", means(pq), {m: ci95(v, idx) for m, v in pq.items()}, pq, rankings,
                        docs_per_s=round(len(texts) / build, 1) if build > 0 else None,
                        queries_per_s=round(len(queries) / search, 1) if search > 0 else None,
                        timing={"index_s": round(build, 3), "search_s": round(search, 3)},
                        notes=["Okapi BM25 (k1=1.2, b=0.75), Unicode word tokens, no stemming or stop words"])


def _make_encoder(spec: CandidateSpec) -> Encoder:
    if spec.kind == "api":
        return ApiEncoder(spec.model, spec.load_name, spec.endpoint, spec.card_max_tokens, spec.query_prefix,
                          spec.document_prefix)
    return SentenceTransformerEncoder(spec.model, spec.load_name, spec.query_prefix, spec.document_prefix)


def _run_candidate(spec: CandidateSpec, encoder: Encoder | None, texts: list[str], queries: list[str],
                   relevant: list[set[int]], idx: np.ndarray, cache: EmbeddingCache, batch_size: int,
                   report: ProgressFn, cancelled: Callable[[], bool], stage: list[str],
                   corpus_size: int) -> SystemResult:
    name = spec.model
    report("load", 0, 1, f"loading {name}")
    t = time.perf_counter()
    enc = encoder or _make_encoder(spec)
    if hasattr(enc, "load"):
        enc.load()  # cheap when already loaded: models are cached per process
    load_s = time.perf_counter() - t
    report("load", 1, 1, f"{name} loaded in {load_s:.1f} s")
    stage[0] = "encoding documents"
    with PeakMemory() as mem:
        drun = encode_cached(enc, texts, "document", cache, batch_size=batch_size, cancelled=cancelled,
                             on_batch=lambda d, n: report("encode", d, n, f"{name}: documents {d}/{n}"))
        stage[0] = "encoding queries"
        qrun = encode_cached(enc, queries, "query", cache, batch_size=batch_size, cancelled=cancelled,
                             on_batch=lambda d, n: report("encode", d, n, f"{name}: queries {d}/{n}"))
    stage[0] = "evaluating"
    report("evaluate", 0, 1, f"{name}: scoring")
    d, q = drun.vectors, qrun.vectors
    if spec.similarity != "dot":
        d = d / np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-12)
        q = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12)
    rankings = top_k(q @ d.T)
    pq = per_query(rankings, relevant)
    res = SystemResult(name, spec.kind, means(pq), {m: ci95(v, idx) for m, v in pq.items()}, pq, rankings,
                       max_seq_length=enc.max_seq_length,
                       prompts={"query": enc.prompt("query"), "document": enc.prompt("document"),
                                "source": spec.prefix_source if spec.prefix_source != "none" or not (
                                    enc.prompt("query") or enc.prompt("document")) else "model config"})
    _throughput(res, enc, drun, qrun, mem, cache, texts, load_s)
    res.index_size = index_sizes(corpus_size, d.shape[1], spec.matryoshka_dims)
    res.quantization = quantization_report(q, d, relevant, res.metrics["ndcg@10"], spec.matryoshka_dims)
    if spec.kind == "api":
        res.notes.append(f"sent {getattr(enc, 'texts_sent', 0)} texts to {spec.endpoint.base_url} (you configured it)")
    report("evaluate", 1, 1, f"{name}: done")
    return res


def _throughput(res: SystemResult, enc: Encoder, drun, qrun, mem: PeakMemory, cache: EmbeddingCache,
                texts: list[str], load_s: float) -> None:
    """Speed, memory and truncation; reuses the last measurement when every embedding came from the cache."""
    tokens = enc.count_tokens(texts, "document")
    limit = enc.max_seq_length
    if tokens:
        res.mean_doc_tokens = round(float(np.mean(tokens)), 1)
        # A model without a sequence limit (e.g. static embeddings) truncates nothing.
        res.truncated_share = round(sum(t > limit for t in tokens) / len(tokens), 4) if limit else 0.0
    weights = enc.weights_bytes()
    weights_mb = round(weights / 1e6, 1) if weights else None
    if drun.encoded:
        used = np.mean([min(t, limit) if limit else t for t in tokens]) if tokens else None
        dps = drun.encoded / drun.seconds if drun.seconds > 0 else None
        api_tokens = getattr(enc, "tokens_used", 0)
        measured = {
            "docs_per_s": round(dps, 1) if dps else None,
            "tokens_per_s": round(dps * used, 0) if dps and used else (
                round(api_tokens / (drun.seconds + qrun.seconds), 0) if api_tokens else None),
            "queries_per_s": round(qrun.encoded / qrun.seconds, 1) if qrun.encoded and qrun.seconds > 0 else None,
            "peak_mem_mb": round((weights_mb or 0) + mem.delta_mb, 1) if weights_mb or mem.delta_mb else None,
            "memory": {"weights_mb": weights_mb, "encode_peak_delta_mb": mem.delta_mb,
                       "method": "weights (parameter + buffer bytes of the loaded model) + " + mem.method +
                                 " while encoding"},
            "timing": {"load_s": round(load_s, 2), "encode_docs_s": round(drun.seconds, 2),
                       "encode_queries_s": round(qrun.seconds, 2), "docs_encoded": drun.encoded,
                       "docs_from_cache": drun.cached, "queries_encoded": qrun.encoded},
        }
        cache.measurements[res.model] = measured
    else:
        measured = dict(cache.measurements.get(res.model, {}))
        measured["timing"] = {**measured.get("timing", {}), "load_s": round(load_s, 2), "docs_encoded": 0,
                              "docs_from_cache": drun.cached, "queries_encoded": qrun.encoded}
        res.notes.append("every document embedding came from the cache; speed and memory are from the run that "
                         "encoded them" if measured.get("docs_per_s") else "every embedding came from the cache")
    res.docs_per_s = measured.get("docs_per_s")
    res.tokens_per_s = measured.get("tokens_per_s")
    res.queries_per_s = measured.get("queries_per_s")
    res.peak_mem_mb = measured.get("peak_mem_mb")
    res.memory = measured.get("memory", {})
    res.timing = measured["timing"]
