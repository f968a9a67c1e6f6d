"""ASGI middlewares that guard every route: host and size limits, embedding policy, origin allow-list, basic
auth, quiet logs.

* Security headers: ``Content-Security-Policy: frame-ancestors 'self' <allowed origins>`` on every
  response, so only allowed sites may show the app or the widget in an ``<iframe>``; an unexpected error
  becomes a JSON 500 that carries them too.
* Host guard: a request whose ``Host`` (or ``X-Forwarded-Host``) is not one of the server's names is refused
  with 400 before anything else, so a page on another domain that resolves to this machine (DNS rebinding)
  cannot drive a local, unauthenticated instance.
* Body limit: a request body over the limit is refused with 413 as soon as the limit is passed, counted as it
  arrives (a streamed body without Content-Length too); uploads have their own, larger limit.
* Origin guard: a browser request whose ``Origin`` is neither the app itself nor on the allow-list is
  refused with 403 and a message, before it reaches a handler (CORS alone only hides the answer).
* Basic auth (optional): every route except ``/health`` and CORS preflights.
* Access log: method, path, status and duration only — never bodies or query strings (user text).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets
import time
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

OPEN_PATHS = ("/health",)
UPLOAD_SUFFIX = "/gradio_api/upload"   # Gradio's upload route, under / and /widget
UPLOAD_SLACK = 64 * 1024               # multipart boundaries and headers around an upload of the largest size


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _path(scope: Scope) -> str:
    """The path inside the app (without the proxy prefix)."""
    path = scope.get("path", "")
    root = scope.get("root_path", "")
    return path[len(root):] or "/" if root and path.startswith(root) else path


async def _send_json(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": data})


class SecurityHeadersMiddleware:
    """Adds the frame-ancestors policy and a few safe defaults to every HTTP response."""

    def __init__(self, app: ASGIApp, frame_ancestors: str):
        self.app = app
        self.headers = [
            (b"content-security-policy", frame_ancestors.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def wrapped(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in self.headers if h[0] not in names]
                # Gradio may send X-Frame-Options; CSP frame-ancestors is the policy we mean.
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-frame-options"]
                message = {**message, "headers": kept + extra}
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        except Exception:
            # Starlette's own 500 page is sent outside every middleware, without these headers; answer here.
            if started:
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), _path(scope)[:200])
            await _send_json(wrapped, 500, {"detail": "internal error; the server log has the details"})


def host_name(value: str) -> str:
    """The host of a Host header, lower-case, without port or trailing dot: ``[::1]:7860`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return (value.rsplit(":", 1)[0] if value.count(":") == 1 else value).rstrip(".")


def host_allowed(name: str, allowed: tuple[str, ...]) -> bool:
    """``name`` is on the list, or under a ``*.example.com`` entry, or the list holds ``*``."""
    return "*" in allowed or name in allowed or any(a.startswith("*.") and name.endswith(a[1:]) for a in allowed)


class HostGuardMiddleware:
    """400 for a request addressed to a name that is not this server's (``Host`` and ``X-Forwarded-Host``)."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = _header(scope, b"host")
        forwarded = [h for h in (_header(scope, b"x-forwarded-host") or "").split(",") if h.strip()]
        bad = next((h.strip() for h in [host or "", *forwarded] if not host_allowed(host_name(h), self.allowed)), None)
        if bad is None:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        detail = (f"this server does not answer to the host {bad[:100]!r}; if that is its name, add it to "
                  "EA_ALLOWED_HOSTS") if bad else "the request has no Host header; send the server's name (EA_ALLOWED_HOSTS)"
        await _send_json(send, 400, {"detail": detail})


def _content_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


class BodyLimitMiddleware:
    """413 for a request body over the limit: at once when the Content-Length says so, else as soon as the
    streamed body passes it (the app then sees the client gone, and its answer is replaced by the 413)."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = _path(scope).endswith(UPLOAD_SUFFIX)
        shown = self.upload_max_bytes if upload else self.max_bytes
        limit = shown + UPLOAD_SLACK if upload else shown
        setting = "EA_MAX_UPLOAD_MB" if upload else "EA_MAX_REQUEST_MB"
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(send, f"request body is {declared:,} bytes", shown, setting)
            return
        received, over, started = 0, False, False

        async def counted() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the app's answer to a body cut short: the 413 below replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over or started:
                raise
        if over and not started:
            await self._refuse(send, f"request body is over {limit:,} bytes", shown, setting)

    @staticmethod
    async def _refuse(send: Send, what: str, limit: int, setting: str) -> None:
        await _send_json(send, 413, {"detail": f"{what}; the limit is {limit / 2**20:g} MB ({setting}); send less"},
                         [(b"connection", b"close")])


def same_origin(origin: str, scope: Scope) -> bool:
    """True when ``origin`` names the host the request was sent to (directly or through a proxy)."""
    netloc = urlsplit(origin).netloc.lower()
    hosts = {h.strip().lower() for name in (b"host", b"x-forwarded-host")
             for h in (_header(scope, name) or "").split(",") if h.strip()}
    return bool(netloc) and netloc in hosts


class OriginGuardMiddleware:
    """Refuses browser requests from origins that are neither the app itself nor allow-listed."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = set(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        if origin is None or origin.rstrip("/").lower() in self.allowed or same_origin(origin, scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _send_json(send, 403, {"detail": f"requests from origin {origin[:200]!r} are not allowed; "
                                               "add it to EA_ALLOWED_ORIGINS to let that site embed or call the app"})


class BasicAuthMiddleware:
    """HTTP basic auth on everything except ``/health`` and CORS preflights."""

    def __init__(self, app: ASGIApp, user: str, password: str):
        self.app = app
        self.expected = (user.encode(), password.encode())

    def _ok(self, scope: Scope) -> bool:
        value = _header(scope, b"authorization") or ""
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, sep, password = base64.b64decode(token, validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return False
        good_user = secrets.compare_digest(user, self.expected[0])
        good_pass = secrets.compare_digest(password, self.expected[1])
        return bool(sep) and good_user and good_pass

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or _path(scope) in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        preflight = scope.get("method") == "OPTIONS" and _header(scope, b"access-control-request-method")
        if preflight or self._ok(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _send_json(send, 401, {"detail": "authentication required"},
                         [(b"www-authenticate", b'Basic realm="Embedding Advisor", charset="UTF-8"')])


class GradioCallGuardMiddleware:
    """404 with a pointer to our API for Gradio's by-name call routes: every UI event is private
    (``api_name=False``), and Gradio answers an unknown name there with a 500 and a traceback."""

    MARKERS = ("/gradio_api/call/", "/gradio_api/run/", "/gradio_api/api/")

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and any(m in _path(scope) for m in self.MARKERS):
            await _send_json(send, 404, {"detail": "the web page's events are not a public API; "
                                                   "use /api/recommend and /api/chat (see /api/openapi.json)"})
            return
        await self.app(scope, receive, send)


class AccessLogMiddleware:
    """One log line per request: method, path, status, milliseconds. No bodies, no query strings."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path = _path(scope)[:200]   # before the app runs: a mounted app may rewrite the scope's paths
        status = [0]

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            log.info("%s %s %d %.0fms", scope.get("method"), path, status[0],
                     (time.perf_counter() - start) * 1000)
