"""The data a person gives the trial and the fine-tune in the web app: a demo, an uploaded file or pasted text,
plus an optional labelled-queries (pairs) file — read the same way for both, with a clear message when missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from agents.trial import TrialError, TrialLimits, load_queries, load_sample

SOURCES = ("Demo sample", "Upload a file", "Paste text")


def on_source(source: str) -> list[Any]:
    """Show only the inputs of the chosen source: [demo, upload, paste, queries] visibility updates."""
    demo, upload, paste = (source == s for s in SOURCES)
    return [gr.update(visible=demo), gr.update(visible=upload), gr.update(visible=paste),
            gr.update(visible=not demo)]


def load_inputs(source: str, demo: str | None, upload: str | None, paste: str | None, queries: str | None,
                limits: TrialLimits, demo_named: Callable[[str], Any], upload_what: str = "a file",
                source_what: str = "sample source") -> tuple[Any, Any]:
    """``(sample, queries or None)`` from the chosen source; :class:`TrialError` says what is missing.

    ``demo_named(name)`` returns a bundled demo (its ``load(limits)`` gives both); ``upload_what`` and
    ``source_what`` name the file and the choice in the messages ("upload a file first (or choose another
    sample source)")."""
    if source == SOURCES[0]:
        if not demo:
            raise TrialError("choose a demo sample")
        return demo_named(demo).load(limits)
    if source == SOURCES[1]:
        if not upload:
            raise TrialError(f"upload {upload_what} first (or choose another {source_what})")
        sample = load_sample(Path(upload), name=Path(upload).name, limits=limits)
    else:
        if not (paste or "").strip():
            raise TrialError(f"paste some documents first (or choose another {source_what})")
        sample = load_sample(text=paste, limits=limits)
    return sample, (load_queries(Path(queries), sample=sample, name=Path(queries).name, limits=limits)
                    if queries else None)
