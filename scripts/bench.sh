#!/usr/bin/env bash
# Benchmarks: prints numbers, asserts nothing (machines are shared and noisy: compare
# ratios within one run). Transfer size; the engine natively; its own wasm; the browser.
# Engine figures: examples/bench.rs (task switches vs python3, built-in examples)
# and examples/engine_wasm.rs (the engine's own wasm size).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# Always the release build: `trunk serve` leaves a debug build in dist/.
scripts/setup.sh serve
scripts/build.sh

budget_kb=250
say "bench: transfer size of dist/ (gzip -9), budget ${budget_kb} KB"
total=0
while IFS= read -r file; do
    size=$(gzip -9 -c "$file" | wc -c)
    total=$((total + size))
    printf '  %10d B  %s\n' "$size" "${file#dist/}"
done < <(find dist -type f | sort)
verdict="within budget"
((total <= budget_kb * 1000)) || verdict="OVER BUDGET"
awk -v t="$total" -v b="$budget_kb" -v v="$verdict" \
    'BEGIN { printf "  %10d B  total: %.1f KB of %d KB (1 KB = 1000 B), %s\n", t, t / 1000, b, v }'

# The engine natively: task switches against python3 in the same run, and the
# time to parse + compile + run every built-in example (examples/bench.rs).
native="$(cargo run --quiet --release --example bench)"
say "$native"
cpython_switches="$(awk '/switches\/s  Python/ { print $1; exit }' <<<"$native")"

# The engine's own wasm (no chart, no Yew: examples/engine_wasm.rs), as shipped:
# release profile, wasm-opt as the app (-Os …) when available, gzip -9.
engine_budget_kb=120
cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --example engine_wasm
engine_wasm=target/wasm32-unknown-unknown/wasm-release/examples/engine_wasm.wasm
optimized="$engine_wasm"
if command -v wasm-opt > /dev/null; then
    optimized=target/engine_wasm.opt.wasm
    # The app's wasm-opt options (index.html: data-wasm-opt, data-wasm-opt-params).
    wasm-opt -Os --converge --reorder-functions-by-name --low-memory-unused --one-caller-inline-max-function-size=20 \
        --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --strip-debug --strip-producers \
        "$engine_wasm" -o "$optimized"
    how="wasm-opt -Os as the app, gzip -9"
else
    how="no wasm-opt on PATH, gzip -9"
fi
engine_size=$(gzip -9 -c "$optimized" | wc -c)
verdict="within budget"
((engine_size <= engine_budget_kb * 1000)) || verdict="OVER BUDGET"
say "bench: the engine's own wasm ($how), budget ${engine_budget_kb} KB"
awk -v t="$engine_size" -v raw="$(wc -c < "$optimized")" -v b="$engine_budget_kb" -v v="$verdict" \
    'BEGIN { printf "  %10d B  engine_wasm.wasm (%d B before gzip): %.1f KB of %d KB, %s\n", t, raw, t / 1000, b, v }'

# In headless Chromium on the release build: navigation → first chart, task switches
# (against the CPython figure above), timer lateness, macrotask yields, a 10,000-task draw.
scripts/setup.sh test >/dev/null
say "bench: in headless Chromium (dist/ served on 127.0.0.1)"
AWAITSCOPE_CPYTHON_SWITCHES="$cpython_switches" scripts/bench_browser.sh

# Where those bytes go: code by crate/module/function, and the engine alone.
scripts/wasm_size.sh
