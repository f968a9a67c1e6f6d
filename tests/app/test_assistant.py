"""The optional language model is built from EA_LLM_* only; without them the advisor runs on rules alone."""

from __future__ import annotations

import pytest

from app.assistant import make_assistant
from app.errors import ConfigError
from app.settings import load_settings


def test_without_settings_there_is_no_language_model():
    settings = load_settings({})
    assert settings.llm_base_url is None and make_assistant(settings) is None


def test_an_openai_compatible_endpoint_is_configured_by_three_variables():
    settings = load_settings({"EA_LLM_BASE_URL": "http://localhost:11434/v1/", "EA_LLM_MODEL": "qwen2.5:7b-instruct",
                              "EA_LLM_API_KEY": "sk-secret", "EA_LLM_TIMEOUT_S": "5"})
    assistant = make_assistant(settings)
    assert assistant is not None
    assert assistant.chat.url == "http://localhost:11434/v1/chat/completions" and assistant.chat.model == "qwen2.5:7b-instruct"
    assert assistant.chat.timeout_s == 5
    assert "sk-secret" not in repr(settings) and "sk-secret" not in repr(assistant.chat)


@pytest.mark.parametrize("environ, says", [
    ({"EA_LLM_BASE_URL": "http://localhost:11434/v1"}, "EA_LLM_MODEL"),
    ({"EA_LLM_BASE_URL": "localhost:11434", "EA_LLM_MODEL": "m"}, "EA_LLM_BASE_URL"),
    ({"EA_LLM_BASE_URL": "ftp://host/v1", "EA_LLM_MODEL": "m"}, "EA_LLM_BASE_URL"),
    ({"EA_LLM_BASE_URL": "http://h/v1", "EA_LLM_MODEL": "m", "EA_LLM_TIMEOUT_S": "soon"}, "EA_LLM_TIMEOUT_S"),
])
def test_bad_settings_name_the_variable(environ, says):
    with pytest.raises(ConfigError, match=says):
        load_settings(environ)
