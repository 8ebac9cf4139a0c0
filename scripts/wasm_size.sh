#!/usr/bin/env bash
# Where the wasm's bytes go (scripts/bench.sh prints this after the sizes):
#  - the app: trunk's wasm-bindgen output (it keeps the name section), optimised
#    like trunk does (wasm-opt -Os ...) but with -g, so tools/wasm_size.py can
#    attribute the code to crates, modules and functions;
#  - the engine alone, if its wasm was built (the engine_wasm example, which
#    scripts/bench.sh builds for the engine's own 120 KB budget).
# Each is skipped with a note when its input is missing. Usage: scripts/wasm_size.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals)
out=target/wasm-size
mkdir -p "$out"

breakdown() { # title, input wasm (with names), name of the -g copy, tool options...
    local title="$1" input="$2" named="$out/$3"
    shift 3
    if [[ ! -f "$input" ]]; then
        say "bench: $title: no $input (build it first)"
        return
    fi
    if [[ ! "$named" -nt "$input" ]]; then
        # The options of index.html (data-wasm-opt, data-wasm-opt-params), plus -g.
        wasm-opt -Os --converge --reorder-functions-by-name --low-memory-unused --one-caller-inline-max-function-size=20 -g \
            "${WASM_OPT_FEATURES[@]}" -o "$named" "$input"
    fi
    say "bench: where the bytes of $title go (wasm-opt -Os -g of $input)"
    python3 tools/wasm_size.py "$named" "$@"
}

breakdown "the app's wasm" target/wasm-bindgen/release/awaitscope-web_bg.wasm \
    app-named.wasm --top 15 --modules 15
breakdown "the engine alone" target/wasm32-unknown-unknown/wasm-release/examples/engine_wasm.wasm \
    engine-named.wasm --top 10 --modules 12
