"""A minimal client for any OpenAI-compatible chat endpoint (a local Ollama, llama.cpp or vLLM server, or a hosted API).

    chat = OpenAIChat("http://localhost:11434/v1", "qwen2.5:3b-instruct", timeout_s=20)
    chat.invoke([SystemMessage(content="..."), HumanMessage(content="...")])   # -> the reply text

It speaks ``POST {base_url}/chat/completions`` with ``temperature: 0`` and returns the first choice's text.
``invoke`` takes LangChain messages (anything with ``type`` and ``content``) or ``{"role", "content"}`` dicts, so
:mod:`agents.understand.llm` can use it like a LangChain chat model. Every failure (no connection, timeout, an
HTTP error, a body that is not the expected JSON) raises :class:`LLMError`; after one, calls fail fast for
``cooldown_s`` seconds so a dead server does not add its timeout to every chat turn.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx

_ROLES = {"system": "system", "human": "user", "user": "user", "ai": "assistant", "assistant": "assistant"}
MAX_REPLY_CHARS = 20_000     # a longer reply is cut: the callers parse a short JSON object or a label


class LLMError(RuntimeError):
    """The language model did not give a usable reply (the message says why, never the key)."""


def _message(m: Any) -> dict[str, str]:
    if isinstance(m, dict):
        return {"role": _ROLES.get(str(m.get("role")), "user"), "content": str(m.get("content", ""))}
    return {"role": _ROLES.get(str(getattr(m, "type", "user")), "user"), "content": str(getattr(m, "content", m))}


class OpenAIChat:
    """One configured endpoint and model; thread-safe (the web app serves several chats at once)."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout_s: float = 20.0,
                 cooldown_s: float = 30.0, max_tokens: int = 400, transport: httpx.BaseTransport | None = None):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model, self.timeout_s, self.cooldown_s, self.max_tokens = model, timeout_s, cooldown_s, max_tokens
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(headers=headers, timeout=httpx.Timeout(timeout_s), transport=transport,
                                    follow_redirects=False, trust_env=False)
        self._lock = threading.Lock()
        self._failed_at: float | None = None

    def __repr__(self) -> str:   # never the key
        return f"OpenAIChat({self.url!r}, model={self.model!r})"

    def _cooling(self) -> bool:
        with self._lock:
            return self._failed_at is not None and time.monotonic() - self._failed_at < self.cooldown_s

    def _mark(self, failed: bool) -> None:
        with self._lock:
            self._failed_at = time.monotonic() if failed else None

    def invoke(self, messages: Sequence[Any]) -> str:
        """The reply text to ``messages``; :class:`LLMError` on any failure."""
        if self._cooling():
            raise LLMError("the language model failed moments ago; not asked again yet")
        body = {"model": self.model, "messages": [_message(m) for m in messages], "temperature": 0,
                "max_tokens": self.max_tokens, "stream": False}
        try:
            response = self._client.post(self.url, json=body)
            response.raise_for_status()
            data = response.json()
            text = data["choices"][0]["message"]["content"]
            if not isinstance(text, str):
                raise TypeError("content is not text")
        except httpx.TimeoutException:
            self._mark(True)
            raise LLMError(f"no reply within {self.timeout_s:g} s") from None
        except httpx.HTTPStatusError as exc:
            self._mark(True)
            raise LLMError(f"the server answered HTTP {exc.response.status_code}") from None
        except httpx.HTTPError as exc:
            self._mark(True)
            raise LLMError(f"cannot reach the server ({type(exc).__name__})") from None
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            self._mark(True)
            raise LLMError(f"the reply is not an OpenAI-style chat completion ({type(exc).__name__})") from None
        self._mark(False)
        return text[:MAX_REPLY_CHARS]

    def close(self) -> None:
        self._client.close()
