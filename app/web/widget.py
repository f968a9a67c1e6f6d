"""The compact widget at ``/widget``: a small chat with the top picks, meant for an ``<iframe>``.

It shares the conversation logic with the main page (app/web/ui_logic.py); embedding sites are limited
by the ``frame-ancestors`` policy (``EA_ALLOWED_ORIGINS``), see docs/embed.md.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import gradio as gr

from agents.fields import FIELDS
from agents.limits import MAX_MESSAGE_CHARS
from app.report.blocks import md_text
from app.report.views import score_text
from app.settings import Settings
from app.web.a11y import A11Y_JS
from app.web.runtime import Runtime
from app.web.ui_logic import answer_question, chat_turn, guarded, new_session, report_files
from app.web.ui_session import UiSession

ANSWER_SLOTS = max(len(f.answer_values) for f in FIELDS if f.answers)  # buttons for one question

WIDGET_CSS = """
.gradio-container{padding:4px 6px !important;max-width:100% !important}
.gradio-container .main.app{padding:0 !important}
#w-chat .message-content,#w-chat .message-content p,#w-chat .message-content li{font-size:13px;line-height:1.4}
#w-picks p,#w-picks li{font-size:13px}
#w-full{font-size:13px}
#w-answers{gap:4px !important}
#w-answers button{flex:0 0 auto !important;min-width:0 !important}
footer{display:none !important}
"""


def picks_markdown(rec: dict[str, Any] | None, questions: list[dict[str, Any]]) -> str:
    """Top picks in a few lines (or the open questions)."""
    if not rec or not rec.get("recommendations"):
        ask = " ".join(md_text(q.get("text")) for q in questions[:1])
        return ask or "_Describe your data, languages and whether it must run on your own machines._"
    lines = [f"{p.get('rank')}. **{md_text(p.get('model'))}** — {md_text(score_text(p))}"
             for p in rec["recommendations"]]
    return "\n".join(lines)


def answer_buttons(questions: list[dict[str, Any]]) -> list[Any]:
    """The first open question's suggested answers as buttons (the widget has room for one question's)."""
    choices = list((questions[0] if questions else {}).get("choices") or [])
    return [gr.update(value=choices[j] if j < len(choices) else "", visible=j < len(choices))
            for j in range(ANSWER_SLOTS)]


def full_app_link(headers: dict[str, str], root_path: str) -> str:
    """The "open the full advisor" link. Relative in the app's own pages and frames; absolute when the widget runs
    as a web component inside another site's page (a cross-origin request), where "/" would mean that site."""
    first = lambda name: (headers.get(name) or "").split(",")[0].strip().lower()  # noqa: E731 - proxies may list several
    host = first("x-forwarded-host") or first("host")
    origin_host = urlsplit(first("origin")).netloc
    base = ""
    if host and origin_host and origin_host != host:
        proto = first("x-forwarded-proto")
        base = f"{proto + ':' if proto in ('http', 'https') else ''}//{host}"
    href = html.escape(f"{base}{root_path}/", quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener" id="w-full">Open the full advisor ↗</a>'


def build_widget(runtime: Runtime, web: Settings) -> gr.Blocks:
    """The compact app mounted at ``/widget``."""

    def views(sess: UiSession, status: str = "") -> list[Any]:
        files = None
        try:
            files = report_files(runtime.advisor, sess) if sess.recommendation else None
        except OSError as exc:
            status = f"**Error:** the report could not be written: {md_text(str(exc))}"
        text = picks_markdown(sess.recommendation, sess.questions)
        return [sess.messages, sess, (status + "\n\n" if status else "") + text,
                gr.DownloadButton(value=(files or {}).get("html"), interactive=bool(files)),
                *answer_buttons(sess.questions)]

    def on_message(message: str, sess: UiSession | None) -> list[Any]:
        sess = sess if isinstance(sess, UiSession) else new_session()
        text = (message or "").strip()[:MAX_MESSAGE_CHARS]
        if not text:
            return [gr.update()] + views(sess)
        status = guarded(lambda: chat_turn(runtime.wait(timeout=120), sess, text, buttons=1), "chat turn")
        return [""] + views(sess, status)

    def answer_handler(choice: int) -> Any:
        def on_answer(sess: UiSession | None) -> list[Any]:
            sess = sess if isinstance(sess, UiSession) else new_session()
            status = guarded(lambda: answer_question(runtime.wait(timeout=120), sess, 0, choice, buttons=1), "answer")
            return views(sess, status)
        return on_answer

    with gr.Blocks(title="Embedding Advisor", analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
        sess = gr.State(None)
        # The conversation gets the room: the frame's height less the message box, picks and buttons (a docs
        # sidebar is often 600-700 px high); at least 300 px, and not taller than a reader can take in.
        chatbot = gr.Chatbot(label="Embedding Advisor", height="clamp(300px, calc(100vh - 250px), 560px)",
                             elem_id="w-chat", sanitize_html=True,
                             allow_tags=False, buttons=["copy"], feedback_options=None,
                             render_markdown=True, placeholder="Which embedding model fits your data? Ask me.")
        with gr.Row():
            msg = gr.Textbox(label="Message to the advisor", show_label=False, container=False,
                             placeholder="e.g. support tickets, on-prem",
                             scale=5, elem_id="w-msg", max_length=MAX_MESSAGE_CHARS, lines=1)
            send = gr.Button("Ask", variant="primary", scale=1, min_width=60, elem_id="w-send")
        with gr.Row(elem_id="w-answers"):
            answers = [gr.Button(visible=False, size="sm", elem_id=f"w-answer-{j}", elem_classes="ea-answer")
                       for j in range(ANSWER_SLOTS)]
        picks = gr.Markdown(picks_markdown(None, []), elem_id="w-picks")
        with gr.Row():
            report = gr.DownloadButton("Report (HTML)", interactive=False, size="sm", elem_id="w-report")
            link = gr.HTML(full_app_link({}, web.root_path))
        outputs = [chatbot, sess, picks, report, *answers]
        for trigger in (msg.submit, send.click):
            trigger(on_message, [msg, sess], [msg, *outputs], api_name=False)
        for j, button in enumerate(answers):
            button.click(answer_handler(j), [sess], outputs, api_name=False)

        def on_load(request: gr.Request) -> str:
            return full_app_link(dict(request.headers), web.root_path)

        demo.load(on_load, None, link, api_name=False)
        demo.load(None, None, None, js=A11Y_JS)
    return demo
