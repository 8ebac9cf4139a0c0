#!/usr/bin/env bash
# Browser benchmarks (scripts/bench_browser.js) on the release build in dist/.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
scripts/with_site.sh node scripts/bench_browser.js
