"""Settings from EA_* variables: one typed object, defaults, normalisation, errors that name the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import fields

import pytest

from app.errors import ConfigError
from app.settings import Settings, apply_process_defaults, load_settings, parse_origins, parse_root_path, variables
from tests.app.server_util import REPO


def test_every_variable_is_documented_and_the_readme_table_is_generated_from_them():
    from eval.readme import env_table

    names = [v.name for v in variables()]
    assert len(names) == len(set(names)) and len(names) == len(fields(Settings)) + 1
    for var in variables():
        assert var.doc.endswith(".") and len(var.doc) > 15, var.name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- env-table:start -->\n", 1)[1].split("<!-- env-table:end -->", 1)[0]
    assert block == env_table(), "run `python -m eval.readme` to regenerate README's configuration table"


def test_defaults_are_private_and_local():
    settings = load_settings({})
    assert settings == Settings()
    assert settings.host == "127.0.0.1" and settings.port == 7860 and settings.allowed_origins == ()
    assert settings.basic_auth is None and settings.log_user_text is False and settings.online is False
    assert settings.frame_ancestors == "frame-ancestors 'self'"
    assert settings.data_dir == REPO / ".data" and settings.chroma_host is None


def test_values_from_the_environment():
    settings = load_settings({
        "EA_ALLOWED_ORIGINS": " https://Docs.Example.com/ , http://intranet:8080,https://docs.example.com",
        "EA_ROOT_PATH": "advisor/", "EA_BASIC_AUTH": "team:s3cret:with:colons", "EA_MAX_UPLOAD_MB": "2.5",
        "EA_SESSION_TTL_MIN": "30", "EA_LOG_USER_TEXT": "yes", "EA_CHROMA_HOST": "chroma.internal",
        "EA_CHROMA_PORT": "9000", "EA_DATA_DIR": "/srv/advisor"})
    assert settings.allowed_origins == ("https://docs.example.com", "http://intranet:8080")
    assert settings.frame_ancestors == "frame-ancestors 'self' https://docs.example.com http://intranet:8080"
    assert settings.root_path == "/advisor"
    assert settings.basic_auth == ("team", "s3cret:with:colons")
    assert settings.max_upload_bytes == int(2.5 * 1024 * 1024) and settings.session_ttl_s == 1800
    assert settings.log_user_text
    assert settings.kb_config().chroma_host == "chroma.internal" and settings.kb_config().chroma_port == 9000
    assert str(settings.data_dir) == "/srv/advisor"


def test_secrets_stay_out_of_the_repr():
    settings = load_settings({"EA_BASIC_AUTH": "team:s3cret", "OPENAI_API_KEY": "sk-hidden", "EA_CHROMA_TOKEN": "tok-hidden"})
    shown = repr(settings)
    assert "s3cret" not in shown and "sk-hidden" not in shown and "tok-hidden" not in shown
    assert settings.openai_api_key == "sk-hidden"


@pytest.mark.parametrize("name, value, words", [
    ("EA_ALLOWED_ORIGINS", "*", "no wildcard"),
    ("EA_ALLOWED_ORIGINS", "docs.example.com", "not an origin"),
    ("EA_ALLOWED_ORIGINS", "https://docs.example.com/path", "no path"),
    ("EA_PORT", "http", "whole number"),
    ("EA_PORT", "-1", "at least 0"),
    ("EA_CHROMA_PORT", "eight thousand", "whole number"),
    ("EA_CONCURRENCY", "0", "at least 1"),
    ("EA_MAX_UPLOAD_MB", "lots", "a number"),
    ("EA_BASIC_AUTH", "justuser", "user:password"),
    ("EA_ROOT_PATH", "https://x/advisor", "must be a path"),
    ("EA_LOG_LEVEL", "loud", "debug, info"),
    ("EA_ALLOWED_HOSTS", "https://advisor.example.com", "not a host name"),
    ("EA_ALLOWED_HOSTS", "advisor.example.com:8443", "no scheme, port"),
    ("EA_ALLOWED_HOSTS", "*.", "not a host name"),
    ("EA_MAX_REQUEST_MB", "0", "at least"),
    ("EA_SESSIONS_PER_MIN", "0.5", "at least 1"),
])
def test_bad_values_raise_one_config_error_that_names_the_variable(name, value, words):
    with pytest.raises(ConfigError) as err:
        load_settings({name: value})
    assert name in str(err.value) and words in str(err.value)
    assert isinstance(err.value, ValueError)


def test_allowed_hosts_always_include_the_loopback_names_and_the_configured_host():
    assert load_settings({}).trusted_hosts == ("localhost", "127.0.0.1", "::1")
    assert load_settings({"EA_HOST": "0.0.0.0"}).trusted_hosts == ("localhost", "127.0.0.1", "::1")
    got = load_settings({"EA_HOST": "10.0.0.5", "EA_ALLOWED_HOSTS": "Advisor.Example.com., *.intranet.example, [fe80::1]"})
    assert got.trusted_hosts == ("localhost", "127.0.0.1", "::1", "10.0.0.5", "advisor.example.com",
                                 "*.intranet.example", "fe80::1")
    assert load_settings({"EA_ALLOWED_HOSTS": " * "}).allowed_hosts == ("*",)


def test_root_path_and_origin_helpers():
    assert parse_root_path("") == parse_root_path("/") == ""
    assert parse_root_path("/a/b/") == "/a/b"
    assert parse_origins("") == ()


def test_loading_never_changes_the_environment_and_the_entry_point_applies_the_defaults(monkeypatch):
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EA_ONLINE", "true")
    before = dict(os.environ)
    settings = load_settings()
    assert dict(os.environ) == before and settings.online
    apply_process_defaults(settings)
    assert os.environ["HF_HUB_OFFLINE"] == "0" and os.environ["HF_HUB_DISABLE_TELEMETRY"] == "1"
    monkeypatch.delenv("HF_HUB_OFFLINE")
    apply_process_defaults(load_settings({}))
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_python_m_app_reports_a_bad_setting_without_a_traceback():
    proc = subprocess.run([sys.executable, "-m", "app"], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "EA_ALLOWED_ORIGINS": "*"})
    assert proc.returncode == 2 and proc.stderr.startswith("error: EA_ALLOWED_ORIGINS") and "Traceback" not in proc.stderr
    listed = subprocess.run([sys.executable, "-m", "app", "--env"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "EA_ALLOWED_ORIGINS" in listed.stdout and "EA_BASIC_AUTH" in listed.stdout


def test_the_cli_reports_a_bad_port_like_any_bad_setting():
    proc = subprocess.run([sys.executable, "-m", "app.cli", "kb", "stats"], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "EA_CHROMA_PORT": "eight thousand"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: EA_CHROMA_PORT must be a whole number")
