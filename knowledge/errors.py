"""The knowledge layer's errors: every error it raises on purpose is a :class:`KnowledgeError`.

Subclasses live next to the code that raises them (``cards.CardError``, ``cards.UnknownModelError``,
``index.IndexUnavailableError``, ``embedding.ModelLoadError``, ``importer*.…Error``); the edge (CLI, web)
catches the base class and shows the message, which names the file, model or store and what to do.
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base class for knowledge-base errors that the edge (CLI, UI) turns into messages."""
