"""The OpenAI-compatible client, against a fake embeddings server on localhost started by the test."""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from agents.trial import ApiEndpoint, Sample, load_queries, run_trial
from tests.agents.trial.helpers import card, catalog


def _vector(text: str) -> list[float]:
    """Bag of hashed words: texts sharing words get similar vectors."""
    v = np.zeros(32)
    for w in text.lower().split():
        v[int(hashlib.md5(w.encode()).hexdigest(), 16) % 32] += 1.0
    return v.tolist()


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if self.headers.get("Authorization") != "Bearer sk-test":
            self.send_response(401)
            self.end_headers()
            self.wfile.write(b'{"error": "bad key"}')
            return
        data = [{"index": i, "embedding": _vector(t)} for i, t in enumerate(body["input"])][::-1]  # any order
        payload = json.dumps({"data": data, "usage": {"total_tokens": sum(len(t.split()) for t in body["input"])}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def _trial(base_url, key, cache):
    sample = Sample.from_texts(["red apple fruit", "blue sea boat", "fast train rail", "green kiwi fruit"])
    queries = load_queries(text="query,relevant\napple fruit,1\nsea boat,2\nrail train,3\n", name="q.csv",
                           sample=sample)
    cat = catalog(card("openai/text-embedding-3-small", open_weights=False, provider="OpenAI",
                       instructions={"query_prefix": "", "document_prefix": ""}))
    return run_trial(sample, queries, ["openai/text-embedding-3-small"], catalog=cat, cache=cache,
                     include_packaged=False, api={"openai": ApiEndpoint("openai", key, base_url, retries=0)})


def test_configured_api_model_runs_through_the_endpoint(server, cache):
    res = _trial(server, "sk-test", cache)
    c = res.candidates[0]
    assert (c.model, c.kind) == ("openai/text-embedding-3-small", "api")
    assert c.metrics["recall@1"] == 1.0 and c.tokens_per_s and c.truncated_share is None
    assert any(n.startswith("sent 7 texts to http://127.0.0.1") for n in c.notes)
    assert {s["path"] for s in _Handler.seen} == {"/v1/embeddings"}
    assert all(s["body"]["model"] == "text-embedding-3-small" for s in _Handler.seen)
    assert "sk-test" not in res.to_json()  # the key never lands in a report


def test_refused_key_is_reported_as_a_failed_candidate(server, cache):
    res = _trial(server, "wrong", cache)
    assert res.candidates == [] and res.failed[0]["model"] == "openai/text-embedding-3-small"
    assert "HTTP 401" in res.failed[0]["error"] and res.baseline is not None
