"""Server-side chat sessions: random ids, idle expiry, LRU eviction of idle sessions, per-session locks."""

from __future__ import annotations

import threading
import time

import pytest

from app.web.sessions import SessionLimitError, SessionNotFoundError, SessionStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sessions_have_distinct_random_ids_and_own_state():
    store = SessionStore(dict)
    a, b = store.create(), store.create()
    assert a.id != b.id and len(a.id) >= 20
    a.state["profile"] = "mine"
    assert store.get(a.id).state == {"profile": "mine"} and store.get(b.id).state == {}


@pytest.mark.parametrize("bad", ["", "short", "x" * 100, "../../etc/passwd", "a b c d e f g h i j k l"])
def test_malformed_or_unknown_ids_are_not_found(bad):
    store = SessionStore(dict)
    with pytest.raises(SessionNotFoundError) as err:
        store.get(bad)
    assert "without a session_id" in str(err.value)


def test_idle_sessions_expire():
    clock = Clock()
    store = SessionStore(dict, ttl_s=60, clock=clock)
    s = store.create()
    clock.now += 59
    assert store.get(s.id) is s          # a use refreshes the idle timer
    clock.now += 59
    assert store.get(s.id) is s
    clock.now += 61
    with pytest.raises(SessionNotFoundError):
        store.get(s.id)
    assert len(store) == 0


def test_full_store_drops_the_least_recently_used_idle_session():
    clock = Clock()
    store = SessionStore(dict, max_sessions=2, clock=clock)
    old = store.create()
    clock.now += 1
    recent = store.create()
    clock.now += 1
    store.get(old.id)                    # old is now the most recently used
    clock.now += 1
    store.create()
    assert store.get(old.id) is old
    with pytest.raises(SessionNotFoundError):
        store.get(recent.id)


def test_busy_sessions_are_never_evicted():
    store = SessionStore(dict, max_sessions=1)
    with store.use(None):
        with pytest.raises(SessionLimitError):
            store.create()


def test_use_serialises_requests_on_one_session():
    store = SessionStore(lambda: {"n": 0})
    sid = store.create().id

    def bump() -> None:
        for _ in range(50):
            with store.use(sid) as s:
                n = s.state["n"]
                time.sleep(0.0005)       # widen the window a lost update would need
                s.state["n"] = n + 1

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.get(sid).state["n"] == 200 and store.get(sid).turns == 200


def test_delete():
    store = SessionStore(dict)
    s = store.create()
    store.delete(s.id)
    with pytest.raises(SessionNotFoundError):
        store.delete(s.id)
