"""The promises the fuzzing areas check (see :mod:`eval.fuzzing`).

Each ``check_*`` takes one generated input and raises :class:`Violation` when a promise is broken without a
crash (a hard constraint dropped, an error that names no field, JSON the API cannot send); any other
exception it lets through is a crash of the product.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import reject

from eval import fuzz_inputs as fi

# Any single call slower than this is reported (a regex blow-up is a hang for the user). The robustness
# suite in eval measures it; unit tests set it to None (a wall clock under load is no test of behaviour).
SLOW_S: float | None = 5.0


class Violation(AssertionError):
    """A promise broken without an exception from the product."""




def printable(text: str) -> str:
    """``text`` with lone surrogates spelled as escapes, so it can be printed and written as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def describe(value: Any, limit: int = 160) -> Any:
    """A printable, bounded form of a generated input (huge strings shown by length and head)."""
    if isinstance(value, (str, bytes)) and len(value) > limit:
        head = printable(value[:limit]) if isinstance(value, str) else value[:limit]
        return f"<{len(value):,} {'chars' if isinstance(value, str) else 'bytes'}: {head!r}...>"
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, (list, tuple)):
        return [describe(v, limit) for v in value]
    if isinstance(value, dict):
        return {describe(k, limit): describe(v, limit) for k, v in value.items()}
    if hasattr(value, "model_dump"):
        return {k: v for k, v in value.model_dump().items() if v is not None}
    return value


def _timed(fn: Callable[[], Any], what: str) -> Any:
    start = time.perf_counter()
    out = fn()
    if SLOW_S is not None and time.perf_counter() - start > SLOW_S:
        raise Violation(f"{what} took {time.perf_counter() - start:.1f} s (> {SLOW_S} s)")
    return out


# -- chat ---------------------------------------------------------------------------------------------------------
def check_extract(args: tuple[Any, tuple[str, ...], str]) -> None:
    """extract never raises; what it returns fits the profile."""
    from agents.profile import PROFILE_FIELDS, Profile
    from agents.understand.extract import extract

    profile, expecting, message = args
    ex = _timed(lambda: extract(message, profile, expecting), "extract")
    Profile.model_validate(ex.apply(profile).model_dump())
    if not set(ex.updates) | set(ex.cleared) <= set(PROFILE_FIELDS):
        raise Violation(f"unknown fields in {sorted(set(ex.updates) | set(ex.cleared))}")
    if not all(isinstance(n, str) for n in ex.notes):
        raise Violation("a note is not text")


def check_stray_numbers(message: str) -> None:
    """Asked how many documents, a number in code, markup or an identifier never adds to the counted ones."""
    from agents.profile import Profile
    from agents.understand.extract import extract

    ex = _timed(lambda: extract(message, Profile(), ("documents",)), "extract")
    if ex.updates.get("documents") != 2_000_000:
        raise Violation(f"documents {ex.updates.get('documents')}, expected 2,000,000 (notes {ex.notes})")


def kept_constraints(before: Any, after: Any) -> list[str]:
    """Hard constraints of ``before`` that ``after`` dropped or relaxed."""
    lost = []
    if before.privacy == "local_only" and after.privacy != "local_only":
        lost.append(f"privacy local_only -> {after.privacy}")
    if before.commercial_use is True and after.commercial_use is not True:
        lost.append(f"commercial_use true -> {after.commercial_use}")
    missing = set(before.languages or []) - set(after.languages or [])
    if missing:
        lost.append(f"languages lost {sorted(missing)} ({before.languages} -> {after.languages})")
    return lost


def check_hard_constraints(args: tuple[Any, tuple[str, ...], str]) -> None:
    """Text that is not an explicit correction never drops privacy, commercial use or a language."""
    from agents.understand.extract import extract

    profile, expecting, message = args
    ex = _timed(lambda: extract(message, profile, expecting), "extract")
    lost = kept_constraints(profile, ex.apply(profile))
    if lost:
        raise Violation(f"{'; '.join(lost)} (evidence {ex.evidence}, flags {ex.flags})")


@dataclass
class Context:
    """What the chat and recommendation areas run against (a real knowledge base and advisor)."""

    advisor: Any
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="fuzz-")))


def check_turn(ctx: Context) -> Callable[[Any], None]:
    def check(args: tuple[Any, tuple[str, ...], str]) -> None:
        """A whole chat turn: never raises, keeps state and hard constraints, returns a reply."""
        from agents.advisor import ChatState

        profile, expecting, message = args
        state = ChatState(profile=profile, asked=expecting, pending=expecting,
                          history=({"role": "user", "text": "earlier"}, {"role": "assistant", "text": "reply"}), turns=1)
        result = _timed(lambda: ctx.advisor.turn(state, message), "Advisor.turn")
        new = result.state
        if not isinstance(result.reply, str) or not result.reply.strip():
            raise Violation("empty reply")
        if message.replace("\x00", "").strip():
            if new.turns != 2 or new.history[:2] != state.history or [h["role"] for h in new.history[2:]] != [
                    "user", "assistant"]:
                raise Violation(f"state not carried over: turns {new.turns}, history {describe(list(new.history))}")
        elif new is not state:
            raise Violation("an empty message changed the state")
        lost = kept_constraints(profile, new.profile)
        if lost:
            raise Violation("; ".join(lost))
        if ChatState.from_dict(json.loads(json.dumps(new.to_dict()))).to_dict() != json.loads(json.dumps(new.to_dict())):
            raise Violation("the state does not survive a JSON round trip")
    return check


def check_turn_json(ctx: Context) -> Callable[[Any], None]:
    def check(args: tuple[Any, tuple[str, ...], str]) -> None:
        """What a turn returns can be sent by the HTTP API (strict JSON, UTF-8)."""
        from agents.advisor import ChatState

        profile, expecting, message = args
        result = _timed(lambda: ctx.advisor.turn(ChatState(profile=profile, pending=expecting), message), "Advisor.turn")
        try:
            json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False).encode("utf-8")
        except (ValueError, UnicodeEncodeError) as exc:
            raise Violation(f"the turn's JSON cannot be sent: {type(exc).__name__}: {exc} "
                            f"(profile {describe(result.state.profile)})") from None
    return check


def check_recommend(ctx: Context) -> Callable[[Any], None]:
    def check(profile: Any) -> None:
        """Any valid profile: a recommendation, strict JSON for the API, and the three report formats."""
        from app.report.render import render_html, render_json, render_markdown

        rec = _timed(lambda: ctx.advisor.recommend(profile), "Advisor.recommend")
        data = rec.to_dict()
        try:
            json.dumps(data, allow_nan=False)
        except ValueError as exc:
            raise Violation(f"recommendation JSON is not strict JSON ({exc}); the API answers 500") from None
        render_markdown(data)
        render_json(data)
        render_html(data, lookup=ctx.advisor.kb.get)
    return check


def check_extreme_profile(ctx: Context) -> Callable[[Any], None]:
    recommend = check_recommend(ctx)

    def check(data: dict[str, Any]) -> None:
        """Extreme numbers: refused with a ProfileError naming each non-finite field, else a strict-JSON recommendation."""
        from agents.profile import ProfileError, parse_profile

        bad = [k for k, v in data.items() if isinstance(v, float) and not math.isfinite(v)]
        try:
            profile = parse_profile(data)
        except ProfileError as exc:
            unnamed = [k for k in bad if repr(k) not in str(exc)]
            if unnamed:
                raise Violation(f"the error does not name the non-finite field(s) {unnamed}: {exc}") from None
            return
        if bad:
            raise Violation(f"the profile accepts non-finite values in {bad}")
        recommend(profile)
    return check


# -- profiles ------------------------------------------------------------------------------------------------------
def _profile_error_names_fields(data: Any, message: str) -> None:
    from agents.profile import Profile, allowed_values

    if not isinstance(data, dict):
        if "expected a mapping" not in message:
            raise Violation(f"error for a non-mapping does not say a mapping is expected: {message}")
        return
    for key, value in data.items():
        try:
            Profile.model_validate({key: value})
        except Exception:  # noqa: BLE001 - this field alone is invalid: the message must name it
            if repr(str(key)) not in message:
                raise Violation(f"invalid field {str(key)!r} not named in: {message[:300]}") from None
            if isinstance(key, str) and key in Profile.model_fields and allowed_values(key) and "allowed:" not in message:
                raise Violation(f"allowed values of {key!r} not listed in: {message[:300]}") from None


def check_profile(data: Any) -> None:
    """parse_profile raises only ProfileError, naming every invalid field (and the allowed values)."""
    from agents.profile import ProfileError, parse_profile

    try:
        parse_profile(data)
    except ProfileError as exc:
        _profile_error_names_fields(data, str(exc))


def check_profile_file(scratch: Path) -> Callable[[bytes], None]:
    def check(content: bytes) -> None:
        """A profile file of any bytes: a Profile, or ProfileError naming the file."""
        from agents.profile import ProfileError
        from app.cli.advisor import load_profile_file

        path = scratch / "profile.yaml"
        path.write_bytes(content)
        try:
            load_profile_file(path)
        except ProfileError as exc:
            if str(path) not in str(exc):
                raise Violation(f"error does not name the file: {exc}") from None
    return check


# -- cards -----------------------------------------------------------------------------------------------------------
def check_card(texts: list[str], scratch: Path) -> Callable[[Any], None]:
    def check(args: tuple[int, list[tuple[str, int, Any]]]) -> None:
        """A mutated real card: a Card or CardError naming the file and a field; validate_dir agrees."""
        from knowledge.cards import CardError, load_card, validate_dir

        index, ops = args
        try:
            mutated, _ = fi.mutate_card(texts[index % len(texts)], ops)
        except Exception:  # noqa: BLE001 - the harness could not build this mutation (e.g. YAML cannot emit it)
            reject()
        folder = scratch / "cards"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "mutated.yaml"
        path.write_bytes(mutated if isinstance(mutated, bytes) else mutated.encode("utf-8", "surrogatepass"))
        try:
            _timed(lambda: load_card(path), "load_card")
            valid = True
        except CardError as exc:
            valid = False
            for p in exc.problems:
                if p.file != str(path) or not p.field or not p.reason:
                    raise Violation(f"problem does not name file, field and reason: {p}") from None
            if str(path) not in str(exc):
                raise Violation(f"message does not name the file: {exc}") from None
        cards, problems = validate_dir(folder)
        if valid != bool(cards) or valid == any(p.file == str(path) for p in problems):
            raise Violation(f"validate_dir disagrees with load_card: {len(cards)} card(s), problems {problems[:2]}")
    return check


# -- trial samples -------------------------------------------------------------------------------------------------------
SAMPLE_LIMITS = dict(max_docs=20, max_queries=20, max_doc_bytes=500)


def _input_error(exc: Any, source: str, data: bytes) -> None:
    if source not in str(exc):
        raise Violation(f"error does not name the file {source!r}: {exc}")
    lines = data.count(b"\n") + 2
    if exc.line is not None and not 1 <= exc.line <= max(lines, 2) * 4:  # UTF-16/32 count differently
        raise Violation(f"line {exc.line} out of range (file has ~{lines} lines): {exc}")
    if exc.column is not None and exc.column < 1:
        raise Violation(f"column {exc.column} < 1: {exc}")


def check_sample(args: tuple[str, bytes, dict[str, str | None]]) -> None:
    """load_sample on any file: a valid Sample or TrialInputError naming file (line, column)."""
    from agents.trial import TrialInputError, TrialLimits, load_sample

    name, data, cols = args
    limits = TrialLimits(**SAMPLE_LIMITS)
    try:
        sample = _timed(lambda: load_sample(data=data, name=name, limits=limits, **cols), "load_sample")
    except TrialInputError as exc:
        _input_error(exc, name, data)
        return
    ids = [d.id for d in sample.documents]
    if not 1 <= len(ids) <= limits.max_docs or len(set(ids)) != len(ids):
        raise Violation(f"{len(ids)} documents, {len(set(ids))} distinct ids")
    for d in sample.documents:
        if not isinstance(d.text, str) or not d.text or len(d.text.encode("utf-8", "surrogatepass")) > limits.max_doc_bytes:
            raise Violation(f"document {d.id!r} text is empty, not text or over the cap")


_QUERY_SAMPLE: list[Any] = []


def check_queries(args: tuple[str, bytes]) -> None:
    """load_queries on any file: Queries whose relevant ids are in the sample, or TrialInputError naming the file."""
    from agents.trial import Sample, TrialInputError, TrialLimits, load_queries

    if not _QUERY_SAMPLE:
        _QUERY_SAMPLE.append(Sample.from_texts(["first document text here, long enough", "second document", "third"]))
    sample = _QUERY_SAMPLE[0]
    name, data = args
    try:
        queries = _timed(lambda: load_queries(data=data, name=name, sample=sample,
                                              limits=TrialLimits(**SAMPLE_LIMITS)), "load_queries")
    except TrialInputError as exc:
        _input_error(exc, name, data)
        return
    ids = set(sample.ids)
    if not queries.items or any(not q.relevant or not set(q.relevant) <= ids for q in queries.items):
        raise Violation(f"queries with no or unknown relevant ids: {queries.items[:2]}")
