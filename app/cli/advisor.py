"""``python -m app.cli recommend|chat``: the advisor from the command line.

- ``recommend --profile FILE.yaml [--format json|md|html|pdf] [--out FILE] [--top N]``: one recommendation for a profile file.
- ``chat [--script FILE] [--format text|json]``: interactive in a terminal; with ``--script`` (or piped
  stdin) each line is one user message and the final state is printed.

Cold start matters (target: JSON in under 3 s), so torch, sentence-transformers and LangChain's Chroma
wrapper stay off this path: queries use the NumPy encoder and the index is opened without a re-sync
unless ``--sync`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.settings import load_settings


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def register(sub: Any) -> None:
    p = sub.add_parser("recommend", help="recommend embedding models for a needs profile (YAML)")
    p.add_argument("--profile", type=Path, required=True,
                   help="YAML file with profile fields (data_type, task, domain, languages, privacy, ...)")
    p.add_argument("--format", choices=["json", "md", "html", "pdf"], default="json",
                   help="json (the API's JSON), md, or the full report as self-contained html / pdf")
    p.add_argument("--out", type=Path, help="write to this file instead of stdout (needed for pdf on a terminal)")
    p.add_argument("--top", type=_positive, default=3, help="number of recommendations (default 3)")
    p.add_argument("--sync", action="store_true", help="re-embed changed cards first (loads torch; slower)")
    p.add_argument("--finetune", type=Path, metavar="PATH",
                   help="attach a fine-tune result (the JSON of `finetune`, or the model folder it saved)")
    p.set_defaults(func=cmd_recommend)

    c = sub.add_parser("chat", help="chat with the advisor (interactive, or one message per line with --script)")
    c.add_argument("--script", type=Path, help="file with one user message per line")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--top", type=_positive, default=3)
    c.add_argument("--sync", action="store_true", help="re-embed changed cards first (loads torch; slower)")
    c.set_defaults(func=cmd_chat)


def _advisor(sync: bool) -> Any:
    from agents.advisor import Advisor
    from app.assistant import make_assistant
    from knowledge.base import KnowledgeBase

    settings = load_settings()
    kb = KnowledgeBase.open(settings.kb_config(), sync=sync)
    if not kb.in_sync:
        reason = kb.index_error or "the index is out of date with the cards"
        print(f"note: semantic search unavailable ({reason}); using keyword search. "
              "Run `python -m app.cli kb build` to (re)build the index.", file=sys.stderr)
    for problem in kb.problems[:3]:
        print(f"warning: invalid card ignored: {problem}", file=sys.stderr)
    return Advisor(kb, assistant=make_assistant(settings))


def load_profile_file(path: Path) -> Any:
    """Read and validate a profile YAML file; errors name the file, the field and the allowed values."""
    from agents.profile import ProfileError, parse_profile
    from agents.safe_yaml import UserYamlError, load_user_yaml

    try:
        data = load_user_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    except UserYamlError as exc:
        where = f" line {exc.line}" if exc.line is not None else ""
        raise ProfileError(f"{path}:{where} {exc.reason}") from None
    return parse_profile(data, str(path))


def load_finetune_file(path: Path) -> dict:
    """A fine-tune result from its JSON file or from the model folder it was saved with (``finetune.json``)."""
    target = path / "finetune.json" if path.is_dir() else path
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{target}: not a readable fine-tune result ({exc})") from None
    if not isinstance(data, dict) or "verdict" not in data or "systems" not in data:
        raise ValueError(f"{target}: not a fine-tune result (no verdict/systems); write one with "
                         "`python -m app.cli finetune ... --result FILE`")
    return data


def cmd_recommend(args: argparse.Namespace) -> int:
    profile = load_profile_file(args.profile)
    advisor = _advisor(args.sync)
    rec = advisor.recommend(profile, top=args.top)
    data = rec.to_dict()
    if args.finetune is not None:
        data["finetune"] = load_finetune_file(args.finetune)
    if args.format in ("md", "html", "pdf"):
        from app.report.render import render  # the web app's report renderer: one look everywhere

        output: str | bytes = render(args.format, data, None, advisor.kb.catalog.get)
    else:
        output = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.out is not None:
        args.out.write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
        print(f"wrote {args.out} ({args.format})", file=sys.stderr)
    elif isinstance(output, bytes):
        if sys.stdout.isatty():
            print("error: a PDF is binary; pass --out FILE.pdf (or redirect stdout)", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(output)
    else:
        sys.stdout.write(output)
    return 0


def _messages(args: argparse.Namespace) -> list[str] | None:
    """Scripted messages (file or piped stdin), or None for an interactive terminal."""
    if args.script is not None:
        text = args.script.read_text(encoding="utf-8", errors="replace")
    elif not sys.stdin.isatty():
        text = sys.stdin.read()
    else:
        return None
    return [line for line in text.splitlines() if line.strip()]


def cmd_chat(args: argparse.Namespace) -> int:
    from agents.converse.state import ChatState

    messages = _messages(args)
    advisor = _advisor(args.sync)
    state, transcript, last = ChatState(), [], None
    scripted = messages is not None
    if messages is None:
        print("Embedding Advisor — describe your data and needs; /quit to leave.\n")
        messages = _interactive()
    for message in messages:
        last = advisor.turn(state, message, top=args.top)
        state = last.state
        transcript.append({"user": message, "reply": last.reply})
        if args.format == "text":
            print(f"> {message}\n\n{last.reply}\n", flush=True)
    if args.format == "json":
        print(json.dumps(final_json(state, last, transcript), indent=2, ensure_ascii=False))
    elif scripted:
        top = [r["model"] for r in (state.recommendation or {}).get("recommendations", [])]
        print("Final profile: " + json.dumps(state.profile.known(), ensure_ascii=False))
        print("Final recommendation: " + (", ".join(top) if top else "none yet"))
    return 0


def _interactive():
    while True:
        try:
            line = input("you> ")
        except EOFError:
            return
        if line.strip() in ("/quit", "/exit"):
            return
        yield line


def final_json(state: Any, last: Any, transcript: list[dict[str, str]]) -> dict[str, Any]:
    """The issue's JSON shape for the end of a chat, plus the transcript and the restorable state."""
    if state.recommendation is not None:
        out = dict(state.recommendation)
    else:
        out = {"profile": state.profile.model_dump(mode="json"), "recommendations": [], "excluded": [],
               "questions": last.questions if last else []}
    out["transcript"] = transcript
    out["state"] = state.to_dict()
    return out
