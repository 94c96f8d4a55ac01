#!/usr/bin/env bash
# Runs the real-browser tests: installs Debian's Chromium when missing, builds the extension,
# then runs the tests inside a fresh network namespace that has only loopback, so that WebRTC,
# the signalling server and the browsers talk over 127.0.0.1 and nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run --silent test:setup
TFX_BUILD=e2e npx vite build > /dev/null
TFX_BUILD=e2e npx vite build -c vite.web.config.ts > /dev/null
TFX_BUILD=e2e npx vite build -c vite.embed.config.ts > /dev/null # the web client, with the same test widgets
npm run --silent build:server # some tests run the server as its own process, to kill it
npm run --silent build:sdk > /dev/null # the web app fixture loads the standalone SDK
if [ "$(id -u)" = 0 ]; then netns=(unshare --net); else netns=(unshare --map-root-user --net); fi
exec "${netns[@]}" -- sh -c 'ip link set lo up && exec npx vitest run --config vitest.e2e.config.ts "$@"' sh "$@"
