"""Server-side chat sessions for the HTTP API: random ids, idle expiry, one lock per session.

Each session owns its own state object; nothing is shared between sessions, so one user's
conversation can never appear in another's. A request holds its session's lock for the whole turn,
so two requests on the same session are applied one after the other, never interleaved.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.errors import SessionLimitError, SessionNotFoundError

_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass
class Session:
    """One conversation: its id, its state and bookkeeping."""

    id: str
    state: Any
    created: float
    last_used: float
    turns: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class SessionStore:
    """Thread-safe map of session id -> :class:`Session` with idle expiry and a size cap."""

    def __init__(self, factory: Callable[[], Any], ttl_s: float = 3600.0, max_sessions: int = 1000,
                 clock: Callable[[], float] = time.monotonic):
        self._factory = factory
        self._ttl = ttl_s
        self._max = max_sessions
        self._clock = clock
        self._sessions: dict[str, Session] = {}
        self._guard = threading.Lock()

    def __len__(self) -> int:
        with self._guard:
            self._expire()
            return len(self._sessions)

    def create(self) -> Session:
        """A new session with fresh state (drops the least recently used idle one when full)."""
        with self._guard:
            self._expire()
            if len(self._sessions) >= self._max:
                self._evict_one()
            now = self._clock()
            sid = secrets.token_urlsafe(18)
            session = Session(sid, self._factory(), now, now)
            self._sessions[sid] = session
            return session

    def get(self, session_id: str) -> Session:
        """The live session with this id, or :class:`SessionNotFoundError`."""
        if not isinstance(session_id, str) or not _ID.match(session_id):
            raise SessionNotFoundError(str(session_id))
        with self._guard:
            self._expire()
            session = self._sessions.get(session_id)
            if session is None:
                raise SessionNotFoundError(session_id)
            session.last_used = self._clock()
            return session

    def delete(self, session_id: str) -> None:
        """Forget a session (raises :class:`SessionNotFoundError` if unknown)."""
        with self._guard:
            if self._sessions.pop(session_id, None) is None:
                raise SessionNotFoundError(session_id)

    @contextmanager
    def use(self, session_id: str | None) -> Iterator[Session]:
        """Hold a session (a new one when ``session_id`` is None) exclusively for one request."""
        session = self.create() if session_id is None else self.get(session_id)
        with session.lock:
            yield session
            session.turns += 1
            session.last_used = self._clock()

    def _expire(self) -> None:
        cutoff = self._clock() - self._ttl
        for sid in [s.id for s in self._sessions.values() if s.last_used < cutoff and not s.lock.locked()]:
            del self._sessions[sid]

    def _evict_one(self) -> None:
        idle = [s for s in self._sessions.values() if not s.lock.locked()]
        if not idle:
            raise SessionLimitError(f"all {self._max} sessions are busy; try again in a moment")
        del self._sessions[min(idle, key=lambda s: s.last_used).id]
