"""Limits shared by the advisor and every edge (web page, widget, HTTP API, CLI chat)."""

from __future__ import annotations

# A chat message is cut to this many characters at every edge; the advisor looks no further for model names.
MAX_MESSAGE_CHARS = 8_000

# JSON from a user (API bodies, trial samples and queries) may nest at most this deep: real payloads need a
# few levels, and deeper values make Python's recursive code (parsers, repr, validation) fail.
MAX_JSON_DEPTH = 32


def nesting_depth(value: object, stop: int = MAX_JSON_DEPTH + 1) -> int:
    """How deeply lists and dicts nest in ``value`` (a scalar is 0, ``[[]]`` is 2), counted level by level
    without recursion; stops counting at ``stop``."""
    depth = 0
    level = [value] if isinstance(value, (list, dict)) else []
    while level and depth < stop:
        depth += 1
        level = [v for x in level for v in (x.values() if isinstance(x, dict) else x) if isinstance(v, (list, dict))]
    return depth
