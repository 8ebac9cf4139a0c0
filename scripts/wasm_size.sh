#!/usr/bin/env bash
# Where the wasm's bytes go (printed by scripts/bench.sh after the dist/ sizes):
#  1. the app: trunk's wasm-bindgen output (it keeps the name section) optimised
#     like trunk does (wasm-opt -Oz) but with -g, so the code can be attributed to
#     crates, modules and functions by tools/wasm_size.py;
#  2. the engine alone: examples/engine_wasm.rs (everything the UI takes from the
#     engine, no Yew), release build, wasm-opt -Oz, gzip -9 (issue 3: ≤ 120 KB).
# Usage: scripts/wasm_size.sh [--no-engine]
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals)
out=target/wasm-size
mkdir -p "$out"

app=target/wasm-bindgen/release/awaitscope-web_bg.wasm
if [[ -f "$app" ]]; then
    if [[ ! "$out/app-named.wasm" -nt "$app" ]]; then
        wasm-opt -Oz -g "${WASM_OPT_FEATURES[@]}" -o "$out/app-named.wasm" "$app"
    fi
    say "bench: where the app's wasm bytes go (wasm-opt -Oz -g of $app)"
    python3 tools/wasm_size.py "$out/app-named.wasm" --top 15 --modules 15
else
    say "bench: no $app (run scripts/build.sh first): no size breakdown"
fi

if [[ "${1:-}" != "--no-engine" ]]; then
    cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features \
        --example engine_wasm
    raw=target/wasm32-unknown-unknown/release/examples/engine_wasm.wasm
    wasm-opt -Oz "${WASM_OPT_FEATURES[@]}" -o "$out/engine.wasm" "$raw"
    wasm-opt -Oz -g "${WASM_OPT_FEATURES[@]}" -o "$out/engine-named.wasm" "$raw"
    size=$(gzip -9 -c "$out/engine.wasm" | wc -c)
    awk -v s="$size" -v r="$(wc -c <"$out/engine.wasm")" 'BEGIN {
        printf "bench: the engine alone (examples/engine_wasm.rs, wasm-opt -Oz): %d B, gzip -9 %d B = %.1f KB of 120 KB\n", r, s, s / 1000 }'
    python3 tools/wasm_size.py "$out/engine-named.wasm" --top 10 --modules 12
fi
