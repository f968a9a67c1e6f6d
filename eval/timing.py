"""Small timing helpers shared by the benchmarks: medians with spread, percentiles."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(values: Sequence[float], digits: int = 3) -> dict[str, float | int]:
    """Median, spread (min/max, p95) and count of a list of measurements."""
    return {
        "median": round(statistics.median(values), digits) if values else float("nan"),
        "p95": round(percentile(values, 95), digits),
        "min": round(min(values), digits) if values else float("nan"),
        "max": round(max(values), digits) if values else float("nan"),
        "n": len(values),
    }
