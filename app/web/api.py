"""The HTTP API: ``/health``, ``POST /api/recommend``, ``POST /api/chat`` and session routes.

JSON in, JSON out; every error is a JSON ``{"detail": ...}`` with the right status (400 malformed or nested
too deeply, 404 unknown session, 413 too large (app/web/security.py), 422 invalid request naming the field
and, for a profile, the allowed values — never repeating what was sent, 429 too many new sessions from one
client, 503 still loading or no session free). User text is never logged unless ``EA_LOG_USER_TEXT`` is on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agents.limits import MAX_JSON_DEPTH, MAX_MESSAGE_CHARS, nesting_depth
from agents.profile import PROFILE_FIELDS, Profile, ProfileError, allowed_values, parse_profile
from agents.understand.prep import clean_text
from app.errors import NotReadyError, SessionLimitError, SessionNotFoundError, SessionRateError
from app.web.messages import message_text
from app.web.runtime import Runtime
from app.web.sessions import SessionStore

log = logging.getLogger(__name__)


class TextBlock(BaseModel):
    """A content block in the messages format (Gradio / OpenAI style)."""

    model_config = ConfigDict(extra="ignore")
    type: Literal["text"]
    text: str


class ChatRequest(BaseModel):
    """One user message (a string, or a list of text blocks); omit ``session_id`` to start a new conversation."""

    model_config = ConfigDict(extra="forbid")
    message: str | list[TextBlock] = Field(description="What the user says: a string or [{type: text, text}] blocks.")
    session_id: str | None = Field(default=None, description="From a previous reply; omit to start a session.")

    @field_validator("message")
    @classmethod
    def _length(cls, v: str | list[TextBlock]) -> str:
        # A JSON "\\ud800" escape decodes to a lone surrogate: replace it here, or every later render fails.
        text = clean_text(message_text([b.model_dump() for b in v] if isinstance(v, list) else v)).strip()
        if not text:
            raise ValueError("the message is empty")
        if len(text) > MAX_MESSAGE_CHARS:
            raise ValueError(f"the message has {len(text)} characters; the limit is {MAX_MESSAGE_CHARS}")
        return text


class ChatReply(BaseModel):
    """The advisor's answer and the conversation state after the turn."""

    session_id: str
    reply: str = Field(description="Markdown reply.")
    questions: list[dict[str, Any]] = Field(description="Follow-up questions: field, text, choices.")
    profile: dict[str, Any] = Field(description="The needs profile so far (known fields only).")
    recommendation: dict[str, Any] | None = Field(description="Same JSON as `python -m app.cli recommend`, once ready.")
    steps: list[Any] = Field(default_factory=list, description="What the advisor did (retrieval, filters).")
    notes: list[Any] = Field(default_factory=list)
    turns: int
    intent: str | None = Field(default=None, description="What the message was read as: needs, model_question, "
                               "comparison, cost_question, concept_question, process_question or other.")
    answer: dict[str, Any] | None = Field(default=None, description="A question's answer: kind, text, facts, "
                                          "sources, models, found (null for a needs message).")


def profile_problems(data: Any) -> list[dict[str, Any]]:
    """Structured profile errors: field, message and (for enumerated fields) the allowed values."""
    if not isinstance(data, dict):
        return [{"field": None, "message": f"expected a JSON object of field: value, got {type(data).__name__}",
                 "valid_fields": list(PROFILE_FIELDS)}]
    try:
        Profile.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            field = str(err["loc"][0]) if err["loc"] else None
            item: dict[str, Any] = {"field": field, "message": err["msg"]}
            if err["type"] == "extra_forbidden":
                item["message"] = f"unknown field {field!r}"
                item["valid_fields"] = list(PROFILE_FIELDS)
            elif field in Profile.model_fields and allowed_values(field):
                item["allowed"] = allowed_values(field)
            out.append(item)
        return out
    return []


def parse_json_body(body: bytes) -> Any:
    """A request body as JSON, with clear 400 errors: empty, malformed, or nested deeper than
    :data:`agents.limits.MAX_JSON_DEPTH` (the size limit is the middleware's)."""
    if not body.strip():
        raise HTTPException(400, "empty request body; send a JSON object")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(400, f"request body is not valid JSON: {exc}") from None
    except RecursionError:  # deeper than the parser can go
        data = None
        depth = MAX_JSON_DEPTH + 1
    else:
        depth = nesting_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise HTTPException(400, f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep (the limit); a request "
                                 "needs a few levels")
    return data


async def read_json(request: Request) -> Any:
    """The request body as JSON (see :func:`parse_json_body`)."""
    return parse_json_body(await request.body())


class _JsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_json_body(await self.body())
        return self._json


class JsonRoute(APIRoute):
    """Routes whose JSON bodies FastAPI parses go through :func:`parse_json_body` too, so a deeply nested
    or malformed body gets the same clear 400 on every route."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            return await handler(_JsonRequest(request.scope, request.receive))
        return route


def _union_tag(part: object) -> bool:
    """A location part naming a member of a union type ("str", "list[TextBlock]"), not a field."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "bool", "dict", "list", "none"))


async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each field, its problem and the error type, and never the value that was sent (a 100 MB
    message must not come back as a 100 MB answer, nor be shown to anyone who sees the response)."""
    errors = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body" and not _union_tag(p)) or None,
               "message": str(e.get("msg", "invalid")), "type": str(e.get("type", ""))} for e in exc.errors()][:20]
    shown = "; ".join(f"field {e['field']!r}: {e['message']}" for e in errors[:3]) or "invalid"
    return JSONResponse({"detail": f"invalid request: {shown}", "errors": errors}, status_code=422)


def turn_payload(session_id: str, result: Any, turns: int) -> dict[str, Any]:
    """A TurnResult as the JSON the API returns."""
    state = result.state
    rec = result.recommendation
    profile = getattr(state, "profile", None)
    return {
        "session_id": session_id,
        "reply": result.reply,
        "questions": [_question(q) for q in (result.questions or [])],
        "profile": profile.known() if isinstance(profile, Profile) else {},
        "recommendation": rec.to_dict() if rec is not None else None,
        "steps": _plain(list(result.steps or [])),
        "notes": _plain(list(result.notes or [])),
        "turns": turns,
        "intent": getattr(result, "intent", None),          # what the message was read as (issue 14)
        "answer": _plain(getattr(result, "answer", None)),  # a question's answer: kind, text, facts, sources
    }


def _question(q: Any) -> dict[str, Any]:
    if isinstance(q, dict):
        return q
    return {"field": getattr(q, "field", None), "text": getattr(q, "text", str(q)),
            "choices": list(getattr(q, "choices", None) or [])}


def _plain(value: Any) -> Any:
    """Dataclasses and other objects made JSON-safe."""
    return json.loads(json.dumps(value, default=lambda o: o.to_dict() if hasattr(o, "to_dict")
                                 else getattr(o, "__dict__", str(o))))


def build_router(runtime: Runtime, sessions: SessionStore, log_user_text: bool = False) -> APIRouter:
    """The API routes, bound to one runtime and one session store."""
    router = APIRouter(route_class=JsonRoute)

    def advisor() -> Any:
        try:
            return runtime.wait(timeout=60)
        except NotReadyError as exc:
            raise HTTPException(503, str(exc)) from None

    @router.get("/health", tags=["operations"], summary="Readiness: 200 once the knowledge base is loaded")
    def health() -> JSONResponse:
        status = runtime.status()
        status["sessions"] = len(sessions)
        return JSONResponse(status, status_code=200 if status["status"] == "ok" else 503)

    @router.post("/api/recommend", tags=["advisor"], summary="Recommend models for a needs profile",
                 openapi_extra={"requestBody": {"required": True, "content": {
                     "application/json": {"schema": Profile.model_json_schema()}}}},
                 responses={400: {"description": "Malformed JSON"}, 422: {"description": "Invalid profile field"}})
    async def recommend(request: Request, top: int = Query(3, ge=1, le=10)) -> JSONResponse:
        data = await read_json(request)
        problems = profile_problems(data)
        if problems:
            first = problems[0]
            hint = f" (allowed: {', '.join(first['allowed'])})" if first.get("allowed") else ""
            return JSONResponse({"detail": f"invalid profile: field {first['field']!r}: {first['message']}{hint}",
                                 "errors": problems}, status_code=422)
        try:
            profile = parse_profile(data, "request body")
        except ProfileError as exc:  # pragma: no cover - profile_problems found nothing
            return JSONResponse({"detail": str(exc), "errors": []}, status_code=422)
        adv = advisor()
        from starlette.concurrency import run_in_threadpool

        rec = await run_in_threadpool(adv.recommend, profile, top)
        return JSONResponse(_plain(rec.to_dict()))

    @router.post("/api/chat", tags=["advisor"], response_model=ChatReply,
                 summary="Send a message; omit session_id to start a conversation",
                 responses={404: {"description": "Unknown or expired session id"},
                            429: {"description": "Too many new sessions from this client (Retry-After)"},
                            503: {"description": "Still loading, or no session free (Retry-After)"}})
    def chat(body: ChatRequest, request: Request) -> dict[str, Any]:
        adv = advisor()
        if log_user_text:
            log.info("chat message: %r", body.message)
        try:
            with sessions.use(body.session_id, request.client.host if request.client else "") as session:
                result = adv.turn(session.state, body.message)
                session.state = result.state
                return turn_payload(session.id, result, session.turns + 1)
        except SessionNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        except SessionLimitError as exc:
            status = 429 if isinstance(exc, SessionRateError) else 503
            raise HTTPException(status, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None

    @router.get("/api/chat/{session_id}", tags=["advisor"], summary="The state of a conversation")
    def get_session(session_id: str) -> dict[str, Any]:
        try:
            session = sessions.get(session_id)
        except SessionNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        with session.lock:
            profile = getattr(session.state, "profile", None)
            return {"session_id": session.id, "turns": session.turns,
                    "profile": profile.known() if isinstance(profile, Profile) else {},
                    "state": _plain(session.state.to_dict())}

    @router.delete("/api/chat/{session_id}", tags=["advisor"], status_code=204, summary="End a conversation")
    def delete_session(session_id: str) -> Response:
        try:
            sessions.delete(session_id)
        except SessionNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(status_code=204)

    @router.get("/api/chat/{session_id}/report", tags=["advisor"], summary="The conversation's report")
    def session_report(session_id: str, format: Literal["md", "html", "json", "pdf"] = "md") -> Response:
        from app.report.render import report_for_state

        try:
            session = sessions.get(session_id)
        except SessionNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        with session.lock:
            adv = advisor()
            try:
                body, media = report_for_state(adv, session.state, format)
            except LookupError as exc:
                raise HTTPException(409, str(exc)) from None
        return Response(body, media_type=media,
                        headers={"content-disposition": f'attachment; filename="embedding-advice.{format}"'})

    return router
