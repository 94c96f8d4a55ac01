#!/usr/bin/env bash
# `npm run bench`: builds, then measures inside a loopback-only network namespace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/e2e/ensure-system-packages.sh chromium:/usr/bin/chromium iproute2:/usr/sbin/ip redis-server:/usr/bin/redis-server
# The e2e build of the extension: it carries the bench probe widgets (test/fixtures).
npm run --silent build:server > /dev/null
TFX_BUILD=e2e npx vite build > /dev/null
TFX_BUILD=e2e npx vite build -c vite.web.config.ts > /dev/null # the web client, in the join bench
# The load bench opens 19,000 sockets from one process (and the servers as many).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(id -u)" = 0 ]; then netns=(unshare --net); else netns=(unshare --map-root-user --net); fi
exec "${netns[@]}" -- sh -c 'ip link set lo up && exec node bench/main.mjs'
