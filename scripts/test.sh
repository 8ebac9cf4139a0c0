#!/usr/bin/env bash
# Every test layer, in order. Each runner prints its own summary; a table of layers closes.
# Exits non-zero when any layer fails (a failed build skips the end-to-end layer).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

scripts/setup.sh test
mkdir -p target

results=()
failed=0
layer() { # name, command...
    local name="$1"
    shift
    say ""
    say "==> $name"
    local start=$SECONDS
    if "$@"; then
        results+=("ok    $name ($((SECONDS - start)) s)")
    else
        results+=("FAIL  $name ($((SECONDS - start)) s)")
        failed=1
    fi
}

layer "rustfmt" cargo fmt --check
layer "clippy (native)" cargo clippy --all-targets -- -D warnings
layer "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
layer "cargo test (native)" cargo test
# CHROMEDRIVER (exported by env.sh) points wasm-pack at Debian's chromedriver: no download.
layer "browser tests (wasm-pack, headless Chromium)" wasm-pack test --headless --chrome
layer "release build (trunk)" scripts/build.sh
if [[ -f dist/index.html && "${results[-1]}" == ok* ]]; then
    layer "end to end (Playwright, headless Chromium)" scripts/e2e.sh
else
    results+=("SKIP  end to end (no release build)")
    failed=1
fi

say ""
say "==> summary"
printf '  %s\n' "${results[@]}"
exit "$failed"
