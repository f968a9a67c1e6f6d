#!/usr/bin/env bash
# Create .venv and install the pinned requirements (idempotent; fast when already installed).
# Usage: scripts/setup.sh [requirements-file]
set -euo pipefail
cd "$(dirname "$0")/.."
REQ="${1:-requirements.txt}"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
STAMP=".venv/.installed-$(basename "$REQ")-$(cat requirements*.txt | sha1sum | cut -c1-12)"
if [ ! -f "$STAMP" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  # torch first and pinned: an unpinned torch would pull a multi-GB CUDA build.
  .venv/bin/python -m pip install --quiet "torch==2.13.0"
  .venv/bin/python -m pip install --quiet -r "$REQ"
  touch "$STAMP"
fi
