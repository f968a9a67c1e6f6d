"""``python -m app.cli kb build|validate|stats|show ID|import``: manage the knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.settings import REPO_ROOT, load_settings


def register(sub: Any) -> None:
    kb = sub.add_parser("kb", help="knowledge base: build, validate, stats, show, import")
    kbsub = kb.add_subparsers(dest="kb_command", metavar="ACTION")
    kbsub.required = True

    p = kbsub.add_parser("build", help="validate the cards and articles and (re)build the Chroma index (only changed ones)")
    p.add_argument("--force", action="store_true", help="re-embed every card")
    p.set_defaults(func=cmd_build)

    p = kbsub.add_parser("validate", help="validate every card and article file; list each problem with file, field and reason")
    p.set_defaults(func=cmd_validate)

    p = kbsub.add_parser("stats", help="counts by modality, access, licence family and domain; completeness of "
                                       "the deciding facts for the most-used models")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_stats)

    p = kbsub.add_parser("show", help="print one card as JSON")
    p.add_argument("id", help="model id, e.g. BAAI/bge-m3")
    p.set_defaults(func=cmd_show)

    p = kbsub.add_parser("import", help="regenerate the MTEB cards from a snapshot of the MTEB registry and results")
    p.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data",
                   help="snapshot directory (models.jsonl, scores.csv, benchmarks.jsonl)")
    p.set_defaults(func=cmd_import)


def cmd_validate(args: argparse.Namespace) -> int:
    from knowledge.articles import article_files, validate_articles
    from knowledge.cards import card_files, validate_dir

    settings = load_settings()
    cards, problems = validate_dir(settings.cards_dir)
    articles, article_problems = validate_articles(settings.kb_config().articles_dir)
    for problem in problems + article_problems:
        print(problem, file=sys.stderr)
    total = len(card_files(settings.cards_dir))
    n_articles = len(article_files(settings.kb_config().articles_dir))
    if problems:
        print(f"{len(problems)} problem(s) in {total} card file(s); {len(cards)} valid", file=sys.stderr)
    if article_problems:
        print(f"{len(article_problems)} problem(s) in {n_articles} article file(s); {len(articles)} valid",
              file=sys.stderr)
    if problems or article_problems:
        return 1
    unsourced = [c.id for c in cards.values() if not c.sources]
    print(f"{len(cards)} cards valid, every fact sourced ({total} files, {len(unsourced)} without sources)")
    print(f"{len(articles)} articles valid, every figure sourced ({n_articles} files)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from knowledge.base import KnowledgeBase
    from knowledge.cards import ProblemError

    settings = load_settings()
    try:  # strict: an invalid card or article stops the build and leaves the previous index untouched
        kb = KnowledgeBase.open(settings.kb_config(), sync=False, strict=True)
    except ProblemError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise
    ok = _build_step(kb.index, kb.index_error, lambda: kb.sync(force=args.force),
                     lambda: f" in {kb.config.store().describe()}: {kb.index.count()} cards")
    ok = ok and _build_step(kb.article_index, f"articles not indexed: {kb.article_error}",
                            lambda: kb.sync_articles(force=args.force),
                            lambda: f": {len(kb.library)} articles as {kb.article_index.count()} documents")
    return 0 if ok else 2


def _build_step(index: Any, error: str | None, sync: Callable[[], Any], what: Callable[[], str]) -> bool:
    """Sync one collection and print what changed; False (after one error line) when it cannot be used."""
    if index is None:
        print(f"error: {error}", file=sys.stderr)
        return False
    report = sync()
    print(f"index {index.name}{what()} ({report.counts()}) in {report.seconds:.1f}s")
    return True


def cmd_stats(args: argparse.Namespace) -> int:
    from knowledge.base import KnowledgeBase
    from knowledge.fact_audit import load_popular

    kb = KnowledgeBase.open(load_settings().kb_config(), sync=False)
    stats = kb.stats(popular=load_popular())
    if args.format == "json":
        print(json.dumps(stats, indent=2))
        return 0
    print(f"{stats['cards']} cards ({stats['with_benchmarks']} with benchmark results, "
          f"{stats['with_sources']} with sources, {stats['multilingual']} multilingual)")
    for key, title in (("by_modality", "modality"), ("by_access", "access"),
                       ("by_licence_family", "licence family"), ("by_domain", "domain")):
        print(f"\nby {title}:")
        for name, n in stats[key].items():
            print(f"  {name:<16} {n:>5}")
    comp = stats["completeness"]
    print(f"\ncompleteness for the {comp['models']} most-used models (knowledge/audit/popular.yaml):")
    for name, row in comp["fields"].items():
        print(f"  {name:<16} {row['filled']:>3}/{row['applicable']:<3} {row['share']:>6.0%}")
    idx = stats["index"]
    state = "in sync" if idx["in_sync"] else ("ERROR: " + idx["error"] if idx["error"] else "out of date: run kb build")
    print(f"\nindex: {idx['documents']} documents in {idx['store']} ({idx['collection']}), "
          f"embedded with {idx['embed_model']}; {state}")
    arts = stats["articles"]
    art_state = "in sync" if arts["in_sync"] else ("ERROR: " + arts["error"] if arts["error"] else "out of date: run kb build")
    print(f"articles: {arts['count']} in {len(arts['by_topic'])} topics, {arts['documents']} documents "
          f"({arts['collection']}); {art_state}")
    if stats["invalid_cards"]:
        print(f"\n{len(stats['invalid_cards'])} invalid card problem(s); run kb validate", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from knowledge.cards import load_catalog

    settings = load_settings()
    catalog = load_catalog(settings.cards_dir, settings.data_dir)
    card = catalog.get(args.id)
    print(json.dumps(card.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from knowledge.importer import import_snapshot

    if not (args.data / "models.jsonl").exists():
        print(f"error: {args.data} holds no models.jsonl (the MTEB snapshot); pass --data DIR", file=sys.stderr)
        return 2
    report = import_snapshot(args.data)
    print(report)
    return 0
