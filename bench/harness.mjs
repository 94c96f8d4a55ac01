// Shared by the benchmarks: the two browsers (one profile each, the e2e build of the extension
// with its bench probe widgets), the bare reference page, and how figures are summarised.
import { createReadStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { browserProcess } from '../test/e2e/harness/process-memory.mjs';
import chromiumFlags from '../test/e2e/harness/chromium-flags.json' with { type: 'json' };

export const SIGNALLING = 'http://127.0.0.1:8084';
// The e2e build: the shipped extension plus test-only widgets, among them the bench probes.
const DIST = join(process.cwd(), 'build/extension-e2e');

export function serveBarePage() {
  const files = {
    '/bare.html': 'bench/bare/bare.html',
    '/bare.js': 'bench/bare/bare.js',
    '/raw-channel.js': 'bench/bare/raw-channel.js',
    '/hop-echo.html': 'bench/bare/hop-echo.html',
    '/hop-echo.js': 'bench/bare/hop-echo.js',
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
  const userDataDir = mkdtempSync(join(tmpdir(), 'tfx-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--use-fake-device-for-media-stream', // one camera, at the fake device's default 20 fps
      ...chromiumFlags.flags,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host, pid: browserProcess(userDataDir) };
}

export const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

/** Clicks Join now on the extension's pre-join step; joining is timed from the click on. */
export async function joinNow(page) {
  await page.getByRole('button', { name: 'Join now' }).click({ timeout: 30_000 });
}

/**
 * Two people in a call on the extension's call page. Cameras go off on both sides unless
 * asked for (the bare reference runs audio only): a data-path figure must not measure the
 * video encoder competing with it for two cores.
 */
export async function openExtensionCall(first, second, room, { cameras = false } = {}) {
  const url = (person, name) =>
    `chrome-extension://${person.id}/src/call/call.html?room=${room}&name=${name}`;
  const a = await first.context.newPage();
  await a.goto(url(first, 'A'), { waitUntil: 'domcontentloaded' });
  await joinNow(a);
  await a.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 30_000 });
  const b = await second.context.newPage();
  await b.goto(url(second, 'B'), { waitUntil: 'domcontentloaded' });
  await joinNow(b);
  await a.locator('figure:not(.self) .state', { hasText: 'connected' }).waitFor();
  if (!cameras) {
    for (const page of [a, b]) await page.getByRole('button', { name: 'Turn camera off' }).click();
  }
  return [a, b];
}

/** The same two people on the bare reference page: a raw DataChannel, no extension. */
export async function bareCall(first, second, barePort, room) {
  const url = `http://127.0.0.1:${barePort}/bare.html?room=${room}&video=off&server=${encodeURIComponent(SIGNALLING)}`;
  const a = await first.context.newPage();
  await a.goto(url);
  await a.waitForFunction(() => document.title === 'joined', null, { timeout: 30_000 });
  const b = await second.context.newPage();
  await b.goto(url);
  await a.waitForFunction(() => globalThis.raw !== undefined, null, { timeout: 30_000 });
  await b.waitForFunction(() => globalThis.raw !== undefined, null, { timeout: 30_000 });
  return { pages: [a, b], raw: a };
}
