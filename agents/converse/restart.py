"""Starting over: a command resets at once, a wish or a question asks first (issue 14).

Which is which (:func:`agents.understand.moves.start_over`, on the lower-cased message):

- **Command, immediate**: the message *is* the instruction, optionally with "please", "ok" or "let's" and then the
  new needs after a full stop, colon or dash: "reset", "reset everything", "start over", "start over please",
  "let's start over", "forget everything (I said)", "clear everything", "new conversation", "Start over: 20k German
  contracts". The needs, the questions asked and the recommendation are dropped, then the message is read as usual
  (the rest of it sets the new needs; the reply says what was cleared). The web page's "New conversation" button
  opens a new session, also at once.
- **Wish or question, confirmed first**: any other mention of starting over: "I want to start from scratch", "can we
  start over?", "start over?", "maybe we should start again", "how do I start a fresh profile?", "forget everything
  I said about the budget". Nothing changes: the reply says what would be forgotten (the needs in one line) and asks,
  with the suggested answers "Yes, start over" / "No, keep my answers" (buttons in the web page and the widget; in the
  CLI and the API the user types yes or no). The rest of such a message is not read: say the new needs after the yes.
- With nothing to forget (no needs yet), neither applies and the message is read as usual.

While a confirmation is pending (``ChatState.confirm``) a bare yes resets, a bare no keeps everything and asks the
open questions again, and any other message cancels it and is handled as usual.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from agents.converse.replies import describe, turn_reply
from agents.converse.state import ChatState, TurnResult
from agents.profile import Profile

CONFIRM_FIELD = "start_over"
YES, NO = "Yes, start over", "No, keep my answers"
QUESTION = {"field": CONFIRM_FIELD, "text": "Start over and forget these answers?", "choices": [YES, NO]}
CANCELLED = "Not starting over: your answers are kept."


def summary(profile: Profile) -> str:
    """The needs in one line: "data type: text; languages: English; documents: 5,000,000"."""
    return "; ".join(describe(f, v) for f, v in profile.known().items())


def restarted(state: ChatState) -> ChatState:
    """The state after a start-over command, before the message is read: no needs, nothing asked, no recommendation."""
    return replace(state, profile=Profile(), asked=(), pending=(), recommendation=None, confirm=None)


def _after(state: ChatState, text: str, reply: str, **changes: Any) -> ChatState:
    return replace(state.with_message("user", text).with_message("assistant", reply), turns=state.turns + 1, **changes)


def ask(state: ChatState, text: str, elapsed_ms: float) -> TurnResult:
    """The turn that asks before starting over: the needs are unchanged, the confirmation is pending."""
    lost = " and my recommendation" if state.recommendation else ""
    reply = turn_reply(f"Starting over would forget what you told me ({summary(state.profile)}){lost}.", [], None,
                       [QUESTION])
    return TurnResult(_after(state, text, reply, confirm=CONFIRM_FIELD), reply, [dict(QUESTION)], None,
                      ["asked to start over: confirmation asked, nothing changed"], [], elapsed_ms,
                      intent="process_question")


def settle(state: ChatState, text: str, yes: bool, questions: list[dict[str, Any]], elapsed_ms: float) -> TurnResult:
    """A yes or no to the pending confirmation; ``questions`` are the ones to ask next (for the profile after it)."""
    fields = tuple(q["field"] for q in questions)
    if yes:
        reply = turn_reply(f"Started over: I forgot {summary(state.profile)}.", [], None, questions)
        new = _after(state, text, reply, profile=Profile(), asked=fields, pending=fields, recommendation=None,
                     confirm=None)
        return TurnResult(new, reply, questions, None, ["confirmed: started over"], [], elapsed_ms, intent="needs")
    reply = turn_reply(f"Kept your answers: {summary(state.profile)}.", [], None, questions)
    new = _after(state, text, reply, asked=tuple(dict.fromkeys((*state.asked, *fields))), pending=fields, confirm=None)
    return TurnResult(new, reply, questions, None, ["not confirmed: answers kept"], [], elapsed_ms, intent="other")
