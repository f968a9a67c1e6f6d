"""Network guard: a full session (chat -> recommendation -> trial -> reports) and the served app reach no host
outside the loopback. In-process through an audit hook; natively through strace when it is installed."""

from __future__ import annotations

import shutil
import socket

import pytest

from eval.netguard import (
    CANARY_HOST,
    Attempt,
    ExternalConnectionBlocked,
    NetGuard,
    classify,
    is_loopback_host,
    parse_strace,
    python_canary,
    strace_available,
)
from eval.netguard_session import full_session, guarded_server, guarded_session, page_external_refs

STRACE = strace_available()
NO_STRACE = "strace is not installed (Debian package 'strace'), or ptrace is not allowed here"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "localhost", "LOCALHOST", "0.0.0.0", "::",
                                  "::ffff:127.0.0.1", "[::1]", "app.localhost", None, ""])
def test_loopback_hosts(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize("host", ["10.0.0.1", "192.0.2.1", "8.8.8.8", "2001:db8::1", "huggingface.co",
                                  "localhost.evil.example", "::ffff:8.8.8.8"])
def test_external_hosts(host):
    assert not is_loopback_host(host)


def test_classify_audit_events():
    assert classify("socket.connect", ("/run/x.sock")) == Attempt("socket.connect", "unix:'/run/x.sock'", False)
    assert classify("socket.connect", ("93.184.216.34", 443)).external
    assert not classify("socket.getaddrinfo", "localhost").external
    assert classify("socket.getaddrinfo", "huggingface.co").external
    assert classify("socket.sendto", None) is None
    assert classify("urllib.Request", "https://huggingface.co/api/models").external
    assert classify("urllib.Request", "file:///tmp/x") is None


STRACE_LOG = """\
4242  connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file)
4242  connect(7, {sa_family=AF_INET, sin_port=htons(7860), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
4243  connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2606:4700::1", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>
4243  <... connect resumed>) = -1 EINPROGRESS (Operation now in progress)
4244  sendto(5, ""..., 32, MSG_NOSIGNAL, NULL, 0) = 32
4244  sendto(6, ""..., 40, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}, 16) = 40
4245  sendmsg(8, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12}, 0) = 20
4246  connect(4, {sa_family=AF_INET6, sin6_port=htons(8000), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
4247  +++ exited with 0 +++
"""  # noqa: E501 - real strace lines


def test_parse_strace_finds_every_destination():
    attempts = parse_strace(STRACE_LOG)
    assert [(a.event, a.destination, a.external) for a in attempts] == [
        ("connect", "AF_UNIX", False), ("connect", "127.0.0.1:7860", False), ("connect", "2606:4700::1:443", True),
        ("sendto", "10.0.0.2:53", True), ("sendmsg", "AF_NETLINK", False), ("connect", "::1:8000", False)]


def test_guard_blocks_and_records_external_attempts_only():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with NetGuard() as guard:
            with socket.create_connection(server.getsockname(), timeout=5):
                pass
            assert python_canary() is True
            with pytest.raises(ExternalConnectionBlocked):
                socket.getaddrinfo("huggingface.co", 443)
    assert [a.external for a in guard.attempts if a.event == "socket.connect"] == [False, True]
    assert {a.destination for a in guard.external} == {f"{CANARY_HOST}:9", "huggingface.co"}
    assert python_canary() is False  # inactive guard: nothing recorded, nothing blocked


def test_page_scan_finds_resources_a_browser_would_fetch():
    html = ('<meta property="og:image" content="https://cdn.example/x.png"><script src="https://cdn.example/a.js">'
            '</script><link rel="stylesheet" href="//fonts.example/css"><img src="/local.png">'
            '<style>@import "https://fonts.googleapis.com/css2"; b{background:url(http://127.0.0.1/x)}</style>')
    assert page_external_refs(html) == ["cdn.example", "fonts.example", "fonts.googleapis.com"]


def test_full_session_in_process_reaches_no_external_host(real_kb, kb_data_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(kb_data_dir, data)
    with NetGuard() as guard:
        summary = full_session(data, tmp_path / "reports")
    assert guard.external == [], [a.to_dict() for a in guard.external]
    assert summary["index"] == "semantic" and summary["picks"] and summary["trial_best"]
    assert summary["trial_models"] == ["sentence-transformers/all-MiniLM-L6-v2"]
    assert all(summary["reports"][fmt] > 1000 for fmt in ("md", "html", "json"))


@pytest.mark.skipif(not STRACE, reason=NO_STRACE)
def test_full_session_under_strace_reaches_no_external_host(real_kb, kb_data_dir, tmp_path):
    result = guarded_session(tmp_path, kb_data_dir, use_strace=True)
    assert result["canaries_seen"] == {"audit": True, "strace": True}, "a guard layer is blind"
    assert result["external"] == 0, result["external_attempts"]
    assert result["summary"]["reports"]["html"] > 1000


def test_served_app_reaches_no_external_host(real_kb, kb_data_dir, tmp_path):
    result = guarded_server(tmp_path, kb_data_dir, use_strace=STRACE)
    assert all(result["canaries_seen"].values()) and result["canaries_seen"].get("strace", True)
    assert result["external"] == 0, result["external_attempts"]
    summary = result["summary"]
    assert summary["chat_recommendation"] and summary["recommend_picks"]
    assert min(summary["reports"].values()) > 1000
    assert summary["page_external_refs"] == []
