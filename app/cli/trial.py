"""``python -m app.cli trial``: run the quick embedding trial on a sample from the command line.

Progress goes to stderr, the result (JSON or Markdown) to stdout or ``--out``. Ctrl-C cancels between
batches and still prints the partial result. API keys are read here (the app layer), never in agents.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from typing import Any

from app.cli.jobs import FORMATS, Progress, run_cancellable, standalone, write_result
from app.endpoints import api_endpoints

log = logging.getLogger(__name__)



def register(subparsers: Any) -> None:
    """Add the ``trial`` subcommand."""
    p = subparsers.add_parser(
        "trial", help="compare embedding models on your own sample (quality, speed, memory, storage)",
        description="Run candidate embedding models and a BM25 baseline on your documents and report nDCG@10, "
                    "Recall@1/5/10 and MRR@10 with 95% intervals, speed, memory, truncation and index sizes. "
                    "Without --queries the trial is label-free (pseudo-queries from the documents).")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--docs", metavar="FILE", help="documents: .txt .md .csv .tsv .jsonl .json")
    src.add_argument("--text", metavar="TEXT", help="documents pasted as text (one per paragraph or line)")
    src.add_argument("--demo", metavar="NAME", help="a bundled demo sample (see --list-demos)")
    p.add_argument("--queries", metavar="FILE", help="labelled queries: .jsonl .json .csv .tsv .yaml")
    p.add_argument("--models", default="", help="comma-separated model ids (knowledge ids, HF ids or local paths); "
                                                "the packaged all-MiniLM-L6-v2 is always included")
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--out", metavar="FILE", help="write the result here instead of stdout")
    p.add_argument("--input-format", choices=("txt", "md", "csv", "tsv", "jsonl", "json"),
                   help="override the format detected from the file name")
    p.add_argument("--text-column", help="CSV/TSV column or JSON field holding the text (default: detected)")
    p.add_argument("--id-column", help="CSV/TSV column or JSON field holding document ids")
    p.add_argument("--title-column", help="CSV/TSV column or JSON field holding titles")
    p.add_argument("--cap", type=int, default=2000, metavar="N", help="use at most N documents (default 2000)")
    p.add_argument("--max-queries", type=int, default=500, metavar="N", help="use at most N queries (default 500)")
    p.add_argument("--corpus-size", type=int, metavar="N", help="project index sizes to N documents")
    p.add_argument("--seed", type=int, default=0, help="seed for bootstrap and pseudo-queries (default 0)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="B", help="bootstrap resamples (default 1000)")
    p.add_argument("--allow-download", action="store_true",
                   help="let models missing locally download from Hugging Face (default: offline, skipped)")
    p.add_argument("--list-demos", action="store_true", help="list the demo samples and exit")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=handle)


def _catalog() -> Any:
    from app.settings import load_settings
    from knowledge.cards import load_catalog

    settings = load_settings()
    try:
        return load_catalog(settings.cards_dir, snapshot_dir=settings.data_dir)
    except Exception as exc:  # noqa: BLE001 - the trial still runs without cards (no prefixes from cards)
        log.debug("model cards not loaded", exc_info=True)
        print(f"warning: model cards not loaded ({exc}); running without card prefixes", file=sys.stderr)
        return None


def handle(args: argparse.Namespace) -> int:
    """Run the trial; exit 0 on a result, 2 on bad input, 130 when cancelled (partial result printed)."""
    from agents.trial import TrialError, TrialLimits, demo_sample, demo_samples, load_queries, load_sample, run_trial

    if args.list_demos:
        for d in demo_samples():
            print(f"{d.name}\t{d.title}\t{d.description} ({d.licence})")
        return 0
    if not (args.docs or args.text or args.demo):
        print("error: give --docs FILE, --text TEXT or --demo NAME (see --list-demos)", file=sys.stderr)
        return 2
    try:
        limits = TrialLimits(max_docs=args.cap, max_queries=args.max_queries)
        columns = dict(text_column=args.text_column, id_column=args.id_column, title_column=args.title_column)
        if args.demo:
            demo = demo_sample(args.demo)
            sample = load_sample(demo.docs_path, limits=limits)
            queries = load_queries(args.queries or demo.queries_path, sample=sample, limits=limits)
        else:
            sample = load_sample(args.docs, text=args.text, fmt=args.input_format, limits=limits, **columns)
            queries = load_queries(args.queries, sample=sample, limits=limits) if args.queries else None
    except (TrialError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    progress = None if args.quiet else Progress()
    for msg in sample.messages + (queries.messages if queries else []):
        if progress:
            print(f"note: {msg}", file=sys.stderr)
    models = [m.strip() for m in args.models.split(",") if m.strip()]

    def work(cancel: threading.Event) -> Any:
        return run_trial(sample, queries, models, catalog=_catalog(), corpus_size=args.corpus_size,
                         progress=progress, cancel=cancel, cap=limits, api=api_endpoints(models),
                         offline=not args.allow_download, seed=args.seed, n_boot=args.bootstrap)

    outcome = run_cancellable(work, "trial", "cancelling after the current batch ...")
    if outcome.error is not None:
        if isinstance(outcome.error, (TrialError, ValueError)):
            print(f"error: {outcome.error}", file=sys.stderr)
            return 2
        raise outcome.error
    write_result(outcome.result, args.format, args.out)
    return 130 if outcome.interrupted or outcome.result.partial else 0


def main(argv: list[str] | None = None) -> int:
    """Run ``trial`` on its own (same options as ``python -m app.cli trial``)."""
    return standalone("trial", register, argv)


if __name__ == "__main__":
    sys.exit(main())
