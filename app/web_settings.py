"""Settings of the web app, widget and HTTP API, parsed from the documented ``EA_*`` variables.

Values are read through :func:`app.settings.env` (the one place that touches the environment) and
checked here, so a typo in a deployment fails at start-up with a message naming the variable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from app.settings import env

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")


class ConfigError(ValueError):
    """A web setting with an unusable value; the message names the variable."""


@dataclass(frozen=True)
class WebSettings:
    """Resolved web-app settings (see ``ENV_VARS`` in app/settings.py for meanings and defaults)."""

    host: str = "127.0.0.1"
    port: int = 7860
    root_path: str = ""
    allowed_origins: tuple[str, ...] = ()
    basic_auth: tuple[str, str] | None = None
    max_upload_bytes: int = 10 * 1024 * 1024
    concurrency: int = 2
    queue_size: int = 100
    session_ttl_s: float = 3600.0
    max_sessions: int = 1000
    log_user_text: bool = False
    log_level: str = "info"

    def with_(self, **changes: object) -> WebSettings:
        """A copy with some fields changed (tests and the benchmark use this)."""
        return replace(self, **changes)

    @property
    def frame_ancestors(self) -> str:
        """The CSP directive: the app itself plus the allowed embedding sites."""
        return " ".join(("frame-ancestors", "'self'", *self.allowed_origins))


def parse_origins(value: str, name: str = "EA_ALLOWED_ORIGINS") -> tuple[str, ...]:
    """Split and normalise a comma-separated origin list (scheme://host[:port], no path)."""
    origins: list[str] = []
    for raw in value.split(","):
        item = raw.strip().rstrip("/")
        if not item:
            continue
        if item == "*" or not _ORIGIN.match(item):
            raise ConfigError(f"{name}: {raw.strip()!r} is not an origin like https://docs.example.com "
                              "(scheme://host[:port], no path, no wildcard)")
        parts = urlsplit(item)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in origins:
            origins.append(origin)
    return tuple(origins)


def parse_root_path(value: str) -> str:
    """Normalise a path prefix: '' or '/a/b' (leading slash, no trailing slash)."""
    value = value.strip()
    if not value or value == "/":
        return ""
    if "://" in value or any(c in value for c in " ?#"):
        raise ConfigError(f"EA_ROOT_PATH: {value!r} must be a path such as /advisor")
    return "/" + value.strip("/")


def _number(name: str, low: float, cast: type = int) -> Any:
    raw = env(name)
    try:
        value = cast(raw)
    except ValueError:
        kind = "a whole number" if cast is int else "a number"
        raise ConfigError(f"{name} must be {kind}, got {raw!r}") from None
    if not value >= low:
        raise ConfigError(f"{name} must be at least {low}, got {value}")
    return value


def _auth(raw: str) -> tuple[str, str] | None:
    if not raw:
        return None
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise ConfigError("EA_BASIC_AUTH must be user:password (both non-empty)")
    return user, password


def load_web_settings() -> WebSettings:
    """Read the ``EA_*`` web variables; raises :class:`ConfigError` naming a bad one."""
    level = env("EA_LOG_LEVEL").strip().lower() or "info"
    if level not in {"debug", "info", "warning", "error"}:
        raise ConfigError(f"EA_LOG_LEVEL must be debug, info, warning or error, got {level!r}")
    return WebSettings(
        host=env("EA_HOST").strip() or "127.0.0.1",
        port=_number("EA_PORT", 0),
        root_path=parse_root_path(env("EA_ROOT_PATH")),
        allowed_origins=parse_origins(env("EA_ALLOWED_ORIGINS")),
        basic_auth=_auth(env("EA_BASIC_AUTH")),
        max_upload_bytes=int(_number("EA_MAX_UPLOAD_MB", 0.001, float) * 1024 * 1024),
        concurrency=_number("EA_CONCURRENCY", 1),
        queue_size=_number("EA_QUEUE_SIZE", 1),
        session_ttl_s=_number("EA_SESSION_TTL_MIN", 0.1, float) * 60,
        max_sessions=_number("EA_MAX_SESSIONS", 1),
        log_user_text=env("EA_LOG_USER_TEXT").strip().lower() in {"1", "true", "yes", "on"},
        log_level=level,
    )
