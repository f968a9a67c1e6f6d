"""The app layer's errors: every error the edges raise on purpose is an :class:`AppError`.

Each one also derives from the builtin a caller would expect (``ValueError`` for a bad setting,
``OSError`` for a report that cannot be written, ``KeyError`` for an unknown session), and its message
says what is wrong and what to do. Errors from the layers below are ``agents.errors.AdvisorError`` and
``knowledge.errors.KnowledgeError``.
"""

from __future__ import annotations


class AppError(Exception):
    """Base class for the errors of ``app/``."""


class ConfigError(AppError, ValueError):
    """A setting with an unusable value; the message names the variable and what it accepts."""


class ReportError(AppError, OSError):
    """A report could not be written (disk full, no permission); the message says where and why."""


class PdfUnavailableError(AppError, RuntimeError):
    """fpdf2 is not installed; the message says how to get PDF export."""


class NotReadyError(AppError, RuntimeError):
    """The advisor is still loading (or failed to load); the message says which."""


class SessionLimitError(AppError, RuntimeError):
    """No new session now: the server holds its most sessions (``EA_MAX_SESSIONS``), or this client started its
    most in the last minute (:class:`SessionRateError`); ``retry_after`` says in how many seconds to try again."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class SessionRateError(SessionLimitError):
    """This client started more sessions than ``EA_SESSIONS_PER_MIN`` allows."""


class SessionNotFoundError(AppError, KeyError):
    """Unknown or expired session id; the message says how to start a new session."""

    def __init__(self, session_id: str):
        super().__init__(session_id)
        self.session_id = session_id

    def __str__(self) -> str:
        return (f"unknown or expired session id {self.session_id[:64]!r}; "
                "start a new session by sending the message without a session_id")
