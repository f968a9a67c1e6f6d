"""The main page (Gradio 6): chat beside a live needs-profile form, candidates, trade-off chart,
"why not" list, intermediate steps, report downloads, and the Trial tab (app/web/ui_trial.py).

State lives server-side in one :class:`UiSession` per browser tab. Every handler catches the
advisor's errors and turns them into a message: bad input never loses the conversation.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import gradio as gr

from agents.fields import BY_NAME, FIELDS
from agents.limits import MAX_MESSAGE_CHARS
from agents.profile import Profile, ProfileError
from app.report.blocks import md_text
from app.report.charts import scatter_svg
from app.report.trial_view import TABLE_CSS
from app.report.views import chart_summary, headline_markdown, steps_markdown, tradeoff_points, why_not_markdown
from app.settings import Settings
from app.web.a11y import A11Y_JS
from app.web.cards import CARDS_CSS, picks_html
from app.web.runtime import Runtime
from app.web.ui_finetune import FineTuneStep
from app.web.ui_logic import answer_question, apply_profile, chat_turn, guarded, new_session, report_files
from app.web.ui_session import (
    BOOL_FIELDS,
    CHOICE_FIELDS,
    FORM_FIELDS,
    INFO,
    LABELS,
    UNSET,
    UiSession,
    choices,
    field_edit,
    form_values,
    language_choices,
)
from app.web.ui_trial import TrialTab

log = logging.getLogger(__name__)

# System fonts only: nothing is fetched from a font CDN. Colours meet WCAG AA (4.5:1) on white: a dark blue
# primary button (Gradio's default orange gives white text 2.8:1) and darker help text (the default grey is ~2.5:1).
THEME = gr.themes.Default(primary_hue="blue",
                          font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]).set(
    button_primary_background_fill="*primary_700", button_primary_background_fill_hover="*primary_800",
    button_primary_text_color="white", body_text_color_subdued="*neutral_600", block_label_text_color="*neutral_700",
    block_info_text_color="*neutral_600", input_placeholder_color="*neutral_500", link_text_color="*primary_700",
    color_accent="*primary_700")
UI_CSS = CARDS_CSS + TABLE_CSS + """
/* the chart keeps its drawn size (text >= 11 px) and scrolls sideways on narrow screens */
.ea-chart{overflow-x:auto}
.ea-chart svg{min-width:640px;height:auto}
.ea-chart-summary{font-size:14px;color:#374151;margin:6px 0 0}
#why-not ul{margin-top:0}
.ea-answers{gap:6px !important;align-items:center}
.ea-answers .ea-q-label{flex:1 1 100%;min-width:100%}
.ea-answers .ea-q-label p{margin:4px 0 0;font-weight:600}
.ea-answers button{flex:0 0 auto !important;min-width:0 !important}
"""
EXAMPLES = [
    "We need semantic search over 2 million English clinical notes; nothing may leave our servers, CPUs only.",
    "RAG over German and French legal contracts, about 50k documents, cloud APIs are fine, budget $100 a month.",
    "Deduplicate 10 million e-commerce product titles in English, Spanish and Japanese on one GPU.",
    "Code search over our Python and TypeScript repositories, must run locally, commercial use.",
]
REPORT_FORMATS = {"md": "Markdown", "html": "HTML", "json": "JSON", "pdf": "PDF"}
QUESTION_SLOTS = 2                                                   # the dialogue asks one or two questions at a time
ANSWER_SLOTS = max(len(f.answer_values) for f in FIELDS if f.answers)  # buttons per question (the most any field has)


def form_component(name: str) -> gr.components.Component:
    """One profile field's input control."""
    common = dict(label=LABELS[name], elem_id=f"pf-{name}", interactive=True, info=INFO.get(name))
    if name in CHOICE_FIELDS:
        return gr.Dropdown(choices=choices(name), value=UNSET, **common)
    if name in BOOL_FIELDS:
        return gr.Radio(choices=choices(name), value=UNSET, **common)
    if name == "languages":
        return gr.Dropdown(choices=language_choices(), value=[], multiselect=True, **common)
    return gr.Number(value=None, minimum=0, **common)


class MainPage:
    """Builds the page and wires its events to one runtime."""

    def __init__(self, runtime: Runtime, web: Settings):
        self.runtime = runtime
        self.web = web

    # -- helpers -------------------------------------------------------------------------------
    def advisor(self) -> Any:
        return self.runtime.wait(timeout=120)

    def session(self, sess: UiSession | None) -> UiSession:
        return sess if isinstance(sess, UiSession) else new_session()

    def views(self, sess: UiSession, status: str = "") -> list[Any]:
        """Values of every output that reflects the session, in the order of ``outputs`` in :meth:`build`."""
        rec = sess.recommendation
        lookup = self.runtime.kb.get if self.runtime.kb is not None else None
        points, axis = tradeoff_points(rec or {}, lookup)
        chart = ""
        if rec:
            summary = html.escape(chart_summary(points))
            chart = (f'<figure class="ea-chart" aria-describedby="ea-chart-summary" style="margin:0">'
                     f'{scatter_svg(points, axis, "relevant benchmark score", "Score vs model size")}</figure>'
                     f'<p class="ea-chart-summary" id="ea-chart-summary">{summary}</p>')
        files: dict[str, str] | None = None
        try:
            files = report_files(self.runtime.advisor, sess) if rec else None
        except OSError as exc:
            status = (status + "\n\n" if status else "") + f"**Error:** the report could not be written: {md_text(str(exc))}"
        # The PDF button is refreshed by on_pdf, chained after every update (it takes about half a second).
        downloads = [gr.DownloadButton(value=(files or {}).get(fmt), interactive=bool(files)) if fmt != "pdf"
                     else gr.DownloadButton(value=None, interactive=False) for fmt in REPORT_FORMATS]
        sess.shown_profile = sess.profile  # what the form shows now: a form event applies its own field only if it differs
        return [sess.messages, sess, *form_values(sess.profile), status,
                headline_markdown(rec, sess.questions), picks_html(rec),
                chart, why_not_markdown(rec), steps_markdown(sess.steps, rec), *downloads, *self.answer_views(sess)]

    @staticmethod
    def answer_views(sess: UiSession) -> list[Any]:
        """The open questions' suggested answers as buttons: per question slot a label, then its buttons."""
        out: list[Any] = []
        for i in range(QUESTION_SLOTS):
            q = sess.questions[i] if i < len(sess.questions) else None
            choices = list((q or {}).get("choices") or [])
            spec = BY_NAME.get((q or {}).get("field", ""))
            label = f"{spec.label if spec else 'Answer'} — click an answer, or type your own:" if choices else ""
            out.append(gr.update(value=label, visible=bool(choices)))
            out += [gr.update(value=choices[j] if j < len(choices) else "", visible=j < len(choices))
                    for j in range(ANSWER_SLOTS)]
        return out

    # -- handlers ------------------------------------------------------------------------------
    def on_message(self, message: str, sess: UiSession | None) -> list[Any]:
        sess = self.session(sess)
        text = (message or "").strip()
        if not text:
            return [gr.update()] + self.views(sess, "Type a message first.")
        if len(text) > MAX_MESSAGE_CHARS:
            text = text[:MAX_MESSAGE_CHARS]
        with sess.lock:
            status = guarded(lambda: chat_turn(self.advisor(), sess, text, buttons=True), "chat turn")
            return [""] + self.views(sess, status)

    def on_answer(self, question: int, choice: int, sess: UiSession | None) -> list[Any]:
        """An answer button: its value is set on the profile directly (see ``answer_question``)."""
        sess = self.session(sess)
        with sess.lock:
            status = guarded(lambda: answer_question(self.advisor(), sess, question, choice), "answer")
            return self.views(sess, status)

    def on_field(self, name: str, value: Any, sess: UiSession | None) -> list[Any]:
        """One form field edited: only that field changes (see :func:`field_edit`)."""
        sess = self.session(sess)
        with sess.lock:
            shown = sess.shown_profile if isinstance(sess.shown_profile, Profile) else sess.profile
            try:
                edits = field_edit(shown, name, value)
            except (ProfileError, ValueError, TypeError) as exc:
                return self.views(sess, f"**Error:** {md_text(str(exc))}")
            if not edits:
                return self.views(sess, "")
            status = guarded(lambda: apply_profile(self.advisor(), sess, sess.profile.merged(edits)), "profile update")
            return self.views(sess, status)

    def _field_handler(self, name: str) -> Any:
        def handler(value: Any, sess: UiSession | None) -> list[Any]:
            return self.on_field(name, value, sess)
        return handler

    def on_pdf(self, sess: UiSession | None) -> Any:
        """Write the PDF report after an update (kept off the chat's critical path)."""
        if not isinstance(sess, UiSession) or not sess.recommendation or self.runtime.advisor is None:
            return gr.DownloadButton(value=None, interactive=False)
        try:
            files = report_files(self.runtime.advisor, sess, ("pdf",)) or {}
        except Exception:  # noqa: BLE001 - the other formats stay available
            log.exception("the PDF report failed")
            return gr.DownloadButton(value=None, interactive=False)
        return gr.DownloadButton(value=files.get("pdf"), interactive="pdf" in files)

    def on_reset(self) -> list[Any]:
        return self.views(new_session(), "Started a new conversation.")

    def trial_tab(self) -> TrialTab:
        """The Trial tab, wired to this page's sessions, advisor and outputs."""
        return TrialTab(self.web.max_upload_bytes, self.session, self.advisor, self.views, online=self.web.online)

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> gr.Blocks:
        with gr.Blocks(title="Embedding Advisor", analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
            sess = gr.State(None)
            gr.Markdown("# Embedding Advisor\nTell me about your data and I will recommend embedding models from "
                        "sourced model cards — with the evidence, the footprint at your scale, and what was excluded.")
            with gr.Tabs():
                with gr.Tab("Advisor", id="advisor"):
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=3):
                            chatbot = gr.Chatbot(label="Conversation", height=480, elem_id="chat", sanitize_html=True,
                                                 allow_tags=False, buttons=["copy", "copy_all"], feedback_options=None,
                                                 render_markdown=True, placeholder="Describe your data and use case.")
                            answers: list[Any] = []
                            for i in range(QUESTION_SLOTS):
                                with gr.Row(elem_classes="ea-answers", elem_id=f"answers-{i}"):
                                    answers.append(gr.Markdown(visible=False, elem_classes="ea-q-label",
                                                               elem_id=f"answers-{i}-label"))
                                    answers += [gr.Button(visible=False, size="sm", elem_id=f"answer-{i}-{j}",
                                                          elem_classes="ea-answer") for j in range(ANSWER_SLOTS)]
                            with gr.Row():
                                msg = gr.Textbox(label="Message to the advisor", show_label=False,
                                                 placeholder="e.g. search over English support tickets",
                                                 scale=6, elem_id="msg", max_length=MAX_MESSAGE_CHARS, lines=1)
                                send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
                            gr.Examples(EXAMPLES, inputs=[msg], label="Examples (click one, then Send)")
                            reset = gr.Button("New conversation", size="sm", elem_id="reset")
                        with gr.Column(scale=2):
                            gr.Markdown("### Your needs\nFilled in from the conversation; edit any field to update "
                                        "the recommendation.")
                            status = gr.Markdown(elem_id="form-status")
                            form = []
                            for i in range(0, len(FORM_FIELDS), 2):
                                with gr.Row():
                                    form += [form_component(name) for name in FORM_FIELDS[i:i + 2]]
                    headline = gr.Markdown(elem_id="rec-headline")
                    table = gr.HTML(elem_id="candidates", label="Candidates")
                    with gr.Row(equal_height=False):
                        with gr.Column(scale=3):
                            chart = gr.HTML(elem_id="tradeoff-chart", label="Trade-off chart")
                        with gr.Column(scale=2):
                            gr.Markdown("### Why not these?")
                            whynot = gr.Markdown(elem_id="why-not")
                    with gr.Accordion("Intermediate steps (retrieval, filters, ranking)", open=False, elem_id="steps-accordion"):
                        steps = gr.Markdown(elem_id="steps")
                    with gr.Row():
                        downloads = [gr.DownloadButton(f"Download report ({label})", interactive=False, elem_id=f"dl-{fmt}",
                                                       size="sm")
                                     for fmt, label in REPORT_FORMATS.items()]
                with gr.Tab("Trial", id="trial") as trial_tab:
                    trial = self.trial_tab()
                    trial.build(sess)
                    finetune = FineTuneStep(self.web.max_upload_bytes, self.session, self.views,
                                            lambda: getattr(self.runtime.kb, "catalog", None))
                    finetune.build(sess)

            outputs = [chatbot, sess, *form, status, headline, table, chart, whynot, steps, *downloads, *answers]
            pdf = downloads[list(REPORT_FORMATS).index("pdf")]
            for i in range(QUESTION_SLOTS):
                for j in range(ANSWER_SLOTS):
                    button = answers[i * (ANSWER_SLOTS + 1) + 1 + j]
                    button.click(self._answer_handler(i, j), [sess], outputs, api_name=False).then(
                        self.on_pdf, [sess], [pdf], api_name=False)
            for trigger in (msg.submit, send.click):
                trigger(self.on_message, [msg, sess], [msg, *outputs], api_name=False).then(
                    self.on_pdf, [sess], [pdf], api_name=False)
            for name, comp in zip(FORM_FIELDS, form, strict=True):
                events = [comp.submit, comp.blur] if isinstance(comp, gr.Number) else [comp.input]
                for ev in events:
                    ev(self._field_handler(name), [comp, sess], outputs, api_name=False).then(
                        self.on_pdf, [sess], [pdf], api_name=False)
            reset.click(self.on_reset, [], outputs, api_name=False)
            trial.wire(outputs, self.on_pdf, pdf)
            finetune.wire(outputs, self.on_pdf, pdf)
            trial_tab.select(trial.refresh_candidates, [sess], trial.plan_outputs, api_name=False)
            demo.load(None, None, None, js=A11Y_JS)
        return demo

    def _answer_handler(self, question: int, choice: int) -> Any:
        def handler(sess: UiSession | None) -> list[Any]:
            return self.on_answer(question, choice, sess)
        return handler


def build_main(runtime: Runtime, web: Settings) -> gr.Blocks:
    """The full app mounted at ``/``."""
    return MainPage(runtime, web).build()
