"""Web-app benchmark: start-up time to ready, a scripted person in a browser, and a load test of concurrent
chat sessions over HTTP.

``python -m eval.bench_app [--json FILE] [--quick]``. Start-up is measured as a user runs it: a fresh
``python -m app`` process until ``/health`` answers 200 (knowledge base loaded). The load test runs
20 simulated users against that real server for a bounded time; each user holds its own multi-turn
conversation (a distinct document count per conversation) and checks, after every conversation, that
the server gives back exactly its own profile — any mismatch is a leak and counts as an error. The browser
session (eval/bench_browser.py) counts axe-core's serious and critical violations and the page's errors.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from eval.timing import bench_cli, summary

REPO = Path(__file__).resolve().parent.parent
USERS = 20
DOMAINS = ("medical", "legal", "finance", "scientific", "e-commerce", "general")
LANGS = (("English", "en"), ("German", "de"), ("French", "fr"), ("Spanish", "es"), ("Japanese", "ja"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def data_dir() -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The configured data directory when its index is in sync with the cards; else a fresh build in a temp dir."""
    from app.settings import load_settings
    from knowledge.base import KnowledgeBase

    settings = load_settings()
    kb = KnowledgeBase.open(settings.kb_config(), sync=False)
    if kb.in_sync:
        return settings.data_dir, None
    tmp = tempfile.TemporaryDirectory(prefix="ea-bench-app-")
    proc = subprocess.run([sys.executable, "-m", "app.cli", "kb", "build"], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "EA_DATA_DIR": tmp.name}, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"kb build failed: {proc.stderr[-500:]}")
    return Path(tmp.name), tmp


def start(data: Path, timeout: float = 120.0, extra_env: dict[str, str] | None = None
          ) -> tuple[subprocess.Popen, str, float]:
    """Start ``python -m app``; return (process, base URL, seconds from spawn to /health 200)."""
    port = _free_port()
    env = {**os.environ, "EA_DATA_DIR": str(data), "EA_PORT": str(port), "EA_HOST": "127.0.0.1",
           "EA_LOG_LEVEL": "warning", "EA_MAX_SESSIONS": "5000",
           "EA_SESSIONS_PER_MIN": "100000",  # the 20 simulated users all come from this one address
           **(extra_env or {})}
    log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a full pipe would stall the server
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                            text=True)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(timeout=2) as client:
        while time.perf_counter() - t0 < timeout:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"server exited: {log.read()[-800:]}")
            try:
                if client.get(url + "/health").status_code == 200:
                    return proc, url, time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
    stop(proc)
    raise RuntimeError(f"server not ready within {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@dataclass
class UserStats:
    latencies_ms: list[float] = field(default_factory=list)
    conversations: int = 0
    errors: list[str] = field(default_factory=list)
    leaks: int = 0


def simulate_user(url: str, user: int, deadline: float, stats: UserStats) -> None:
    """Hold conversations until ``deadline``; verify each one's profile came back unchanged by others."""
    domain = DOMAINS[user % len(DOMAINS)]
    lang_name, lang = LANGS[user % len(LANGS)]
    with httpx.Client(base_url=url, timeout=120) as client:
        n = 0
        while time.perf_counter() < deadline:
            docs = 1000 * (user + 1) + n * 100_000      # unique per user and conversation
            script = [f"semantic search over {domain} documents in {lang_name}",
                      "it must run on our own servers",
                      f"about {docs} documents"]
            sid = None
            try:
                for message in script:
                    t = time.perf_counter()
                    r = client.post("/api/chat", json={"message": message, "session_id": sid})
                    stats.latencies_ms.append((time.perf_counter() - t) * 1000)
                    if r.status_code != 200:
                        stats.errors.append(f"chat {r.status_code}: {r.text[:120]}")
                        break
                    body = r.json()
                    if sid is not None and body["session_id"] != sid:
                        stats.leaks += 1
                    sid = body["session_id"]
                else:
                    t = time.perf_counter()
                    state = client.get(f"/api/chat/{sid}")
                    stats.latencies_ms.append((time.perf_counter() - t) * 1000)
                    profile = state.json().get("profile", {}) if state.status_code == 200 else {}
                    if (profile.get("documents") != docs or profile.get("languages") != [lang]
                            or profile.get("privacy") != "local_only" or state.json().get("turns") != 3):
                        stats.leaks += 1
                        stats.errors.append(f"user {user}: expected documents={docs} languages=[{lang}], got {profile}")
                    stats.conversations += 1
                    client.delete(f"/api/chat/{sid}")
            except httpx.HTTPError as exc:
                stats.errors.append(f"{type(exc).__name__}: {exc}")
            n += 1


def load_test(url: str, users: int, seconds: float) -> dict[str, Any]:
    stats = [UserStats() for _ in range(users)]
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=simulate_user, args=(url, i, deadline, stats[i])) for i in range(users)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = [x for s in stats for x in s.latencies_ms]
    errors = [e for s in stats for e in s.errors]
    return {"users": users, "seconds": round(wall, 1), "requests": len(lat),
            "requests_per_s": round(len(lat) / wall, 1) if wall else None,
            "conversations": sum(s.conversations for s in stats),
            "users_with_a_finished_conversation": sum(1 for s in stats if s.conversations),
            "latency_ms": summary(lat, 1), "errors": len(errors), "leaks": sum(s.leaks for s in stats),
            "error_examples": errors[:5]}


def run(quick: bool = False) -> dict[str, Any]:
    """Start-up (median of fresh processes) and the 20-user load test; flat ``app.*`` keys are stable names."""
    data, tmp = data_dir()
    try:
        runs = 2 if quick else 3
        startups: list[float] = []
        proc = url = None
        for i in range(runs):
            proc, url, seconds = start(data)
            startups.append(seconds)
            if i < runs - 1:
                stop(proc)
        try:
            from eval.bench_browser import session

            browser = session(url)
            load = load_test(url, USERS, 20.0 if quick else 60.0)
        finally:
            stop(proc)
    finally:
        if tmp is not None:
            tmp.cleanup()
    start_summary = summary(startups, 2)
    return {
        "app.startup_s": start_summary["median"],
        "app.concurrent_sessions": load["users_with_a_finished_conversation"],
        "app.errors": load["errors"],
        "app.p95_ms": load["latency_ms"]["p95"],
        "app.axe_violations": browser["axe_violations"],
        "app.browser_console_errors": browser["browser_console_errors"],
        "details": {"startup_s": start_summary, "load": load, "browser": browser,
                    "note": "startup = spawn of `python -m app` until /health is 200 (knowledge base loaded); "
                            "load = 20 threads, each a 3-turn chat then a state check, repeated until time is up"},
    }


def main(argv: list[str] | None = None) -> int:
    return bench_cli(run, argv, __doc__ or "", "fewer start-ups, shorter load test",
                     lambda r: r["app.errors"] == 0 and r["app.axe_violations"] == 0 and r["app.browser_console_errors"] == 0)


if __name__ == "__main__":
    sys.exit(main())
