"""Small timing helpers shared by the benchmarks: medians with spread, percentiles."""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


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


def bench_cli(run: Callable[[bool], dict[str, Any]], argv: list[str] | None, description: str,
              quick_help: str = "fewer repeats", ok: Callable[[dict[str, Any]], bool] = lambda _r: True) -> int:
    """The shared command line of a benchmark module: ``[--json FILE] [--quick]``, JSON on stdout."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--quick", action="store_true", help=quick_help)
    args = parser.parse_args(argv)
    from app.settings import apply_process_defaults, load_settings

    apply_process_defaults(load_settings())  # offline, no telemetry: the same process defaults as the product
    result = run(args.quick)
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if ok(result) else 1
