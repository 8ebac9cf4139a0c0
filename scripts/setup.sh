#!/usr/bin/env bash
# Installs what is missing, and only that. Idempotent; offline once everything is present.
#   scripts/setup.sh serve   what `trunk serve` / `trunk build` need
#   scripts/setup.sh test    all of that, plus wasm-pack and Chromium for the browser tests
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

purpose="${1:-test}"
case "$purpose" in
serve | test) ;;
*) say "usage: scripts/setup.sh [serve|test]" >&2; exit 2 ;;
esac

need_command() { # name, how to get it
    if ! command -v "$1" >/dev/null 2>&1; then
        say "setup: $1 is missing. $2" >&2
        exit 1
    fi
}

# --- Debian packages: only root installs them; anyone else is told exactly what to run.
apt_missing=()
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3)
command -v gzip >/dev/null 2>&1 || apt_missing+=(gzip)
if [[ "$purpose" == test ]]; then
    [[ -x "$CHROMIUM" ]] || apt_missing+=(chromium)
    [[ -x "$CHROMEDRIVER" ]] || apt_missing+=(chromium-driver)
fi
if ((${#apt_missing[@]})); then
    if [[ "$(id -u)" != 0 ]]; then
        say "setup: missing system packages. Run:"
        say "sudo apt-get install -y ${apt_missing[*]}"
        exit 1
    fi
    say "setup: installing ${apt_missing[*]} (apt-get)"
    apt-get update -q
    apt-get install -y -q "${apt_missing[@]}"
else
    say "setup: python3, gzip present"
    [[ "$purpose" == test ]] && say "setup: chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}') and chromedriver present"
fi

# --- Rust toolchain and the wasm target.
need_command cargo "Install Rust with rustup: https://rustup.rs"
need_command rustup "Install Rust with rustup: https://rustup.rs"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "setup: rust target wasm32-unknown-unknown present"
else
    say "setup: installing rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
    if rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        say "setup: rust component $component present"
    else
        say "setup: installing rust component $component"
        rustup component add "$component"
    fi
done

# --- Cargo-installed tools, each only when missing or at the wrong version.
installed_version() { # command -> its version number, or nothing
    "$1" --version 2>/dev/null | awk '{print $2}' || true
}

if [[ "$(installed_version trunk)" == "$TRUNK_VERSION" ]]; then
    say "setup: trunk $TRUNK_VERSION present"
else
    say "setup: installing trunk $TRUNK_VERSION (cargo install, several minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [[ "$purpose" == test ]]; then
    have="$(installed_version wasm-pack)"
    if [[ -n "$have" ]]; then
        say "setup: wasm-pack $have present"
    else
        say "setup: installing wasm-pack $WASM_PACK_SERIES (cargo install, several minutes)"
        cargo install wasm-pack --version "~$WASM_PACK_SERIES"
    fi
fi

bindgen="$(lock_version wasm-bindgen)"
if [[ -z "$bindgen" ]]; then
    say "setup: Cargo.lock names no wasm-bindgen version" >&2
    exit 1
fi
if [[ "$(installed_version wasm-bindgen)" == "$bindgen" ]]; then
    say "setup: wasm-bindgen-cli $bindgen present"
else
    # Not --locked: one of its locked dependencies is gone from the registry.
    say "setup: installing wasm-bindgen-cli $bindgen (cargo install, several minutes)"
    cargo install wasm-bindgen-cli --version "$bindgen"
fi

# --- npm tools: binaryen's wasm-opt (for trunk --release) and playwright-core (e2e).
need_command node "Install Node.js 20 or newer (https://nodejs.org), then run this again."
need_command npm "Install Node.js 20 or newer (https://nodejs.org), then run this again."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
    say "setup: Node.js $(node --version) is too old; playwright-core needs 20 or newer." >&2
    exit 1
fi
wasm_opt_have="$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}' || true)"
playwright_want="$(node -p 'require("./package.json").devDependencies["playwright-core"]')"
playwright_have="$(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null || true)"
if [[ "$wasm_opt_have" == "$BINARYEN_VERSION" && "$playwright_have" == "$playwright_want" ]]; then
    say "setup: wasm-opt $BINARYEN_VERSION and playwright-core $playwright_have present (node_modules)"
else
    say "setup: installing npm packages (npm ci)"
    npm ci --prefer-offline --no-audit --no-fund
fi
say "setup: ready for $purpose"
