"""Web settings parsed from EA_* variables: defaults, normalisation, and errors that name the variable."""

from __future__ import annotations

import pytest

from app.settings import ENV_VARS
from app.web_settings import ConfigError, WebSettings, load_web_settings, parse_origins, parse_root_path

WEB_VARS = ("EA_HOST", "EA_PORT", "EA_ROOT_PATH", "EA_ALLOWED_ORIGINS", "EA_BASIC_AUTH", "EA_MAX_UPLOAD_MB",
            "EA_CONCURRENCY", "EA_QUEUE_SIZE", "EA_SESSION_TTL_MIN", "EA_MAX_SESSIONS", "EA_LOG_USER_TEXT",
            "EA_LOG_LEVEL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in WEB_VARS:
        monkeypatch.delenv(name, raising=False)


def test_every_web_variable_is_documented():
    for name in WEB_VARS:
        default, description = ENV_VARS[name]
        assert description.endswith(".") and len(description) > 15, name


def test_defaults_are_private_and_local():
    web = load_web_settings()
    assert web == WebSettings()
    assert web.host == "127.0.0.1" and web.port == 7860 and web.allowed_origins == ()
    assert web.basic_auth is None and web.log_user_text is False
    assert web.frame_ancestors == "frame-ancestors 'self'"


def test_values_from_the_environment(monkeypatch):
    monkeypatch.setenv("EA_ALLOWED_ORIGINS", " https://Docs.Example.com/ , http://intranet:8080,https://docs.example.com")
    monkeypatch.setenv("EA_ROOT_PATH", "advisor/")
    monkeypatch.setenv("EA_BASIC_AUTH", "team:s3cret:with:colons")
    monkeypatch.setenv("EA_MAX_UPLOAD_MB", "2.5")
    monkeypatch.setenv("EA_SESSION_TTL_MIN", "30")
    monkeypatch.setenv("EA_LOG_USER_TEXT", "yes")
    web = load_web_settings()
    assert web.allowed_origins == ("https://docs.example.com", "http://intranet:8080")
    assert web.frame_ancestors == "frame-ancestors 'self' https://docs.example.com http://intranet:8080"
    assert web.root_path == "/advisor"
    assert web.basic_auth == ("team", "s3cret:with:colons")
    assert web.max_upload_bytes == int(2.5 * 1024 * 1024) and web.session_ttl_s == 1800 and web.log_user_text


@pytest.mark.parametrize("name, value, words", [
    ("EA_ALLOWED_ORIGINS", "*", "no wildcard"),
    ("EA_ALLOWED_ORIGINS", "docs.example.com", "not an origin"),
    ("EA_ALLOWED_ORIGINS", "https://docs.example.com/path", "no path"),
    ("EA_PORT", "http", "whole number"),
    ("EA_PORT", "-1", "at least 0"),
    ("EA_CONCURRENCY", "0", "at least 1"),
    ("EA_MAX_UPLOAD_MB", "lots", "a number"),
    ("EA_BASIC_AUTH", "justuser", "user:password"),
    ("EA_ROOT_PATH", "https://x/advisor", "must be a path"),
    ("EA_LOG_LEVEL", "loud", "debug, info"),
])
def test_bad_values_name_the_variable(monkeypatch, name, value, words):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        load_web_settings()
    assert name in str(err.value) and words in str(err.value)


def test_root_path_and_origin_helpers():
    assert parse_root_path("") == parse_root_path("/") == ""
    assert parse_root_path("/a/b/") == "/a/b"
    assert parse_origins("") == ()


def test_python_m_app_reports_a_bad_setting_without_a_traceback(monkeypatch):
    import subprocess
    import sys

    from tests.app.server_util import REPO

    proc = subprocess.run([sys.executable, "-m", "app"], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "EA_ALLOWED_ORIGINS": "*"})
    assert proc.returncode == 2 and proc.stderr.startswith("error: EA_ALLOWED_ORIGINS") and "Traceback" not in proc.stderr
    listed = subprocess.run([sys.executable, "-m", "app", "--env"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "EA_ALLOWED_ORIGINS" in listed.stdout and "EA_BASIC_AUTH" in listed.stdout
