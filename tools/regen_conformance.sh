#!/bin/sh
# Regenerate every tests/conformance/**/*.expected with the CPython 3.11 oracle.
# Each program runs twice (different PYTHONHASHSEED); a difference is an error.
# Never edit .expected files by hand. `--check` compares instead of writing.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ "${1:-}" = "--check" ]; then
    shift
    exec "$PY" tools/cpython_oracle.py --check "$@"
fi
exec "$PY" tools/cpython_oracle.py --regen "$@"
