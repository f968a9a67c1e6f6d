"""The agents layer's errors: every error the advisor raises on purpose is an :class:`AdvisorError`.

The edge (CLI, web app, HTTP API) catches them and shows the message as is: each names the bad value
and, where there is a choice, the valid ones. ``ProfileError`` and ``SessionError`` are also
``ValueError`` (bad input); the trial's errors (``agents.trial.errors``) derive from :class:`TrialError`.
"""

from __future__ import annotations


class AdvisorError(Exception):
    """Base class for the errors of ``agents/``."""


class ProfileError(AdvisorError, ValueError):
    """A profile that cannot be used; the message names the field and the allowed values."""


class SessionError(AdvisorError, ValueError):
    """A serialised chat state that cannot be restored; the message names the bad key."""


class TrialError(AdvisorError):
    """Base class for trial errors that the CLI and UI turn into a one-line message."""
