"""Network guard: proves a session opens no connection outside the loopback.

Two independent layers:

- in-process, :class:`NetGuard` records every ``socket.connect`` / ``sendto`` / ``sendmsg`` /
  ``getaddrinfo`` / ``gethostbyname`` ... attempt through ``sys.addaudithook`` and (by default) blocks
  the ones that leave the machine, so nothing is sent even when a library tries;
- out-of-process, :func:`run_traced` runs a command under ``strace -f -e trace=connect,sendto,sendmsg``
  and :func:`parse_strace` reads the addresses, which also catches native code that bypasses Python
  sockets (chromadb's Rust core, tokenizers, torch).

AF_UNIX, netlink and 127.0.0.0/8 / ::1 (and the unspecified address, which connects locally) are fine.
:func:`native_canary` / :func:`python_canary` make one deliberate attempt at a documentation-only address
(192.0.2.1, RFC 5737, never routed) so a run can prove each layer sees what it must.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
# Audit events that name a destination, and the argument that holds it.
_EVENTS = {"socket.connect": 1, "socket.sendto": 1, "socket.sendmsg": 1, "socket.getaddrinfo": 0,
           "socket.gethostbyname": 0, "socket.gethostbyname_ex": 0, "socket.gethostbyaddr": 0,
           "socket.getnameinfo": 0, "urllib.Request": 0, "webbrowser.open": 0}


class ExternalConnectionBlocked(ConnectionRefusedError):
    """Raised inside the guarded code when it tries to reach a host outside the loopback."""


@dataclass(frozen=True)
class Attempt:
    """One recorded network attempt: what (event or syscall), where, and whether it leaves the machine."""

    event: str
    destination: str
    external: bool
    layer: str = "audit"      # audit | strace

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_loopback_host(host: Any) -> bool:
    """True for loopback names and addresses (and the unspecified address, which connects locally)."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip().strip("[]").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    name = name.split("%", 1)[0]  # IPv6 scope id
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return False  # any other host name means a DNS lookup or a connection elsewhere
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback or ip.is_unspecified


def classify(event: str, arg: Any) -> Attempt | None:
    """An :class:`Attempt` for one audit event argument, or None when it names no network host."""
    if event == "urllib.Request" or event == "webbrowser.open":
        from urllib.parse import urlsplit

        url = str(arg)
        host = urlsplit(url).hostname
        if urlsplit(url).scheme in ("file", "data", ""):
            return None
        return Attempt(event, url[:200], not is_loopback_host(host))
    if event == "socket.getnameinfo" and isinstance(arg, tuple):
        arg = arg[0]
    if isinstance(arg, (str, bytes)) and event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        return Attempt(event, f"unix:{arg!r}"[:200], False)  # AF_UNIX path
    if isinstance(arg, tuple) and arg:
        host, port = arg[0], (arg[1] if len(arg) > 1 else None)
        return Attempt(event, f"{host}:{port}", not is_loopback_host(host))
    if arg is None and event in ("socket.sendto", "socket.sendmsg"):
        return None  # a connected socket: its destination was checked at connect
    if event.startswith("socket.get") or arg is None:
        return Attempt(event, str(arg), not is_loopback_host(arg))
    return Attempt(event, repr(arg)[:200], True)  # unknown address family: count it, never guess it away


class NetGuard:
    """Records (and by default blocks) network attempts while active. Use as a context manager."""

    _installed = False
    _active: list[NetGuard] = []
    _lock = threading.Lock()

    def __init__(self, block: bool = True, log_path: str | os.PathLike[str] | None = None):
        self.block = block
        self.log_path = Path(log_path) if log_path else None
        self.attempts: list[Attempt] = []

    @property
    def external(self) -> list[Attempt]:
        return [a for a in self.attempts if a.external]

    def __enter__(self) -> NetGuard:
        with NetGuard._lock:
            if not NetGuard._installed:  # audit hooks cannot be removed: one dispatcher for the process
                sys.addaudithook(NetGuard._hook)
                NetGuard._installed = True
            NetGuard._active.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        with NetGuard._lock:
            if self in NetGuard._active:
                NetGuard._active.remove(self)

    @staticmethod
    def _hook(event: str, args: tuple) -> None:
        index = _EVENTS.get(event)
        if index is None or not NetGuard._active:
            return
        attempt = classify(event, args[index] if len(args) > index else None)
        if attempt is None:
            return
        block = False
        for guard in list(NetGuard._active):
            guard.attempts.append(attempt)
            if guard.log_path is not None:
                with open(guard.log_path, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(attempt.to_dict()) + "\n")
            block = block or (guard.block and attempt.external)
        if block:
            raise ExternalConnectionBlocked(f"blocked by the network guard: {attempt.event} to {attempt.destination}")


# -- strace ----------------------------------------------------------------------------------------------------
_SYSCALL = re.compile(r"^(?:\[pid\s+)?(\d+)?\]?\s*(connect|sendto|sendmsg|sendmmsg)\(")
_FAMILY = re.compile(r"sa_family=(AF_\w+)([^}]*)")
_V4 = re.compile(r'sin_addr=inet_addr\("([^"]+)"\)')
_V6 = re.compile(r'inet_pton\(AF_INET6,\s*"([^"]+)"')
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_LOCAL_FAMILIES = {"AF_UNIX", "AF_LOCAL", "AF_NETLINK", "AF_UNSPEC"}


def strace_available() -> bool:
    """True when strace exists and may trace here (containers can forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    try:
        proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", os.devnull, "true"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def parse_strace(text: str) -> list[Attempt]:
    """Destinations of connect/sendto/sendmsg lines in an ``strace -f`` log (one per address seen)."""
    out: list[Attempt] = []
    for line in text.splitlines():
        body = re.sub(r"^\d+\s+", "", line.strip())
        m = _SYSCALL.match(body)
        if not m:
            continue
        call = m.group(2)
        for family, rest in _FAMILY.findall(body):
            if family in _LOCAL_FAMILIES:
                out.append(Attempt(call, family, False, "strace"))
                continue
            if family not in ("AF_INET", "AF_INET6"):
                out.append(Attempt(call, family, True, "strace"))
                continue
            addr = (_V4.search(rest) or _V6.search(rest) or _V6.search(body))
            port = _PORT.search(rest)
            host = addr.group(1) if addr else "?"
            out.append(Attempt(call, f"{host}:{port.group(1) if port else '?'}", not is_loopback_host(host),
                               "strace"))
    return out


def strace_command(log: Path, argv: Sequence[str]) -> list[str]:
    """``argv`` under strace, stopping only on the network syscalls that name a destination."""
    return ["strace", "-f", "-qq", "--seccomp-bpf", "-s", "0", "-e", "trace=connect,sendto,sendmsg,sendmmsg",
            "-o", str(log), "--", *argv]


def run_traced(argv: Sequence[str], log: Path, env: dict[str, str] | None = None, timeout: float = 600,
               cwd: Path = REPO) -> tuple[subprocess.CompletedProcess, list[Attempt]]:
    """Run ``argv`` to completion under strace; the process result and every address it tried."""
    proc = subprocess.run(strace_command(log, argv), cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    return proc, parse_strace(log.read_text(errors="replace") if log.exists() else "")


# -- positive controls ----------------------------------------------------------------------------------------
CANARY_HOST = "192.0.2.1"   # TEST-NET-1 (RFC 5737): reserved for documentation, never routed
CANARY_PORT = 9


def python_canary() -> bool:
    """One Python-level connect to the canary address; True when the guard blocked it (nothing was sent)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setblocking(False)
        try:
            s.connect((CANARY_HOST, CANARY_PORT))
        except ExternalConnectionBlocked:
            return True
        except OSError:
            return False
    return False


def native_canary() -> None:
    """One connect() through libc, bypassing Python sockets and the audit hook (as native code would).

    Non-blocking, to an unrouted address, closed at once: only strace can see it.
    """
    import ctypes
    import socket
    import struct

    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK, 0)
    if fd < 0:
        return
    try:
        addr = struct.pack("!HH4s8x", socket.AF_INET, CANARY_PORT, socket.inet_aton(CANARY_HOST))
        addr = struct.pack("=H", socket.AF_INET) + addr[2:]  # sa_family is in host byte order
        libc.connect(fd, ctypes.c_char_p(addr), len(addr))
    finally:
        libc.close(fd)


def is_canary(attempt: Attempt) -> bool:
    return attempt.destination.startswith(f"{CANARY_HOST}:")
