// Shared by the benchmarks: the two browsers (one profile each, the e2e build of the extension
// with its bench probe widgets), the bare reference page, and how figures are summarised.
import { createReadStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import chromiumFlags from '../test/e2e/harness/chromium-flags.json' with { type: 'json' };

export const SIGNALLING = 'http://127.0.0.1:8084';
// The e2e build: the shipped extension plus test-only widgets, among them the bench probes.
const DIST = join(process.cwd(), 'build/extension-e2e');

export function serveBarePage() {
  const files = {
    '/bare.html': 'bench/bare/bare.html',
    '/bare.js': 'bench/bare/bare.js',
    '/raw-channel.js': 'bench/bare/raw-channel.js',
    '/socket.io.esm.min.js': 'node_modules/socket.io-client/dist/socket.io.esm.min.js',
  };
  const types = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function launch() {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'tfx-bench-')),
    {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        `--disable-extensions-except=${DIST}`,
        `--load-extension=${DIST}`,
        '--use-fake-device-for-media-stream', // one camera at its default 30 fps, as a person has
        ...chromiumFlags.flags,
      ],
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
