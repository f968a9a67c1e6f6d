"""Chat message text, shared by the web page, the widget and the HTTP API (no gradio): the plain text of a
message in the messages format, and the same text made inert for display.
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
