"""Concept articles: short, sourced explanations (Matryoshka, quantisation, rerankers ...) as YAML files.

One strict schema (``extra="forbid"``) for ``knowledge/articles/<id>.yaml``; an invalid file is reported
with file, field and reason, like a card. Facts policy, enforced: every figure in an article's body
must be listed in the ``figures`` of one of its sources, and only a source marked ``checked`` (read and
confirmed, with a ``note`` on what it confirms) may carry figures, so no number appears unread.
``tailor`` names the user's numbers that make an article concrete; whoever answers (the agents layer)
computes those, the article itself never contains them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.cards import (
    CardProblem,
    KnowledgeError,
    ProblemError,
    fingerprint,
    load_unique,
    parse_yaml_model,
    read_text_file,
)

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
MIN_WORDS, MAX_WORDS = 60, 200

# What the answering layer can compute from the user's profile to make an article concrete.
Tailor = Literal[
    "index_size_by_dims",       # index bytes per Matryoshka / output dimension at the user's vector count
    "index_size_by_precision",  # index bytes at float32 / int8 / binary
    "encode_time",              # time to embed the user's corpus (CPU / GPU)
    "api_cost",                 # one-off and monthly API cost at the user's volume
    "model_memory",             # memory needed to hold the model weights
    "chunks_per_doc",           # chunks per document from the user's document length and the context
    "query_latency",            # per-query latency estimate on the user's hardware
    "reembed_cost",             # time or money to re-embed the user's corpus with a new model
]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")
_NUMBER = re.compile(r"^[~≈<>+-]?\d[\d,.]*(%|x|×)?$")


class ArticleError(ProblemError):
    """One or more article files are invalid."""

    kind = "article(s)"


class UnknownArticleError(KnowledgeError):
    """An article id that does not exist; ``suggestions`` holds close matches."""

    def __init__(self, article_id: str, suggestions: list[str]):
        self.article_id = article_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown article id {article_id!r}.{hint}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArticleSource(_Strict):
    """A page the article rests on; ``figures`` lists the body's numbers it backs.

    ``checked`` says whether someone read the page (or a verbatim copy of it) on ``as_of`` and confirmed
    that it supports what the article says with it; ``note`` records what it confirms, or why it could
    not be read. Only a checked source can back a figure, so every number in a body has been read.
    """

    url: str
    as_of: dt.date
    title: str | None = None
    figures: list[str] = Field(default_factory=list)
    checked: bool = False
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", v):
            raise ValueError(f"a source url must be an http(s) address, got {v!r}")
        return v

    @field_validator("note")
    @classmethod
    def _note(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("a note must not be empty (leave it out instead)")
        return " ".join(v.split()) if v else v

    @model_validator(mode="after")
    def _verified(self) -> ArticleSource:
        if self.figures and not self.checked:
            raise ValueError(f"figures {self.figures} need a checked source (checked: true, with a note saying "
                             "what the page confirms); a number from an unread page must leave the body")
        if self.checked and not self.note:
            raise ValueError("a checked source needs a note saying what the page confirms")
        return self


class Article(_Strict):
    """One concept article."""

    id: str
    title: str = Field(min_length=3)
    topic: str
    body: str
    questions: list[str] = Field(min_length=3, max_length=6)
    related: list[str] = Field(default_factory=list)
    tailor: list[Tailor] = Field(default_factory=list)
    sources: list[ArticleSource] = Field(min_length=1)

    @field_validator("id", "topic")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"must be lower-case letters, digits and hyphens, got {v!r}")
        return v

    @field_validator("body")
    @classmethod
    def _length(cls, v: str) -> str:
        n = len(v.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            raise ValueError(f"the body has {n} words; an article has {MIN_WORDS}-{MAX_WORDS}")
        return " ".join(v.split())

    @field_validator("questions")
    @classmethod
    def _questions(cls, v: list[str]) -> list[str]:
        if any(len(q.split()) < 2 for q in v):
            raise ValueError("each question needs at least two words")
        if len({q.strip().lower() for q in v}) != len(v):
            raise ValueError("duplicate questions")
        return v

    @model_validator(mode="after")
    def _figures_sourced(self) -> Article:
        if self.id in self.related:
            raise ValueError("an article cannot be related to itself")
        backed = {f for s in self.sources for f in s.figures}
        unbacked = sorted({n for n in body_numbers(self.body) if n not in backed})
        if unbacked:
            raise ValueError(f"number(s) in the body without a source: {unbacked} "
                             "(list each in the figures of the source that states it, or remove it)")
        stray = sorted(backed - set(body_numbers(self.body)))
        if stray:
            raise ValueError(f"source figures not in the body: {stray}")
        return self

    def text(self) -> str:
        """Title and body, for display and keyword search."""
        return f"{self.title}. {self.body}"


def body_numbers(body: str) -> list[str]:
    """The standalone numbers of a text ("256", "32x", "8,192", "50%"); digits inside words
    (int8, e5, BM25, nDCG@10) are names, not figures."""
    out = []
    for token in body.split():
        previous = None
        while token != previous:  # "96%)." needs both the bracket and the full stop removed
            previous, token = token, token.strip("()[]{}\"'`,;:!?").rstrip(".")
        if _NUMBER.match(token):
            out.append(token.lstrip("~≈<>+-"))
    return out


@dataclass
class Library:
    """All valid articles, by id, with the fingerprint of the files they came from."""

    articles: dict[str, Article]
    fingerprint: str
    problems: list[CardProblem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles.values())

    def get(self, article_id: str) -> Article:
        """The article ``article_id`` (case-insensitive); :class:`UnknownArticleError` with suggestions."""
        key = article_id.strip().lower()
        if key in self.articles:
            return self.articles[key]
        close = difflib.get_close_matches(key, list(self.articles), n=3, cutoff=0.5)
        contains = [a for a in self.articles if key and (key in a or a in key)]
        raise UnknownArticleError(article_id, list(dict.fromkeys(contains + close))[:3])


def article_files(articles_dir: Path = ARTICLES_DIR) -> list[Path]:
    """All article files under ``articles_dir``, sorted for determinism."""
    if not articles_dir.is_dir():
        return []
    return sorted(p for p in articles_dir.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def parse_article(text: str, name: str = "<article>") -> Article:
    """Parse and validate one article from YAML text; raise :class:`ArticleError` on any problem."""
    return parse_yaml_model(text, name, Article, ArticleError, "an article")


def load_article(path: Path) -> Article:
    """Load one article file; its name must be ``<id>.yaml``; errors name the file."""
    article = parse_article(read_text_file(path, ArticleError), str(path))
    if path.stem != article.id:
        raise ArticleError([CardProblem(str(path), "id", f"the file must be named {article.id}.yaml after its id")])
    return article


def validate_articles(articles_dir: Path = ARTICLES_DIR) -> tuple[dict[str, Article], list[CardProblem]]:
    """Validate every article file and the links between them; return the valid articles and every problem."""
    articles, paths, problems = load_unique(article_files(articles_dir), load_article, ArticleError, lambda a: a.id)
    known = set(articles)
    for article in articles.values():
        missing = [r for r in article.related if r not in known]
        if missing:
            problems.append(CardProblem(str(paths[article.id]), "related", f"unknown article id(s) {missing}"))
    return articles, problems


def load_library(articles_dir: Path = ARTICLES_DIR, strict: bool = False) -> Library:
    """Load and validate the articles; with ``strict`` raise :class:`ArticleError` on any problem, otherwise
    keep the valid ones and report the problems on the returned library."""
    files = article_files(articles_dir)
    articles, problems = validate_articles(articles_dir)
    if problems and strict:
        raise ArticleError(problems)
    return Library(articles, fingerprint(files, articles_dir), problems)
