"""Charts drawn as inline SVG strings: no JavaScript, no CDN, identical in the app and the HTML report.

Every label is escaped, so a hostile model name or sample text can only ever show up as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Told apart by shape as well as colour, each at least 4.5:1 against the white plot: picks filled dark blue,
# other candidates blue rings, excluded models grey crosses.
STYLE = {
    "pick": ("#1e40af", "#1e3a8a", 7.0),       # fill, stroke, radius
    "candidate": ("#ffffff", "#1d4ed8", 5.0),
    "excluded": ("none", "#4b5563", 4.0),
}
_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"


@dataclass(frozen=True)
class Point:
    """One model on the trade-off chart."""

    label: str
    x: float | None
    y: float | None
    status: str = "candidate"    # "pick" | "candidate" | "excluded"
    note: str = ""
    tag: str = ""                # short marker drawn next to the point (e.g. the rank), explained in a key


@dataclass(frozen=True)
class Bar:
    """One model's metric with an optional confidence interval, for the trial chart."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None
    highlight: bool = False


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.ceil(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step + 1e-9) + 1)]


def _fmt(v: float) -> str:
    if abs(v) >= 1e9:
        return f"{v / 1e9:g}B"
    if abs(v) >= 1e6:
        return f"{v / 1e6:g}M"
    if abs(v) >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:.3g}"


def _empty(width: int, height: int, message: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'style="max-width:{width}px;{_FONT}"><rect width="{width}" height="{height}" fill="#f9fafb"/>'
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" font-size="14" fill="#6b7280">'
            f'{escape(message)}</text></svg>')


def scatter_svg(points: Sequence[Point], x_label: str, y_label: str, title: str = "",
                log_x: bool = True, width: int = 640, height: int = 360) -> str:
    """A scatter plot: picks large and dark, other candidates light, excluded grey; tagged points are
    marked with their tag (e.g. the rank) and named in a key under the chart.

    Points without both coordinates are left out and counted in a footnote, never placed at zero.
    """
    drawable = [p for p in points if p.x is not None and p.y is not None and (p.x > 0 or not log_x)]
    missing = len(points) - len(drawable)
    if not drawable:
        return _empty(width, height, "No model has both values needed for this chart.")
    keyed = [p for p in drawable if p.tag]
    height += 15 * len(keyed)
    left, right, top, bottom = 64, 20, 34 if title else 14, 58 + 15 * len(keyed)
    pw, ph = width - left - right, height - top - bottom
    fx = (lambda v: math.log10(v)) if log_x else (lambda v: v)
    xs = [fx(p.x) for p in drawable]  # type: ignore[arg-type]
    ys = [p.y for p in drawable]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)  # type: ignore[type-var]
    pad_x = (x1 - x0) * 0.06 or 0.5
    pad_y = (y1 - y0) * 0.08 or 0.05 * (abs(y1) or 1)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y

    def sx(v: float) -> float:
        return left + (fx(v) - x0) / (x1 - x0) * pw

    def sy(v: float) -> float:
        return top + (1 - (v - y0) / (y1 - y0)) * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="{escape(title or y_label)}" style="max-width:{width}px;{_FONT}">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if title:
        out.append(f'<text x="{left}" y="20" font-size="14" font-weight="600" fill="#111827">{escape(title)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#f9fafb" stroke="#e5e7eb"/>')
    for t in _ticks(y0, y1):
        y = sy(t)
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#4b5563">{t:.3g}</text>')
    if log_x:
        xticks = [10 ** e for e in range(math.floor(x0), math.ceil(x1) + 1) if x0 <= e <= x1] or [10 ** ((x0 + x1) / 2)]
    else:
        xticks = _ticks(x0, x1)
    for t in xticks:
        x = sx(t)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + ph}" stroke="#e5e7eb"/>'
                   f'<text x="{x:.1f}" y="{top + ph + 16}" font-size="11" text-anchor="middle" fill="#4b5563">{_fmt(t)}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{top + ph + 32}" font-size="12" text-anchor="middle" fill="#111827">'
               f'{escape(x_label)}{" (log scale)" if log_x else ""}</text>')
    out.append(f'<text transform="translate(16 {top + ph / 2}) rotate(-90)" font-size="12" text-anchor="middle" '
               f'fill="#111827">{escape(y_label)}</text>')
    order = {"excluded": 0, "candidate": 1, "pick": 2}
    placed: list[tuple[float, float]] = []
    for p in sorted(drawable, key=lambda p: order.get(p.status, 1)):
        fill, stroke, r = STYLE.get(p.status, STYLE["candidate"])
        cx, cy = sx(p.x), sy(p.y)  # type: ignore[arg-type]
        tip = f"{p.label} — {p.status}" + (f": {p.note}" if p.note else "")
        out.append(f'<g class="pt {escape(p.status)}"><title>{escape(tip)}</title>' + _marker(p.status, cx, cy))
        if p.tag:
            tx, ty = cx + r + 2, cy - r - 1
            while any(abs(tx - ox) < 12 and abs(ty - oy) < 11 for ox, oy in placed):
                tx += 11  # nudge right until the marker no longer overlaps another one
            placed.append((tx, ty))
            out.append(f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="11" font-weight="700" fill="#1e3a8a">'
                       f'{escape(p.tag)}</text>')
        out.append("</g>")
    legend = [("pick", "recommended"), ("candidate", "other candidates"), ("excluded", "excluded")]
    lx, ly = left, top + ph + 44
    for status, text in legend:
        out.append(_marker(status, lx + 6, ly - 4, 5.0) + f'<text x="{lx + 15}" y="{ly}" font-size="11" '
                   f'fill="#374151">{text}</text>')
        lx += 24 + 7 * len(text)
    for i, p in enumerate(keyed):
        out.append(f'<text x="{left}" y="{ly + 16 + 15 * i}" font-size="11" fill="#1e3a8a"><tspan font-weight="700">'
                   f'{escape(p.tag)}</tspan> {escape(_short(p.label, 80))}</text>')
    if missing:
        out.append(f'<text x="{width - right}" y="{ly}" font-size="11" text-anchor="end" fill="#6b7280">'
                   f'{missing} model(s) not shown: value unknown</text>')
    out.append("</svg>")
    return "".join(out)


def _marker(status: str, cx: float, cy: float, radius: float | None = None) -> str:
    """A point's mark: a circle (picks filled, candidates as rings) or a cross for an excluded model."""
    fill, stroke, r = STYLE.get(status, STYLE["candidate"])
    r = radius or r
    if status == "excluded":
        return (f'<path d="M{cx - r:.1f} {cy - r:.1f}L{cx + r:.1f} {cy + r:.1f}M{cx - r:.1f} {cy + r:.1f}'
                f'L{cx + r:.1f} {cy - r:.1f}" stroke="{stroke}" stroke-width="2" fill="none"/>')
    return (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{2 if status == "candidate" else 1.2}"/>')


def bar_svg(bars: Sequence[Bar], x_label: str, title: str = "", width: int = 640) -> str:
    """Horizontal bars with confidence-interval whiskers (values expected in 0..1)."""
    if not bars:
        return _empty(width, 120, "No results to chart.")
    row, left, right, top = 28, 230, 60, 34 if title else 12
    height = top + row * len(bars) + 40
    hi = max(1.0, *(b.high or b.value for b in bars))
    pw = width - left - right

    def sx(v: float) -> float:
        return left + max(0.0, v) / hi * pw

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="{escape(title or x_label)}" style="max-width:{width}px;{_FONT}">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if title:
        out.append(f'<text x="12" y="20" font-size="14" font-weight="600" fill="#111827">{escape(title)}</text>')
    for t in _ticks(0, hi):
        x = sx(t)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + row * len(bars)}" stroke="#e5e7eb"/>'
                   f'<text x="{x:.1f}" y="{top + row * len(bars) + 14}" font-size="11" text-anchor="middle" '
                   f'fill="#4b5563">{_fmt(t) if hi > 1 else f"{t:.2g}"}</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        color = "#1e40af" if b.highlight else "#3b82f6"
        out.append(f'<g><title>{escape(b.label)}: {b.value:.3f}'
                   + (f" (95% CI {b.low:.3f}–{b.high:.3f})" if b.low is not None and b.high is not None else "")
                   + '</title>'
                   f'<text x="{left - 8}" y="{y + row / 2 + 4}" font-size="11" text-anchor="end" fill="#111827">'
                   f'{escape(_short(b.label, 34))}</text>'
                   f'<rect x="{left}" y="{y + 5}" width="{sx(b.value) - left:.1f}" height="{row - 10}" fill="{color}"/>')
        if b.low is not None and b.high is not None:
            yc = y + row / 2
            out.append(f'<line x1="{sx(b.low):.1f}" x2="{sx(b.high):.1f}" y1="{yc}" y2="{yc}" stroke="#111827"/>'
                       f'<line x1="{sx(b.low):.1f}" x2="{sx(b.low):.1f}" y1="{yc - 5}" y2="{yc + 5}" stroke="#111827"/>'
                       f'<line x1="{sx(b.high):.1f}" x2="{sx(b.high):.1f}" y1="{yc - 5}" y2="{yc + 5}" stroke="#111827"/>')
        out.append(f'<text x="{max(sx(b.value), sx(b.high or 0)) + 6:.1f}" y="{y + row / 2 + 4}" font-size="11" '
                   f'fill="#374151">{f"{b.value:,.1f}" if hi > 1 else f"{b.value:.3f}"}</text></g>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 6}" font-size="12" text-anchor="middle" fill="#111827">'
               f'{escape(x_label)}</text></svg>')
    return "".join(out)


def _short(label: str, n: int = 40) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"
