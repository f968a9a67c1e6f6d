"""``python -m app.cli recommend|chat`` as a user runs them: real processes, the real knowledge base."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agents.profile import PROFILE_FIELDS

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def env(real_kb, kb_data_dir) -> dict[str, str]:
    """The CLI pointed at the session's synced index (built once by ``real_kb``)."""
    return {**os.environ, "EA_DATA_DIR": str(kb_data_dir), "HF_HUB_OFFLINE": "1"}


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def write(tmp_path: Path, text: str, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_recommend_prints_the_json_contract(env, tmp_path):
    profile = write(tmp_path, "data_type: text\ntask: search\nlanguages: [en]\nprivacy: local_only\n"
                              "commercial_use: true\ndocuments: 100000\navg_doc_tokens: 300\n")
    proc = cli(env, "recommend", "--profile", str(profile), "--top", "2")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out["profile"]) == set(PROFILE_FIELDS) and out["profile"]["privacy"] == "local_only"
    assert [r["rank"] for r in out["recommendations"]] == [1, 2]
    assert all({"model", "rank", "score", "reasons", "caveats", "footprint"} <= set(r) for r in out["recommendations"])
    assert out["evidence"]["metric"]["label"] == "MTEB(eng, v2) Retrieval"
    assert "semantic search unavailable" not in proc.stderr  # the synced index is used


def test_recommend_markdown(env, tmp_path):
    profile = write(tmp_path, "data_type: code\ntask: search\nprivacy: local_only\n")
    proc = cli(env, "recommend", "--profile", str(profile), "--format", "md")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Embedding model recommendation") and "MTEB(Code, v1)" in proc.stdout
    picks = json.loads(cli(env, "recommend", "--profile", str(profile)).stdout)["recommendations"]
    section = proc.stdout.split("## Recommended models", 1)[1].split("\n## ", 1)[0]
    assert picks and all(p["model"] in section for p in picks)   # the same picks, in the report


def test_recommend_html_report_is_self_contained(env, tmp_path):
    profile = write(tmp_path, "data_type: text\ndomain: medical\nlanguages: [en]\nprivacy: local_only\n")
    proc = cli(env, "recommend", "--profile", str(profile), "--format", "html")
    assert proc.returncode == 0, proc.stderr
    html = proc.stdout
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "<script" not in html.lower() and "http://" not in html.replace("http://www.w3.org", "")
    top = html.split("Recommended models", 1)[1]
    assert "MTEB(Medical, v1)" in top and "python -m app.cli recommend --profile" in html
    pdf = tmp_path / "r.pdf"
    proc = cli(env, "recommend", "--profile", str(profile), "--format", "pdf", "--out", str(pdf))
    assert proc.returncode == 0, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("text, words", [
    ("privacy: maybe\n", ["field 'privacy'", "local_only, cloud_ok"]),
    ("data_type: video\n", ["field 'data_type'", "text, code, image, audio, multimodal"]),
    ("colour: blue\n", ["unknown field 'colour'", "valid fields: data_type"]),
    ("languages: [english]\n", ["field 'languages'", "ISO 639-1"]),
    ("data_type: [text\n", ["malformed YAML"]),
    ("- just\n- a list\n", ["expected a mapping"]),
])
def test_invalid_profile_names_field_and_allowed_values(env, tmp_path, text, words):
    proc = cli(env, "recommend", "--profile", str(write(tmp_path, text)))
    assert proc.returncode == 2 and proc.stdout == ""
    for w in words:
        assert w in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_empty_profile_answers_with_questions(env, tmp_path):
    proc = cli(env, "recommend", "--profile", str(write(tmp_path, "")))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["recommendations"] == [] and out["questions"]


def test_missing_file_and_bad_top_exit_2(env, tmp_path):
    assert cli(env, "recommend", "--profile", str(tmp_path / "nope.yaml")).returncode == 2
    proc = cli(env, "recommend", "--profile", str(write(tmp_path, "data_type: text\n")), "--top", "0")
    assert proc.returncode == 2 and "--top" in proc.stderr


def test_chat_script_reaches_a_recommendation_and_prints_the_final_state(env, tmp_path):
    script = write(tmp_path, "clinical notes in English and Spanish, nothing may leave our servers\n"
                             "\n"
                             "about 2 million notes, we only have CPUs with 16 GB\n"
                             "actually, cloud is fine\n", "chat.txt")
    proc = cli(env, "chat", "--script", str(script), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["profile"]["privacy"] == "cloud_ok" and out["profile"]["memory_gb"] == 16
    assert out["recommendations"] and len(out["transcript"]) == 3
    assert out["state"]["turns"] == 3 and out["state"]["profile"]["languages"] == ["en", "es"]


def test_chat_text_from_piped_stdin(env):
    proc = cli(env, "chat", stdin="product photos for our shop, a cloud API is fine\nEnglish\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("> ") >= 2 and "My top pick:" in proc.stdout
