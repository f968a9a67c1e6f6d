"""Before a trial: which candidates can run on this server, which need a download first, which cannot (and why).

No gradio here. The decision uses the trial's own resolver (``agents.trial.candidates``), so what the page
promises is what the run does. A server allowed online (``EA_ONLINE=true``) offers to download a candidate's
weights, with the size of the files to fetch; an offline server says why a candidate cannot run and who can
change that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agents.trial.candidates import resolve_candidates
from agents.trial.errors import TrialError
from agents.units import human_bytes
from knowledge.embedding import PACKAGED_ID

log = logging.getLogger(__name__)

READY, DOWNLOAD, UNAVAILABLE = "ready", "download", "unavailable"


@dataclass(frozen=True)
class PlanItem:
    """One candidate: ``ready`` (runs now), ``download`` (runs after a download of ``size_bytes``) or
    ``unavailable`` (cannot run here; ``why`` says why)."""

    model: str
    status: str
    why: str
    size_bytes: int | None = None
    load_name: str | None = None


_SIZES: dict[str, int | None] = {}
_SIZES_LOCK = threading.Lock()


def cached_size(size_of: Callable[[str], int | None]) -> Callable[[str], int | None]:
    """``size_of`` remembered per repository for the process (a hub look-up per tab switch would be slow)."""
    def lookup(repo: str) -> int | None:
        with _SIZES_LOCK:
            if repo in _SIZES:
                return _SIZES[repo]
        size = size_of(repo)
        with _SIZES_LOCK:
            _SIZES[repo] = size
        return size
    return lookup


def forget_size(repo: str) -> None:
    """After a download the repository's remaining size is 0: look it up again next time."""
    with _SIZES_LOCK:
        _SIZES.pop(repo, None)


def trial_plan(models: list[str], catalog: Any, api: dict[str, Any], online: bool,
               size_of: Callable[[str], int | None]) -> list[PlanItem]:
    """What each candidate needs to run here, in the order given. ``size_of(repo)`` is called only when
    ``online``: the bytes a download would fetch (None when unknown; :class:`TrialError` when the hub says no)."""
    resolution = resolve_candidates(models, catalog, api, offline=True, include_packaged=False)
    items: dict[str, PlanItem] = {}
    for spec in resolution.specs:
        if spec.kind == "api":
            why = f"cloud API ({spec.endpoint.provider}): your sample is sent to it"
        elif spec.model == PACKAGED_ID:
            why = "packaged with the app"
        else:
            why = "weights on this machine"
        items[spec.model] = PlanItem(spec.model, READY, why)
    for skip in resolution.skipped:
        items[skip.model] = _skipped(skip, online, size_of)
    order = {m: i for i, m in enumerate(models)}
    return sorted(items.values(), key=lambda it: order.get(it.model, len(order)))


def _skipped(skip: Any, online: bool, size_of: Callable[[str], int | None]) -> PlanItem:
    if skip.code == "download":
        if not online:
            return PlanItem(skip.model, UNAVAILABLE, "weights not on this machine, and this server does not "
                                                     "download models (it runs offline)", load_name=skip.load_name)
        try:
            size = size_of(skip.load_name or skip.model)
        except TrialError as exc:
            return PlanItem(skip.model, UNAVAILABLE, str(exc), load_name=skip.load_name)
        return PlanItem(skip.model, DOWNLOAD, f"download {human_bytes(size) if size is not None else 'of unknown size'}"
                        " first", size, skip.load_name)
    if skip.code == "api_key":
        return PlanItem(skip.model, UNAVAILABLE, "a cloud API, and no API key for it is configured on this server")
    return PlanItem(skip.model, UNAVAILABLE, skip.reason)


def choice_label(item: PlanItem) -> str:
    """The candidate's line in the checkbox list."""
    if item.status == READY:
        return f"{item.model} — ready ({item.why})"
    if item.status == DOWNLOAD:
        return f"{item.model} — needs a download ({human_bytes(item.size_bytes)})"
    return f"{item.model} — cannot run here"


def plan_markdown(items: list[PlanItem], online: bool, md: Callable[[str], str]) -> str:
    """The plan in words, shown above the Run button; ``md`` escapes text for Markdown."""
    ready = [i for i in items if i.status == READY]
    fetch = [i for i in items if i.status == DOWNLOAD]
    blocked = [i for i in items if i.status == UNAVAILABLE]
    lines = ["**Always runs:** keyword search (BM25) and the small packaged model " + md(PACKAGED_ID) + "."]
    if ready:
        lines.append("**Can run here:** " + "; ".join(f"{md(i.model)} ({md(i.why)})" for i in ready) + ".")
    if fetch:
        total = sum(i.size_bytes or 0 for i in fetch)
        lines.append("**Can run after a download:** " + "; ".join(
            f"{md(i.model)} ({human_bytes(i.size_bytes) if i.size_bytes is not None else 'size unknown'})"
            for i in fetch) + f". Tick the ones you want and press *Download the chosen models* "
            f"(up to {human_bytes(total)} of disk).")
    if blocked:
        reasons: dict[str, list[str]] = {}
        for i in blocked:
            reasons.setdefault(i.why, []).append(i.model)
        lines.append("**Cannot run here:**\n" + "\n".join(
            f"- {', '.join(md(m) for m in models)}: {md(why)}" for why, models in reasons.items()))
        if not online and any(i.load_name for i in blocked):
            lines.append("This server works offline, so it never downloads a model. An administrator can fetch one "
                         "once with `huggingface-cli download <model id>` on the server, or allow downloads with "
                         "`EA_ONLINE=true`; the model can then be tried here.")
    if not items:
        lines.append("_No recommendation yet: the trial runs the packaged model and keyword search on your sample. "
                     "Chat in the Advisor tab first to try its candidates too._")
    return "\n\n".join(lines)
