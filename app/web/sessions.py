"""Server-side chat sessions for the HTTP API: random ids, idle expiry, one lock per session, and limits on
who may start new ones.

Each session owns its own state object; nothing is shared between sessions, so one user's
conversation can never appear in another's. A request holds its session's lock for the whole turn,
so two requests on the same session are applied one after the other, never interleaved.

Nothing a user typed in an accepted request is lost because of someone else's load: a session ends only
when it has been idle for the time-to-live or its owner deletes it. When the store is full, a new session
is refused (:class:`SessionLimitError` with the seconds until the next idle session expires) instead of
pushing out another user's conversation; and one client may start at most ``per_client_per_min`` sessions
a minute (a token bucket per client address), so it cannot fill the store in a moment.
"""

from __future__ import annotations

import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from app.errors import SessionLimitError, SessionNotFoundError, SessionRateError

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


class CreationRate:
    """A token bucket per client: ``per_min`` new sessions a minute, in bursts of up to ``per_min``."""

    MAX_CLIENTS = 10_000  # buckets kept; full (idle) buckets are forgotten first

    def __init__(self, per_min: float, clock: Callable[[], float]):
        self.capacity = per_min
        self.refill_per_s = per_min / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)

    def _tokens(self, client: str, now: float) -> float:
        tokens, when = self._buckets.get(client, (self.capacity, now))
        return min(self.capacity, tokens + (now - when) * self.refill_per_s)

    def wait_s(self, client: str) -> int:
        """0 when ``client`` may start a session now, else the whole seconds until it may."""
        missing = 1.0 - self._tokens(client, self._clock())
        return 0 if missing <= 0 else max(1, math.ceil(missing / self.refill_per_s))

    def take(self, client: str) -> None:
        now = self._clock()
        self._buckets[client] = (self._tokens(client, now) - 1.0, now)
        if len(self._buckets) > self.MAX_CLIENTS:
            full = [c for c in self._buckets if self._tokens(c, now) >= self.capacity]
            for c in full or list(self._buckets)[: len(self._buckets) // 2]:
                del self._buckets[c]


class SessionStore:
    """Thread-safe map of session id -> :class:`Session` with idle expiry, a size cap and a creation rate."""

    def __init__(self, factory: Callable[[], Any], ttl_s: float = 3600.0, max_sessions: int = 1000,
                 clock: Callable[[], float] = time.monotonic, per_client_per_min: float = 60.0):
        self._factory = factory
        self._ttl = ttl_s
        self._max = max_sessions
        self._clock = clock
        self._rate = CreationRate(per_client_per_min, clock)
        self._sessions: dict[str, Session] = {}
        self._guard = threading.Lock()

    def __len__(self) -> int:
        with self._guard:
            self._expire()
            return len(self._sessions)

    def create(self, client: str = "") -> Session:
        """A new session with fresh state for ``client`` (its address); :class:`SessionRateError` when that
        client started too many just now, :class:`SessionLimitError` when the store is full."""
        with self._guard:
            wait = self._rate.wait_s(client)
            if wait:
                raise SessionRateError(f"too many new sessions from this client; the limit is "
                                       f"{self._rate.capacity:g} a minute (EA_SESSIONS_PER_MIN). Try again in "
                                       f"{wait} s, or keep using the session_id you have", wait)
            self._expire()
            if len(self._sessions) >= self._max:
                wait = self._next_expiry_s()
                raise SessionLimitError(f"the server holds its most conversations ({self._max}, EA_MAX_SESSIONS) "
                                        f"and ends none early; try again in {wait} s", wait)
            self._rate.take(client)
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
    def use(self, session_id: str | None, client: str = "") -> Iterator[Session]:
        """Hold a session (a new one for ``client`` when ``session_id`` is None) exclusively for one request."""
        session = self.create(client) if session_id is None else self.get(session_id)
        with session.lock:
            yield session
            session.turns += 1
            session.last_used = self._clock()

    def _expire(self) -> None:
        cutoff = self._clock() - self._ttl
        for sid in [s.id for s in self._sessions.values() if s.last_used < cutoff and not s.lock.locked()]:
            del self._sessions[sid]

    def _next_expiry_s(self) -> int:
        """Seconds until the least recently used idle session expires (a few when every one is busy)."""
        idle = [s.last_used for s in self._sessions.values() if not s.lock.locked()]
        if not idle:
            return 5
        return max(1, math.ceil(min(idle) + self._ttl - self._clock()))
