#!/usr/bin/env bash
# Serves dist/ on a free 127.0.0.1 port under /awaitscope/ (as on a documentation site,
# which proves the asset URLs are relative), with tests/e2e/docs-page.html beside it, and
# runs the given command with AWAITSCOPE_URL set to the app's URL. Stops the server after.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ ! -f dist/index.html ]]; then
    say "dist/ is missing; run scripts/build.sh first" >&2
    exit 1
fi

site=target/e2e-site
rm -rf "$site"
mkdir -p "$site"
ln -s "$ROOT/dist" "$site/awaitscope"
# A documentation page beside the app that embeds examples with embed.js.
cp tests/e2e/docs-page.html "$site/docs-page.html"
# A bare page (one line of text): the benchmark's control for what any first paint
# costs on this machine.
printf '<!doctype html><title>bare</title><p>A bare page.</p>\n' >"$site/bare.html"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 "$port" -d "$site" >target/e2e-server.log 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

# Wait (up to 10 s) until the server answers.
for _ in $(seq 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/awaitscope/', timeout=1)" 2>/dev/null; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { say "static server died:" >&2; cat target/e2e-server.log >&2; exit 1; }
    sleep 0.1
done

AWAITSCOPE_URL="http://127.0.0.1:$port/awaitscope/" "$@"
