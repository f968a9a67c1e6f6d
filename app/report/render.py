"""Report export: Markdown, a self-contained HTML page (inline CSS + SVG, prints well), JSON and PDF.

``render_markdown`` / ``render_html`` / ``render_json`` / ``render_pdf`` take ``Recommendation.to_dict()``
and an optional ``TrialResult.to_dict()``; the CLI's ``recommend --format html`` can use ``render_html``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import ReportError
from app.report.blocks import to_html, to_markdown
from app.report.content import build_report

log = logging.getLogger(__name__)

FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
           "json": "application/json", "pdf": "application/pdf"}
REPORT_VERSION = 1


def _lookup_default() -> Callable[[str], Any] | None:
    """Card lookup from the validated catalog snapshot (for model sizes of excluded models), if available."""
    try:
        from app.settings import load_settings
        from knowledge.cards import load_catalog

        settings = load_settings()
        return load_catalog(settings.cards_dir, settings.data_dir).get
    except Exception:  # the chart then shows fewer points and says so; the report still renders
        log.warning("no card lookup for the report chart", exc_info=True)
        return None


def render_markdown(recommendation: dict[str, Any], trial: dict[str, Any] | None = None,
                    lookup: Callable[[str], Any] | None = None, now: datetime | None = None) -> str:
    """The report as Markdown (the charts' data appear as tables)."""
    return to_markdown(build_report(recommendation, trial, lookup, now))


def render_html(recommendation: dict[str, Any], trial: dict[str, Any] | None = None,
                lookup: Callable[[str], Any] | None = None, now: datetime | None = None) -> str:
    """The report as one self-contained HTML page: opens offline, no scripts, @media print styles."""
    return to_html(build_report(recommendation, trial, lookup if lookup is not None else _lookup_default(), now))


def render_json(recommendation: dict[str, Any], trial: dict[str, Any] | None = None,
                now: datetime | None = None) -> str:
    """The recommendation JSON (same as the CLI/API) with the trial and report metadata."""
    data = {"report_version": REPORT_VERSION,
            "generated": (now or datetime.now().astimezone()).isoformat(timespec="seconds"),
            "recommendation": recommendation,
            "trial": trial if trial is not None else recommendation.get("trial"),
            "finetune": recommendation.get("finetune")}
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def render_pdf(recommendation: dict[str, Any], trial: dict[str, Any] | None = None,
               lookup: Callable[[str], Any] | None = None, now: datetime | None = None) -> bytes:
    """The report as PDF (fpdf2; charts stay in the HTML report, their data tables are included)."""
    from app.report.pdf import to_pdf

    return to_pdf(build_report(recommendation, trial, lookup if lookup is not None else _lookup_default(), now))


def render(fmt: str, recommendation: dict[str, Any], trial: dict[str, Any] | None = None,
           lookup: Callable[[str], Any] | None = None) -> str | bytes:
    if fmt == "pdf":
        return render_pdf(recommendation, trial, lookup)
    if fmt == "md":
        return render_markdown(recommendation, trial, lookup)
    if fmt == "html":
        return render_html(recommendation, trial, lookup)
    if fmt == "json":
        return render_json(recommendation, trial)
    raise ValueError(f"unknown report format {fmt!r}; valid: {', '.join(FORMATS)}")


def write_reports(recommendation: dict[str, Any], trial: dict[str, Any] | None, directory: str | os.PathLike[str],
                  lookup: Callable[[str], Any] | None = None, stem: str = "embedding-advice",
                  formats: tuple[str, ...] = tuple(FORMATS)) -> dict[str, Path]:
    """Write the formats atomically into ``directory``; :class:`ReportError` on failure, nothing half-written."""
    out: dict[str, Path] = {}
    folder = Path(directory)
    for fmt in formats:
        target = folder / f"{stem}.{fmt}"
        body = render(fmt, recommendation, trial, lookup)
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=f".{fmt}")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise ReportError(f"could not write the {fmt} report to {target}: {exc.strerror or exc}") from exc
        out[fmt] = target
    return out


def report_for_state(advisor: Any, state: Any, fmt: str) -> tuple[str | bytes, str]:
    """(body, media type) of a chat session's report; LookupError when there is no recommendation yet."""
    rec = getattr(state, "recommendation", None)
    if not rec:
        raise LookupError("this session has no recommendation yet; keep chatting until the advisor recommends models")
    finetune = getattr(state, "finetune", None)
    if finetune:  # the session's latest fine-tune result gets its own report section
        rec = {**rec, "finetune": finetune}
    kb = getattr(advisor, "kb", None)
    lookup = kb.get if kb is not None and hasattr(kb, "get") else None
    return render(fmt, rec, getattr(state, "trial", None) or rec.get("trial"), lookup), FORMATS[fmt]
