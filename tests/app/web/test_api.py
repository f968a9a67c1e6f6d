"""HTTP API against the real server (python -m app in a subprocess, real knowledge base)."""

from __future__ import annotations

import concurrent.futures as cf

import httpx
import pytest

PROFILE = {"data_type": "text", "languages": ["en"], "privacy": "local_only", "domain": "medical", "task": "search",
           "documents": 200000}


@pytest.fixture(scope="module")
def client(app_server):
    with httpx.Client(base_url=app_server.url, timeout=60) as c:
        yield c


def test_health_reports_ready_knowledge_base(client):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["cards"] > 100 and body["index"] == "semantic"


def test_recommend_returns_the_cli_json(client):
    r = client.post("/api/recommend", json=PROFILE)
    assert r.status_code == 200, r.text
    rec = r.json()
    assert {"profile", "recommendations", "excluded", "questions", "assumptions", "steps", "knowledge_base"} <= set(rec)
    assert rec["profile"]["domain"] == "medical"
    picks = rec["recommendations"]
    assert 1 <= len(picks) <= 3 and [p["rank"] for p in picks] == list(range(1, len(picks) + 1))
    for p in picks:
        assert p["facts"]["open_weights"] is True  # local_only never yields an API model
        assert p["reasons"] and "footprint" in p
    assert all(x["reasons"] for x in rec["excluded"])


def test_recommend_same_as_the_advisor_in_process(client, real_kb):
    from agents.advisor import Advisor
    from agents.profile import parse_profile

    expected = Advisor(real_kb).recommend(parse_profile(PROFILE), top=5).to_dict()
    got = client.post("/api/recommend", params={"top": 5}, json=PROFILE).json()
    assert [p["model"] for p in got["recommendations"]] == [p["model"] for p in expected["recommendations"]]
    assert [x["model"] for x in got["excluded"]] == [x["model"] for x in expected["excluded"]]


def test_recommend_bad_value_names_field_and_allowed_values(client):
    r = client.post("/api/recommend", json={"data_type": "txt"})
    assert r.status_code == 422
    body = r.json()
    assert "data_type" in body["detail"] and "text" in body["detail"]
    assert body["errors"][0]["field"] == "data_type"
    assert body["errors"][0]["allowed"] == ["text", "code", "image", "audio", "multimodal"]


def test_recommend_unknown_field_lists_valid_fields(client):
    r = client.post("/api/recommend", json={"colour": "blue"})
    assert r.status_code == 422
    assert "colour" in r.json()["detail"] and "data_type" in r.json()["errors"][0]["valid_fields"]


@pytest.mark.parametrize("body, status, words", [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "empty"),
    (b"[1, 2]", 422, "JSON object"),
    (b"\xff\xfe\x00binary", 400, "not valid JSON"),
])
def test_recommend_malformed_bodies(client, body, status, words):
    r = client.post("/api/recommend", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status and words in r.json()["detail"]


@pytest.mark.parametrize("body, field", [
    (b'{"data_type": "text", "queries_per_second": 1e999}', "queries_per_second"),
    (b'{"data_type": "text", "memory_gb": NaN}', "memory_gb"),
    (b'{"data_type": "text", "latency_ms": -Infinity}', "latency_ms"),
    (b'{"data_type": "text", "documents": 1' + b"0" * 400 + b"}", "documents"),
])
def test_recommend_refuses_numbers_beyond_a_float_naming_the_field(client, body, field):
    r = client.post("/api/recommend", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert f"field {field!r}" in r.json()["detail"] and r.json()["errors"][0]["field"] == field


def test_recommend_oversized_body_is_413(client):
    r = client.post("/api/recommend", content=b'{"x": "' + b"a" * 2_200_000 + b'"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and "the limit is 2 MB (EA_MAX_REQUEST_MB)" in r.json()["detail"]


def test_chat_question_is_answered_with_its_intent_and_leaves_the_profile(client):
    first = client.post("/api/chat", json={"message": "Search over 40k English contracts, must stay on-prem."}).json()
    assert first["intent"] == "needs" and first["answer"] is None
    asked = client.post("/api/chat", json={"session_id": first["session_id"], "message": "is bge-m3 good for this?"})
    assert asked.status_code == 200, asked.text
    body = asked.json()
    assert body["intent"] == "model_question" and body["profile"] == first["profile"]
    assert body["answer"]["models"] == ["BAAI/bge-m3"] and "BAAI/bge-m3" in body["reply"]


def test_chat_multi_turn_reaches_a_recommendation(client):
    first = client.post("/api/chat", json={"message": "Semantic search over English clinical notes."}).json()
    sid = first["session_id"]
    assert first["profile"]["domain"] == "medical" and first["turns"] == 1
    second = client.post("/api/chat", json={"session_id": sid,
                                            "message": "Nothing may leave our servers; about 2 million notes, CPUs only."})
    assert second.status_code == 200, second.text
    body = second.json()
    assert body["session_id"] == sid and body["turns"] == 2
    assert body["profile"]["privacy"] == "local_only" and body["profile"]["documents"] == 2_000_000
    assert body["recommendation"] and body["recommendation"]["recommendations"]
    state = client.get(f"/api/chat/{sid}").json()
    assert state["profile"] == body["profile"] and len(state["state"]["history"]) == 4


def test_chat_accepts_messages_format_content_blocks(client):
    r = client.post("/api/chat", json={"message": [{"type": "text", "text": "English legal contracts,"},
                                                   {"type": "text", "text": "cloud APIs are fine"}]})
    assert r.status_code == 200, r.text
    assert r.json()["profile"]["domain"] == "legal" and r.json()["profile"]["privacy"] == "cloud_ok"


def test_chat_unknown_session_is_404_with_how_to_start(client):
    r = client.post("/api/chat", json={"session_id": "x" * 24, "message": "hello"})
    assert r.status_code == 404
    assert "without a session_id" in r.json()["detail"]
    assert client.get("/api/chat/not-a-session").status_code == 404


@pytest.mark.parametrize("payload, field", [({"message": ""}, "message"), ({"message": "   "}, "message"),
                                            ({"message": "x" * 9000}, "message"), ({"text": "hi"}, "text"),
                                            ({"message": 42}, "message")])
def test_chat_rejects_bad_payloads_with_422_naming_the_field(client, payload, field):
    r = client.post("/api/chat", json=payload)
    assert r.status_code == 422 and f"field {field!r}" in r.json()["detail"]
    assert {"field", "message", "type"} == set(r.json()["errors"][0]) and "x" * 100 not in r.text


def test_chat_malformed_json_is_400_like_recommend(client):
    r = client.post("/api/chat", content=b'{"message": ', headers={"content-type": "application/json"})
    assert r.status_code == 400 and "not valid JSON" in r.json()["detail"]


def test_hostile_text_is_kept_as_data_not_markup(client):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)> English tickets"
    r = client.post("/api/chat", json={"message": evil})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert "<script>" not in r.json()["reply"]


def test_a_lone_surrogate_in_a_message_survives_the_whole_session(client):
    body = b'{"message": "clinical notes \\ud800 in English, must stay on-prem, CPUs, 100k notes"}'
    r = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    sid = r.json()["session_id"]
    assert r.json()["profile"]["languages"] == ["en"] and r.json()["recommendation"]
    state = client.get(f"/api/chat/{sid}")
    assert state.status_code == 200, state.text
    assert state.json()["state"]["history"][0]["text"].startswith("clinical notes \ufffd in English")
    more = client.post("/api/chat", content=b'{"session_id": "' + sid.encode() + b'", "message": "\\udfff 16 GB RAM"}',
                       headers={"content-type": "application/json"})
    assert more.status_code == 200 and more.json()["turns"] == 2 and more.json()["profile"]["memory_gb"] == 16
    for fmt in ("md", "html", "json"):
        assert client.get(f"/api/chat/{sid}/report", params={"format": fmt}).status_code == 200, fmt


def test_session_delete_then_404(client):
    sid = client.post("/api/chat", json={"message": "English support tickets"}).json()["session_id"]
    assert client.delete(f"/api/chat/{sid}").status_code == 204
    assert client.post("/api/chat", json={"session_id": sid, "message": "more"}).status_code == 404


def test_session_report_in_every_format(client):
    sid = client.post("/api/chat", json={"message": "English clinical notes, must stay on-prem, CPUs, 100k notes"}
                      ).json()["session_id"]
    html = client.get(f"/api/chat/{sid}/report", params={"format": "html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert 'id="section-picks"' in html.text and "<script" not in html.text
    md = client.get(f"/api/chat/{sid}/report", params={"format": "md"})
    assert md.text.startswith("# Embedding model recommendation")
    pdf = client.get(f"/api/chat/{sid}/report", params={"format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    js = client.get(f"/api/chat/{sid}/report", params={"format": "json"}).json()
    assert js["recommendation"]["recommendations"]
    empty = client.post("/api/chat", json={"message": "hello"}).json()["session_id"]
    assert client.get(f"/api/chat/{empty}/report").status_code == 409


def test_concurrent_sessions_stay_isolated(client):
    domains = ["medical", "legal", "finance", "scientific", "e-commerce", "general"] * 2

    def converse(i: int) -> tuple[str, dict, int]:
        first = client.post("/api/chat", json={"message": f"search over {domains[i]} documents in English"}).json()
        docs = 1000 * (i + 1)
        client.post("/api/chat", json={"session_id": first["session_id"], "message": f"about {docs} documents"})
        return first["session_id"], first["profile"], docs

    with cf.ThreadPoolExecutor(12) as pool:
        results = list(pool.map(converse, range(12)))
    assert len({sid for sid, _, _ in results}) == 12
    for sid, first_profile, docs in results:
        profile = client.get(f"/api/chat/{sid}").json()["profile"]
        assert profile == {**first_profile, "documents": docs}, (sid, profile, first_profile)


def test_openapi_lists_the_routes_and_no_cdn_docs_page(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/recommend", "/api/chat", "/health", "/api/chat/{session_id}"} <= set(spec["paths"])
    schema = spec["paths"]["/api/recommend"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "data_type" in schema["properties"]
    assert client.get("/docs").status_code in (404, 200) and "swagger" not in client.get("/docs").text.lower()


def test_security_headers_on_pages_and_api(client, host_site):
    for path in ("/", "/widget/", "/health"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == f"frame-ancestors 'self' {host_site.origin}", path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_cors_allows_the_listed_origin_only(client, host_site, other_site):
    ok = client.options("/api/recommend", headers={"Origin": host_site.origin, "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "content-type"})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == host_site.origin
    post = client.post("/api/recommend", json=PROFILE, headers={"Origin": host_site.origin})
    assert post.status_code == 200 and post.headers["access-control-allow-origin"] == host_site.origin
    for method in ("options", "post"):
        kwargs = {"headers": {"Origin": other_site.origin, "Access-Control-Request-Method": "POST"}}
        if method == "post":
            kwargs["json"] = PROFILE
        bad = getattr(client, method)("/api/recommend", **kwargs)
        assert bad.status_code == 403 and "access-control-allow-origin" not in bad.headers
        assert "EA_ALLOWED_ORIGINS" in bad.json()["detail"]
    # Gradio's own endpoints are behind the same guard (Gradio would otherwise reflect any origin).
    g = client.post("/gradio_api/queue/join", json={}, headers={"Origin": "http://evil.example"})
    assert g.status_code == 403 and "access-control-allow-origin" not in g.headers


def test_upload_limit_is_enforced_by_the_server(client):
    big = b"word " * 300_000  # 1.5 MB > EA_MAX_UPLOAD_MB=1 in the fixture
    r = client.post("/gradio_api/upload", files={"files": ("big.txt", big, "text/plain")})
    assert r.status_code == 413, r.text[:200]


def test_logs_hold_no_user_text(client, app_server):
    secret = "zebra-confidential-7731"
    client.post("/api/chat", json={"message": f"English notes about {secret}"})
    client.post("/api/recommend", json={"data_type": secret})
    assert secret not in app_server.log()
    assert "POST /api/chat 200" in app_server.log()


def test_monitoring_off_and_gradio_events_not_callable_by_name(client):
    assert client.get("/monitoring").status_code == 403
    assert client.get("/gradio_api/info").json() == {"named_endpoints": {}, "unnamed_endpoints": {}}
    for path in ("/gradio_api/call/on_message", "/widget/gradio_api/call/on_message", "/gradio_api/run/predict"):
        r = client.post(path, json={"data": ["hi", None]})
        assert r.status_code == 404 and "/api/chat" in r.json()["detail"], path
