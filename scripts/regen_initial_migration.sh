#!/usr/bin/env bash
# Regenerate migrations/versions/0001_initial.py from the models (before the first release only:
# once a release exists, add new revisions with `make migration m="..."` instead).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" scripts/autogenerate.py --initial
"$PY" -m ruff format -q migrations/versions
