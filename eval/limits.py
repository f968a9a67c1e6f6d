"""Resource limits under attack: the loaders' and the server's attacks together, as ``robustness.resource_limits``.

Each attack (:mod:`eval.limits_loaders`, :mod:`eval.limits_server`) is an :class:`eval.fault_lab.Outcome` whose
checks are the limit it must respect; ``resource_limits`` counts the attacks whose limit held.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.fault_lab import Outcome


def run_limits(workdir: Path, data_dir: Path, advisor: Any | None = None) -> list[Outcome]:
    """Every attack: the loaders (and the web trial tab with ``advisor``), then a real server on ``data_dir``."""
    from eval import bench_app
    from eval.limits_loaders import loader_attacks
    from eval.limits_server import run_against

    out = loader_attacks(workdir, advisor)
    out += run_against(lambda env: bench_app.start(data_dir, extra_env=env), bench_app.stop, workdir)
    return out
