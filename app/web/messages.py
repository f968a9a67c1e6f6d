"""Chat message text, shared by the web page, the widget and the HTTP API (no gradio): the plain text of a
message in the messages format, and the same text made inert for display (user messages exactly as typed,
assistant replies as the Markdown they are).
"""

from __future__ import annotations

import html
from typing import Any


def message_text(content: Any) -> str:
    """Plain text of a chat message's content: a string or a list of ``{"type": "text", "text": ...}`` blocks."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        if content.get("type") == "text" or "text" in content:
            return str(content.get("text") or "")
        return ""  # files and components carry no text
    if isinstance(content, (list, tuple)):
        return "\n".join(t for t in (message_text(c) for c in content) if t)
    return str(content)


def display_text(text: str) -> str:
    """Chat text made inert: ``<``, ``>`` and ``&`` are escaped, so HTML in a message shows as typed
    (the chatbot's own sanitiser would keep harmless tags like ``<b>``; we want the literal text)."""
    return html.escape(text, quote=False)


def display_reply(text: str, questions: list[dict[str, Any]] | None = None) -> str:
    """An assistant reply for display: markup made inert except Markdown's own syntax (a line starting with "> "
    is a quoted note, not a literal "> "). With ``questions``, their suggested answers are left out of the text
    because the page shows them as buttons."""
    for q in questions or []:
        if q.get("choices"):
            text = text.replace(f"**{q['text']}** ({' / '.join(q['choices'])})", f"**{q['text']}**")
    # "<" and "&" escaped: no tag or entity can form; ">" alone is harmless in HTML and quotes a line in Markdown
    return text.replace("&", "&amp;").replace("<", "&lt;")
