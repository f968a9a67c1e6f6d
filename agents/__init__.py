"""The advisor's reasoning, free of any user interface: needs in, ranked and explained picks out.

``profile`` (the typed needs, built from the field registry in ``fields``) is the ground every part
stands on; ``errors``, ``units`` and ``limits`` are shared by all parts. ``understand/`` turns a message into
needs and conversation moves; ``decide/`` turns needs and model cards into ranked, feasible picks with
reasons, footprint and fine-tuning guidance; ``converse/`` holds the chat state, the dialogue policy and
the turn replies; ``trial/`` runs a quick embedding trial on the user's sample. ``advisor.Advisor`` is
the facade the CLI, the web app, the HTTP API and eval call. Imports run one way: advisor -> converse
-> understand, decide -> profile -> knowledge (``tests/test_layers.py`` checks it).
"""

from __future__ import annotations

import logging
from typing import Any

# A library logs; the entry point (python -m app) decides where logs go. No handler here means no
# stray tracebacks on a CLI's stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Advisor", "ChatState", "TurnResult"]


def __getattr__(name: str) -> Any:
    # Lazy, so ``import agents.understand...`` does not open the knowledge base's dependencies.
    if name == "Advisor":
        from agents.advisor import Advisor

        return Advisor
    if name in ("ChatState", "TurnResult"):
        from agents.converse import state

        return getattr(state, name)
    raise AttributeError(f"module 'agents' has no attribute {name!r}")
