"""Fixtures for the robustness tests: the fault lab and a fuzzing context on the session's real knowledge base."""

from __future__ import annotations

import shutil

import pytest

from eval.fault_lab import Lab
from eval.fuzzing import Context


@pytest.fixture(scope="session")
def lab(real_kb, kb_data_dir, tmp_path_factory) -> Lab:
    """The fault lab (41 real cards, vectors copied from the session's store); each fault works on copies."""
    return Lab(tmp_path_factory.mktemp("fault-lab"), kb_data_dir)


@pytest.fixture(scope="session")
def fuzz_context(real_kb) -> Context:
    from agents.advisor import Advisor

    ctx = Context(Advisor(real_kb))
    yield ctx
    shutil.rmtree(ctx.scratch, ignore_errors=True)
