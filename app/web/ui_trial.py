"""The Trial tab: a sample (demo, upload or paste), candidates, a progress bar, results table + chart.

Before the run the tab says which candidates can run on this server and which cannot, and why
(app/web/trial_plan.py); only the ones that can are ticked. A server allowed online offers to download
the chosen candidates first, with their size and progress. After the run one plain sentence comes first,
then the table (app/web/trial_view.py). A finished trial is attached to the conversation
(``Advisor.attach_trial``), so the chat's justification, the candidates and the report all cite it. One
trial (or download) runs at a time per server (models are large); others wait in the queue. Cancel stops
between batches and keeps what finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from agents.trial import TrialError, TrialLimits, demo_sample, demo_samples, run_trial
from agents.trial.download import download_model, download_size
from agents.trial.errors import TrialCancelled
from agents.trial.metrics import PRIMARY
from agents.units import human_bytes
from app.endpoints import api_endpoints
from app.errors import NotReadyError
from app.report.blocks import md_text
from app.report.charts import Bar, bar_svg
from app.report.trial_view import result_sentence, results_table_html, system_name
from app.web.sample_inputs import SOURCES, load_inputs, on_source
from app.web.trial_plan import DOWNLOAD, READY, cached_size, choice_label, forget_size, plan_markdown, trial_plan
from app.web.ui_logic import attach_trial
from app.web.ui_session import UiSession

log = logging.getLogger(__name__)

SAMPLE_TYPES = [".txt", ".md", ".csv", ".tsv", ".jsonl", ".json"]
QUERY_TYPES = [".jsonl", ".json", ".csv", ".tsv", ".yaml", ".yml"]
MAX_PASTE_CHARS = 500_000


def trial_chart(trial: dict[str, Any] | None) -> str:
    if not trial:
        return ""
    systems = list(trial.get("candidates") or []) + ([trial["baseline"]] if trial.get("baseline") else [])
    several = len(trial.get("candidates") or []) > 1
    bars = [Bar(system_name(str(s.get("model"))), float((s.get("metrics") or {}).get(PRIMARY) or 0.0),
                *(((s.get("ci95") or {}).get(PRIMARY) or [None, None])[:2]),
                highlight=several and s.get("model") == trial.get("best"))
            for s in systems]
    return ('<figure class="ea-chart" style="margin:0">'
            + bar_svg(bars, "nDCG@10 with 95% bootstrap interval", "Retrieval quality on your sample")
            + '<figcaption class="ea-chart-summary">The same figures as the table above: nDCG@10 per model, the '
              "line across each bar is its 95% interval.</figcaption></figure>")


def _without_dirs(exc: Exception) -> str:
    """The error message with an uploaded file's server-side folder removed (only its name matters)."""
    text = str(exc)
    source = getattr(exc, "source", "") or getattr(exc, "filename", "") or ""
    if isinstance(source, str) and "/" in source:
        text = text.replace(source, Path(source).name)
    return text


def candidate_choices(sess: UiSession | None) -> list[str]:
    rec = sess.recommendation if isinstance(sess, UiSession) else None
    out: list[str] = []
    for key in ("recommendations", "specialists"):
        for p in (rec or {}).get(key) or []:
            if p.get("model") not in out:
                out.append(str(p["model"]))
    return out


class TrialTab:
    """Builds the tab inside the main page and wires it to the page's outputs.

    It gets what it needs from the page explicitly: the upload limit, how to turn a ``gr.State`` value
    into a session, how to reach the advisor (waiting while it loads), and how to render the page's
    outputs for a session (``views``), so a finished trial refreshes the Advisor tab too.
    """

    def __init__(self, max_upload_bytes: int, session: Callable[[UiSession | None], UiSession],
                 advisor: Callable[[], Any], views: Callable[[UiSession], list[Any]], online: bool = False,
                 size_of: Callable[[str], int | None] | None = None):
        self.max_upload_bytes = max_upload_bytes
        self.session = session
        self.advisor = advisor
        self.views = views
        self.online = online   # EA_ONLINE: may this server download models?
        self.size_of = size_of or cached_size(download_size)

    def build(self, sess: gr.State) -> None:
        self.sess = sess
        demos = demo_samples()
        gr.Markdown("### Try the candidates on your own data\nChoose a sample, tick the candidates, run. The trial "
                    "asks test questions about your documents and checks whether each model finds the right one "
                    "(without your own labelled questions it makes them from the documents).")
        with gr.Row(equal_height=False):
            with gr.Column():
                self.source = gr.Radio(list(SOURCES), value=SOURCES[0], label="Sample", elem_id="trial-source")
                self.demo = gr.Dropdown([(f"{d.title} — {d.description}", d.name) for d in demos],
                                        value=demos[0].name if demos else None, label="Demo sample", elem_id="trial-demo")
                self.upload = gr.File(label=f"Documents ({', '.join(SAMPLE_TYPES)}; up to "
                                            f"{self.max_upload_bytes / 2**20:g} MB)", file_types=SAMPLE_TYPES,
                                      type="filepath", elem_id="trial-upload", height=120, visible=False)
                self.paste = gr.Textbox(label="Documents (one per paragraph)", lines=5, visible=False,
                                        max_length=MAX_PASTE_CHARS, elem_id="trial-paste")
                self.queries = gr.File(label="Labelled queries (optional: query + relevant document ids)",
                                       file_types=QUERY_TYPES, type="filepath", elem_id="trial-queries", height=140,
                                       visible=False)
            with gr.Column():
                self.plan = gr.Markdown(plan_markdown([], self.online, md_text), elem_id="trial-plan")
                self.candidates = gr.CheckboxGroup([], label="Candidates to try", elem_id="trial-candidates",
                                                   visible=False)
                self.extra = gr.Textbox(label="Other model ids (comma-separated, optional)", elem_id="trial-extra")
                self.download = gr.Button("Download the chosen models", visible=False, elem_id="trial-download")
                with gr.Row():
                    self.run = gr.Button("Run trial", variant="primary", elem_id="trial-run")
                    self.cancel = gr.Button("Cancel", elem_id="trial-cancel")
                self.status = gr.Markdown(elem_id="trial-status")
        self.table = gr.HTML(elem_id="trial-results")
        self.chart = gr.HTML(elem_id="trial-chart")
        with gr.Accordion("Full trial report", open=False, elem_id="trial-report"):
            self.details = gr.Markdown(elem_id="trial-details")

    @property
    def plan_outputs(self) -> list[Any]:
        """What :meth:`refresh_candidates` updates."""
        return [self.candidates, self.plan, self.download]

    def wire(self, page_outputs: list[Any], after: Callable[[UiSession | None], Any], after_output: Any) -> None:
        """Wire the events; ``after(sess)`` updates ``after_output`` once a trial is done (the page's PDF button)."""
        inputs = [self.sess, self.source, self.demo, self.upload, self.paste, self.queries, self.candidates, self.extra]
        outputs = [self.status, self.table, self.chart, self.details, *page_outputs]
        # First store the tab's session in its state, so that Cancel (a separate event) sees the same object.
        # One progress bar, on the status line: not one per output (the page's outputs sit on the other tab).
        self.run_event = self.run.click(self.on_start, [self.sess], [self.sess, self.status], api_name=False,
                                        concurrency_limit=None, show_progress="hidden").then(
            self.on_run, inputs, outputs, api_name=False, concurrency_limit=1, concurrency_id="trial",
            show_progress_on=[self.status]).then(
            after, [self.sess], [after_output], api_name=False, show_progress="hidden")
        self.download.click(self.on_start, [self.sess], [self.sess, self.status], api_name=False,
                            concurrency_limit=None, show_progress="hidden").then(
            self.on_download, [self.sess, self.candidates], [self.status, *self.plan_outputs], api_name=False,
            concurrency_limit=1, concurrency_id="trial", show_progress_on=[self.status])
        # Every event goes through the queue (/gradio_api/queue/join): the server refuses Gradio's direct
        # ``/run/predict`` route (app/web/security.py), which Gradio uses for ``queue=False`` events.
        self.cancel.click(self.on_cancel, [self.sess], [self.status], api_name=False, concurrency_limit=None,
                          show_progress="hidden")
        self.source.change(on_source, [self.source], [self.demo, self.upload, self.paste, self.queries],
                           api_name=False, concurrency_limit=None, show_progress="hidden")

    def _plan(self, sess: UiSession | None) -> list[Any]:
        models = candidate_choices(sess)
        catalog = getattr(getattr(self.runtime_advisor(), "kb", None), "catalog", None)
        return trial_plan(models, catalog, api_endpoints(models), self.online, self.size_of)

    def runtime_advisor(self) -> Any:
        try:
            return self.advisor()
        except NotReadyError:
            return None

    def refresh_candidates(self, sess: UiSession | None) -> list[Any]:
        """The candidates with what each needs to run here; only the ones that can run now are ticked."""
        items = self._plan(sess)
        offer = [i for i in items if i.status in (READY, DOWNLOAD)]
        fetch = [i for i in items if i.status == DOWNLOAD]
        total = sum(i.size_bytes or 0 for i in fetch)
        return [gr.CheckboxGroup(choices=[(choice_label(i), i.model) for i in offer],
                                 value=[i.model for i in offer if i.status == READY], visible=bool(offer)),
                plan_markdown(items, self.online, md_text),
                gr.update(visible=bool(fetch), value=f"Download the chosen models (up to {human_bytes(total)})")]

    def on_start(self, sess: UiSession | None) -> list[Any]:
        """Mark the tab's trial as started (Cancel works from now on, even while it waits in the queue)."""
        sess = self.session(sess)
        sess.cancel.clear()
        sess.trial_running = True
        return [sess, "Starting the trial…"]

    def on_cancel(self, sess: UiSession | None) -> Any:
        """Stop the running trial after its current batch; with nothing running, leave the status alone."""
        if not (isinstance(sess, UiSession) and sess.trial_running):
            return gr.update()
        sess.cancel.set()
        return "Cancelling after the current batch…"

    def _sample(self, source: str, demo: str | None, upload: str | None, paste: str | None, queries: str | None):
        return load_inputs(source, demo, upload, paste, queries, TrialLimits(max_file_bytes=self.max_upload_bytes),
                           demo_sample)

    def on_run(self, sess: UiSession | None, source: str, demo: str | None, upload: str | None, paste: str | None,
               queries: str | None, candidates: list[str] | None, extra: str | None,
               progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 - gradio's progress idiom
        sess = self.session(sess)
        sess.trial_running = True
        try:
            return self._run(sess, source, demo, upload, paste, queries, candidates, extra, progress)
        finally:
            sess.trial_running = False

    def _run(self, sess: UiSession, source: str, demo: str | None, upload: str | None, paste: str | None,
             queries: str | None, candidates: list[str] | None, extra: str | None, progress: Any) -> list[Any]:
        keep = [gr.update()] * 3
        try:
            advisor = self.advisor()
            progress(0.0, desc="reading the sample")
            sample, qs = self._sample(source, demo, upload, paste, queries)
            models = [m for m in (candidates or [])] + [m.strip() for m in (extra or "").split(",") if m.strip()]

            def report(stage: str, done: int, total: int, message: str) -> None:
                progress((done / total) if total else None, desc=f"{stage}: {message}")

            # Offline run: a download happens only when the user asks for it (Download the chosen models).
            result = run_trial(sample, qs, models, catalog=advisor.kb.catalog, corpus_size=sess.profile.documents,
                               progress=report, cancel=sess.cancel, offline=True, api=api_endpoints(models))
            attach_trial(advisor, sess, result)
        except (TrialError, OSError) as exc:
            return [f"**Error:** {md_text(_without_dirs(exc))}", *keep] + self.views(sess)
        except NotReadyError as exc:
            return [f"**Please wait:** {exc}", *keep] + self.views(sess)
        except Exception as exc:  # noqa: BLE001 - a failed trial must not take the session down
            log.exception("trial failed")
            return [f"**Error:** the trial failed ({type(exc).__name__}: {md_text(str(exc))}).", *keep] + self.views(sess)
        trial = sess.trial or {}
        head = "**Trial finished**" if not trial.get("partial") else "**Trial cancelled** — partial result"
        status = (f"{head} in {trial.get('elapsed_s', 0):.1f} s. {md_text(result_sentence(trial))}\n\n"
                  "The recommendation in the Advisor tab now cites it.")
        skipped = trial.get("skipped") or []
        if skipped:
            status += ("\n\nNot run: " + md_text("; ".join(f"{x.get('model')} ({x.get('reason')})" for x in skipped[:3]))
                       + ("…" if len(skipped) > 3 else "") + " — see the full trial report below.")
        return [status, results_table_html(trial), trial_chart(trial), sess.trial_markdown] + self.views(sess)

    def on_download(self, sess: UiSession | None, chosen: list[str] | None,
                    progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 - gradio's progress idiom
        """Download the chosen candidates that need it (an online server only), with byte progress."""
        sess = self.session(sess)
        sess.trial_running = True
        done: list[str] = []
        try:
            if not self.online:
                return ["This server runs offline and does not download models.", *self.refresh_candidates(sess)]
            todo = [i for i in self._plan(sess) if i.status == DOWNLOAD and i.model in (chosen or [])]
            if not todo:
                return ["Tick a candidate that needs a download first.", *self.refresh_candidates(sess)]
            for item in todo:
                def report(got: int, total: int, name: str, model: str = item.model) -> None:
                    progress(got / total if total else None,
                             desc=f"downloading {model}: {human_bytes(got)} of {human_bytes(total)} ({name})")

                download_model(item.load_name or item.model, report, sess.cancel)
                forget_size(item.load_name or item.model)
                done.append(item.model)
            status = f"**Downloaded:** {md_text(', '.join(done))}. Tick it and run the trial."
        except TrialCancelled:
            status = "**Download cancelled.**" + (f" Finished: {md_text(', '.join(done))}." if done else "")
        except TrialError as exc:
            status = f"**Error:** {md_text(str(exc))}"
        finally:
            sess.trial_running = False
        return [status, *self.refresh_candidates(sess)]
