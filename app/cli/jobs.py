"""What the long-running CLI commands (``trial``, ``finetune``) share: progress lines, a worker thread that
Ctrl-C cancels cleanly, writing the result, and running a subcommand as its own module."""

from __future__ import annotations

import argparse
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FORMATS = ("json", "md")


class Progress:
    """Progress lines on stderr: one per stage change and about every 10% inside a stage."""

    def __init__(self, stream: Any = None):
        self.stream = stream or sys.stderr
        self.last: tuple = ()

    def __call__(self, stage: str, done: int, total: int, message: str) -> None:
        step = int(10 * done / total) if total else 0
        key = (stage, step, re.sub(r"[\d.]+", "", message))
        if key != self.last or stage in ("failed", "done"):
            self.last = key
            print(f"[{stage}] {message}", file=self.stream, flush=True)


@dataclass
class Outcome:
    """How a cancellable job ended: its result, or the exception it raised; ``interrupted`` after Ctrl-C."""

    result: Any = None
    error: BaseException | None = None
    interrupted: bool = False


def run_cancellable(work: Callable[[threading.Event], Any], name: str, cancel_note: str) -> Outcome:
    """Run ``work(cancel)`` in a thread; Ctrl-C sets ``cancel`` (the job stops at its next check) and waits."""
    cancel = threading.Event()
    outcome = Outcome()

    def target() -> None:
        try:
            outcome.result = work(cancel)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            outcome.error = exc

    worker = threading.Thread(target=target, name=name, daemon=True)
    worker.start()
    while worker.is_alive():
        try:
            worker.join(0.2)
        except KeyboardInterrupt:
            outcome.interrupted = True
            cancel.set()
            print(cancel_note, file=sys.stderr, flush=True)
            time.sleep(0.1)
    return outcome


def write_result(result: Any, fmt: str, path: str | None) -> None:
    """The result as JSON or Markdown, to ``path`` or stdout."""
    text = result.to_json() if fmt == "json" else result.to_markdown()
    text = text if text.endswith("\n") else text + "\n"
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {path}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def standalone(command: str, register: Callable[[Any], None], argv: list[str] | None) -> int:
    """Run one subcommand as ``python -m app.cli.<command>`` (same options as ``python -m app.cli <command>``)."""
    from app.settings import apply_process_defaults, load_settings

    apply_process_defaults(load_settings())
    parser = argparse.ArgumentParser(prog=f"python -m app.cli.{command}")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([command, *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))
