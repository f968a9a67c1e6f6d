"""Attacks on the running web app (``python -m app``), each with the limit that must hold.

* Request size: a 3 MB JSON message and a 50 MB POST to Gradio's queue route, with a Content-Length and
  streamed without one (chunked), and an upload over ``EA_MAX_UPLOAD_MB``: ``413`` before the body is read.
* Validation errors: a 422 never echoes what was sent.
* Host header: ``Host: rebind.example`` (with a matching ``Origin``, as after DNS rebinding) and a foreign
  ``X-Forwarded-Host``: ``400`` before anything else; the app's own names still work.
* Deeply nested JSON on ``/api/recommend`` and ``/api/chat``: a clear ``400`` carrying the security headers.
* Sessions: one client opening sessions fast gets ``429`` with ``Retry-After``; at ``EA_MAX_SESSIONS`` a new
  session is refused (``503`` with ``Retry-After``) and every other user's conversation is kept.

Requests whose body must not be read are sent over a raw socket: the client stops sending as soon as the
server answers, as a browser does, so the check sees the server's answer rather than a broken pipe.
"""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from eval.fault_lab import Outcome, guard

MB = 2**20
# The server these attacks expect (see :func:`server_env`): small limits, so the attacks stay quick.
REQUEST_MB, UPLOAD_MB, MAX_SESSIONS, SESSIONS_PER_MIN = 1, 1, 4, 3
HEADERS = ("content-security-policy", "x-content-type-options")


def server_env() -> dict[str, str]:
    return {"EA_MAX_REQUEST_MB": str(REQUEST_MB), "EA_MAX_UPLOAD_MB": str(UPLOAD_MB),
            "EA_MAX_SESSIONS": str(MAX_SESSIONS), "EA_SESSIONS_PER_MIN": str(SESSIONS_PER_MIN)}


@dataclass
class Reply:
    """What a raw request got back; ``sent`` counts the body bytes the client managed to send."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    sent: int = 0

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def _pieces(prefix: bytes, size: int, suffix: bytes, piece: int = 64 * 1024) -> Iterator[bytes]:
    yield prefix
    left = size
    while left > 0:
        n = min(piece, left)
        left -= n
        yield b"a" * n
    yield suffix


def raw_request(port: int, method: str, path: str, headers: dict[str, str], body: Iterator[bytes],
                length: int | None, timeout: float = 30.0, pace: float = 0.02) -> Reply:
    """Send a request over a plain socket, stop sending once the server answers, read the answer.

    With a ``length`` (Content-Length) the client first waits up to 5 s for an answer to the headers alone, as
    a client sending ``Expect: 100-continue`` does: a server that refuses by the declared size answers before
    any body byte is sent. ``length`` None streams the body with chunked transfer encoding, ``pace`` seconds
    between 64 kB pieces, so the count of bytes sent shows where the server stopped reading.
    """
    head = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    head.append(f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked")
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        try:
            if length is not None and select.select([sock], [], [], 5.0)[0]:
                return _read_reply(sock, sent)
            for piece in body:
                if select.select([sock], [], [], pace)[0]:
                    break  # the server has answered: stop sending, as a browser does
                sock.sendall(piece if length is not None else b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            else:
                if length is None:
                    sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed while we were sending: its answer is read below
        return _read_reply(sock, sent)


def _read_reply(sock: socket.socket, sent: int) -> Reply:
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        need = int(headers.get("content-length", "0") or 0)
        while len(rest) < need:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
    except OSError:
        return Reply(0, sent=sent)
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    return Reply(status, headers, rest, sent)


def _json_body(size: int) -> tuple[Iterator[bytes], int]:
    prefix, suffix = b'{"message": "', b'"}'
    return _pieces(prefix, size, suffix), len(prefix) + size + len(suffix)


def _secured(headers: dict[str, str]) -> bool:
    return all(h in headers for h in HEADERS)


# -- the attacks ----------------------------------------------------------------------------------------------
def body_limits(port: int) -> list[Outcome]:
    """Oversized bodies on the API and Gradio's routes, with and without a Content-Length."""
    cases = [("3 MB JSON message on /api/chat", "/api/chat", 3 * MB, "json"),
             ("50 MB POST to Gradio's queue route", "/gradio_api/queue/join", 50 * MB, "json"),
             ("50 MB POST to the widget's queue route", "/widget/gradio_api/queue/join", 50 * MB, "json")]
    out = []
    for attack, path, size, _ in cases:
        for streamed in (False, True):
            def body(o: Outcome, path: str = path, size: int = size, streamed: bool = streamed) -> None:
                pieces, length = _json_body(size)
                r = raw_request(port, "POST", path, {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"},
                                pieces, None if streamed else length)
                detail = (r.json() or {}).get("detail", "") if isinstance(r.json(), dict) else ""
                o.message = f"{r.status} {detail}"
                # by the Content-Length: before any body byte; streamed: soon after the limit, never the whole body
                most = REQUEST_MB * MB + MB if streamed else 0
                o.checks = {"413": r.status == 413, "the message names the limit": "EA_MAX_REQUEST_MB" in detail,
                            "refused before the body was read": r.sent <= most,
                            "security headers on the refusal": _secured(r.headers)}
                o.details = {"body_bytes_sent": r.sent}
            out.append(guard(attack, "server, chunked" if streamed else "server, Content-Length", body))

    def upload(o: Outcome) -> None:
        r = httpx.post(f"http://127.0.0.1:{port}/gradio_api/upload", timeout=60,
                       files={"files": ("big.txt", b"word " * (UPLOAD_MB * MB // 4), "text/plain")})
        o.message = f"{r.status_code} {r.text[:200]}"
        o.checks = {"413": r.status_code == 413}
    out.append(guard(f"upload over EA_MAX_UPLOAD_MB={UPLOAD_MB}", "server", upload))
    return out


def validation_echo(port: int) -> list[Outcome]:
    """Invalid requests get a 422 that names the field but never repeats what was sent."""
    marker = "zebra-secret-7731"
    out = []
    for attack, payload in (("a 200 kB message over the length limit", {"message": marker * 12_000}),
                            ("a wrong type and an unknown field", {"message": 42, "extra": marker})):
        def body(o: Outcome, payload: dict = payload) -> None:
            r = httpx.post(f"http://127.0.0.1:{port}/api/chat", json=payload, timeout=60)
            o.message = f"{r.status_code} {r.text[:300]}"
            o.checks = {"422": r.status_code == 422, "names the field": "message" in r.text or "extra" in r.text,
                        "does not echo the input": marker not in r.text and '"input"' not in r.text,
                        "short answer (under 2 kB)": len(r.content) < 2048, "security headers": _secured(r.headers)}
        out.append(guard(f"422 for {attack}", "server", body))
    return out


def host_header(port: int) -> list[Outcome]:
    """DNS rebinding: a foreign Host (or X-Forwarded-Host) is refused before anything else; own names work."""
    evil = "rebind.example"
    out = []
    for attack, headers in ((f"Host: {evil} with a matching Origin", {"Host": f"{evil}:{port}",
                                                                     "Origin": f"http://{evil}:{port}"}),
                            (f"X-Forwarded-Host: {evil}", {"X-Forwarded-Host": evil})):
        def body(o: Outcome, headers: dict = headers) -> None:
            r = httpx.post(f"http://127.0.0.1:{port}/api/chat", json={"message": "English notes"}, headers=headers,
                           timeout=60)
            o.message = f"{r.status_code} {r.text[:300]}"
            o.checks = {"400": r.status_code == 400, "the message names EA_ALLOWED_HOSTS": "EA_ALLOWED_HOSTS" in r.text,
                        "no session was started": "session_id" not in r.text, "security headers": _secured(r.headers)}
        out.append(guard(attack, "server", body))

    def own_names(o: Outcome) -> None:
        codes = {h: httpx.get(f"http://127.0.0.1:{port}/health", headers={"Host": h}, timeout=30).status_code
                 for h in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost")}
        o.message = json.dumps(codes)
        o.checks = {"the app's own names are answered": all(c == 200 for c in codes.values())}
    out.append(guard("the app's own host names still work", "server", own_names))
    return out


def nested_json(port: int) -> list[Outcome]:
    """30,000 nested brackets (and a profile nested 100 levels) get a clear 400 with the security headers."""
    cases = [("/api/recommend", b"[" * 30_000 + b"]" * 30_000), ("/api/chat", b"[" * 30_000 + b"]" * 30_000),
             ("/api/chat", b'{"message": ' + b"[" * 100 + b"]" * 100 + b"}"),
             ("/api/recommend", b'{"languages": ' + b"[" * 100 + b"]" * 100 + b"}")]
    out = []
    for path, payload in cases:
        def body(o: Outcome, path: str = path, payload: bytes = payload) -> None:
            r = httpx.post(f"http://127.0.0.1:{port}{path}", content=payload,
                           headers={"content-type": "application/json"}, timeout=60)
            o.message = f"{r.status_code} {r.text[:300]}"
            o.checks = {"400": r.status_code == 400, "JSON answer": r.headers.get("content-type", "").startswith(
                "application/json"), "says it is nested too deeply": "nested" in r.text,
                "security headers": _secured(r.headers)}
        depth = payload.count(b"[")
        out.append(guard(f"JSON nested {depth:,} levels deep on {path}", "server", body))
    return out


def sessions(port: int) -> list[Outcome]:
    """A fast client is slowed down (429); at the session limit others' conversations are kept (503 for new)."""
    base = f"http://127.0.0.1:{port}"

    def start(client: str, message: str) -> httpx.Response:
        return httpx.post(base + "/api/chat", json={"message": message}, headers={"X-Forwarded-For": client},
                          timeout=60)

    def rate(o: Outcome) -> None:
        replies = [start("10.9.0.1", "English support tickets") for _ in range(SESSIONS_PER_MIN + 1)]
        other = start("10.9.0.2", "English tickets")
        codes = [r.status_code for r in replies]
        last = replies[-1]
        o.message = f"{codes}: {last.text[:200]}"
        o.checks = {f"the first {SESSIONS_PER_MIN} start": codes[:-1] == [200] * SESSIONS_PER_MIN,
                    "then 429": codes[-1] == 429, "with Retry-After": _retry_after(last) > 0,
                    "another client still starts": other.status_code == 200}
        for r in [*replies, other]:
            if r.status_code == 200:
                httpx.delete(f"{base}/api/chat/{r.json()['session_id']}", timeout=30)

    def full(o: Outcome) -> None:
        kept: dict[str, int] = {}
        for i in range(MAX_SESSIONS):
            r = start(f"10.8.0.{i}", f"English legal contracts, about {1000 * (i + 1)} documents")
            if r.status_code == 200:
                kept[r.json()["session_id"]] = 1000 * (i + 1)
        refused = start("10.8.1.1", "English medical notes")
        states = {sid: httpx.get(f"{base}/api/chat/{sid}", timeout=30) for sid in kept}
        o.message = f"{refused.status_code} {refused.text[:200]}"
        o.checks = {f"{MAX_SESSIONS} sessions started": len(kept) == MAX_SESSIONS,
                    "a new session at the limit is refused (503)": refused.status_code == 503,
                    "with Retry-After": _retry_after(refused) > 0,
                    "every other user's conversation is kept": all(
                        r.status_code == 200 and r.json()["profile"].get("documents") == kept[sid]
                        for sid, r in states.items())}
        ended = list(kept)[:1]
        for sid in ended:
            httpx.delete(f"{base}/api/chat/{sid}", timeout=30)
        again = start("10.8.1.1", "English notes")
        o.checks["once one ends, a new session starts"] = again.status_code == 200
        for sid in [*list(kept)[1:], *([again.json()["session_id"]] if again.status_code == 200 else [])]:
            httpx.delete(f"{base}/api/chat/{sid}", timeout=30)
    return [guard(f"one client opening sessions fast ({SESSIONS_PER_MIN}/min allowed)", "server", rate),
            guard(f"a new session at EA_MAX_SESSIONS={MAX_SESSIONS}", "server", full)]


def _retry_after(r: httpx.Response) -> int:
    value = r.headers.get("retry-after", "")
    return int(value) if value.isdigit() else 0


def server_attacks(port: int) -> list[Outcome]:
    """Every attack on a server started with :func:`server_env`."""
    out: list[Outcome] = []
    for attacks in (body_limits, validation_echo, host_header, nested_json, sessions):
        out += attacks(port)
    return out


def run_against(start: Callable[[dict[str, str]], tuple[Any, str, float]], stop: Callable[[Any], None],
                workdir: Path) -> list[Outcome]:
    """Start a server with :func:`server_env`, attack it, stop it."""
    proc, url, _ = start(server_env())
    try:
        return server_attacks(int(url.rsplit(":", 1)[1]))
    finally:
        stop(proc)
