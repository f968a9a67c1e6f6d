"""The web server: FastAPI with the HTTP API, the compact widget at ``/widget`` and the full app at ``/``.

Both Gradio apps are mounted behind our own middlewares (see app/web/security.py), so the allowed hosts,
the request-size limit, the CORS allow-list, the frame-ancestors policy and basic auth apply to every
route, Gradio's included.
Gradio defers to a parent ``CORSMiddleware``, so its default "reflect any origin" never applies.
Importing this module loads gradio: the entry point applies the offline/private process defaults first
(``app.settings.apply_process_defaults``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from starlette.middleware.cors import CORSMiddleware

from app.settings import Settings
from app.web.api import build_router, validation_error
from app.web.runtime import Runtime
from app.web.security import (
    AccessLogMiddleware,
    BasicAuthMiddleware,
    BodyLimitMiddleware,
    GradioCallGuardMiddleware,
    HostGuardMiddleware,
    OriginGuardMiddleware,
    SecurityHeadersMiddleware,
)
from app.web.sessions import SessionStore

WIDGET_PATH = "/widget"
# Gradio's web-component loader (``<gradio-app>``); it imports ``./assets/index-*.js`` relative to itself.
WEB_COMPONENT_JS = Path(gr.__file__).parent / "templates" / "frontend" / "gradio.js"


def new_chat_state() -> object:
    """A fresh conversation state for an API session."""
    from agents.advisor import ChatState

    return ChatState()


def create_app(web: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """Build the whole web app (nothing is loaded until the server starts)."""
    from app.web.ui import THEME, UI_CSS, build_main
    from app.web.widget import WIDGET_CSS, build_widget

    web = web or Settings()
    runtime = runtime or Runtime()
    sessions = SessionStore(new_chat_state, ttl_s=web.session_ttl_s, max_sessions=web.max_sessions,
                            per_client_per_min=web.sessions_per_min)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        runtime.start()
        yield

    # The path prefix (EA_ROOT_PATH) is given to uvicorn (``root_path``), which puts it into every request's
    # scope the way Starlette's routing expects; Gradio gets it too, to build its public URLs.
    app = FastAPI(title="Embedding Advisor", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # Swagger/ReDoc pages load scripts from a CDN
                  openapi_url="/api/openapi.json",
                  description="Choose an embedding model: recommendations from sourced model cards, "
                              "chat sessions, reports. See docs/api.md.")
    app.state.runtime = runtime
    app.state.sessions = sessions
    app.state.web = web
    app.include_router(build_router(runtime, sessions, web.log_user_text))
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]

    @app.get(WIDGET_PATH, include_in_schema=False)
    def widget_slash(request: Request) -> RedirectResponse:
        return RedirectResponse(f"{request.scope.get('root_path', '')}{WIDGET_PATH}/")

    @app.get(WIDGET_PATH + "/gradio.js", include_in_schema=False, response_model=None)
    def web_component_script() -> FileResponse | JSONResponse:
        """The ``<gradio-app>`` script, served by this app instead of Gradio's public CDN (see docs/embed.md)."""
        if not WEB_COMPONENT_JS.is_file():
            return JSONResponse({"detail": "this Gradio build ships no web-component script; embed the <iframe>"}, 404)
        return FileResponse(WEB_COMPONENT_JS, media_type="text/javascript")

    common = dict(root_path=None, max_file_size=web.max_upload_bytes, enable_monitoring=False, ssr_mode=False,
                  footer_links=[], run_history=False, mcp_server=False, pwa=False, show_error=True,
                  theme=THEME)
    widget = build_widget(runtime, web).queue(default_concurrency_limit=web.concurrency, max_size=web.queue_size)
    main = build_main(runtime, web).queue(default_concurrency_limit=web.concurrency, max_size=web.queue_size)
    gr.mount_gradio_app(app, widget, path=WIDGET_PATH, css=WIDGET_CSS,
                        **{**common, "root_path": (web.root_path + WIDGET_PATH) if web.root_path else None})
    gr.mount_gradio_app(app, main, path="/", css=UI_CSS, **{**common, "root_path": web.root_path or None})

    # Added innermost first: the request passes log -> headers -> host guard -> body limit -> origin guard ->
    # CORS -> auth -> app. The host guard and the body limit run before any work; their refusals (and any
    # unexpected 500) still carry the security headers.
    app.add_middleware(GradioCallGuardMiddleware)
    if web.basic_auth:
        app.add_middleware(BasicAuthMiddleware, user=web.basic_auth[0], password=web.basic_auth[1])
    app.add_middleware(CORSMiddleware, allow_origins=list(web.allowed_origins), allow_credentials=True,
                       allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                       allow_headers=["content-type", "authorization", "x-gradio-user"], max_age=600)
    app.add_middleware(OriginGuardMiddleware, allowed=web.allowed_origins)
    app.add_middleware(BodyLimitMiddleware, max_bytes=web.max_request_bytes, upload_max_bytes=web.max_upload_bytes)
    app.add_middleware(HostGuardMiddleware, allowed=web.trusted_hosts)
    app.add_middleware(SecurityHeadersMiddleware, frame_ancestors=web.frame_ancestors)
    app.add_middleware(AccessLogMiddleware)
    return app
