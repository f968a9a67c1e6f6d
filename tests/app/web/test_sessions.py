"""Server-side chat sessions: random ids, idle expiry, no eviction of others' sessions when full, a creation rate
per client, per-session locks."""

from __future__ import annotations

import threading
import time

import pytest

from app.web.sessions import SessionLimitError, SessionNotFoundError, SessionRateError, SessionStore


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


def test_a_full_store_refuses_new_sessions_and_keeps_every_conversation():
    """Nothing a user typed is lost because of another user's load: when full, the newcomer waits."""
    clock = Clock()
    store = SessionStore(dict, ttl_s=600, max_sessions=2, clock=clock)
    old = store.create("10.0.0.1")
    clock.now += 100
    recent = store.create("10.0.0.2")
    clock.now += 50
    with pytest.raises(SessionLimitError) as err:
        store.create("10.0.0.3")
    assert err.value.retry_after == 450          # when `old`, idle for 150 of 600 s, will expire
    assert "EA_MAX_SESSIONS" in str(err.value) and "450 s" in str(err.value)
    assert store.get(old.id) is old and store.get(recent.id) is recent
    clock.now += 601                             # both expire: room again
    assert store.create("10.0.0.3").id not in (old.id, recent.id)


def test_one_client_may_start_only_so_many_sessions_a_minute():
    clock = Clock()
    store = SessionStore(dict, per_client_per_min=3, clock=clock)
    for _ in range(3):                           # a burst of up to the rate
        store.create("10.0.0.1")
    with pytest.raises(SessionRateError) as err:
        store.create("10.0.0.1")
    assert err.value.retry_after == 20 and "EA_SESSIONS_PER_MIN" in str(err.value)
    store.create("10.0.0.2")                     # other clients are not affected
    clock.now += 20                              # one new session every 20 s
    store.create("10.0.0.1")
    with pytest.raises(SessionRateError):
        store.create("10.0.0.1")
    assert len(store) == 5


def test_a_refused_session_does_not_use_up_the_clients_allowance():
    store = SessionStore(dict, max_sessions=1, per_client_per_min=1, clock=Clock())
    first = store.create("10.0.0.1")
    with pytest.raises(SessionLimitError) as full:
        store.create("10.0.0.2")
    assert not isinstance(full.value, SessionRateError)
    store.delete(first.id)
    store.create("10.0.0.2")                     # its one session a minute was not spent on the refusal


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
