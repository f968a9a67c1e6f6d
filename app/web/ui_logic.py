"""What the web app's events do to a :class:`UiSession`, without gradio: chat turns, form edits, trials.

The chat and the profile form are two views of one ``ChatState``: a chat turn updates the profile
(and the form shows it); a form edit replaces the profile in the state, re-runs the recommendation
and posts a short note in the conversation, so the next chat turn continues from the edited profile.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agents.advisor import Advisor, ChatState
from agents.fields import BY_NAME
from agents.profile import Profile
from app.errors import NotReadyError
from app.report.render import write_reports
from app.web.messages import display_reply, display_text
from app.web.ui_session import UiSession

log = logging.getLogger(__name__)

REPORT_ROOT = Path(tempfile.gettempdir()) / "embedding-advisor-reports"
REPORT_MAX_AGE_S = 6 * 3600
TOP = 3


def guarded(action: Callable[[], Any], what: str) -> str:
    """Run one UI action; return "" or a message for the user. Never raises: the session survives."""
    try:
        action()
    except NotReadyError as exc:
        return f"**Please wait:** {exc}"
    except Exception as exc:  # noqa: BLE001 - the conversation must survive any failure
        log.exception("%s failed", what)
        return (f"**Error:** something went wrong ({type(exc).__name__}) in the {what}; "
                "your conversation is kept. Please try again.")
    return ""


def new_session() -> UiSession:
    return UiSession(chat=ChatState())


def chat_turn(advisor: Advisor, sess: UiSession, message: str, buttons: bool | int = False) -> UiSession:
    """One chat message: the advisor's turn, the reply appended, the recommendation kept. With ``buttons`` the page
    shows the questions' suggested answers as buttons (a number: the first that many questions' only), so the
    reply leaves them out of its text."""
    result = advisor.turn(sess.chat, message, top=TOP)
    sess.chat = result.state
    shown = list(result.questions or [])
    shown = shown if buttons is True else shown[:int(buttons)]
    reply = display_reply(result.reply, shown)
    sess.messages = sess.messages + [{"role": "user", "content": display_text(message)},
                                     {"role": "assistant", "content": reply}]
    if result.recommendation is not None:
        sess.recommendation = result.recommendation.to_dict()
    elif result.state.recommendation is None:
        sess.recommendation = None  # the profile changed and no longer supports a recommendation
    sess.questions = list(result.questions or [])
    sess.steps = list(result.steps or [])
    return sess


def apply_profile(advisor: Advisor, sess: UiSession, profile: Profile, via: str = "in the form") -> UiSession:
    """The profile edited in the form becomes the conversation's profile; the recommendation is re-run."""
    result = advisor.set_profile(sess.chat, profile, top=TOP, via=via)
    if result.state is sess.chat:
        return sess
    sess.chat = result.state
    sess.messages = sess.messages + [{"role": "assistant", "content": display_reply(result.reply, result.questions)}]
    sess.recommendation = result.recommendation.to_dict() if result.recommendation else None
    sess.questions = list(result.questions)
    sess.steps = list(result.steps)
    return sess


def answer_question(advisor: Advisor, sess: UiSession, index: int, choice: int, buttons: bool | int = True) -> UiSession:
    """The user clicked answer ``choice`` of open question ``index``: its value is set on the profile directly
    (the same path as a form edit, not the message parser) and the click shows in the chat as the user's answer.
    A question about no field (the start-over confirmation) is answered by sending the answer as a chat message."""
    if index >= len(sess.questions) or choice >= len(sess.questions[index].get("choices") or []):
        return sess  # a stale click on a button of a question that is no longer open
    question = sess.questions[index]
    answer = question["choices"][choice]
    if question["field"] not in BY_NAME:
        return chat_turn(advisor, sess, answer, buttons=buttons)
    spec = BY_NAME[question["field"]]
    value = spec.answer_values[answer]
    sess.messages = sess.messages + [{"role": "user", "content": display_text(answer)}]
    before = sess.chat
    if value is not None:
        apply_profile(advisor, sess, sess.profile.merged({spec.name: value}), via="with your answer")
    if sess.chat is before:  # nothing to change: "Not critical", or the value was already set
        note = f"Noted: no {spec.noun} to take into account." if value is None else f"Your {spec.noun} was already set."
        sess.messages = sess.messages + [{"role": "assistant", "content": note}]
        sess.questions = [q for q in sess.questions if q is not question]
    return sess


def attach_trial(advisor: Advisor, sess: UiSession, trial: Any) -> UiSession:
    """A finished trial: stored, and the recommendation's justification re-written to cite it."""
    sess.trial = trial.to_dict() if hasattr(trial, "to_dict") else trial
    sess.trial_markdown = trial.to_markdown() if hasattr(trial, "to_markdown") else ""
    result = advisor.attach_trial(sess.chat, trial, top=TOP)
    sess.chat = result.state
    sess.messages = sess.messages + [{"role": "assistant", "content": display_reply(result.reply)}]
    if result.recommendation is not None:
        sess.recommendation = result.recommendation.to_dict()
        sess.steps = list(result.recommendation.steps) + list(result.steps)
    return sess


def prune_old_dirs(root: Path) -> None:
    """Remove the folders under ``root`` older than the report age limit (abandoned sessions' files)."""
    cutoff = time.time() - REPORT_MAX_AGE_S
    for child in root.glob("*"):
        try:
            if child.is_dir() and child.stat().st_mtime < cutoff:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            pass


FAST_FORMATS = ("md", "html", "json")   # written with every update; the PDF (~0.5 s) in a follow-up event


def report_files(advisor: Advisor, sess: UiSession, formats: tuple[str, ...] = FAST_FORMATS) -> dict[str, str] | None:
    """Write the session's report in ``formats``; paths by format, or None without a recommendation."""
    if not sess.recommendation:
        return None
    REPORT_ROOT.mkdir(parents=True, exist_ok=True)
    if sess.report_dir is None or not Path(sess.report_dir).exists():
        prune_old_dirs(REPORT_ROOT)
        sess.report_dir = tempfile.mkdtemp(prefix="r-", dir=REPORT_ROOT)
    rec = {**sess.recommendation, "finetune": sess.finetune} if sess.finetune else sess.recommendation
    paths = write_reports(rec, sess.trial, sess.report_dir, advisor.kb.get, formats=formats)
    return {fmt: str(p) for fmt, p in paths.items()}
