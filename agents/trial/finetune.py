"""Fine-tune trial: what a quick domain fine-tune buys on the user's own (query, passage) pairs.

Read top to bottom: pairs and a split by document -> BM25 and the untuned models on the held-out
queries -> train (sentence-transformers trainer, MultipleNegativesRankingLoss, CPU, a save per epoch)
-> the fine-tuned model on the same held-out queries -> paired tests and a plain verdict -> model card.
A cancel keeps the last finished epoch; before the first one there is no fine-tuned model to judge.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from agents.trial.bm25 import BM25
from agents.trial.candidates import resolve_candidates
from agents.trial.encoders import DEFAULT_CACHE, SentenceTransformerEncoder, encode_cached
from agents.trial.errors import TrialCancelled, TrialInputError
from agents.trial.finetune_data import DEFAULT_TEST_SHARE, FineTuneData, prepare
from agents.trial.finetune_report import FINETUNED, FineTuneResult, SystemScore, model_card, verdict_for
from agents.trial.finetune_train import TrainSettings, check_available, load_trainable, train
from agents.trial.inputs import Sample, TrialLimits
from agents.trial.metrics import PRIMARY, means, per_query, top_k
from agents.trial.queries import Queries
from agents.trial.runner import Cancel, ProgressFn, _cancel_fn
from agents.trial.stats import bootstrap_indices, ci95, paired_test
from knowledge.cards import Catalog
from knowledge.embedding import PACKAGED_ID, packaged_model_path, resolve_model

log = logging.getLogger(__name__)

RESULT_FILE = "finetune.json"


def _scores(name: str, role: str, rankings: np.ndarray, data: FineTuneData,
            idx: np.ndarray) -> tuple[SystemScore, np.ndarray]:
    pq = per_query(rankings, data.test_relevant)
    return SystemScore(name, role, means(pq), {m: ci95(v, idx) for m, v in pq.items()}), pq[PRIMARY]


def _dense_rankings(model: Any, data: FineTuneData, batch_size: int = 32) -> np.ndarray:
    kw = {"batch_size": batch_size, "convert_to_numpy": True, "normalize_embeddings": True, "show_progress_bar": False}
    d = model.encode_document(data.index_texts, **kw)
    q = model.encode_query(data.test_queries, **kw)
    return top_k(q @ d.T)


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / RESULT_FILE).exists())):
        raise TrialInputError(f"{out_dir} exists and is not an earlier fine-tune's folder: choose another --out "
                              "(an earlier fine-tune's folder is overwritten)")


def run_finetune(sample: Sample, queries: Queries | None, out_dir: str | Path, *, model: str | None = None,
                 settings: TrainSettings | None = None, compare_models: list[str] | None = None,
                 catalog: Catalog | None = None, test_share: float = DEFAULT_TEST_SHARE, seed: int = 0,
                 n_boot: int = 1000, progress: ProgressFn | None = None, cancel: Cancel = None,
                 limits: TrialLimits | None = None) -> FineTuneResult:
    """Fine-tune ``model`` (default: the packaged all-MiniLM-L6-v2) and judge it on a held-out split.

    ``queries`` None: label-free (pairs made from the documents). ``compare_models``: untuned models to
    show next to it (e.g. the trial's best). Raises :class:`TrialInputError` on bad input and
    :class:`TrialCancelled` when cancelled before training started.
    """
    started = time.perf_counter()
    settings = settings or TrainSettings(seed=seed)
    cancelled = _cancel_fn(cancel)
    report: ProgressFn = progress or (lambda *a: None)
    out = Path(out_dir).expanduser()
    _check_out_dir(out)
    report("prepare", 0, 1, f"splitting {len(sample)} documents by document (seed {seed})")
    data = prepare(sample, queries, seed=seed, test_share=test_share, limits=limits)
    check_available()
    if cancelled():
        raise TrialCancelled("cancelled before training started")
    base_path = resolve_model(model)
    base_name = PACKAGED_ID if base_path == packaged_model_path() else (model or base_path)
    idx = bootstrap_indices(len(data.test_queries), n_boot, seed)
    report("baseline", 0, 1, "BM25 on the held-out queries")
    bm25, bm25_pq = _scores("bm25", "baseline", top_k(BM25(data.index_texts).score_matrix(data.test_queries)), data, idx)
    report("load", 0, 1, f"loading {base_name}")
    st = load_trainable(base_path)
    report("evaluate", 0, 1, f"{base_name} before fine-tuning")
    base, base_pq = _scores(base_name, "base", _dense_rankings(st, data), data, idx)
    systems, others = [bm25, base], {"bm25": bm25_pq}
    notes: list[str] = []
    for name, pq, score in _untuned(compare_models or [], base_path, catalog, data, idx, cancelled, notes, report):
        systems.append(score)
        others[name] = pq
    if cancelled():
        raise TrialCancelled("cancelled before training started")
    out.mkdir(parents=True, exist_ok=True)

    def save_epoch(m: Any, n: int) -> None:
        report("save", n, settings.epochs, f"epoch {n} finished: saved to {out}")
        m.save(str(out), create_model_card=False)

    outcome = train(st, data.train_pairs, out, settings, mining_corpus=data.train_texts, progress=report,
                    cancelled=cancelled, on_epoch=save_epoch)
    tests: dict[str, dict] = {}
    tuned = None
    if outcome.cancelled and outcome.epochs_done:
        st = load_trainable(str(out))  # the weights of the last finished epoch, not the interrupted one
    if outcome.epochs_done:
        report("evaluate", 0, 1, "fine-tuned model on the held-out queries")
        tuned, tuned_pq = _scores(FINETUNED, FINETUNED, _dense_rankings(st, data), data, idx)
        systems.append(tuned)
        tests["vs_base"] = paired_test(tuned_pq, base_pq, base_name, PRIMARY, idx, seed).to_dict()
        tests["vs_bm25"] = paired_test(tuned_pq, bm25_pq, "bm25", PRIMARY, idx, seed).to_dict()
        best = max((s for s in systems if s.role == "candidate"), key=lambda s: s.metrics[PRIMARY], default=None)
        if best is not None and best.metrics[PRIMARY] > base.metrics[PRIMARY]:
            tests["vs_best_untuned"] = paired_test(tuned_pq, others[best.model], best.model, PRIMARY, idx,
                                                   seed).to_dict()
    verdict, significant = verdict_for(tests.get("vs_base"), len(data.test_queries))
    result = FineTuneResult(
        base_model=base_name, output_dir=str(out) if outcome.epochs_done else None, label_free=data.label_free,
        split=data.split_dict(), training={**settings.to_dict(), "epochs_done": outcome.epochs_done,
                                           "steps": outcome.steps, "seconds": outcome.seconds,
                                           "pairs_per_s": outcome.pairs_per_s, "losses": outcome.losses,
                                           "cancelled": outcome.cancelled},
        systems=systems, paired_tests=tests, verdict=verdict, significant=significant,
        summary=_summary(systems, tests, tuned), messages=data.messages, notes=notes, partial=outcome.cancelled,
        date=_dt.date.today().isoformat(), elapsed_s=round(time.perf_counter() - started, 2))
    if outcome.epochs_done:
        (out / "README.md").write_text(model_card(result), encoding="utf-8")
        (out / RESULT_FILE).write_text(result.to_json(), encoding="utf-8")
    report("done", 1, 1, verdict)
    return result


def _untuned(models: list[str], base_path: str, catalog: Catalog | None, data: FineTuneData, idx: np.ndarray,
             cancelled: Callable[[], bool], notes: list[str],
             report: ProgressFn) -> list[tuple[str, np.ndarray, SystemScore]]:
    """Untuned candidates (local models, with their cards' prefixes) on the same held-out queries."""
    wanted = [m for m in models if m and m != "bm25"]
    if not wanted:
        return []
    res = resolve_candidates(wanted, catalog, None, True, False)
    notes.extend(f"{s.model} not compared: {s.reason}" for s in res.skipped)
    out = []
    for spec in res.specs:
        if spec.kind != "local" or spec.load_name == base_path:
            continue
        report("evaluate", 0, 1, f"untuned {spec.model}")
        enc = SentenceTransformerEncoder(spec.model, spec.load_name, spec.query_prefix, spec.document_prefix)
        try:
            enc.load()
            d = encode_cached(enc, data.index_texts, "document", DEFAULT_CACHE, cancelled=cancelled).vectors
            q = encode_cached(enc, data.test_queries, "query", DEFAULT_CACHE, cancelled=cancelled).vectors
        except TrialCancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - a comparison model that fails must not sink the fine-tune
            log.warning("fine-tune: comparison model %s failed", spec.model, exc_info=True)
            notes.append(f"{spec.model} not compared: {type(exc).__name__}: {exc}")
            continue
        d = d / np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-12)
        q = q / np.maximum(np.linalg.norm(q, axis=1, keepdims=True), 1e-12)
        score, pq = _scores(spec.model, "candidate", top_k(q @ d.T), data, idx)
        out.append((spec.model, pq, score))
    return out


def _summary(systems: list[SystemScore], tests: dict[str, dict], tuned: SystemScore | None) -> list[str]:
    out = []
    ranked = sorted(systems, key=lambda s: s.metrics[PRIMARY], reverse=True)
    out.append("held-out nDCG@10: " + ", ".join(f"{s.model} {s.metrics[PRIMARY]:.3f}" for s in ranked))
    for key, t in tests.items():
        if key != "vs_base":
            out.append(f"fine-tuned vs {t['versus']}: {t['mean_diff']:+.3f} (p={t['p_value']:.3g}) — {t['verdict']}")
    if tuned is None:
        out.append("no fine-tuned model: training was cancelled before the first epoch finished")
    return out


def load_result(out_dir: str | Path) -> dict | None:
    """The JSON result saved next to a fine-tuned model (None when the folder holds none)."""
    path = Path(out_dir) / RESULT_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
