"""The optional language model of the chat, built from the settings (``EA_LLM_*``); None when not configured.

Without ``EA_LLM_BASE_URL`` the advisor runs on its rules alone and no message leaves the machine.
"""

from __future__ import annotations

from typing import Any

from app.settings import Settings


def make_assistant(settings: Settings) -> Any | None:
    """An :class:`agents.understand.assist.LLMAssist` for the configured endpoint, or None."""
    if not settings.llm_base_url or not settings.llm_model:
        return None
    from agents.understand.assist import LLMAssist
    from agents.understand.openai_chat import OpenAIChat

    return LLMAssist(OpenAIChat(settings.llm_base_url, settings.llm_model, settings.llm_api_key,
                                timeout_s=settings.llm_timeout_s))
