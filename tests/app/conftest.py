"""Fixtures for the web-app tests: the real server in a subprocess, a second-origin host site, Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.server_util import REPO, Server, StaticSite, serve_directory, start_server


@pytest.fixture(scope="session")
def server_data_dir(real_kb, kb_data_dir, tmp_path_factory) -> Path:
    """A copy of the session's built knowledge base, so server processes never share a store with the tests."""
    target = tmp_path_factory.mktemp("server-data") / "data"
    shutil.copytree(kb_data_dir, target)
    return target


@pytest.fixture(scope="session")
def host_site() -> Iterator[StaticSite]:
    """docs/ (with host-page.html) served from another origin: the allowed embedding site."""
    site = serve_directory(REPO / "docs")
    yield site
    site.stop()


@pytest.fixture(scope="session")
def other_site() -> Iterator[StaticSite]:
    """docs/ served from a third origin that is NOT on the allow-list."""
    site = serve_directory(REPO / "docs")
    yield site
    site.stop()


@pytest.fixture(scope="session")
def app_server(server_data_dir, host_site, tmp_path_factory) -> Iterator[Server]:
    """The real app (python -m app) allowing exactly the host site's origin."""
    # The load test drives 20 users' sessions from this one address: allow it more new sessions a minute.
    server = start_server(server_data_dir, tmp_path_factory.mktemp("logs"),
                          {"EA_ALLOWED_ORIGINS": host_site.origin, "EA_MAX_UPLOAD_MB": "1",
                           "EA_SESSIONS_PER_MIN": "100000"})
    yield server
    server.stop()


@pytest.fixture
def browser_factory(tmp_path_factory):
    """Make headless Chromium drivers (fresh profile each) and quit them when the test ends: an open page keeps
    polling its server, so browsers kept to the end of the session cost CPU and memory for every later test."""
    from tests.app.browser import make_driver

    drivers = []

    def make(**kwargs):
        driver = make_driver(tmp_path_factory.mktemp("chromium"), **kwargs)
        drivers.append(driver)
        return driver

    yield make
    for d in drivers:
        try:
            d.quit()
        except Exception:  # noqa: BLE001 - a browser that already died must not fail the next test's setup
            pass
