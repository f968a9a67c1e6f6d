"""Report export: every section in every format, offline HTML (checked in Chromium with the network off),
print styles, escaping of hostile values, atomic writes, and a reproduce command that really reproduces."""

from __future__ import annotations

import base64
import errno
import json
import os
import re
import subprocess
import sys

import pytest

from app.report import render as report_mod
from app.report.content import SECTION_KEYS
from app.report.render import ReportError, render_html, render_json, render_markdown, render_pdf, write_reports
from tests.app.browser import requested_urls, wait_for
from tests.app.server_util import REPO

PROFILE = {"data_type": "text", "task": "search", "domain": "medical", "languages": ["en"], "privacy": "local_only",
           "documents": 50000, "hardware": "cpu"}
TITLES = {"profile": "Your needs", "picks": "Recommended models", "tradeoffs": "Trade-offs",
          "specialists": "Domain specialists", "excluded": "Why not these?", "footprint": "Footprint at your scale",
          "trial": "Trial on your data", "assumptions": "Assumptions", "steps": "How this was computed",
          "knowledge_base": "Knowledge base", "reproduce": "How to reproduce"}


@pytest.fixture(scope="module")
def advised(real_kb):
    """A real recommendation with a real trial (packaged MiniLM + BM25 on the medical FAQ demo) attached."""
    from agents.advisor import Advisor
    from agents.converse.state import compact_trial
    from agents.profile import parse_profile
    from agents.trial import demo_sample, run_trial

    advisor = Advisor(real_kb)
    sample, queries = demo_sample("medical_faq").load()
    trial = run_trial(sample, queries, [], catalog=real_kb.catalog, corpus_size=50000, n_boot=200).to_dict()
    rec = advisor.recommend(parse_profile(PROFILE), top=3, trial=compact_trial(trial)).to_dict()
    return advisor, rec, trial


def test_every_section_in_markdown_and_html(advised):
    advisor, rec, trial = advised
    md = render_markdown(rec, trial, advisor.kb.get)
    html = render_html(rec, trial, advisor.kb.get)
    for key in SECTION_KEYS:
        assert f"## {TITLES[key]}" in md.replace("\\?", "?"), key
        assert f'<section id="section-{key}"><h2>' in html, key
    top = rec["recommendations"][0]
    for text in (top["model"], top["evidence"]["text"].split(",")[0], rec["excluded"][0]["model"],
                 rec["knowledge_base"]["snapshot_date"], "ndcg@10", "all-MiniLM-L6-v2"):
        assert text in md and text in html, text
    assert rec["recommendations"][0]["footprint"]["summary"]
    assert "float32" in html.split('id="section-footprint"')[1]


def test_html_is_self_contained_and_print_ready(advised):
    advisor, rec, trial = advised
    html = render_html(rec, trial, advisor.kb.get)
    lowered = html.lower()
    for forbidden in ("<script", "<link", "<iframe", "@import", "url(", " src=", "javascript:"):
        assert forbidden not in lowered, forbidden
    assert "default-src 'none'" in html and "@media print" in html
    assert re.search(r'<figure><svg xmlns="http://www.w3.org/2000/svg"', html)   # charts inlined as SVG
    assert html.count("<svg") >= 2                                                # trade-off + trial chart


def test_html_opens_offline_in_chromium_and_prints(advised, browser_factory, tmp_path):
    advisor, rec, trial = advised
    path = tmp_path / "report.html"
    path.write_text(render_html(rec, trial, advisor.kb.get), encoding="utf-8")
    d = browser_factory()
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": 0,
                                                           "uploadThroughput": 0})
    d.get(path.as_uri())
    from selenium.webdriver.common.by import By

    wait_for(lambda: d.find_element(By.TAG_NAME, "h1").text == "Embedding model recommendation", what="the report")
    for key in SECTION_KEYS:
        heading = d.find_element(By.CSS_SELECTOR, f"#section-{key} h2")
        assert heading.is_displayed() and heading.text == TITLES[key]
    assert d.find_elements(By.CSS_SELECTOR, "#section-tradeoffs svg circle")
    assert d.find_elements(By.CSS_SELECTOR, "#section-trial svg rect")
    urls = requested_urls(d)
    assert path.as_uri() in urls and not [u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss")]
    pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2


def _pdf_text(pdf: bytes) -> str:
    """Text drawn with the PDF core fonts (readable once the content streams are inflated)."""
    import zlib

    out = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(out)


def test_pdf_report_has_every_section(advised, monkeypatch):
    advisor, rec, trial = advised
    pdf = render_pdf(rec, trial, advisor.kb.get)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 3
    # Without the DejaVu fonts the PDF falls back to the core font, whose text can be read back here.
    import app.report.pdf as report_pdf

    monkeypatch.setattr(report_pdf, "FONT_DIRS", ())
    text = _pdf_text(render_pdf(rec, trial, advisor.kb.get))
    for key in SECTION_KEYS:
        assert f"({TITLES[key]})" in text, key
    assert rec["recommendations"][0]["model"] in text and "Latin-1" in text


def test_json_report_is_the_recommendation_plus_trial(advised):
    _, rec, trial = advised
    data = json.loads(render_json(rec, trial))
    assert data["recommendation"] == json.loads(json.dumps(rec, default=str))
    assert data["trial"]["best"] == trial["best"] and data["report_version"] == 1


def test_reproduce_command_really_reproduces(advised, server_data_dir, tmp_path):
    _, rec, trial = advised
    md = render_markdown(rec, trial)
    script = re.search(r"```sh\n(.*?)\n```", md, re.S).group(1)
    profile_json = re.search(r"<<'EOF'\n(.*?)\nEOF", script, re.S).group(1)
    assert json.loads(profile_json) == {k: v for k, v in rec["profile"].items() if v is not None}
    command = script.splitlines()[-1]
    assert command.startswith("python -m app.cli recommend --profile profile.json")
    (tmp_path / "profile.json").write_text(profile_json)
    args = [sys.executable, *command.split()[1:]]
    env = {**os.environ, "EA_DATA_DIR": str(server_data_dir)}
    out = subprocess.run(args, cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    again = json.loads(out.stdout)
    assert [p["model"] for p in again["recommendations"]] == [p["model"] for p in rec["recommendations"]]


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_values_are_escaped_everywhere():
    rec = {"profile": {"domain": None, "languages": [HOSTILE[:3]]},
           "recommendations": [{"model": HOSTILE, "rank": 1, "score": 50.0, "reasons": [HOSTILE], "caveats": [HOSTILE],
                                "footprint": {"notes": [HOSTILE]}, "evidence": {"text": HOSTILE},
                                "facts": {"n_parameters": 1000000, "open_weights": True, "license": HOSTILE}}],
           "excluded": [{"model": HOSTILE, "reasons": [HOSTILE], "score": 40.0}],
           "questions": [{"text": HOSTILE}], "assumptions": [HOSTILE], "steps": [HOSTILE],
           "knowledge_base": {"snapshot_date": HOSTILE}}
    trial = {"candidates": [{"model": HOSTILE, "metrics": {"ndcg@10": 0.5}, "ci95": {"ndcg@10": [0.4, 0.6]}}],
             "summary": [HOSTILE], "sample": {"source": HOSTILE}, "best": HOSTILE}
    html = render_html(rec, trial, lookup=lambda _: None)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;" in html
    md = render_markdown(rec, trial)
    assert not re.search(r"(?<!\\)<(script|img)", md) and "\\<script\\>" in md


def test_write_reports_writes_all_formats(advised, tmp_path):
    advisor, rec, trial = advised
    paths = write_reports(rec, trial, tmp_path / "out", advisor.kb.get)
    assert sorted(paths) == ["html", "json", "md", "pdf"]
    assert all(p.exists() and p.stat().st_size > 500 for p in paths.values())
    assert sorted(x.name for x in (tmp_path / "out").iterdir()) == ["embedding-advice.html", "embedding-advice.json",
                                                                    "embedding-advice.md", "embedding-advice.pdf"]


def test_disk_full_gives_a_clear_error_and_leaves_no_partial_file(advised, tmp_path, monkeypatch):
    advisor, rec, trial = advised
    out = tmp_path / "out"
    write_reports(rec, trial, out, advisor.kb.get)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd, *a, **k):
            self.fh = real_fdopen(fd, *a, **k)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_mod.os, "fdopen", Full)
    with pytest.raises(ReportError, match="No space left on device"):
        write_reports(rec, trial, out, advisor.kb.get)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before   # old reports intact, no temp files


def test_unwritable_folder_is_a_clear_error(advised, tmp_path):
    _, rec, trial = advised
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="could not write the md report"):
        write_reports(rec, trial, blocker / "sub")


def test_time_to_embed_shows_the_estimate_at_the_assumed_length_instead_of_nothing():
    """Documents known, length not: the pick's card shows the ranking's estimate and asks for the length, so the
    card and the sentence above it ("indexes your corpus in ~38 h") agree."""
    from app.report.views import footprint_facts
    pick = {"facts": {"open_weights": True}, "footprint": {"encode_hours": {"cpu": None}},
            "feasibility": {"encode": {"hours": 38.4}}}
    facts = dict(footprint_facts(pick, {"documents": 2_000_000, "hardware": "cpu"}))
    assert facts["Time to embed your corpus"].startswith("~38") and "how long the documents are" in \
        facts["Time to embed your corpus"]
    facts = dict(footprint_facts({"facts": {"open_weights": True}}, {}))
    assert facts["Time to embed your corpus"] == "tell me how many documents, and how long"
