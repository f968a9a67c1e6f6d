"""A minimal reverse proxy for tests: serves ``PREFIX/...`` by forwarding to the app with the prefix stripped,
as nginx's ``location /advisor/ { proxy_pass http://app/; }`` does (streaming, so Gradio's SSE works)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route

from tests.app.server_util import free_port

HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
       "proxy-authenticate", "content-length"}


def make_proxy(prefix: str, upstream: str) -> Starlette:
    client = httpx.AsyncClient(base_url=upstream, timeout=None)

    async def forward(request: Request):
        path = request.url.path
        if not (path == prefix or path.startswith(prefix + "/")):
            return PlainTextResponse("not found", status_code=404)
        target = path[len(prefix):] or "/"
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP]
        headers.append(("x-forwarded-proto", request.url.scheme))
        req = client.build_request(request.method, target, params=request.query_params, headers=headers,
                                   content=await request.body())
        resp = await client.send(req, stream=True)
        out_headers = {k: v for k, v in resp.headers.items() if k.lower() not in HOP}
        location = out_headers.get("location", "")
        if location.startswith(upstream):  # nginx's default proxy_redirect: upstream URLs -> the public prefix
            out_headers["location"] = prefix + location[len(upstream):]
        return StreamingResponse(resp.aiter_raw(), status_code=resp.status_code, headers=out_headers,
                                 background=BackgroundTask(resp.aclose))

    methods = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"]
    return Starlette(routes=[Route("/{path:path}", forward, methods=methods)])


@dataclass
class Proxy:
    server: uvicorn.Server
    thread: threading.Thread
    port: int
    prefix: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def start_proxy(prefix: str, upstream: str) -> Proxy:
    port = free_port()
    config = uvicorn.Config(make_proxy(prefix, upstream), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return Proxy(server, thread, port, prefix)
