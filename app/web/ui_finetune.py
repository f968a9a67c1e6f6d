"""The Trial tab's "Fine-tune" step: fine-tune an open model on the user's pairs, with progress and Cancel.

The data comes as in the trial (a demo, an uploaded file or pasted text, plus an optional pairs file); the
base model (default the packaged all-MiniLM-L6-v2, or another model this server already has) and 1-5 epochs.
The same event pattern as the trial: a quick first event stores the session and marks it running (so Cancel,
a separate event, sees it even while the run waits in the queue), then the long event runs in the "trial"
queue (one heavy job per server: a trial, a download or a fine-tune). Cancel stops after the current training
step and keeps the last finished epoch. The result is kept on the session, so the report includes it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from agents.trial import TrialError, TrialLimits
from agents.trial.demos import finetune_demo, finetune_demos
from agents.trial.finetune import run_finetune
from agents.trial.finetune_train import TrainSettings
from app.report.blocks import md_text
from app.web.sample_inputs import SOURCES, load_inputs, on_source
from app.web.ui_logic import prune_old_dirs
from app.web.ui_session import UiSession
from knowledge.embedding import is_local
from knowledge.errors import KnowledgeError

log = logging.getLogger(__name__)

DOC_TYPES = [".txt", ".md", ".csv", ".tsv", ".jsonl", ".json"]
PAIR_TYPES = [".jsonl", ".json", ".csv", ".tsv", ".yaml", ".yml"]
MAX_EPOCHS = 5
MAX_PASTE_CHARS = 500_000
MODEL_ROOT = Path(tempfile.gettempdir()) / "embedding-advisor-finetunes"
ON_SERVER = "(kept on the server)"


def _short(exc: Exception) -> str:
    """The message without server-side folders (an uploaded file's temporary path)."""
    text = str(exc)
    for token in text.split():
        if token.count("/") >= 2:
            bare = token.rstrip(":,;'\")")
            text = text.replace(bare, Path(bare).name)
    return text


def _base_model(model: str | None) -> str | None:
    """The base model a web user may choose: a model id this server already has (never a server path)."""
    name = (model or "").strip()
    if not name:
        return None
    if name.startswith((".", "/", "~", "\\")) or ".." in name:
        raise TrialError(f"{name!r}: enter a model id such as BAAI/bge-small-en-v1.5 (paths on the server are "
                         "not accepted here)")
    if not is_local(name):
        raise TrialError(f"this server has no copy of {name!r} and does not download models for a fine-tune; "
                         "leave the field empty for all-MiniLM-L6-v2 or choose a model the trial can run here")
    return name


def trial_best(sess: UiSession) -> list[str]:
    """The best untuned model of this tab's trial, shown next to the fine-tune (the question a user asks is
    "does tuning beat the best model I could just use?"); none when BM25 won or no trial ran."""
    best = (sess.trial or {}).get("best")
    return [best] if isinstance(best, str) and best and best != "bm25" else []


class FineTuneStep:
    """Builds the step inside the Trial tab; ``session`` turns a ``gr.State`` value into a :class:`UiSession`."""

    def __init__(self, max_upload_bytes: int, session: Callable[[UiSession | None], UiSession],
                 views: Callable[[UiSession], list[Any]], catalog: Callable[[], Any] | None = None):
        self.max_upload_bytes = max_upload_bytes
        self.session = session
        self.views = views  # the page's outputs for a session: the report downloads then include the fine-tune
        self.catalog = catalog or (lambda: None)  # the cards, for the compared model's query/document prefixes

    def build(self, sess: gr.State) -> None:
        self.sess = sess
        demos = finetune_demos()
        with gr.Accordion("Fine-tune an open model on your pairs (optional)", open=False, elem_id="finetune"):
            gr.Markdown(
                "When no ready-made model knows your vocabulary (product codes, abbreviations, in-house terms), "
                "a short fine-tune on your own (question, right passage) pairs may help. This trains on CPU, then "
                "compares the model before and after on documents it never saw in training, next to BM25, and says "
                "whether the gain is real. Training takes minutes; one fine-tune or trial runs at a time on this "
                "server.")
            with gr.Row(equal_height=False):
                with gr.Column():
                    self.source = gr.Radio(list(SOURCES), value=SOURCES[0], label="Data", elem_id="finetune-source")
                    self.demo = gr.Dropdown([(f"{d.title} — {d.description}", d.name) for d in demos],
                                            value=demos[0].name if demos else None, label="Demo sample",
                                            elem_id="finetune-demo")
                    self.docs = gr.File(label=f"Documents ({', '.join(DOC_TYPES)}; up to "
                                              f"{self.max_upload_bytes / 2**20:g} MB)", file_types=DOC_TYPES,
                                        type="filepath", elem_id="finetune-docs", height=100, visible=False)
                    self.paste = gr.Textbox(label="Documents (one per paragraph)", lines=5, visible=False,
                                            max_length=MAX_PASTE_CHARS, elem_id="finetune-paste")
                    self.pairs = gr.File(label="Pairs: query + relevant document ids (optional: without them, "
                                               "pairs are made from titles and sentences)", file_types=PAIR_TYPES,
                                         type="filepath", elem_id="finetune-pairs", height=100, visible=False)
                with gr.Column():
                    self.model = gr.Textbox(label="Base model (a model id this server has; empty: all-MiniLM-L6-v2)",
                                            elem_id="finetune-model")
                    self.epochs = gr.Slider(1, MAX_EPOCHS, value=1, step=1, label="Epochs", elem_id="finetune-epochs")
                    with gr.Row():
                        self.run = gr.Button("Fine-tune", variant="primary", elem_id="finetune-run")
                        self.cancel = gr.Button("Cancel fine-tune", elem_id="finetune-cancel")
                    self.status = gr.Markdown(elem_id="finetune-status")
            self.result = gr.Markdown(elem_id="finetune-result")

    def wire(self, page_outputs: list[Any], after: Callable[[UiSession | None], Any], after_output: Any) -> None:
        """Wire the events; ``after(sess)`` updates ``after_output`` once done (the page's PDF button)."""
        inputs = [self.sess, self.source, self.demo, self.docs, self.paste, self.pairs, self.model, self.epochs]
        # First store the session in its state, so that Cancel (a separate event) sees the same object.
        self.run.click(self.on_start, [self.sess], [self.sess, self.status], api_name=False,
                       concurrency_limit=None, show_progress="hidden").then(
            self.on_run, inputs, [self.status, self.result, *page_outputs], api_name=False, concurrency_limit=1,
            concurrency_id="trial", show_progress_on=[self.status]).then(
            after, [self.sess], [after_output], api_name=False, show_progress="hidden")
        self.cancel.click(self.on_cancel, [self.sess], [self.status], api_name=False, concurrency_limit=None,
                          show_progress="hidden")
        self.source.change(on_source, [self.source], [self.demo, self.docs, self.paste, self.pairs],
                           api_name=False, concurrency_limit=None, show_progress="hidden")

    def on_start(self, sess: UiSession | None) -> list[Any]:
        """Mark the fine-tune as started (Cancel works from now on, even while it waits in the queue)."""
        sess = self.session(sess)
        sess.finetune_cancel.clear()
        sess.finetune_running = True
        return [sess, "Starting the fine-tune… (if a trial or another fine-tune is running on this server, "
                      "it waits for that one)"]

    def on_cancel(self, sess: UiSession | None) -> Any:
        """Stop after the current training step; with nothing running, leave the status alone."""
        if not (isinstance(sess, UiSession) and sess.finetune_running):
            return gr.update()
        sess.finetune_cancel.set()
        return "Cancelling after the current training step (the last finished epoch is kept)…"

    def _data(self, source: str, demo: str | None, docs: str | None, paste: str | None, pairs: str | None):
        limits = TrialLimits(max_file_bytes=self.max_upload_bytes, max_docs=20_000, max_queries=200_000)
        return load_inputs(source, demo, docs, paste, pairs, limits, finetune_demo, upload_what="a documents file",
                           source_what="data source")

    def on_run(self, sess: UiSession | None, source: str, demo: str | None, docs: str | None, paste: str | None,
               pairs: str | None, model: str | None, epochs: float | None,
               progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 - gradio's progress idiom
        sess = self.session(sess)
        sess.finetune_running = True
        try:
            return self._run(sess, source, demo, docs, paste, pairs, model, epochs, progress)
        finally:
            sess.finetune_running = False

    def _run(self, sess: UiSession, source: str, demo: str | None, docs: str | None, paste: str | None,
             pairs: str | None, model: str | None, epochs: float | None, progress: Any) -> list[Any]:
        folder: str | None = None
        try:
            progress(0.0, desc="reading the data")
            sample, queries = self._data(source, demo, docs, paste, pairs)
            base = _base_model(model)
            settings = TrainSettings(epochs=max(1, min(MAX_EPOCHS, int(epochs or 1))),
                                     learning_rate=1e-4 if source == SOURCES[0] else 5e-5)

            def report(stage: str, done: int, total: int, message: str) -> None:
                progress((done / total) if total else None, desc=f"{stage}: {_short(Exception(message))}")

            MODEL_ROOT.mkdir(parents=True, exist_ok=True)
            prune_old_dirs(MODEL_ROOT)
            folder = tempfile.mkdtemp(prefix="ft-", dir=MODEL_ROOT)
            out = Path(folder) / "model"
            compare = trial_best(sess)
            result = run_finetune(sample, queries, out, model=base, settings=settings, progress=report,
                                  cancel=sess.finetune_cancel, compare_models=compare,
                                  catalog=self.catalog() if compare else None)
        except TrialError as exc:  # bad input, or cancelled before training started
            return self._stopped(sess, folder, f"**Fine-tune stopped:** {md_text(_short(exc))}")
        except (KnowledgeError, OSError, ValueError) as exc:
            return self._stopped(sess, folder, f"**Error:** {md_text(_short(exc))}")
        except Exception as exc:  # noqa: BLE001 - a failed fine-tune must not take the session down
            log.exception("fine-tune failed")
            return self._stopped(sess, folder, f"**Error:** the fine-tune failed ({type(exc).__name__}: "
                                               f"{md_text(_short(exc))}).")
        done = result.training.get("epochs_done", 0)
        head = ("**Fine-tune finished**" if not result.partial else
                f"**Fine-tune cancelled** — kept epoch {done}" if done else
                "**Fine-tune cancelled** before the first epoch finished (nothing to keep)")
        markdown = result.to_markdown().replace(str(out), ON_SERVER)
        with sess.lock:  # one event of this tab at a time: the chat may be editing the same session
            if done:  # the newest fine-tuned model replaces the session's earlier one
                _forget(sess)
                sess.finetune_dir, folder = folder, None
                sess.finetune = {**result.to_dict(), "output_dir": ON_SERVER}
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
            return [f"{head}: {md_text(result.verdict)}.", markdown] + self.views(sess)

    def _stopped(self, sess: UiSession, folder: str | None, status: str) -> list[Any]:
        """A run that produced no model: its folder goes, the session's earlier result stays."""
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        with sess.lock:
            return [status, gr.update()] + self.views(sess)


def _forget(sess: UiSession) -> None:
    if sess.finetune_dir:
        shutil.rmtree(sess.finetune_dir, ignore_errors=True)
        sess.finetune_dir = None
