#!/usr/bin/env bash
# Benchmarks: prints numbers, asserts nothing. Later issues add measures here.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ ! -f dist/index.html ]]; then
    scripts/setup.sh serve
    scripts/build.sh
fi

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

# Where those bytes go: code by crate/module/function, and the engine alone.
scripts/wasm_size.sh
