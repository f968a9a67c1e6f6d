"""``python -m app.cli finetune``: fine-tune an open model on the user's pairs and judge it on held-out data.

Progress goes to stderr, the result (JSON or Markdown) to stdout or ``--result``; the model goes to
``--out``. Ctrl-C stops after the current training step and keeps the last finished epoch (exit 130).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from app.cli.jobs import FORMATS, Progress, run_cancellable, standalone, write_result
from app.cli.trial import _catalog

DEFAULT_OUT = "finetuned-model"


def register(subparsers: Any) -> None:
    """Add the ``finetune`` subcommand."""
    p = subparsers.add_parser(
        "finetune", help="fine-tune an open embedding model on your (query, passage) pairs and measure the gain",
        description="Fine-tune an open model (default: the packaged all-MiniLM-L6-v2) with sentence-transformers' "
                    "trainer and MultipleNegativesRankingLoss on CPU, then compare nDCG@10 / Recall@10 / MRR@10 "
                    "before and after on held-out documents, with 95%% intervals and a paired test, next to BM25. "
                    "Without --queries, training pairs are made from the documents (label-free).")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--docs", metavar="FILE", help="documents: .txt .md .csv .tsv .jsonl .json")
    src.add_argument("--demo", metavar="NAME", help="a bundled fine-tune demo (see --list-demos)")
    p.add_argument("--queries", metavar="FILE", help="labelled queries (query -> relevant ids): .jsonl .json .csv "
                                                     ".tsv .yaml; leave out for label-free pairs")
    p.add_argument("--model", default=None, metavar="ID",
                   help="base model: a sentence-transformers id or local path (default: packaged all-MiniLM-L6-v2)")
    p.add_argument("--epochs", type=int, default=1, metavar="N", help="training epochs (default 1)")
    p.add_argument("--out", metavar="DIR", default=DEFAULT_OUT,
                   help=f"where to save the fine-tuned model (default ./{DEFAULT_OUT})")
    p.add_argument("--format", choices=FORMATS, default="json", help="result format (default: json)")
    p.add_argument("--result", metavar="FILE", help="write the result here instead of stdout")
    p.add_argument("--batch-size", type=int, default=16, metavar="B",
                   help="pairs per step; the other pairs of a batch are the negatives (default 16)")
    p.add_argument("--learning-rate", type=float, default=5e-5, metavar="LR", help="default 5e-5")
    p.add_argument("--hard-negatives", action="store_true",
                   help="mine one hard negative per pair among the training passages")
    p.add_argument("--test-share", type=float, default=0.3, metavar="F",
                   help="share of queries held out, split by document (default 0.3)")
    p.add_argument("--compare", default="", metavar="MODELS",
                   help="comma-separated untuned models to show next to the fine-tune (e.g. the trial's best)")
    p.add_argument("--trial", metavar="FILE", help="a trial result (JSON): its best model is compared untuned")
    p.add_argument("--input-format", choices=("txt", "md", "csv", "tsv", "jsonl", "json"),
                   help="override the format detected from the file name")
    p.add_argument("--text-column", help="CSV/TSV column or JSON field holding the text (default: detected)")
    p.add_argument("--id-column", help="CSV/TSV column or JSON field holding document ids")
    p.add_argument("--title-column", help="CSV/TSV column or JSON field holding titles")
    p.add_argument("--cap", type=int, default=20000, metavar="N", help="use at most N documents (default 20000)")
    p.add_argument("--seed", type=int, default=0, help="seed for the split, training and bootstrap (default 0)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="B", help="bootstrap resamples (default 1000)")
    p.add_argument("--list-demos", action="store_true", help="list the fine-tune demos and exit")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=handle)


def _trial_best(path: str) -> str | None:
    """The best model of a saved trial result (None when BM25 won or the file has none)."""
    with open(path, encoding="utf-8") as fh:
        best = json.load(fh).get("best")
    return best if best and best != "bm25" else None


def handle(args: argparse.Namespace) -> int:
    """Fine-tune; exit 0 on a result, 2 on bad input, 130 when cancelled (last finished epoch kept)."""
    from agents.trial import TrialError, TrialLimits, load_queries, load_sample
    from agents.trial.demos import finetune_demo, finetune_demos
    from agents.trial.errors import TrialCancelled
    from agents.trial.finetune import run_finetune
    from agents.trial.finetune_data import prepare
    from agents.trial.finetune_train import TrainSettings

    if args.list_demos:
        for d in finetune_demos():
            print(f"{d.name}\t{d.title}\t{d.description} ({d.licence})")
        return 0
    if not (args.docs or args.demo):
        print("error: give --docs FILE (and --queries FILE), or --demo NAME (see --list-demos)", file=sys.stderr)
        return 2
    try:
        settings = TrainSettings(epochs=args.epochs, batch_size=args.batch_size, learning_rate=args.learning_rate,
                                 hard_negatives=args.hard_negatives, seed=args.seed)
        limits = TrialLimits(max_docs=args.cap, max_queries=max(args.cap * 10, 1))
        if args.demo:
            demo = finetune_demo(args.demo)
            sample = load_sample(demo.docs_path, limits=limits)
            queries = load_queries(args.queries or demo.queries_path, sample=sample, limits=limits)
        else:
            sample = load_sample(args.docs, fmt=args.input_format, limits=limits, text_column=args.text_column,
                                 id_column=args.id_column, title_column=args.title_column)
            queries = load_queries(args.queries, sample=sample, limits=limits) if args.queries else None
        prepare(sample, queries, seed=args.seed, test_share=args.test_share, limits=limits)  # bad pairs: fail fast
        compare = [m.strip() for m in args.compare.split(",") if m.strip()]
        if args.trial:
            best = _trial_best(args.trial)
            compare += [best] if best and best not in compare else []
    except (TrialError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    progress = None if args.quiet else Progress()

    def work(cancel: threading.Event) -> Any:
        return run_finetune(sample, queries, args.out, model=args.model, settings=settings, compare_models=compare,
                            catalog=_catalog() if compare else None, test_share=args.test_share, seed=args.seed,
                            n_boot=args.bootstrap, progress=progress, cancel=cancel, limits=limits)

    outcome = run_cancellable(work, "finetune",
                              "cancelling after the current step (the last finished epoch is kept) ...")
    if outcome.error is not None:
        if isinstance(outcome.error, TrialCancelled):
            print(f"cancelled: {outcome.error}", file=sys.stderr)
            return 130
        if isinstance(outcome.error, (TrialError, ValueError)):
            print(f"error: {outcome.error}", file=sys.stderr)
            return 2
        raise outcome.error
    write_result(outcome.result, args.format, args.result)
    return 130 if outcome.interrupted or outcome.result.partial else 0


def main(argv: list[str] | None = None) -> int:
    """Run ``finetune`` on its own (same options as ``python -m app.cli finetune``)."""
    return standalone("finetune", register, argv)


if __name__ == "__main__":
    sys.exit(main())
