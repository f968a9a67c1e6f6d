"""The guarding middlewares on a tiny app (no server): host names, body limits, headers on unexpected errors."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.web.security import (
    BodyLimitMiddleware,
    HostGuardMiddleware,
    SecurityHeadersMiddleware,
    host_allowed,
    host_name,
)


async def echo_size(request: Request) -> JSONResponse:
    return JSONResponse({"bytes": len(await request.body())})


async def broken(_: Request) -> JSONResponse:
    raise RuntimeError("boom")


def guarded(**limits: int) -> Starlette:
    """A small app behind the middlewares, stacked as in app/web/server.py (inside Starlette's error page)."""
    routes = [Route("/echo", echo_size, methods=["POST"]), Route("/gradio_api/upload", echo_size, methods=["POST"]),
              Route("/broken", broken)]
    return Starlette(routes=routes, middleware=[
        Middleware(SecurityHeadersMiddleware, frame_ancestors="frame-ancestors 'self'"),
        Middleware(HostGuardMiddleware, allowed=("localhost", "127.0.0.1", "*.example.com")),
        Middleware(BodyLimitMiddleware, **limits)])


def call(app, method: str, path: str, **kwargs) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, path, **kwargs)
    return asyncio.run(go())


@pytest.mark.parametrize("header, name", [("Example.COM:7860", "example.com"), ("[::1]:7860", "::1"), ("::1", "::1"),
                                          ("localhost.", "localhost"), ("10.0.0.5", "10.0.0.5")])
def test_host_name_drops_port_case_and_trailing_dot(header, name):
    assert host_name(header) == name


def test_host_allowed_by_name_subdomain_or_star():
    allowed = ("advisor.example.com", "*.intranet.example")
    assert host_allowed("advisor.example.com", allowed) and host_allowed("a.b.intranet.example", allowed)
    assert not host_allowed("intranet.example", allowed) and not host_allowed("evilintranet.example", allowed)
    assert host_allowed("anything", ("*",))


def test_bodies_over_the_limit_get_413_with_or_without_a_content_length():
    app = guarded(max_bytes=1000, upload_max_bytes=5000)
    assert call(app, "POST", "/echo", content=b"x" * 1000).json() == {"bytes": 1000}
    declared = call(app, "POST", "/echo", content=b"x" * 1001)
    assert declared.status_code == 413 and "1,001 bytes" in declared.json()["detail"]

    async def pieces():
        for _ in range(30):
            yield b"x" * 100
    streamed = call(app, "POST", "/echo", content=pieces())
    assert streamed.status_code == 413 and "EA_MAX_REQUEST_MB" in streamed.json()["detail"]
    assert streamed.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert call(app, "POST", "/gradio_api/upload", content=b"x" * 4000).status_code == 200  # uploads: their own limit


def test_foreign_hosts_get_400_before_the_app():
    app = guarded(max_bytes=1000, upload_max_bytes=5000)
    assert call(app, "POST", "/echo", content=b"{}", headers={"host": "docs.example.com"}).status_code == 200
    for headers in ({"host": "rebind.example"}, {"x-forwarded-host": "rebind.example"}):
        r = call(app, "POST", "/echo", content=b"x" * 5000, headers=headers)  # refused before the size is looked at
        assert r.status_code == 400 and "EA_ALLOWED_HOSTS" in r.json()["detail"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_an_unexpected_error_is_a_json_500_with_the_security_headers():
    r = call(guarded(max_bytes=1000, upload_max_bytes=5000), "GET", "/broken")
    assert r.status_code == 500 and r.json() == {"detail": "internal error; the server log has the details"}
    assert r.headers["content-security-policy"] == "frame-ancestors 'self'"
