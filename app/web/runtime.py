"""The advisor behind the web app: the knowledge base opened once per process, in the background.

The server answers as soon as it binds; ``/health`` says "starting" (503) until the knowledge base
and the advisor are ready, then "ok". Handlers wait for readiness (bounded) instead of failing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from app.errors import NotReadyError

log = logging.getLogger(__name__)


def default_loader() -> tuple[Any, Any]:
    """Open the configured knowledge base and build the advisor on it."""
    from agents.advisor import Advisor
    from app.assistant import make_assistant
    from app.settings import load_settings
    from knowledge.base import KnowledgeBase

    settings = load_settings()
    kb = KnowledgeBase.open(settings.kb_config(), sync=True)
    advisor = Advisor(kb, assistant=make_assistant(settings))
    log.info("advisor warmed up in %.2f s", advisor.warm_up())   # the first user's turn is not the slow one
    return kb, advisor


class Runtime:
    """Holds the knowledge base and the advisor once loaded; thread-safe."""

    def __init__(self, loader: Callable[[], tuple[Any, Any]] = default_loader):
        self._loader = loader
        self._ready = threading.Event()
        self._started = False
        self._guard = threading.Lock()
        self.kb: Any = None
        self.advisor: Any = None
        self.error: str | None = None
        self.load_seconds: float | None = None

    def start(self) -> None:
        """Begin loading in a background thread (idempotent)."""
        with self._guard:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._load, name="advisor-loader", daemon=True).start()

    def _load(self) -> None:
        start = time.perf_counter()
        try:
            self.kb, self.advisor = self._loader()
        except Exception as exc:  # reported by /health and every handler, never a crash
            log.exception("loading the knowledge base failed")
            self.error = f"{type(exc).__name__}: {exc}"
        self.load_seconds = round(time.perf_counter() - start, 2)
        self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.error is None

    def wait(self, timeout: float = 120.0) -> Any:
        """The advisor, waiting up to ``timeout`` seconds for it to load."""
        self.start()
        if not self._ready.wait(timeout):
            raise NotReadyError("the advisor is still loading the knowledge base; try again in a few seconds")
        if self.error:
            raise NotReadyError(f"the knowledge base could not be loaded: {self.error}")
        return self.advisor

    def status(self) -> dict[str, Any]:
        """What ``/health`` reports."""
        if not self._ready.is_set():
            return {"status": "starting"}
        if self.error:
            return {"status": "error", "detail": self.error}
        kb = self.kb
        index_mode = "semantic" if getattr(kb, "in_sync", False) else f"keyword ({getattr(kb, 'index_error', None)})"
        return {"status": "ok", "cards": len(kb.catalog), "index": index_mode, "load_s": self.load_seconds,
                "fingerprint": getattr(kb.catalog, "fingerprint", None)}
