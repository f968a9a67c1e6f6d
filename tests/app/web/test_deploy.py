"""Deployment options against real servers: basic auth, and a path prefix behind a reverse proxy."""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By

from tests.app.browser import external, requested_urls, send_message, wait_for
from tests.app.proxy import start_proxy
from tests.app.server_util import start_server


@pytest.fixture(scope="module")
def auth_server(server_data_dir, tmp_path_factory):
    server = start_server(server_data_dir, tmp_path_factory.mktemp("auth-logs"), {"EA_BASIC_AUTH": "team:op3n-sesame"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def proxied(server_data_dir, tmp_path_factory):
    server = start_server(server_data_dir, tmp_path_factory.mktemp("proxy-logs"), {"EA_ROOT_PATH": "/tools/advisor"})
    proxy = start_proxy("/tools/advisor", server.origin)
    yield proxy, server
    proxy.stop()
    server.stop()


@pytest.mark.parametrize("path", ["/", "/widget/", "/api/openapi.json", "/gradio_api/info", "/config"])
def test_basic_auth_guards_pages_and_api(auth_server, path):
    r = httpx.get(auth_server.origin + path)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
    assert httpx.get(auth_server.origin + path, auth=("team", "wrong")).status_code == 401
    assert httpx.get(auth_server.origin + path, auth=("team", "op3n-sesame")).status_code == 200


def test_basic_auth_leaves_health_open_and_api_works_with_credentials(auth_server):
    assert httpx.get(auth_server.origin + "/health").status_code == 200
    r = httpx.post(auth_server.origin + "/api/recommend", json={"data_type": "text", "privacy": "local_only"},
                   auth=("team", "op3n-sesame"), timeout=60)
    assert r.status_code == 200 and r.json()["recommendations"]
    assert httpx.post(auth_server.origin + "/api/chat", json={"message": "hi"}).status_code == 401


def test_api_through_a_reverse_proxy_under_a_prefix(proxied):
    proxy, _ = proxied
    assert httpx.get(proxy.url + "/health").json()["status"] == "ok"
    r = httpx.post(proxy.url + "/api/recommend", json={"data_type": "text", "privacy": "local_only"}, timeout=60)
    assert r.status_code == 200 and r.json()["recommendations"]
    moved = httpx.get(proxy.url + "/widget")
    assert moved.status_code == 307 and moved.headers["location"] == "/tools/advisor/widget/"
    spec = httpx.get(proxy.url + "/api/openapi.json").json()
    assert spec["servers"][0]["url"] == "/tools/advisor"


@pytest.mark.parametrize("page, box, button, picks, shown", [
    ("/", "#msg textarea", "send", "#rec-headline", "Top pick"),
    ("/widget/", "#w-msg textarea", "w-send", "#w-picks", "MTEB"),
])
def test_app_and_widget_work_behind_the_proxy(proxied, browser_factory, page, box, button, picks, shown):
    proxy, server = proxied
    d = browser_factory()
    d.get(proxy.url + page)
    wait_for(lambda: d.find_element(By.CSS_SELECTOR, box), what="the chat box behind the proxy")
    send_message(d, "English support tickets, must stay on-prem, 20k documents", box=box, button=button)
    wait_for(lambda: shown in d.find_element(By.CSS_SELECTOR, picks).text, timeout=90, what="a recommendation")
    urls = [u for u in requested_urls(d) if u.startswith("http")]
    assert external(urls) == []
    # every request went through the proxy's prefix, none straight to the app's port; the exceptions are
    # the browser's favicon and Gradio's hard-coded <link rel="manifest" href="/manifest.json"> (harmless 404s)
    root = f"http://127.0.0.1:{proxy.port}/"
    stray = [u for u in urls if not u.startswith(proxy.url) and u not in (root + "favicon.ico", root + "manifest.json")]
    assert urls and stray == []
