#!/usr/bin/env bash
# Release build of the static site into dist/ (wasm-opt from node_modules, no downloads).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
trunk build --release --offline "$@"
