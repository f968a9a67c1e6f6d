"""Faults in the Chroma store: missing, rebuilt, corrupt, locked by another process, read-only."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from eval import faults
from eval.fault_lab import LOCK_TIMEOUT_S, QUERY, Lab, Outcome, cli_checks, continue_chat, guard


def store_missing(lab: Lab) -> list[Outcome]:
    """The Chroma directory (or the whole data directory) deleted between runs."""
    from knowledge.base import KnowledgeBase

    def in_process(out: Outcome, whole: bool) -> None:
        data = lab.data_copy("missing-all" if whole else "missing")
        shutil.rmtree(data if whole else data / "chroma")
        kb = KnowledgeBase.open(lab.config(data), sync=False)
        res = kb.search(*QUERY, 5)
        out.message = res.mode
        chat, info = continue_chat(kb, lab)
        out.checks = {"keyword fallback says the index is unavailable": res.mode.startswith("keyword (index unavailable"),
                      "catalog still answers": len(kb.catalog) == len(lab.healthy.catalog) and bool(res.hits), **chat}
        out.details = {"hits": [c.id for c, _ in res.hits], **info}

    def via_cli(out: Outcome) -> None:
        data = lab.data_copy("missing-cli")
        shutil.rmtree(data / "chroma")
        run = faults.cli(["recommend", "--profile", str(lab.profile_file)], lab.env(data))
        out.message = run.stderr.strip()
        picks = json.loads(run.stdout).get("recommendations") if run.returncode == 0 else None
        out.checks = {**cli_checks(run, 0), "note says semantic search is unavailable and how to rebuild":
                      "semantic search unavailable" in run.stderr and "kb build" in run.stderr,
                      "still recommends": bool(picks)}

    return [guard("store missing (chroma directory deleted)", "in-process", lambda o: in_process(o, False)),
            guard("store missing (whole data directory deleted)", "in-process", lambda o: in_process(o, True)),
            guard("store missing (chroma directory deleted)", "cli", via_cli)]


def store_missing_rebuilt(lab: Lab) -> list[Outcome]:
    """Heavy: with sync on, a deleted store is rebuilt from the cards (loads sentence-transformers)."""
    from knowledge.base import KnowledgeBase

    def body(out: Outcome) -> None:
        data = lab.data_copy("rebuilt")
        shutil.rmtree(data / "chroma")
        kb = KnowledgeBase.open(lab.config(data), sync=True)
        res = kb.search(*QUERY, 5)
        out.message = f"rebuilt: {kb.last_sync}"
        out.checks = {"index rebuilt and in sync": kb.in_sync and kb.index is not None
                      and kb.index.count() == len(lab.healthy.catalog),
                      "semantic search answers as before": res.mode == "semantic"
                      and [c.id for c, _ in res.hits] == lab.baseline_hits}

    return [guard("store missing, rebuilt on open", "in-process", body)]


def store_corrupt(lab: Lab) -> list[Outcome]:
    """Garbage over chroma.sqlite3 (whole file or header pages) or over the HNSW segment files."""
    from knowledge.base import KnowledgeBase

    def sqlite(out: Outcome, header_only: bool) -> None:
        data = lab.data_copy("corrupt-header" if header_only else "corrupt")
        db = faults.sqlite_file(data)
        faults.overwrite(db, 100, 4900) if header_only else faults.overwrite(db)
        kb = KnowledgeBase.open(lab.config(data), sync=False)
        res = kb.search(*QUERY, 5)
        out.message = res.mode
        chat, info = continue_chat(kb, lab)
        out.checks = {"message names the store and the problem": str(data / "chroma") in res.mode
                      and ("not a database" in res.mode or "malformed" in res.mode),
                      "keyword fallback answers": res.mode.startswith("keyword") and bool(res.hits), **chat}
        out.details = info

    def segments(out: Outcome) -> None:
        data = lab.data_copy("corrupt-segments")
        for f in faults.segment_files(data):
            faults.overwrite(f)
        run = faults.probe_kb(data, lab.cards_dir, timeout=LOCK_TIMEOUT_S * 2)
        seen = faults.probe_lines(run).get("searched", {})
        out.message = seen.get("mode", run.stderr.strip()[-300:])
        out.checks = {"process survived": run.returncode == 0 and not run.timed_out,
                      "search answers (same hits, or keyword with a message)": bool(seen.get("hits"))
                      and (seen.get("hits") == lab.baseline_hits or seen.get("mode", "").startswith("keyword ("))}
        out.details = {"hits": seen.get("hits"), "baseline": lab.baseline_hits}

    def via_cli(out: Outcome) -> None:
        data = lab.data_copy("corrupt-cli")
        faults.overwrite(faults.sqlite_file(data))
        rec = faults.cli(["recommend", "--profile", str(lab.profile_file)], lab.env(data))
        build = faults.cli(["kb", "build"], lab.env(data))
        out.message = build.stderr.strip()
        out.checks = {**cli_checks(rec, 0), "recommend notes the fallback": "semantic search unavailable" in rec.stderr,
                      **{f"kb build: {k}": v for k, v in cli_checks(build, 2).items()},
                      "kb build names the store and the problem in one line": len(build.error_lines()) == 1
                      and "not a database" in build.error_lines()[0]}
        out.details = {"recommend_note": rec.stderr.strip()[:300]}

    return [guard("store corrupt (garbage over chroma.sqlite3)", "in-process", lambda o: sqlite(o, False)),
            guard("store corrupt (garbage over the sqlite header pages)", "in-process", lambda o: sqlite(o, True)),
            guard("store corrupt (garbage over the HNSW segment files)", "child process", segments),
            guard("store corrupt (garbage over chroma.sqlite3)", "cli", via_cli)]


def store_locked(lab: Lab) -> list[Outcome]:
    """Another process holds chroma.sqlite3 locked (before opening, or between opening and a search)."""

    def before_open(out: Outcome) -> None:
        data = lab.data_copy("locked")
        with faults.sqlite_locked(faults.sqlite_file(data)):
            run = faults.probe_kb(data, lab.cards_dir, timeout=LOCK_TIMEOUT_S)
        seen = faults.probe_lines(run)
        out.message = seen.get("searched", {}).get("mode") or (f"no answer after {LOCK_TIMEOUT_S:.0f} s" if run.timed_out
                                                                 else run.stderr.strip()[-300:])
        if run.timed_out:
            out.crashed = f"hang: no answer after {LOCK_TIMEOUT_S:.0f} s"
        out.checks = {f"answers within {LOCK_TIMEOUT_S:.0f} s": not run.timed_out and run.returncode == 0,
                      "message says the store is locked": "lock" in out.message.lower(),
                      "catalog still answers": bool(seen.get("searched", {}).get("hits"))}
        after = faults.probe_lines(faults.probe_kb(data, lab.cards_dir, timeout=LOCK_TIMEOUT_S)).get("searched", {})
        out.checks["index answers again once the lock is gone"] = after.get("mode") == "semantic"

    def during_search(out: Outcome) -> None:
        data = lab.data_copy("locked-later")
        proc = subprocess.Popen([sys.executable, "-c", faults.PROBE, str(data), str(lab.cards_dir), "wait"], cwd=faults.REPO,
                                env=faults.run_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            opened = proc.stdout.readline() if proc.stdout else ""
            with faults.sqlite_locked(faults.sqlite_file(data)):
                proc.stdin.write("\n")  # type: ignore[union-attr]
                proc.stdin.flush()  # type: ignore[union-attr]
                try:
                    stdout, stderr = proc.communicate(timeout=LOCK_TIMEOUT_S)
                    timed_out = False
                except subprocess.TimeoutExpired:
                    proc.kill()
                    stdout, stderr = proc.communicate()
                    timed_out = True
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        seen = faults.probe_lines(faults.Run(proc.returncode, opened + stdout, stderr)).get("searched", {})
        if timed_out:
            out.crashed = f"hang: the search gave no answer after {LOCK_TIMEOUT_S:.0f} s"
        out.message = seen.get("mode") or f"no answer after {LOCK_TIMEOUT_S:.0f} s"
        out.checks = {f"search answers within {LOCK_TIMEOUT_S:.0f} s": not timed_out and bool(seen.get("hits")),
                      "semantic hits, or keyword with a message naming the lock":
                      seen.get("mode") == "semantic" or "lock" in (seen.get("mode") or "").lower()}

    return [guard("store locked by another process (before opening)", "child process", before_open),
            guard("store locked by another process (between open and search)", "child process", during_search)]


def store_read_only(lab: Lab) -> list[Outcome]:
    """The data directory is read-only."""
    from knowledge.base import KnowledgeBase

    def body(out: Outcome) -> None:
        data = lab.data_copy("read-only")
        with faults.read_only(data) as ro:
            if ro is None:
                out.skipped = "cannot make a directory read-only here (root without mount privileges)"
                return
            path, how = ro
            kb = KnowledgeBase.open(lab.config(path), sync=False)
            res = kb.search(*QUERY, 5)
            chat, info = continue_chat(kb, lab)
        out.message = res.mode
        again = KnowledgeBase.open(lab.config(data), sync=False).search(*QUERY, 5)
        out.checks = {"answers (semantic, or keyword naming the read-only store)": bool(res.hits) and (
                          res.mode == "semantic" or "readonly" in res.mode.replace("-", "").replace(" ", "")),
                      **chat, "store intact afterwards": again.mode == "semantic"
                      and [c.id for c, _ in again.hits] == lab.baseline_hits}
        out.details = {"how": how, **info}

    return [guard("store read-only", "in-process", body)]
