"""Sizes and durations shared by the decision, the trial and the edges: one arithmetic, one format.

:func:`vector_bytes` is the raw size of an index per storage precision (float32 = 4 bytes, int8 = 1 byte,
binary = 1 bit per dimension, rounded up to whole bytes per vector); :func:`human_bytes` and
:func:`human_duration` are how every reply, report and table shows them.
"""

from __future__ import annotations

from typing import Any

BYTE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")


def vector_bytes(vectors: int, dim: int) -> dict[str, int]:
    """Raw bytes of ``vectors`` vectors of ``dim`` dimensions: ``{"float32", "int8", "binary"}``."""
    return {"float32": vectors * dim * 4, "int8": vectors * dim, "binary": vectors * ((dim + 7) // 8)}


def human_bytes(n: Any) -> str:
    """1536 -> '1.5 KB' (decimal units, like disk vendors and cloud bills); '–' for a missing value."""
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        return "–"
    for unit in BYTE_UNITS:
        if abs(n) < 1000 or unit == BYTE_UNITS[-1]:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")  # pragma: no cover


def human_duration(hours: float) -> str:
    """0.5 -> '30 min', 30 -> '30.0 h', 100 -> '4.2 days'."""
    if hours < 1 / 60:
        return f"{hours * 3600:.0f} s"
    if hours < 1:
        return f"{hours * 60:.0f} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"
