#!/usr/bin/env bash
# Installs what is missing, then serves the app with live reload on http://127.0.0.1:8080/.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scripts/setup.sh serve
say "serve: open http://127.0.0.1:8080/ (Ctrl-C stops)"
exec trunk serve --offline "$@"
