#!/usr/bin/env bash
# Quick start: install, build the knowledge index, and serve the web app on http://127.0.0.1:7860
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
.venv/bin/python -m app.cli kb build
exec .venv/bin/python -m app "$@"
