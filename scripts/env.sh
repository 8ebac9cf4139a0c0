# Sourced by every script: repo root, tool paths, pinned versions. Not executable on its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# npm's wasm-opt (binaryen 132) must come first: Debian's binaryen cannot read current Rust wasm.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14"
WASM_PACK_SERIES="0.15"
BINARYEN_VERSION="132"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM CHROMEDRIVER

# Never wait for a person: CI has no stdin, and tools must not prompt.
export CARGO_TERM_PROGRESS_WHEN=never
export DEBIAN_FRONTEND=noninteractive
export NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false

# The wasm-bindgen version pinned in Cargo.lock (wasm-bindgen-cli must match it exactly).
lock_version() {
    awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

say() { printf '%s\n' "$*"; }
