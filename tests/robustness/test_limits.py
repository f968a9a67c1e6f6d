"""Resource limits under attack (issue 13): hostile files against the loaders, the CLI and the web trial, and
oversized, nested, foreign-host and session-flooding requests against the real server.

The attacks live in :mod:`eval.limits_loaders` and :mod:`eval.limits_server` (they also make the
``robustness.resource_limits`` figure); here each one runs and the limit it must respect is checked, with
what the user sees.
"""

from __future__ import annotations

import shutil

import pytest

from eval.fault_lab import Outcome
from eval.limits_loaders import loader_attacks
from eval.limits_server import body_limits, host_header, nested_json, server_env, sessions, validation_echo
from tests.app.server_util import start_server


def held(outcomes: list[Outcome]) -> None:
    assert outcomes
    for o in outcomes:
        assert o.crashed is None, f"{o.fault} via {o.via} crashed: {o.crashed}"
        assert o.checks and all(o.checks.values()), (
            f"{o.fault} via {o.via}: failed {o.failed_checks()}; the user saw: {o.message!r}; {o.details}")


@pytest.fixture(scope="module")
def loaders(real_kb, tmp_path_factory) -> dict[tuple[str, str], Outcome]:
    from agents.advisor import Advisor

    return {(o.fault, o.via): o for o in loader_attacks(tmp_path_factory.mktemp("limits"), Advisor(real_kb))}


def pick(loaders: dict[tuple[str, str], Outcome], words: str) -> list[Outcome]:
    found = [o for (fault, _), o in loaders.items() if words in fault]
    assert found, f"no attack named {words!r}"
    return found


def test_yaml_alias_bomb_is_refused_before_it_expands(loaders):
    """Was ~23 s and ~750 MB in `trial --queries`, and the same in the server for the web trial."""
    bombs = pick(loaders, "alias bomb")
    assert {o.via for o in bombs} == {"loader (queries)", "loader (profile)", "cli", "web trial tab"}
    held(bombs)
    assert all("alias" in o.message for o in bombs)


def test_deep_and_oversized_yaml_are_refused(loaders):
    deep, many = pick(loaders, "YAML nested") + pick(loaders, "nodes")
    held([deep, many])
    assert "nested" in deep.message and "limit" in many.message


def test_nested_json_samples_and_queries_are_input_errors(loaders):
    """Was a RecursionError out of the trial."""
    nested = pick(loaders, "JSON nested")
    assert len(nested) == 3
    held(nested)


def test_files_that_expand_in_memory_are_cut_while_splitting(loaders):
    """A 9 MB .txt of 'x\\n\\n' took 17-80 s and 1.2 GB; now the splitter stops once it has read enough."""
    expanding = pick(loaders, "expands in memory")
    assert len(expanding) == 5
    held(expanding)


# -- the real server -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def port(real_kb, kb_data_dir, tmp_path_factory):
    data = tmp_path_factory.mktemp("limits-data") / "data"
    shutil.copytree(kb_data_dir, data)
    server = start_server(data, tmp_path_factory.mktemp("limits-logs"), server_env(), timeout=300)
    yield server.port
    server.stop()


def test_oversized_bodies_get_413_before_they_are_read(port):
    """Was: a 100 MB message answered with a 100 MB 422; a 50 MB POST to Gradio's queue accepted."""
    held(body_limits(port))


def test_validation_errors_do_not_echo_the_input(port):
    held(validation_echo(port))


def test_a_foreign_host_header_is_refused(port):
    """Was: `Host: rebind.example` with a matching Origin passed the origin check (DNS rebinding)."""
    held(host_header(port))


def test_deeply_nested_json_is_a_clear_400_with_the_security_headers(port):
    """Was: a plain-text 500 without the security headers."""
    held(nested_json(port))


def test_one_client_cannot_push_out_other_users_sessions(port):
    """Was: at EA_MAX_SESSIONS any client's new session evicted another user's idle conversation."""
    held(sessions(port))
