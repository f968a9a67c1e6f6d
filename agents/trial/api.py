"""An OpenAI-compatible embeddings client, used only for API models the user configured explicitly.

Nothing is sent anywhere unless an :class:`ApiEndpoint` for the model's provider is passed to the
trial (the CLI builds one from ``OPENAI_API_KEY`` / ``<PROVIDER>_API_KEY`` + ``<PROVIDER>_BASE_URL``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from agents.errors import TrialError
from agents.trial.encoders import Side


@dataclass(frozen=True)
class ApiEndpoint:
    """Where and how to call an OpenAI-compatible ``POST {base_url}/embeddings``."""

    provider: str
    api_key: str
    base_url: str = "https://api.openai.com/v1"
    timeout_s: float = 60.0
    max_batch: int = 64
    retries: int = 2

    def __repr__(self) -> str:  # never print the key
        return f"ApiEndpoint(provider={self.provider!r}, base_url={self.base_url!r})"


class ApiError(TrialError, RuntimeError):
    """The embeddings API refused or failed; the message has the status and the service's explanation."""


class ApiEncoder:
    """Encodes through an OpenAI-compatible embeddings endpoint; counts tokens from the API's usage field."""

    max_seq_length: int | None = None

    def __init__(self, model: str, api_model: str, endpoint: ApiEndpoint, max_tokens: int | None = None,
                 query_prefix: str | None = None, document_prefix: str | None = None):
        self.model = model
        self.api_model = api_model
        self.endpoint = endpoint
        self.max_seq_length = max_tokens
        self._prefix = {"query": query_prefix or "", "document": document_prefix or ""}
        self.tokens_used = 0
        self.texts_sent = 0
        self._client = None

    def load(self) -> None:
        import httpx

        self._client = httpx.Client(base_url=self.endpoint.base_url.rstrip("/"), timeout=self.endpoint.timeout_s,
                                    headers={"Authorization": f"Bearer {self.endpoint.api_key}"})

    def prompt(self, side: Side) -> str:
        return self._prefix[side]

    def encode(self, texts: list[str], side: Side) -> np.ndarray:
        out = []
        prompt = self.prompt(side)
        for start in range(0, len(texts), self.endpoint.max_batch):
            chunk = [prompt + t for t in texts[start:start + self.endpoint.max_batch]]
            out.append(self._post(chunk))
        return np.concatenate(out) if out else np.zeros((0, 0), np.float32)

    def _post(self, chunk: list[str]) -> np.ndarray:
        import httpx

        payload = {"model": self.api_model, "input": chunk, "encoding_format": "float"}
        for attempt in range(self.endpoint.retries + 1):
            try:
                resp = self._client.post("/embeddings", json=payload)
            except httpx.HTTPError as exc:
                if attempt == self.endpoint.retries:
                    raise ApiError(f"{self.endpoint.base_url}: {type(exc).__name__}: {exc}") from exc
                time.sleep(min(2.0 ** attempt, 10.0))
                continue
            if resp.status_code in (429, 500, 502, 503, 504) and attempt < self.endpoint.retries:
                time.sleep(min(float(resp.headers.get("retry-after", 2.0 ** attempt)), 10.0))
                continue
            if resp.status_code != 200:
                raise ApiError(f"{self.endpoint.base_url}/embeddings returned HTTP {resp.status_code}: "
                               f"{resp.text[:300]}")
            try:
                body = resp.json()
                rows = sorted(body["data"], key=lambda r: r["index"])
                vecs = np.asarray([r["embedding"] for r in rows], dtype=np.float32)
            except (ValueError, KeyError, TypeError) as exc:
                raise ApiError(f"{self.endpoint.base_url}/embeddings sent an unexpected response: {exc}") from exc
            self.tokens_used += int((body.get("usage") or {}).get("total_tokens") or 0)
            self.texts_sent += len(chunk)
            return vecs
        raise ApiError("unreachable")  # pragma: no cover

    def count_tokens(self, texts: list[str], side: Side) -> list[int] | None:
        return None  # the provider's tokenizer is not available here; usage totals come from the API

    def weights_bytes(self) -> int | None:
        return None
