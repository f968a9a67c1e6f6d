"""Training: sentence-transformers' own trainer with MultipleNegativesRankingLoss, on CPU, per-epoch saves.

Each finished epoch is saved to the output directory (sentence-transformers format), so a cancel
(Ctrl-C, the web's Cancel) keeps the last finished epoch: training stops after the current step and
the weights of that epoch are loaded back. torch, transformers and datasets load only here.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agents.trial.errors import TrialError

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int, str], None]


class FineTuneUnavailable(TrialError):
    """The training extras (datasets, accelerate) are missing; the message says how to install them."""


@dataclass(frozen=True)
class TrainSettings:
    """Hyper-parameters; defaults suit a quick CPU run on hundreds to a few thousand pairs."""

    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 5e-5
    warmup_ratio: float = 0.1
    hard_negatives: bool = False
    # Training only (the saved model keeps its own limit): activation memory grows with the square of the padded
    # length (attention), so 256 tokens with batch 16 peaked at 3.3 GB on ~200 pairs; all-MiniLM-L6-v2 itself
    # was trained on 128 tokens (its model card).
    max_seq_length: int | None = 128
    seed: int = 0

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch_size < 2:
            raise ValueError("epochs must be at least 1 and the batch size at least 2 (in-batch negatives)")
        if not 0 < self.learning_rate < 1:
            raise ValueError(f"the learning rate must be in (0, 1), got {self.learning_rate}")

    def to_dict(self) -> dict:
        return {"epochs": self.epochs, "batch_size": self.batch_size, "learning_rate": self.learning_rate,
                "warmup_ratio": self.warmup_ratio, "hard_negatives": self.hard_negatives,
                "max_seq_length": self.max_seq_length, "seed": self.seed,
                "loss": "MultipleNegativesRankingLoss" + (" (with mined hard negatives)" if self.hard_negatives
                                                          else " (in-batch negatives)"),
                "trainer": "sentence_transformers.SentenceTransformerTrainer", "device": "cpu"}


@dataclass
class TrainOutcome:
    """What training did: epochs finished, time, throughput, and whether it was cancelled."""

    epochs_done: int
    steps: int
    seconds: float
    pairs_seen: int
    cancelled: bool
    losses: list[float] = field(default_factory=list)

    @property
    def pairs_per_s(self) -> float | None:
        return round(self.pairs_seen / self.seconds, 2) if self.seconds > 0 and self.pairs_seen else None


def check_available() -> None:
    """Raise :class:`FineTuneUnavailable` naming the missing training packages."""
    import importlib.util

    missing = [m for m in ("datasets", "accelerate") if importlib.util.find_spec(m) is None]
    if missing:
        raise FineTuneUnavailable(f"fine-tuning needs {', '.join(missing)}: pip install "
                                  "'sentence-transformers[train]' (or pip install -r requirements.txt)")


def load_trainable(model_path: str) -> Any:
    """A fresh, private copy of the model (the per-process cached one must never be trained in place)."""
    from pathlib import Path as _P

    from sentence_transformers import SentenceTransformer

    from knowledge.embedding import ModelLoadError

    local = _P(model_path).exists()
    try:
        return SentenceTransformer(model_path, device="cpu", local_files_only=local)
    except Exception as exc:  # sentence-transformers raises many types; all mean "cannot load"
        raise ModelLoadError(f"cannot load {model_path!r} for fine-tuning: {type(exc).__name__}: {exc}") from exc


def _prompts(model: Any) -> dict[str, str] | None:
    """The model's own query/document prompts, so training sees texts as encode_query/encode_document do."""
    p = getattr(model, "prompts", None) or {}
    q, d = p.get("query", ""), p.get("document") or p.get("passage", "")
    return {"anchor": q, "positive": d, "negative": d} if q or d else None


def train(model: Any, pairs: list[tuple[str, str]], out_dir: Path, settings: TrainSettings, *,
          mining_corpus: list[str] | None = None, progress: ProgressFn | None = None,
          cancelled: Callable[[], bool] = lambda: False,
          on_epoch: Callable[[Any, int], None] | None = None) -> TrainOutcome:
    """Fine-tune ``model`` in place on ``pairs``; after each epoch ``on_epoch(model, n)`` (saves it)."""
    check_available()
    from datasets import Dataset
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from transformers import TrainerCallback
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    report = progress or (lambda *a: None)
    own_length = model.max_seq_length
    train_length = min(own_length or settings.max_seq_length, settings.max_seq_length) if settings.max_seq_length \
        else own_length
    data = Dataset.from_dict({"anchor": [a for a, _ in pairs], "positive": [p for _, p in pairs]})
    if settings.hard_negatives:
        data = _mine(data, model, mining_corpus, report)
    steps_per_epoch = max(1, -(-len(data) // settings.batch_size))
    total = steps_per_epoch * settings.epochs
    state = {"epochs": 0, "steps": 0, "losses": [], "cancelled": False}

    class _Hooks(TrainerCallback):
        def on_step_end(self, args, st, control, **kw):  # noqa: ANN001 - transformers' callback signature
            state["steps"] = st.global_step
            report("train", st.global_step, total, f"step {st.global_step}/{total} "
                   f"(epoch {(st.global_step - 1) // steps_per_epoch + 1}/{settings.epochs})")
            if cancelled():
                state["cancelled"] = True
                control.should_training_stop = True
            return control

        def on_epoch_end(self, args, st, control, **kw):  # noqa: ANN001
            if state["cancelled"]:
                return control
            state["epochs"] += 1
            if on_epoch is not None:  # the saved model keeps its own length limit, not the training one
                model.max_seq_length = own_length
                try:
                    on_epoch(model, state["epochs"])
                finally:
                    model.max_seq_length = train_length
            return control

        def on_log(self, args, st, control, logs=None, **kw):  # noqa: ANN001
            if logs and "loss" in logs:
                state["losses"].append(round(float(logs["loss"]), 4))
            return control

    tmp = Path(tempfile.mkdtemp(prefix="finetune-trainer-"))
    try:
        args = SentenceTransformerTrainingArguments(
            output_dir=str(tmp), num_train_epochs=settings.epochs, per_device_train_batch_size=settings.batch_size,
            # transformers 5 reads a float below 1 in warmup_steps as a share of all steps (warmup_ratio is deprecated)
            learning_rate=settings.learning_rate, warmup_steps=settings.warmup_ratio, seed=settings.seed,
            data_seed=settings.seed, save_strategy="no", report_to="none", use_cpu=True, disable_tqdm=True,
            logging_steps=max(1, steps_per_epoch // 4), dataloader_num_workers=0, prompts=_prompts(model))
        trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=data,
                                             loss=MultipleNegativesRankingLoss(model), callbacks=[_Hooks()])
        for cb in (PrinterCallback, ProgressCallback):  # they print to stdout, where the CLI writes its result
            trainer.remove_callback(cb)
        report("train", 0, total, f"training on {len(data)} pairs: {settings.epochs} epoch(s) of "
                                  f"{steps_per_epoch} steps (batch {settings.batch_size})")
        started = time.perf_counter()
        model.max_seq_length = train_length
        trainer.train()
        seconds = time.perf_counter() - started
    finally:
        model.max_seq_length = own_length  # before/after are judged with the model's own limit
        shutil.rmtree(tmp, ignore_errors=True)
    seen = min(state["steps"] * settings.batch_size, len(data) * settings.epochs)
    return TrainOutcome(state["epochs"], state["steps"], round(seconds, 2), seen, state["cancelled"],
                        state["losses"])


def _mine(data: Any, model: Any, corpus: list[str] | None, report: ProgressFn) -> Any:
    """Add one mined hard negative per pair (sentence-transformers' ``mine_hard_negatives``)."""
    from sentence_transformers.util import mine_hard_negatives

    report("train", 0, 1, "mining hard negatives among the training passages")
    # range_min skips the very top hits: with few documents they are often unlabelled positives.
    return mine_hard_negatives(data, model, corpus=corpus, range_min=1, num_negatives=1, relative_margin=0.05,
                               sampling_strategy="top", output_format="triplet", batch_size=32, verbose=False)
