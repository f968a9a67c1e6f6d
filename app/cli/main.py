"""Command line: ``python -m app.cli kb|recommend|chat|trial|finetune ...``.

Each command group lives in its own small module exposing ``register(subparsers)``; handlers import
their heavy dependencies lazily so ``--help`` and quick commands start fast. Domain errors become a
one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from knowledge.errors import KnowledgeError

# Command modules, each registering one or more subcommands.
COMMAND_MODULES = ("app.cli.kb", "app.cli.advisor", "app.cli.trial", "app.cli.finetune")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description="Embedding Advisor command line.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.settings import apply_process_defaults, load_settings

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        apply_process_defaults(load_settings())  # offline, no telemetry: before any heavy import
        return int(args.func(args) or 0)
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
