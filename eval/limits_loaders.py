"""Hostile files against the trial's loaders, the web trial and the CLI: each attack with the limit that must hold.

* YAML alias bomb (a few hundred bytes that expand to tens of millions of nodes), YAML nested thousands of
  levels deep, and a YAML file with more nodes than the loader accepts: refused with a message naming the
  problem, before the work (labelled queries through the loader, the CLI and the web trial; a profile
  through ``recommend --profile``).
* JSON nested 30,000 levels deep as a ``.jsonl`` / ``.json`` sample and as labelled queries: a clear
  input error, never a ``RecursionError``.
* Files that expand in memory: 9 MB of ``x\\n\\n`` (three million one-letter paragraphs) and the same shape
  as Markdown sections, CSV rows, JSON lines and a JSON array: the loader stops splitting once it has read
  what the trial can use, says what it cut, and stays within :data:`LOAD_SECONDS` and :data:`GROWTH_MB`.

Every load runs in a child process (``python -m eval.limits_loaders probe ...``), so a loader that blows up
is timed out and measured (seconds, peak memory growth) instead of taking the suite down.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from eval import faults
from eval.fault_lab import Outcome, cli_checks, guard

LOAD_SECONDS = 20.0  # generous on a shared 2-core machine; before the fixes these loads took 20-80 s
GROWTH_MB = 250      # peak memory growth of a load (before the fixes: 750 MB for the bomb, 1.2 GB for 9 MB)
EXPANDING_BYTES = 9_000_000
NESTING = 30_000
SAMPLE_TEXT = "Aspirin thins the blood.\n\nInsulin lowers blood sugar.\n\nStatins lower cholesterol.\n"


def alias_bomb(levels: int = 8, width: int = 9, key: str = "relevant") -> str:
    """A few hundred bytes of YAML whose aliases expand to ``width ** levels`` strings."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    lines.append(f"queries: [{{query: which drug thins the blood, {key}: *l{levels - 1}}}]")
    return "\n".join(lines) + "\n"


def profile_bomb(levels: int = 8, width: int = 9) -> str:
    """The same bomb as a needs profile (``recommend --profile``)."""
    return alias_bomb(levels, width).rsplit("queries:", 1)[0] + f"languages: *l{levels - 1}\n"


def nested(depth: int = NESTING) -> str:
    return "[" * depth + "]" * depth


def hostile_files(directory: Path) -> dict[str, Path]:
    """Every hostile file of this module, written once into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    n = EXPANDING_BYTES // 3
    files = {
        "sample.txt": SAMPLE_TEXT,
        "bomb.yaml": alias_bomb(),
        "profile-bomb.yaml": profile_bomb(),
        "deep.yaml": "queries: " + nested(5_000) + "\n",
        "many-nodes.yaml": "queries:\n" + "- {query: q, relevant: '1'}\n" * 120_000,
        "deep-sample.jsonl": '{"text": "fine"}\n' + nested() + "\n",
        "deep-sample.json": nested(),
        "deep-queries.jsonl": '{"query": "q", "relevant": ' + nested() + "}\n",
        "expanding.txt": "x\n\n" * n,
        "expanding.md": "# x\nx\n" * (EXPANDING_BYTES // 6),
        "expanding.csv": "id,text\n" + "".join(f"{i},x\n" for i in range(EXPANDING_BYTES // 10)),
        "expanding.jsonl": '"x"\n' * (EXPANDING_BYTES // 4),
        "expanding.json": "[" + '"x",' * (EXPANDING_BYTES // 4) + '"x"]',
    }
    out = {}
    for name, text in files.items():
        path = directory / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


# -- the child process ----------------------------------------------------------------------------------------
def _memory_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process in MB. Not ``ru_maxrss``: Linux carries that over
    from the parent across fork and exec, so a child of a big process would report the parent's peak."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def probe(kind: str, path: Path, sample: Path | None = None) -> dict[str, Any]:
    """Load one file the way the product does; what the user sees, how long it took, how much memory it grew."""
    from agents.errors import AdvisorError
    from agents.trial import load_queries, load_sample
    from app.cli.advisor import load_profile_file

    docs = load_sample(sample) if sample is not None else None
    before = _memory_mb("VmRSS")
    start = time.perf_counter()
    out: dict[str, Any] = {}
    try:
        if kind == "sample":
            got = load_sample(path)
            out = {"documents": len(got), "messages": got.messages}
        elif kind == "queries":
            got = load_queries(path, sample=docs)
            out = {"queries": len(got), "messages": got.messages}
        else:
            out = {"profile": load_profile_file(path).known()}
    except (AdvisorError, ValueError) as exc:
        out = {"error": str(exc), "error_type": type(exc).__name__}
    out["seconds"] = round(time.perf_counter() - start, 2)
    out["growth_mb"] = round(max(0.0, _memory_mb("VmHWM") - before), 1)
    return out


def run_probe(kind: str, path: Path, sample: Path | None = None) -> tuple[dict[str, Any], faults.Run]:
    argv = [sys.executable, "-m", "eval.limits_loaders", "probe", kind, str(path)]
    result = faults.run(argv + ([str(sample)] if sample else []), timeout=LOAD_SECONDS * 3)
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    return (json.loads(lines[-1]) if lines else {}), result


def _bounded(got: dict[str, Any], result: faults.Run) -> dict[str, bool]:
    return {"finished (no hang, no crash)": not result.timed_out and result.returncode == 0 and bool(got),
            f"within {LOAD_SECONDS:g} s": got.get("seconds", LOAD_SECONDS + 1) <= LOAD_SECONDS,
            f"memory grew less than {GROWTH_MB} MB": got.get("growth_mb", GROWTH_MB + 1) < GROWTH_MB}


# -- the attacks ----------------------------------------------------------------------------------------------
def refused(files: dict[str, Path], attack: str, kind: str, name: str, words: tuple[str, ...]) -> Outcome:
    """A hostile file is refused with a message holding ``words``, quickly and without growing memory."""
    def body(out: Outcome) -> None:
        got, result = run_probe(kind, files[name], files["sample.txt"] if kind == "queries" else None)
        out.message = got.get("error", "") or result.stderr[-300:]
        out.checks = {**_bounded(got, result),
                      "refused with an input error": got.get("error_type") in ("TrialInputError", "ProfileError"),
                      f"the message says why ({' / '.join(words)})": any(w in out.message.lower() for w in words),
                      "the message names the file": name in out.message}
        out.details = {k: got.get(k) for k in ("seconds", "growth_mb")}
    return guard(attack, f"loader ({kind})", body)


def expanding(files: dict[str, Path], name: str) -> Outcome:
    """A file of millions of tiny parts: the trial keeps what it can use, says what it cut, and stays bounded."""
    from agents.trial import TrialLimits

    cap = TrialLimits().max_docs

    def body(out: Outcome) -> None:
        got, result = run_probe("sample", files[name])
        out.message = " | ".join(got.get("messages", [])) or got.get("error", "") or result.stderr[-300:]
        out.checks = {**_bounded(got, result),
                      f"at most {cap:,} documents kept": 0 < got.get("documents", 0) <= cap,
                      "says what was cut (the rest was not read)": "not read" in out.message}
        out.details = {k: got.get(k) for k in ("documents", "seconds", "growth_mb")}
    return guard(f"{EXPANDING_BYTES / 1e6:g} MB {name} that expands in memory", "loader (sample)", body)


def cli_refuses(files: dict[str, Path], attack: str, args: list[str], words: tuple[str, ...]) -> Outcome:
    """The CLI exits 2 with one line saying why, within :data:`LOAD_SECONDS`."""
    def body(out: Outcome) -> None:
        result = faults.cli(args, timeout=LOAD_SECONDS * 3)
        lines = result.error_lines()
        out.message = lines[-1] if lines else result.stderr[-300:]
        out.checks = {**cli_checks(result, 2), f"within {LOAD_SECONDS:g} s": result.seconds <= LOAD_SECONDS,
                      f"one error line says why ({' / '.join(words)})": len(lines) == 1
                      and any(w in lines[0].lower() for w in words)}
        out.details = {"seconds": result.seconds}
    return guard(attack, "cli", body)


def web_trial_refuses(files: dict[str, Path], advisor: Any) -> Outcome:
    """The web trial tab (its handler, in this process as in the server's) refuses the bomb and keeps the chat."""
    def body(out: Outcome) -> None:
        from app.settings import Settings
        from app.web.runtime import Runtime
        from app.web.ui import MainPage
        from app.web.ui_logic import chat_turn, new_session
        from app.web.ui_trial import SOURCES

        runtime = Runtime(lambda: (advisor.kb, advisor))
        runtime.start()
        runtime.wait(60)
        tab = MainPage(runtime, Settings()).trial_tab()
        sess = new_session()
        chat_turn(advisor, sess, "English medical FAQ search, must stay on our servers")
        before = list(sess.messages)
        start = time.perf_counter()
        status = tab.on_run(sess, SOURCES[2], None, None, SAMPLE_TEXT, str(files["bomb.yaml"]), [], "",
                            progress=lambda *a, **k: None)[0]
        seconds = time.perf_counter() - start
        out.message = str(status)
        out.checks = {"the tab shows an error saying why": status.startswith("**Error:**") and "alias" in status,
                      f"within {LOAD_SECONDS:g} s": seconds <= LOAD_SECONDS,
                      "the conversation is kept": sess.messages == before and sess.recommendation is not None}
        out.details = {"seconds": round(seconds, 2)}
    return guard("YAML alias bomb as labelled queries", "web trial tab", body)


ALIAS_WORDS = ("alias",)
NESTED_WORDS = ("nested",)


def loader_attacks(workdir: Path, advisor: Any | None = None) -> list[Outcome]:
    """Every loader attack; ``advisor`` (the real one) adds the web trial tab."""
    files = hostile_files(workdir / "hostile")
    bomb, sample = str(files["bomb.yaml"]), str(files["sample.txt"])
    out = [
        refused(files, "YAML alias bomb as labelled queries", "queries", "bomb.yaml", ALIAS_WORDS),
        refused(files, "YAML nested 5,000 levels deep as labelled queries", "queries", "deep.yaml", NESTED_WORDS),
        refused(files, "YAML with 600,000 nodes as labelled queries", "queries", "many-nodes.yaml",
                ("nodes", "limit")),
        refused(files, "YAML alias bomb as a needs profile", "profile", "profile-bomb.yaml", ALIAS_WORDS),
        cli_refuses(files, "YAML alias bomb as labelled queries", ["trial", "--docs", sample, "--queries", bomb],
                    ALIAS_WORDS),
        cli_refuses(files, "YAML alias bomb as a needs profile",
                    ["recommend", "--profile", str(files["profile-bomb.yaml"])], ALIAS_WORDS),
        refused(files, "JSON nested 30,000 levels deep in a .jsonl sample", "sample", "deep-sample.jsonl",
                NESTED_WORDS),
        refused(files, "JSON nested 30,000 levels deep as a .json sample", "sample", "deep-sample.json", NESTED_WORDS),
        refused(files, "JSON nested 30,000 levels deep in labelled queries", "queries", "deep-queries.jsonl",
                NESTED_WORDS),
        *(expanding(files, f"expanding.{ext}") for ext in ("txt", "md", "csv", "jsonl", "json")),
    ]
    if advisor is not None:
        out.append(web_trial_refuses(files, advisor))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.limits_loaders")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("probe", help="load one file in this process and print what happened as JSON")
    p.add_argument("kind", choices=("sample", "queries", "profile"))
    p.add_argument("path", type=Path)
    p.add_argument("sample", type=Path, nargs="?")
    args = parser.parse_args(argv)
    print(json.dumps(probe(args.kind, args.path, args.sample)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
