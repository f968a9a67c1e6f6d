"""Demo samples with labelled queries, so a new user can try the trial in one click.

Each folder under ``samples/`` holds ``docs.jsonl`` (id, title, text), ``queries.jsonl`` (query,
relevant ids) and a README naming the licence. All were written by the Embedding Advisor team (CC0-1.0).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agents.trial.errors import TrialInputError
from agents.trial.inputs import Sample, TrialLimits, load_sample
from agents.trial.queries import Queries, load_queries

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"


@dataclass(frozen=True)
class DemoSample:
    """A ready-made sample: documents, labelled queries and what it shows."""

    name: str
    title: str
    description: str
    languages: tuple[str, ...]
    licence: str
    path: Path

    @property
    def docs_path(self) -> Path:
        return self.path / "docs.jsonl"

    @property
    def queries_path(self) -> Path:
        return self.path / "queries.jsonl"

    def load(self, limits: TrialLimits | None = None) -> tuple[Sample, Queries]:
        # Named after the demo, not the install path: a server's folders are nobody's business in a result.
        sample = load_sample(self.docs_path, name=f"{self.name}/{self.docs_path.name}", limits=limits)
        return sample, load_queries(self.queries_path, sample=sample, name=f"{self.name}/{self.queries_path.name}",
                                    limits=limits)


_DEMOS = (
    DemoSample("medical_faq", "Medical FAQ (English)",
               "50 health answers; 40 lay-language questions that paraphrase them with few shared words.",
               ("en",), "CC0-1.0", SAMPLES_DIR / "medical_faq"),
    DemoSample("product_catalogue", "Product catalogue (English, German, French, Spanish)",
               "40 product descriptions in four languages; 24 shopper queries, many in another language than "
               "the product text (cross-lingual).", ("en", "de", "fr", "es"), "CC0-1.0",
               SAMPLES_DIR / "product_catalogue"),
    DemoSample("code_snippets", "Code snippets (Python, JavaScript, SQL, shell)",
               "40 short functions and commands; 24 natural-language questions about what code does.",
               ("en",), "CC0-1.0", SAMPLES_DIR / "code_snippets"),
)


def demo_samples() -> list[DemoSample]:
    """The demo samples that are present on disk."""
    return [d for d in _DEMOS if d.docs_path.exists() and d.queries_path.exists()]


def demo_sample(name: str) -> DemoSample:
    """One demo sample by name; :class:`TrialInputError` lists the valid names."""
    for d in demo_samples():
        if d.name == name:
            return d
    raise TrialInputError(f"unknown demo sample {name!r}; valid: {', '.join(d.name for d in demo_samples())}")
