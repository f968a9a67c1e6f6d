"""Limits shared by the advisor and every edge (web page, widget, HTTP API, CLI chat)."""

from __future__ import annotations

# A chat message is cut to this many characters at every edge; the advisor looks no further for model names.
MAX_MESSAGE_CHARS = 8_000
