"""Configuration from environment variables: the only place the product reads the environment.

One typed object, :class:`Settings`: each field carries its variable's name, its default (as written in
the environment) and what it does, so ``python -m app --env`` and README's configuration table are
generated from it. :func:`load_settings` reads and checks every variable and raises :class:`ConfigError`
naming a bad one; it never changes the environment. The offline/private process defaults (no telemetry,
no hub calls) are applied by the entry points with :func:`apply_process_defaults`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.errors import ConfigError
from knowledge.base import KBConfig
from knowledge.cards import CARDS_DIR
from knowledge.embedding import DEFAULT_MODEL

REPO_ROOT = Path(__file__).resolve().parent.parent

# Offline and private by default: no telemetry, no analytics, no hub calls, no tokenizer fork warnings.
PROCESS_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+$")
_HOST = re.compile(r"^(\*\.)?[a-z0-9_]([a-z0-9\-_.]*[a-z0-9_])?$|^[0-9a-f:.]*:[0-9a-f:.]*:[0-9a-f:.]*$")
LOG_LEVELS = ("debug", "info", "warning", "error")
# Names a page on another site can never make a browser send (DNS rebinding needs a name the attacker owns).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


@dataclass(frozen=True)
class Var:
    """One documented environment variable: its name, its default as written in the environment, and its doc."""

    name: str
    default: str
    doc: str


# -- parsers: (raw value, variable name) -> typed value; ConfigError names the variable ---------------------

def _flag(raw: str, _name: str = "") -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _path(raw: str, _name: str = "") -> Path:
    p = Path(raw).expanduser()
    return p if p.is_absolute() else REPO_ROOT / p


def _cards_dir(raw: str, name: str) -> Path:
    return _path(raw, name) if raw else CARDS_DIR


def _text_or(default: str, strip: bool = True) -> Callable[[str, str], str]:
    return lambda raw, _name: (raw.strip() if strip else raw) or default


def _optional(raw: str, _name: str) -> str | None:
    return raw or None


def _number(low: float, cast: type = int, scale: float = 1) -> Callable[[str, str], Any]:
    def parse(raw: str, name: str) -> Any:
        try:
            value = cast(raw)
        except ValueError:
            kind = "a whole number" if cast is int else "a number"
            raise ConfigError(f"{name} must be {kind}, got {raw!r}") from None
        if not value >= low:
            raise ConfigError(f"{name} must be at least {low}, got {value}")
        return value * scale if scale != 1 else value
    return parse


def _megabytes(raw: str, name: str) -> int:
    return int(_number(0.001, float)(raw, name) * 1024 * 1024)


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


def parse_hosts(value: str, name: str = "EA_ALLOWED_HOSTS") -> tuple[str, ...]:
    """Split and normalise a comma-separated host list: names (lower-case, no port), IP addresses,
    ``*.example.com`` for every subdomain, or ``*`` alone for any host."""
    hosts: list[str] = []
    for raw in value.split(","):
        item = raw.strip().lower().rstrip(".")
        if item.startswith("[") and item.endswith("]"):
            item = item[1:-1]
        if not item:
            continue
        if (item != "*" or raw.strip() != "*") and not _HOST.match(item):
            raise ConfigError(f"{name}: {raw.strip()!r} is not a host name like advisor.example.com (no scheme, port "
                              "or path; *.example.com for its subdomains, * alone for any host)")
        if item not in hosts:
            hosts.append(item)
    return tuple(hosts)


def parse_root_path(value: str, name: str = "EA_ROOT_PATH") -> str:
    """Normalise a path prefix: '' or '/a/b' (leading slash, no trailing slash)."""
    value = value.strip()
    if not value or value == "/":
        return ""
    if "://" in value or any(c in value for c in " ?#"):
        raise ConfigError(f"{name}: {value!r} must be a path such as /advisor")
    return "/" + value.strip("/")


def _basic_auth(raw: str, name: str) -> tuple[str, str] | None:
    if not raw:
        return None
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{name} must be user:password (both non-empty)")
    return user, password


def _llm_url(raw: str, name: str) -> str | None:
    raw = raw.strip().rstrip("/")
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"{name} must be the base URL of an OpenAI-compatible API, such as http://localhost:11434/v1, "
                          f"got {raw!r}")
    return raw


def _log_level(raw: str, name: str) -> str:
    level = raw.strip().lower() or "info"
    if level not in LOG_LEVELS:
        raise ConfigError(f"{name} must be {', '.join(LOG_LEVELS[:-1])} or {LOG_LEVELS[-1]}, got {level!r}")
    return level


def setting(name: str, default: str, doc: str, parse: Callable[[str, str], Any],
            secret: bool = False) -> Any:
    """A :class:`Settings` field read from variable ``name``; its default is ``parse(default)``. A secret
    is left out of the settings' ``repr``, so it cannot end up in a log line."""
    return field(default=parse(default, name), repr=not secret,
                 metadata={"var": Var(name, default, doc), "parse": parse})


@dataclass(frozen=True)
class Settings:
    """Resolved configuration of every entry point (CLI, web app, eval)."""

    # knowledge base
    data_dir: Path = setting("EA_DATA_DIR", ".data", "Directory for the Chroma store, the validated card snapshot and logs.",
                             _path)
    cards_dir: Path = setting("EA_CARDS_DIR", "knowledge/cards", "Directory of YAML model cards.", _cards_dir)
    embed_model: str = setting("EA_EMBED_MODEL", DEFAULT_MODEL,
                               "Embedding model for the knowledge index: HF id or local path.",
                               _text_or(DEFAULT_MODEL, strip=False))
    chroma_host: str | None = setting("EA_CHROMA_HOST", "", "Chroma server host; set to use client/server mode instead "
                                      "of the embedded store.", _optional)
    chroma_port: int = setting("EA_CHROMA_PORT", "8000", "Chroma server port.", _number(0))
    chroma_ssl: bool = setting("EA_CHROMA_SSL", "false", "Use HTTPS for the Chroma server.", _flag)
    chroma_token: str | None = setting("EA_CHROMA_TOKEN", "", "Bearer token for the Chroma server, if it requires one.",
                                       _optional, secret=True)
    online: bool = setting("EA_ONLINE", "false", "Allow Hugging Face downloads (sets HF_HUB_OFFLINE=0).", _flag)
    # trial API providers (the pattern variables for other providers are read by :func:`env`)
    openai_api_key: str | None = setting("OPENAI_API_KEY", "", "Trial only: lets the trial embed your sample with "
                                         "OpenAI models (your sample then leaves the machine).", _optional, secret=True)
    openai_base_url: str | None = setting("OPENAI_BASE_URL", "", "Trial only: an OpenAI-compatible embeddings endpoint "
                                          "(default https://api.openai.com/v1).", _optional)
    # web app, widget and HTTP API (python -m app)
    host: str = setting("EA_HOST", "127.0.0.1", "Interface the web app listens on (0.0.0.0 to serve other machines).",
                        _text_or("127.0.0.1"))
    port: int = setting("EA_PORT", "7860", "Port the web app listens on.", _number(0))
    root_path: str = setting("EA_ROOT_PATH", "", "Path prefix when served behind a reverse proxy, e.g. /advisor (the proxy "
                             "strips it).", parse_root_path)
    allowed_origins: tuple[str, ...] = setting(
        "EA_ALLOWED_ORIGINS", "", "Comma-separated origins (https://docs.example.com) allowed to embed the widget "
        "(CSP frame-ancestors) and call the API from a browser (CORS). Empty: only the app itself.", parse_origins)
    allowed_hosts: tuple[str, ...] = setting(
        "EA_ALLOWED_HOSTS", "", "Comma-separated names the server answers to (Host and X-Forwarded-Host headers; "
        "*.example.com for subdomains); other names get 400, which stops DNS rebinding. localhost, 127.0.0.1, ::1 and "
        "EA_HOST are always allowed. * allows any name (not recommended).", parse_hosts)
    basic_auth: tuple[str, str] | None = setting("EA_BASIC_AUTH", "", "user:password to require HTTP basic auth on every "
                                                 "page and API route except /health.", _basic_auth, secret=True)
    max_upload_bytes: int = setting("EA_MAX_UPLOAD_MB", "10", "Largest upload (trial sample) accepted, in megabytes.",
                                    _megabytes)
    max_request_bytes: int = setting("EA_MAX_REQUEST_MB", "2", "Largest request body of every other route (API calls, "
                                     "the web page's events), in megabytes; larger requests get 413.", _megabytes)
    concurrency: int = setting("EA_CONCURRENCY", "2", "Web events (chat turns, trials) processed at the same time; "
                               "others wait in the queue.", _number(1))
    queue_size: int = setting("EA_QUEUE_SIZE", "100", "Most events waiting in the queue before new ones are refused.",
                              _number(1))
    session_ttl_s: float = setting("EA_SESSION_TTL_MIN", "60", "Minutes an idle API chat session is kept before it "
                                   "expires.", _number(0.1, float, 60))
    max_sessions: int = setting("EA_MAX_SESSIONS", "1000", "Most API chat sessions kept at once; when all are in use, "
                                "a new one is refused (503 with Retry-After) and no conversation is dropped.", _number(1))
    sessions_per_min: float = setting("EA_SESSIONS_PER_MIN", "60", "New API chat sessions one client (IP address) may "
                                      "start per minute, in bursts of as many; more get 429 with Retry-After.",
                                      _number(1, float))
    log_user_text: bool = setting("EA_LOG_USER_TEXT", "false", "Write user messages and samples to the log (off: logs "
                                  "hold only sizes and timings).", _flag)
    log_level: str = setting("EA_LOG_LEVEL", "info", "Log level of the web app: debug, info, warning, error.", _log_level)
    # optional language model for the chat (agents/understand/assist.py); unset: rules only, nothing leaves the machine
    llm_base_url: str | None = setting("EA_LLM_BASE_URL", "", "Optional: base URL of an OpenAI-compatible chat API (e.g. "
                                       "http://localhost:11434/v1 for Ollama) that labels messages the rules are unsure "
                                       "about, fills needs they missed and rewords answers; chat messages are sent there.",
                                       _llm_url)
    llm_model: str | None = setting("EA_LLM_MODEL", "", "Model name for EA_LLM_BASE_URL (required with it), e.g. "
                                    "qwen2.5:7b-instruct.", _optional)
    llm_api_key: str | None = setting("EA_LLM_API_KEY", "", "Bearer key for EA_LLM_BASE_URL, if the server needs one.",
                                      _optional, secret=True)
    llm_timeout_s: float = setting("EA_LLM_TIMEOUT_S", "20", "Seconds to wait for the language model before a turn "
                                   "goes on with the rules alone.", _number(0.1, float))

    def __post_init__(self) -> None:
        if self.llm_base_url and not self.llm_model:
            raise ConfigError("EA_LLM_MODEL must name the model when EA_LLM_BASE_URL is set")

    def kb_config(self) -> KBConfig:
        return KBConfig(cards_dir=self.cards_dir, data_dir=self.data_dir, embed_model=self.embed_model,
                        chroma_host=self.chroma_host, chroma_port=self.chroma_port, chroma_ssl=self.chroma_ssl,
                        chroma_token=self.chroma_token)

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (tests and the benchmarks use this)."""
        return replace(self, **changes)

    @property
    def trusted_hosts(self) -> tuple[str, ...]:
        """The names the server answers to: the loopback names, EA_HOST (unless it listens on every interface)
        and EA_ALLOWED_HOSTS."""
        own = () if self.host.lower() in WILDCARD_ADDRESSES else (self.host.lower().strip("[]"),)
        return tuple(dict.fromkeys((*LOOPBACK_HOSTS, *own, *self.allowed_hosts)))

    @property
    def frame_ancestors(self) -> str:
        """The CSP directive: the app itself plus the allowed embedding sites."""
        return " ".join(("frame-ancestors", "'self'", *self.allowed_origins))


# Variables documented but not a field: a name pattern, read with :func:`env` when a model names its provider.
PATTERN_VARS = (Var("<PROVIDER>_API_KEY / <PROVIDER>_BASE_URL", "", "Trial only: key and OpenAI-compatible endpoint "
                    "for another provider's models."),)


def variables() -> list[Var]:
    """Every documented variable, in the order of the configuration table."""
    out = [f.metadata["var"] for f in fields(Settings)]
    at = next(i for i, v in enumerate(out) if v.name == "OPENAI_BASE_URL") + 1
    return [*out[:at], *PATTERN_VARS, *out[at:]]


def env(name: str) -> str:
    """The raw value of one variable ("" when unset): for the ``<PROVIDER>_API_KEY`` pattern variables."""
    return os.environ.get(name, "")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and check every variable (default when unset); :class:`ConfigError` names a bad one."""
    source = os.environ if environ is None else environ
    values = {}
    for f in fields(Settings):
        var: Var = f.metadata["var"]
        values[f.name] = f.metadata["parse"](source.get(var.name, var.default), var.name)
    return Settings(**values)


def apply_process_defaults(settings: Settings | None = None) -> None:
    """Offline, private process defaults (no telemetry, no hub calls) unless already set; call once per entry
    point before heavy imports. ``EA_ONLINE`` lets Hugging Face downloads through."""
    for key, value in PROCESS_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if settings is not None and settings.online:
        os.environ["HF_HUB_OFFLINE"] = os.environ["TRANSFORMERS_OFFLINE"] = "0"
