#!/usr/bin/env bash
# Install everything the tests need (pip packages, Debian chromium + chromedriver) and run the tests.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/knowledge -x
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium + chromedriver: browser tests; strace: the network guard's native-code check;
# fonts-dejavu-core: Unicode text in PDF reports.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v strace >/dev/null \
   || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver strace fonts-dejavu-core >/dev/null
fi
scripts/setup.sh requirements-dev.txt
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
