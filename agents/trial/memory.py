"""Peak memory of a stage on this machine.

On Linux the kernel's resident-set high-water mark (VmHWM) is reset by writing "5" to
/proc/self/clear_refs, so the peak of a stage is read exactly, torch's native allocations included
(tracemalloc only sees Python objects). Elsewhere the growth of ru_maxrss is used, which is a lower
bound when the process had already been bigger before the stage.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR = Path("/proc/self/clear_refs")


def _status_kb(field: str) -> int | None:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _maxrss_kb() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes, Linux kilobytes


class PeakMemory:
    """Measures the peak growth of resident memory during a ``with`` block."""

    def __init__(self) -> None:
        self.method = ""
        self.start_kb = 0
        self.peak_kb = 0

    def __enter__(self) -> PeakMemory:
        rss = _status_kb("VmRSS")
        try:
            _CLEAR.write_text("5")
            self.method = "peak resident memory (Linux VmHWM, reset at the start of the stage)"
        except OSError:
            rss = None
        if rss is None:
            self.method = "growth of the process's maximum resident memory (ru_maxrss; a lower bound)"
            rss = _maxrss_kb()
        self.start_kb = rss
        return self

    def __exit__(self, *exc: object) -> None:
        hwm = _status_kb("VmHWM") if self.method.startswith("peak") else None
        self.peak_kb = hwm if hwm is not None else _maxrss_kb()

    @property
    def delta_mb(self) -> float:
        """Peak resident memory above the level at the start, in MB (1e6 bytes)."""
        return round(max(self.peak_kb - self.start_kb, 0) * 1024 / 1e6, 1)
