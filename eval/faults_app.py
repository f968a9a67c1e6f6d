"""Faults outside the store: a broken card, a missing embedding model, a trial model failing mid-run,
and a full disk when the report is exported."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

from eval import faults
from eval.fault_lab import BROKEN_CARD, MISSING_MODEL, QUERY, Lab, Outcome, cli_checks, continue_chat, guard

DISK_FULL = os.strerror(errno.ENOSPC)  # "No space left on device"


def card_broken(lab: Lab) -> list[Outcome]:
    """One card file broken (bad YAML, a wrong type, binary bytes): the previous snapshot and index answer."""
    from knowledge.base import KnowledgeBase
    from knowledge.cards import CardError

    def in_process(out: Outcome, how: str) -> None:
        slug = how.replace(" ", "-")
        cards = lab.cards_copy(f"cards-{slug}")
        data = lab.data_copy(f"card-{slug}")
        faults.break_card(cards / BROKEN_CARD, how)
        kb = KnowledgeBase.open(lab.config(data, cards_dir=cards), sync=True)
        res = kb.search(*QUERY, 5)
        named = [str(p) for p in kb.problems]
        out.message = "; ".join(named)[:300]
        chat, info = continue_chat(kb, lab)
        documents = kb.index.count() if kb.index else None
        try:
            KnowledgeBase.open(lab.config(data, cards_dir=cards), sync=True, strict=True)
            strict = "opened"
        except CardError as exc:
            strict = str(exc)
        after = KnowledgeBase.open(lab.config(data, cards_dir=cards), sync=False)
        out.checks = {"problem names the file": any(BROKEN_CARD in p for p in named),
                      "problem names the field (or the YAML line)": any(
                          (": open_weights:" in p) if how == "wrong type" else (": line " in p or ": <file>:" in p)
                          for p in named),
                      "previous snapshot still serves every card": len(kb.catalog) == len(lab.healthy.catalog)
                      and "BAAI/bge-m3" in kb.catalog.cards,
                      "previous index answers (semantic, same hits)": res.mode == "semantic"
                      and [c.id for c, _ in res.hits] == lab.baseline_hits,
                      "strict open (kb build) refuses, naming the file": strict != "opened" and BROKEN_CARD in strict,
                      "index untouched": documents == lab.healthy.index.count() and after.in_sync, **chat}
        out.details = {"problems": named[:3], **info}

    def via_cli(out: Outcome) -> None:
        cards = lab.cards_copy("cards-cli")
        data = lab.data_copy("card-cli")
        faults.break_card(cards / BROKEN_CARD, "wrong type")
        env = {**lab.env(data), "EA_CARDS_DIR": str(cards)}
        validate = faults.cli(["kb", "validate"], env)
        build = faults.cli(["kb", "build"], env)
        rec = faults.cli(["recommend", "--profile", str(lab.profile_file)], env)
        out.message = build.stderr.strip()[:400]
        where = f"{BROKEN_CARD}: open_weights:"
        out.checks = {**{f"kb validate: {k}": v for k, v in cli_checks(validate, 1).items()},
                      "kb validate names file and field": where in validate.stderr,
                      **{f"kb build: {k}": v for k, v in cli_checks(build, 2).items()},
                      "kb build: one error line naming file and field": len(build.error_lines()) == 1
                      and where in build.error_lines()[0],
                      **{f"recommend: {k}": v for k, v in cli_checks(rec, 0).items()},
                      "recommend warns about the ignored card": f"invalid card ignored: {cards / BROKEN_CARD}" in rec.stderr,
                      "recommend still answers": rec.returncode == 0 and bool(json.loads(rec.stdout)["recommendations"])}

    return [*(guard(f"card file broken ({how})", "in-process", lambda o, h=how: in_process(o, h)) for how in faults.BREAKS),
            guard("card file broken (wrong type)", "cli", via_cli)]


def model_missing(lab: Lab) -> list[Outcome]:
    """EA_EMBED_MODEL pointing nowhere: a ModelLoadError message; the catalog still answers."""
    from knowledge.base import KnowledgeBase
    from knowledge.embedding import ModelLoadError, load_sentence_transformer

    def in_process(out: Outcome) -> None:
        kb = KnowledgeBase.open(lab.config(lab.data_copy("model-missing"), embed_model=MISSING_MODEL), sync=True)
        res = kb.search(*QUERY, 5)
        out.message = kb.index_error or ""
        try:
            load_sentence_transformer(MISSING_MODEL)
            direct = "loaded"
        except ModelLoadError as exc:
            direct = str(exc)
        chat, info = continue_chat(kb, lab)
        out.checks = {"ModelLoadError names the path": out.message.startswith("ModelLoadError")
                      and MISSING_MODEL in out.message and "does not exist" in out.message,
                      "the loader raises ModelLoadError naming the path": MISSING_MODEL in direct,
                      "catalog answers (keyword search)": res.mode.startswith("keyword") and bool(res.hits), **chat}
        out.details = info

    def via_cli(out: Outcome) -> None:
        env = lab.env(lab.data_copy("model-missing-cli"), EA_EMBED_MODEL=MISSING_MODEL)
        rec = faults.cli(["recommend", "--profile", str(lab.profile_file)], env)
        build = faults.cli(["kb", "build"], env)
        out.message = build.stderr.strip()
        out.checks = {**{f"recommend: {k}": v for k, v in cli_checks(rec, 0).items()},
                      "recommend note names the model path": MISSING_MODEL in rec.stderr,
                      "recommend still answers": rec.returncode == 0 and bool(json.loads(rec.stdout)["recommendations"]),
                      **{f"kb build: {k}": v for k, v in cli_checks(build, 2).items()},
                      "kb build: one error line naming the model path": len(build.error_lines()) == 1
                      and MISSING_MODEL in build.error_lines()[0]}

    return [guard("embedding model path missing", "in-process", in_process),
            guard("embedding model path missing", "cli", via_cli)]


def model_not_downloaded(lab: Lab) -> list[Outcome]:
    """Heavy: a Hugging Face id that is not in the local cache, offline: ModelLoadError with the fix."""
    from knowledge.base import KnowledgeBase

    def body(out: Outcome) -> None:
        name = "acme-robustness/not-downloaded-embedder"
        kb = KnowledgeBase.open(lab.config(lab.data_copy("model-uncached"), embed_model=name), sync=True)
        out.message = kb.index_error or ""
        out.checks = {"ModelLoadError names the model and how to fetch it": "ModelLoadError" in out.message
                      and name in out.message and "huggingface-cli download" in out.message,
                      "catalog answers": bool(kb.search(*QUERY, 3).hits)}

    return [guard("embedding model not downloaded (offline)", "in-process", body)]


def _trial_inputs(lab: Lab) -> tuple[Any, Any, str, str]:
    from agents.trial import demo_sample

    sample, queries = demo_sample("medical_faq").load()
    good = str(faults.fake_model_dir(lab.root / "models" / "hash-good"))
    bad = str(faults.fake_model_dir(lab.root / "models" / "hash-broken"))
    return sample, queries, good, bad


def trial_model_fails(lab: Lab) -> list[Outcome]:
    """A trial candidate that fails on load or on batch N: it reports the error, the others finish."""
    from agents.advisor import Advisor
    from agents.trial import EmbeddingCache, run_trial

    def body(out: Outcome, side: str, fail_on: int, on_load: bool) -> None:
        sample, queries, good, bad = _trial_inputs(lab)
        encoders = {good: faults.HashingEncoder(good), bad: faults.FailingEncoder(bad, fail_on, side, on_load)}
        progress: list[tuple[str, str]] = []
        result = run_trial(sample, queries, [bad, good], include_packaged=False, encoders=encoders, batch_size=8,
                           n_boot=100, cache=EmbeddingCache(), progress=lambda s, d, t, m: progress.append((s, m)))
        failed = result.failed[0] if result.failed else {}
        out.message = f"{failed.get('model')} failed while {failed.get('stage')}: {failed.get('error')}"
        md = result.to_markdown()
        attached = Advisor(lab.healthy).attach_trial(lab.state, result)
        stage = "load" if on_load else {"document": "encoding documents", "query": "encoding queries"}[side]
        out.checks = {"the failing candidate reports its error and stage": failed.get("model") == bad
                      and failed.get("stage") == stage and "injected failure" in failed.get("error", ""),
                      "progress shows the failure": any(s == "failed" and bad in m for s, m in progress),
                      "the other candidate and BM25 finish": [c.model for c in result.candidates] == [good]
                      and result.candidates[0].metrics.get("ndcg@10") is not None and result.baseline is not None,
                      "the report shows the failure": bad in md and "injected failure" in md,
                      "result is valid JSON": isinstance(json.loads(result.to_json()), dict),
                      "chat keeps its state when the trial is attached": attached.state.profile == lab.state.profile
                      and attached.state.history[:len(lab.state.history)] == lab.state.history
                      and attached.state.trial is not None}
        out.details = {"best": result.best, "ndcg@10": {c.model: c.metrics.get("ndcg@10") for c in result.candidates}}

    cases = (("document", 2, False), ("query", 1, False), ("document", 1, True))
    return [guard(f"trial model fails ({'on load' if on_load else f'{side} batch {n}'})", "in-process",
                  lambda o, s=side, n=n, ld=on_load: body(o, s, n, ld)) for side, n, on_load in cases]


def trial_model_fails_cli(lab: Lab) -> list[Outcome]:
    """Heavy: ``trial --demo`` with a candidate whose weights are garbage: reported, the packaged model finishes."""

    def body(out: Outcome) -> None:
        broken = str(faults.fake_model_dir(lab.root / "models" / "garbage-weights", garbage_weights=True))
        run = faults.cli(["trial", "--demo", "medical_faq", "--models", broken, "--bootstrap", "100", "--quiet"],
                         timeout=600)
        data = json.loads(run.stdout) if run.returncode == 0 else {}
        failed = data.get("failed") or []
        out.message = json.dumps(failed)[:300]
        out.checks = {**cli_checks(run, 0), "the broken model is reported with its error": any(
                          f.get("model") == broken and f.get("error") for f in failed),
                      "the packaged model finished": any(c.get("metrics") for c in data.get("candidates", []))}

    return [guard("trial model fails (garbage weights)", "cli", body)]


def disk_full(lab: Lab) -> list[Outcome]:
    """Report export on a full disk: ENOSPC says so; previous files and the chat state survive."""
    from agents.advisor import Advisor
    from app.report.render import ReportError, write_reports
    from app.web.ui_logic import report_files
    from app.web.ui_session import UiSession

    def export(out: Outcome, folder: Path, full: Any) -> None:
        state = lab.state
        snapshot = json.dumps(state.to_dict(), sort_keys=True)
        first = write_reports(state.recommendation, None, folder, lab.healthy.get)
        before = {p.name: p.read_bytes() for p in first.values()}
        with full():
            try:
                write_reports({**state.recommendation, "notes": ["second export"]}, None, folder, lab.healthy.get)
                error = "written"
            except ReportError as exc:
                error = str(exc)
            sess = UiSession(chat=state, recommendation=state.recommendation, report_dir=str(folder))
            try:
                report_files(Advisor(lab.healthy), sess)
                ui_error = "written"
            except OSError as exc:
                ui_error = str(exc)
        out.message = error
        left = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".filler"))
        out.checks = {"message says the disk is full and names the file": DISK_FULL in error
                      and str(folder) in error, "the web app's export says so too": DISK_FULL in ui_error,
                      "previous report files intact": all((folder / n).read_bytes() == b for n, b in before.items()),
                      "no half-written files": left == sorted(before),
                      "chat state unchanged": json.dumps(state.to_dict(), sort_keys=True) == snapshot
                      and sess.chat is state and sess.recommendation == state.recommendation}

    def simulated(out: Outcome) -> None:
        export(out, lab.root / "reports-sim", lambda: faults.disk_full(("os.fdopen",)))

    def real(out: Outcome) -> None:
        with faults.tiny_disk(lab.root, 256) as mnt:
            if mnt is None:
                out.skipped = "cannot mount a tmpfs here; the simulated variant covers ENOSPC"
                return
            folder = mnt / "reports"

            class Full:
                def __enter__(self) -> None:
                    faults.fill(mnt)

                def __exit__(self, *a: object) -> None:
                    pass
            export(out, folder, Full)

    def via_cli(out: Outcome) -> None:
        with faults.tiny_disk(lab.root, 64) as mnt:
            if mnt is None:
                out.skipped = "cannot mount a tmpfs here"
                return
            faults.fill(mnt)
            with open(mnt / "report.md", "w") as fh:
                proc = faults.run([sys.executable, "-m", "app.cli", "recommend", "--profile", str(lab.profile_file),
                                   "--format", "md"], lab.env(lab.base_data), stdout=fh)
        out.message = proc.stderr.strip()
        out.checks = {**cli_checks(proc, 2), "one error line saying the disk is full": len(proc.error_lines()) == 1
                      and DISK_FULL in proc.error_lines()[0]}

    return [guard("disk full on report export (simulated ENOSPC)", "in-process", simulated),
            guard("disk full on report export (full tmpfs)", "in-process", real),
            guard("disk full on report export (stdout on a full tmpfs)", "cli", via_cli)]
