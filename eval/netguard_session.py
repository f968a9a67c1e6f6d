"""The guarded runs behind ``robustness.external_connections``: a full session, the web server, the CLI.

- ``python -m eval.netguard_session session``: chat -> recommendation -> trial on a demo sample ->
  report export (md, html, json) in one process under the in-process guard;
- ``python -m eval.netguard_session serve``: the real web app (``python -m app``) under the guard;
- :func:`run_guard` runs both under strace (when available), drives the server over HTTP (chat,
  recommend, reports, pages) and counts every attempt to reach a host outside the loopback.

Each guarded process also fires the canaries of :mod:`eval.netguard` (one blocked Python connect, one
native connect) so the run proves both layers would have seen a real leak; canaries are not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from eval.netguard import (
    REPO,
    Attempt,
    NetGuard,
    is_canary,
    native_canary,
    parse_strace,
    python_canary,
    strace_available,
    strace_command,
)

SESSION_MESSAGES = (
    "We need semantic search over clinical notes in English and German; nothing may leave our servers.",
    "About 2 million notes, roughly 400 words each, on CPUs with 16 GB of RAM; it is for a commercial product.",
    "Latency under 100 ms at 20 queries per second is fine.",
)
RECOMMEND_PROFILE = {"data_type": "text", "task": "search", "domain": "legal", "languages": ["en", "fr"],
                     "privacy": "local_only", "commercial_use": True, "documents": 500_000}
# Resources a browser loads by itself: scripts, stylesheets, images, frames, fonts, CSS imports.
_AUTOLOAD = re.compile(r"<(?:script|img|iframe|link|source|audio|video|embed)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?"
                       r"(https?:)?//([^/\"' >]+)|url\(\s*[\"']?(?:https?:)?//([^/\"' )]+)|@import\s+[\"'](?:https?:)?//"
                       r"([^/\"']+)", re.I)


def full_session(data_dir: Path, out_dir: Path, demo: str = "medical_faq") -> dict[str, Any]:
    """Chat -> recommendation -> trial on a demo sample -> report export (md, html, json), in this process."""
    from agents.advisor import Advisor, ChatState
    from agents.trial import demo_sample, run_trial
    from app.report.render import write_reports
    from app.settings import load_settings
    from knowledge.base import KBConfig, KnowledgeBase

    settings = load_settings()
    kb = KnowledgeBase.open(KBConfig(cards_dir=settings.cards_dir, data_dir=data_dir), sync=True)
    advisor = Advisor(kb)
    state, result = ChatState(), None
    for message in SESSION_MESSAGES:
        result = advisor.turn(state, message)
        state = result.state
    if state.recommendation is None:
        raise RuntimeError(f"the scripted chat reached no recommendation; last reply: {result.reply if result else ''}")
    sample, queries = demo_sample(demo).load()
    trial = run_trial(sample, queries, [], catalog=kb.catalog, n_boot=200)
    attached = advisor.attach_trial(state, trial)
    paths = write_reports(attached.state.recommendation, trial.to_dict(), out_dir, kb.get)
    return {"index": "semantic" if kb.in_sync else f"keyword ({kb.index_error})",
            "picks": [p["model"] for p in attached.state.recommendation.get("recommendations", [])],
            "trial_best": trial.best, "trial_models": [c.model for c in trial.candidates],
            "reports": {fmt: p.stat().st_size for fmt, p in paths.items()}, "turns": attached.state.turns}


def page_external_refs(html: str) -> list[str]:
    """Hosts outside the loopback that a browser would fetch on its own when it renders ``html``."""
    from eval.netguard import is_loopback_host

    hosts = [next(h for h in m.groups()[1:] if h) for m in _AUTOLOAD.finditer(html)]
    return sorted({h for h in hosts if not is_loopback_host(h.rsplit(":", 1)[0])})


# -- guarded entry points ------------------------------------------------------------------------------------
def _cmd_session(args: argparse.Namespace) -> int:
    from app.settings import apply_process_defaults, load_settings

    apply_process_defaults(load_settings())
    start = time.perf_counter()
    with NetGuard(log_path=args.audit_log) as guard:
        canary_blocked = python_canary() if args.canary else None
        if args.canary:
            native_canary()
        summary = full_session(args.data_dir, args.out)
    summary.update(seconds=round(time.perf_counter() - start, 1), canary_blocked=canary_blocked,
                   attempts=[a.to_dict() for a in guard.attempts])
    print(json.dumps(summary))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import runpy

    with NetGuard(log_path=args.audit_log):
        if args.canary:
            python_canary()
            native_canary()
        sys.argv = ["app", *args.app_args]
        try:
            runpy.run_module("app", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            return int(exc.code or 0)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.netguard_session", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("session", help="the full session under the guard; prints a JSON summary")
    s.add_argument("--data-dir", type=Path, required=True, help="knowledge-base data directory (use a copy)")
    s.add_argument("--out", type=Path, required=True, help="directory for the exported reports")
    s.add_argument("--audit-log", type=Path, help="also append every attempt here (JSON lines)")
    s.add_argument("--canary", action="store_true", help="fire the positive controls first")
    s.set_defaults(func=_cmd_session)
    v = sub.add_parser("serve", help="python -m app under the guard")
    v.add_argument("--audit-log", type=Path, required=True)
    v.add_argument("--canary", action="store_true")
    v.add_argument("app_args", nargs=argparse.REMAINDER, help="arguments for python -m app")
    v.set_defaults(func=_cmd_serve)
    args = parser.parse_args(argv)
    return int(args.func(args))


# -- driving and counting ---------------------------------------------------------------------------------------
def _read_audit(path: Path) -> list[Attempt]:
    if not path.exists():
        return []
    return [Attempt(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "EA_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "PYTHONPATH": str(REPO), **extra}


def _tally(name: str, attempts: list[Attempt], canaries: dict[str, bool], **details: Any) -> dict[str, Any]:
    external = [a for a in attempts if a.external and not is_canary(a)]
    return {"run": name, "attempts": len(attempts), "external": len(external),
            "external_attempts": [a.to_dict() for a in external[:20]], "canaries_seen": canaries, **details}


def guarded_session(workdir: Path, base_data_dir: Path, use_strace: bool) -> dict[str, Any]:
    """The full session in a subprocess, under strace when ``use_strace``; attempts from both layers."""
    data, out, audit, log = (workdir / "session-data", workdir / "session-reports", workdir / "session.audit",
                             workdir / "session.strace")
    shutil.copytree(base_data_dir, data, dirs_exist_ok=True)
    argv = [sys.executable, "-m", "eval.netguard_session", "session", "--data-dir", str(data), "--out", str(out),
            "--audit-log", str(audit), "--canary"]
    cmd = strace_command(log, argv) if use_strace else argv
    proc = subprocess.run(cmd, cwd=REPO, env=_env(data), capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"guarded session failed ({proc.returncode}): {proc.stderr.strip()[-1500:]}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    audit_attempts = _read_audit(audit)
    traced = parse_strace(log.read_text(errors="replace")) if use_strace else []
    canaries = {"audit": bool(summary.get("canary_blocked")) and any(is_canary(a) for a in audit_attempts)}
    if use_strace:
        canaries["strace"] = any(is_canary(a) for a in traced)
    return _tally("session (chat, recommendation, trial, reports)", audit_attempts + traced, canaries,
                  strace=use_strace, summary={k: summary[k] for k in ("index", "picks", "trial_best", "reports", "turns")})


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _stop(proc: subprocess.Popen, traced: bool) -> None:
    """SIGTERM the server (strace's child when traced), then wait; the process group only as a last resort."""
    targets = _children(proc.pid) if traced else [proc.pid]
    for pid in targets or [proc.pid]:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this function started (start_new_session=True)
        proc.wait(10)


def drive_server(base_url: str) -> dict[str, Any]:
    """One chat that reaches a recommendation, one /api/recommend, the three reports and the two pages."""
    import httpx

    out: dict[str, Any] = {}
    with httpx.Client(base_url=base_url, timeout=60) as client:
        sid = None
        for message in SESSION_MESSAGES:
            r = client.post("/api/chat", json={"message": message, **({"session_id": sid} if sid else {})})
            r.raise_for_status()
            body = r.json()
            sid = body["session_id"]
        out["chat_recommendation"] = bool(body.get("recommendation"))
        r = client.post("/api/recommend", json=RECOMMEND_PROFILE)
        r.raise_for_status()
        out["recommend_picks"] = [p["model"] for p in r.json().get("recommendations", [])]
        out["reports"] = {}
        for fmt in ("md", "html", "json"):
            r = client.get(f"/api/chat/{sid}/report", params={"format": fmt})
            r.raise_for_status()
            out["reports"][fmt] = len(r.content)
        refs: list[str] = []
        for page in ("/", "/widget/"):
            r = client.get(page)
            r.raise_for_status()
            refs += page_external_refs(r.text)
            if page == "/":  # the rendered report must load nothing from elsewhere either
                refs += page_external_refs(client.get(f"/api/chat/{sid}/report", params={"format": "html"}).text)
        out["page_external_refs"] = sorted(set(refs))
    return out


def guarded_server(workdir: Path, base_data_dir: Path, use_strace: bool, timeout: float = 180) -> dict[str, Any]:
    """Start ``python -m app`` under the guard (and strace), drive it over HTTP, stop it, count attempts."""
    import socket

    import httpx

    data, audit, log, out = (workdir / "server-data", workdir / "server.audit", workdir / "server.strace",
                             workdir / "server.log")
    shutil.copytree(base_data_dir, data, dirs_exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    argv = [sys.executable, "-m", "eval.netguard_session", "serve", "--audit-log", str(audit), "--canary"]
    cmd = strace_command(log, argv) if use_strace else argv
    start = time.perf_counter()
    with open(out, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=REPO, env=_env(data, EA_PORT=str(port), EA_HOST="127.0.0.1"), stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {out.read_text()[-1500:]}")
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"server not ready after {timeout:.0f} s: {out.read_text()[-1500:]}")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        ready_s = round(time.perf_counter() - start, 1)
        with NetGuard() as client_guard:  # this process talks to the server only, over the loopback
            driven = drive_server(base)
    finally:
        _stop(proc, use_strace)
    attempts = _read_audit(audit) + (parse_strace(log.read_text(errors="replace")) if use_strace else [])
    attempts += client_guard.attempts
    canaries = {"audit": any(is_canary(a) and a.layer == "audit" for a in attempts)}
    if use_strace:
        canaries["strace"] = any(is_canary(a) and a.layer == "strace" for a in attempts)
    return _tally("web server (python -m app) driven over HTTP", attempts, canaries, strace=use_strace,
                  ready_s=ready_s, summary=driven)


def run_guard(workdir: Path, base_data_dir: Path, quick: bool = True) -> dict[str, Any]:
    """Both guarded runs; ``external_connections`` sums the attempts outside the loopback (0 expected)."""
    use_strace = strace_available()
    runs = [guarded_session(workdir, base_data_dir, use_strace), guarded_server(workdir, base_data_dir, use_strace)]
    refs = sorted({h for r in runs for h in r.get("summary", {}).get("page_external_refs", [])})
    missed = [f"{r['run']}: {layer}" for r in runs for layer, seen in r["canaries_seen"].items() if not seen]
    return {"external_connections": sum(r["external"] for r in runs) + len(refs), "strace": use_strace,
            "strace_note": None if use_strace else "strace not available: only the in-process audit layer ran",
            "page_external_refs": refs, "canaries_missed": missed, "runs": runs}


if __name__ == "__main__":
    sys.exit(main())
