"""Start the real web app (``python -m app``) in a subprocess on a free port, and small HTTP helpers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log_path: Path
    root_path: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.root_path}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start_server(data_dir: Path, log_dir: Path, env: dict[str, str] | None = None, timeout: float = 180.0,
                 health_path: str = "/health") -> Server:
    """Run ``python -m app`` on a free port with ``EA_DATA_DIR=data_dir``; wait until /health is 200."""
    port = free_port()
    log_path = log_dir / f"server-{port}.log"
    full_env = {**os.environ, "EA_DATA_DIR": str(data_dir), "EA_PORT": str(port), "EA_HOST": "127.0.0.1",
                "HF_HUB_OFFLINE": "1", **(env or {})}
    with open(log_path, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=REPO, env=full_env, stdout=fh,
                                stderr=subprocess.STDOUT)
    server = Server(proc, port, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{server.log()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{health_path}", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server not ready after {timeout}s:\n{server.log()[-3000:]}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass
class StaticSite:
    httpd: ThreadingHTTPServer
    port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_directory(directory: Path, port: int | None = None) -> StaticSite:
    """Serve a directory over HTTP from another origin (a stand-in for the company's docs site)."""
    port = port or free_port()
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return StaticSite(httpd, port)
