#!/usr/bin/env bash
# End to end: the Playwright tests (tests/e2e/*.test.js) against dist/, served by with_site.sh.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
mkdir -p target/e2e
scripts/with_site.sh node --test --test-reporter=tap tests/e2e/
