"""Configuration from environment variables: the only place the product reads the environment.

Every variable is optional; defaults keep everything offline, private and on this machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.base import KBConfig
from knowledge.cards import CARDS_DIR
from knowledge.embedding import DEFAULT_MODEL

REPO_ROOT = Path(__file__).resolve().parent.parent

# Offline and private by default: no telemetry, no analytics, no hub calls, no tokenizer fork warnings.
_PROCESS_DEFAULTS = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}

# name -> (default, description); README's configuration table is generated from this.
ENV_VARS: dict[str, tuple[str, str]] = {
    "EA_DATA_DIR": (".data", "Directory for the Chroma store, the validated card snapshot and logs."),
    "EA_CARDS_DIR": ("knowledge/cards", "Directory of YAML model cards."),
    "EA_EMBED_MODEL": (DEFAULT_MODEL, "Embedding model for the knowledge index: HF id or local path."),
    "EA_CHROMA_HOST": ("", "Chroma server host; set to use client/server mode instead of the embedded store."),
    "EA_CHROMA_PORT": ("8000", "Chroma server port."),
    "EA_CHROMA_SSL": ("false", "Use HTTPS for the Chroma server."),
    "EA_CHROMA_TOKEN": ("", "Bearer token for the Chroma server, if it requires one."),
    "EA_ONLINE": ("false", "Allow Hugging Face downloads (sets HF_HUB_OFFLINE=0)."),
    "OPENAI_API_KEY": ("", "Trial only: lets the trial embed your sample with OpenAI models "
                           "(your sample then leaves the machine)."),
    "OPENAI_BASE_URL": ("", "Trial only: an OpenAI-compatible embeddings endpoint (default https://api.openai.com/v1)."),
    "<PROVIDER>_API_KEY / <PROVIDER>_BASE_URL": ("", "Trial only: key and OpenAI-compatible endpoint for another "
                                                     "provider's models."),
    # Web app, widget and HTTP API (python -m app); parsed in app/web_settings.py.
    "EA_HOST": ("127.0.0.1", "Interface the web app listens on (0.0.0.0 to serve other machines)."),
    "EA_PORT": ("7860", "Port the web app listens on."),
    "EA_ROOT_PATH": ("", "Path prefix when served behind a reverse proxy, e.g. /advisor (the proxy strips it)."),
    "EA_ALLOWED_ORIGINS": ("", "Comma-separated origins (https://docs.example.com) allowed to embed the widget "
                           "(CSP frame-ancestors) and call the API from a browser (CORS). Empty: only the app itself."),
    "EA_BASIC_AUTH": ("", "user:password to require HTTP basic auth on every page and API route except /health."),
    "EA_MAX_UPLOAD_MB": ("10", "Largest upload (trial sample) accepted, in megabytes."),
    "EA_CONCURRENCY": ("2", "Web events (chat turns, trials) processed at the same time; others wait in the queue."),
    "EA_QUEUE_SIZE": ("100", "Most events waiting in the queue before new ones are refused."),
    "EA_SESSION_TTL_MIN": ("60", "Minutes an idle API chat session is kept before it expires."),
    "EA_MAX_SESSIONS": ("1000", "Most API chat sessions kept at once (the least recently used idle one is dropped)."),
    "EA_LOG_USER_TEXT": ("false", "Write user messages and samples to the log (off: logs hold only sizes and timings)."),
    "EA_LOG_LEVEL": ("info", "Log level of the web app: debug, info, warning, error."),
}


@dataclass(frozen=True)
class Settings:
    """Resolved configuration."""

    data_dir: Path
    cards_dir: Path
    embed_model: str
    chroma_host: str | None
    chroma_port: int
    chroma_ssl: bool
    chroma_token: str | None
    online: bool
    extra: dict[str, str] = field(default_factory=dict)

    def kb_config(self) -> KBConfig:
        return KBConfig(cards_dir=self.cards_dir, data_dir=self.data_dir, embed_model=self.embed_model,
                        chroma_host=self.chroma_host, chroma_port=self.chroma_port, chroma_ssl=self.chroma_ssl,
                        chroma_token=self.chroma_token)


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _path(value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else REPO_ROOT / p


def env(name: str) -> str:
    """The value of one documented variable (default when unset)."""
    return os.environ.get(name, ENV_VARS[name][0] if name in ENV_VARS else "")


def load_settings() -> Settings:
    """Read the environment, apply the offline/privacy process defaults, and return the settings."""
    online = _flag(env("EA_ONLINE"))
    for key, value in _PROCESS_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if online:
        os.environ["HF_HUB_OFFLINE"] = os.environ["TRANSFORMERS_OFFLINE"] = "0"
    try:
        port = int(env("EA_CHROMA_PORT"))
    except ValueError:
        raise SystemExit(f"EA_CHROMA_PORT must be a number, got {env('EA_CHROMA_PORT')!r}") from None
    cards = os.environ.get("EA_CARDS_DIR")
    return Settings(
        data_dir=_path(env("EA_DATA_DIR")),
        cards_dir=_path(cards) if cards else CARDS_DIR,
        embed_model=env("EA_EMBED_MODEL") or DEFAULT_MODEL,
        chroma_host=env("EA_CHROMA_HOST") or None,
        chroma_port=port,
        chroma_ssl=_flag(env("EA_CHROMA_SSL")),
        chroma_token=env("EA_CHROMA_TOKEN") or None,
        online=online,
    )
