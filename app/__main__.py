"""``python -m app``: serve the web app, the widget and the HTTP API (http://127.0.0.1:7860 by default).

Options override the ``EA_HOST`` / ``EA_PORT`` / ``EA_ROOT_PATH`` environment variables; every other
setting is an environment variable (``python -m app --env`` lists them with their defaults).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="Serve the Embedding Advisor web app.")
    parser.add_argument("--host", help="interface to listen on (EA_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (EA_PORT, default 7860)")
    parser.add_argument("--root-path", help="path prefix behind a reverse proxy, e.g. /advisor (EA_ROOT_PATH)")
    parser.add_argument("--env", action="store_true", help="list the configuration variables and exit")
    return parser


def print_env() -> None:
    from app.settings import variables

    for var in variables():
        print(f"{var.name}={var.default!s:<24} {var.doc}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.env:
        print_env()
        return 0
    from app.errors import ConfigError
    from app.settings import WILDCARD_ADDRESSES, apply_process_defaults, load_settings, parse_root_path

    try:
        web = load_settings()
        if args.root_path is not None:
            web = web.with_(root_path=parse_root_path(args.root_path))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    apply_process_defaults(web)  # before gradio and the models are imported
    web = web.with_(host=args.host or web.host, port=web.port if args.port is None else args.port)
    logging.basicConfig(level=web.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # the PDF writer's font subsetting is chatty

    import uvicorn

    from app.web.server import create_app

    app = create_app(web)
    if "*" in web.allowed_hosts:
        print("warning: EA_ALLOWED_HOSTS=* answers to any host name: a page on another domain that resolves to "
              "this machine (DNS rebinding) can then drive the app", file=sys.stderr)
    elif web.host in WILDCARD_ADDRESSES and not web.allowed_hosts:
        print("note: listening on every interface but answering only to localhost; set EA_ALLOWED_HOSTS to the "
              "names (or addresses) other machines use to reach this one", file=sys.stderr)
    shown = "localhost" if web.host in ("127.0.0.1", "0.0.0.0") else web.host
    print(f"Embedding Advisor on http://{shown}:{web.port}{web.root_path}/  (widget: {web.root_path}/widget, "
          f"API: {web.root_path}/api/openapi.json)", flush=True)
    # access_log off: our own middleware logs method, path, status and time without query strings.
    uvicorn.run(app, host=web.host, port=web.port, log_level=web.log_level, access_log=False,
                proxy_headers=True, root_path=web.root_path, timeout_graceful_shutdown=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
