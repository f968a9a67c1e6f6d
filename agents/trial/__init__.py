"""Quick embedding trial on the user's own sample: which candidate retrieves their documents best,
how fast it runs here, and what it costs to store. No gradio/app imports; torch loads lazily.

Public API: :func:`run_trial`, :func:`load_sample`, :func:`load_queries`, :func:`demo_samples`,
:class:`TrialResult` (``to_json`` / ``to_markdown``), :class:`TrialLimits`, :class:`ApiEndpoint`.
"""

from agents.trial.api import ApiEndpoint
from agents.trial.demos import DemoSample, demo_sample, demo_samples
from agents.trial.encoders import DEFAULT_CACHE, EmbeddingCache
from agents.trial.errors import TrialCancelled, TrialError, TrialInputError
from agents.trial.inputs import Document, Sample, TrialLimits, load_sample
from agents.trial.queries import Queries, Query, load_queries
from agents.trial.report import SystemResult, TrialResult
from agents.trial.runner import run_trial

__all__ = ["ApiEndpoint", "DEFAULT_CACHE", "DemoSample", "Document", "EmbeddingCache", "Queries", "Query", "Sample",
           "SystemResult", "TrialCancelled", "TrialError", "TrialInputError", "TrialLimits", "TrialResult",
           "demo_sample", "demo_samples", "load_queries", "load_sample", "run_trial"]
