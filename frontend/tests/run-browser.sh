#!/usr/bin/env bash
# Browser tests (make test-browser): start the real backend (harness.py), drive Debian's Chromium
# with playwright-core, save screenshots in frontend/test-output/, stop everything.
# Without a Chromium the tests are skipped with the reason, and the exit code is 0.
set -euo pipefail
cd "$(dirname "$0")/.."
FRONTEND="$(pwd)"
REPO="$(cd .. && pwd)"
PY="${PYTHON:-$REPO/.venv/bin/python}"

CHROMIUM_PATH="${CHROMIUM_PATH:-}"
if [ -z "$CHROMIUM_PATH" ]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then CHROMIUM_PATH="$candidate"; break; fi
  done
fi
if [ -z "$CHROMIUM_PATH" ] || [ ! -x "$CHROMIUM_PATH" ]; then
  echo "browser tests: SKIPPED — no Chromium found (looked for ${CHROMIUM_PATH:-/usr/bin/chromium}; install Debian's: apt-get install -y chromium)"
  exit 0
fi
if [ ! -d node_modules/playwright-core ]; then
  echo "browser tests: SKIPPED — node_modules/playwright-core is missing (run npm ci in frontend/)"
  exit 0
fi
if [ ! -f dist/index.html ] || [ -n "$(find src index.html vite.config.ts -newer dist/index.html -print -quit)" ]; then
  echo "browser tests: building the SPA first"
  npm run build --silent
fi
rm -rf test-output && mkdir -p test-output
export CHROMIUM_PATH PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "browser tests: $($CHROMIUM_PATH --version 2>/dev/null || echo chromium) against the real backend"
exec "$PY" tests/harness.py -- node tests/browser.mjs
